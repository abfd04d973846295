from django.contrib import admin

from events.models import (
    Attachment,
    Event,
    EventLesson,
    EventSeries,
    FeedToken,
    MaterialsDispatch,
    Participation,
    Record,
    RecordTask,
    WorkPlan,
)


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["network", "school", "year", "created_at"]
    list_filter = ["year"]
    search_fields = ["network__name", "school__name"]
    autocomplete_fields = ["network", "school", "created_by"]
    list_select_related = ["network", "school", "year"]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "interval", "week", "weekday", "month_day", "starts_on", "ends_on"]
    list_filter = ["kind", "network"]
    search_fields = ["title", "network__name"]
    autocomplete_fields = ["network", "organiser", "host_school", "target_schools", "target_groups"]
    readonly_fields = ["uid", "created_at", "updated_at"]
    list_select_related = ["network"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["user", "invited_by"]
    readonly_fields = ["checked_in_at", "reminded_at", "waitlisted_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "starts_at", "status", "series"]
    list_filter = ["kind", "status", "network"]
    search_fields = ["title", "network__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = [
        "network",
        "plan",
        "series",
        "organiser",
        "host_school",
        "responsible",
        "target_schools",
        "target_groups",
        "created_by",
    ]
    readonly_fields = ["uid", "sequence", "created_at", "updated_at"]
    inlines = [ParticipationInline]
    list_select_related = ["network", "series"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "attendance", "absence_reason", "reminded_at"]
    list_filter = ["status", "attendance", "absence_reason"]
    search_fields = ["user__full_name", "user__email", "event__title"]
    autocomplete_fields = ["user", "event", "invited_by"]
    list_select_related = ["user", "event"]


class RecordTaskInline(admin.TabularInline):
    model = RecordTask
    extra = 0
    autocomplete_fields = ["owner"]


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["event", "written_by", "updated_at"]
    search_fields = ["event__title"]
    autocomplete_fields = ["event", "written_by"]
    inlines = [RecordTaskInline]
    list_select_related = ["event", "written_by"]


@admin.register(RecordTask)
class RecordTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "done_at", "record"]
    list_filter = ["done_at"]
    search_fields = ["title", "owner__full_name"]
    autocomplete_fields = ["record", "owner"]
    list_select_related = ["owner", "record__event"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "family", "size", "created_at"]
    list_filter = ["family"]
    search_fields = ["name", "event__title"]
    autocomplete_fields = ["event", "uploaded_by"]
    readonly_fields = ["family", "mime", "extension", "size"]
    list_select_related = ["event"]


@admin.register(MaterialsDispatch)
class MaterialsDispatchAdmin(admin.ModelAdmin):
    list_display = ["record", "sent_by", "sent_at"]
    autocomplete_fields = ["record", "sent_by", "recipients", "schools"]
    list_select_related = ["record__event", "sent_by"]


@admin.register(EventLesson)
class EventLessonAdmin(admin.ModelAdmin):
    list_display = ["event", "lesson"]
    search_fields = ["event__title", "lesson__topic"]
    autocomplete_fields = ["event", "lesson"]
    list_select_related = ["event", "lesson"]


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "created_at"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user", "network"]
    readonly_fields = ["token"]
