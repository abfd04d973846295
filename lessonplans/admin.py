from django.contrib import admin

from lessonplans.models import LessonPlan, Series, Stage


class LessonInline(admin.TabularInline[LessonPlan, Series]):
    model = LessonPlan
    extra = 0
    fields = ["order", "topic", "date"]
    show_change_link = True


class StageInline(admin.TabularInline[Stage, LessonPlan]):
    model = Stage
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin[Series]):
    list_display = ["title", "network", "subject", "grade", "status"]
    list_filter = ["network", "status"]
    search_fields = ["title", "unit"]
    autocomplete_fields = ["authors"]
    raw_id_fields = ["group", "collection", "material", "created_by"]
    inlines = [LessonInline]


@admin.register(LessonPlan)
class LessonPlanAdmin(admin.ModelAdmin[LessonPlan]):
    list_display = ["topic", "series", "order", "date"]
    search_fields = ["topic"]
    raw_id_fields = ["series", "teacher", "material", "updated_by"]
    inlines = [StageInline]
