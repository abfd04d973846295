from django.contrib import admin

from observations.models import Criterion, CriterionLevel, Lesson, Observation, ObservationForm, ObservationScore


class CriterionInline(admin.TabularInline[Criterion, ObservationForm]):
    model = Criterion
    extra = 0


@admin.register(ObservationForm)
class ObservationFormAdmin(admin.ModelAdmin[ObservationForm]):
    list_display = ["name", "network", "created_at"]
    search_fields = ["name", "network__name"]
    autocomplete_fields = ["network"]
    inlines = [CriterionInline]


class CriterionLevelInline(admin.TabularInline[CriterionLevel, Criterion]):
    model = CriterionLevel
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin[Criterion]):
    list_display = ["title", "form", "position"]
    search_fields = ["title", "form__name"]
    autocomplete_fields = ["form"]
    inlines = [CriterionLevelInline]


@admin.register(CriterionLevel)
class CriterionLevelAdmin(admin.ModelAdmin[CriterionLevel]):
    list_display = ["criterion", "score", "descriptor"]
    search_fields = ["descriptor", "criterion__title"]
    autocomplete_fields = ["criterion"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin[Lesson]):
    list_display = ["topic", "teacher", "subject", "grade", "network"]
    list_filter = ["grade", "subject"]
    search_fields = ["topic", "teacher__full_name"]
    autocomplete_fields = ["network", "teacher", "school", "form"]
    list_select_related = ["teacher", "subject", "network"]


class ObservationScoreInline(admin.TabularInline[ObservationScore, Observation]):
    model = ObservationScore
    extra = 0


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin[Observation]):
    list_display = ["lesson", "observer", "submitted_at", "released_at"]
    list_filter = ["submitted_at", "released_at"]
    search_fields = ["lesson__topic", "observer__full_name"]
    autocomplete_fields = ["lesson", "observer", "released_by"]
    inlines = [ObservationScoreInline]
    list_select_related = ["lesson", "observer"]


@admin.register(ObservationScore)
class ObservationScoreAdmin(admin.ModelAdmin[ObservationScore]):
    list_display = ["observation", "criterion", "score"]
    autocomplete_fields = ["observation", "criterion"]
