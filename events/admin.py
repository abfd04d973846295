from django.contrib import admin

from events.models import (
    Attachment,
    Award,
    Criterion,
    CriterionLevel,
    Event,
    EventSeries,
    FeedToken,
    MaterialsDispatch,
    Observation,
    ObservationForm,
    ObservationScore,
    OpenLesson,
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


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ObservationForm)
class ObservationFormAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "created_at"]
    search_fields = ["name", "network__name"]
    autocomplete_fields = ["network"]
    inlines = [CriterionInline]


class CriterionLevelInline(admin.TabularInline):
    model = CriterionLevel
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title", "form", "position"]
    search_fields = ["title", "form__name"]
    autocomplete_fields = ["form"]
    inlines = [CriterionLevelInline]


@admin.register(CriterionLevel)
class CriterionLevelAdmin(admin.ModelAdmin):
    list_display = ["criterion", "score", "descriptor"]
    search_fields = ["descriptor", "criterion__title"]
    autocomplete_fields = ["criterion"]


@admin.register(OpenLesson)
class OpenLessonAdmin(admin.ModelAdmin):
    list_display = ["topic", "teacher", "subject", "grade", "event"]
    list_filter = ["grade", "subject"]
    search_fields = ["topic", "teacher__full_name", "event__title"]
    autocomplete_fields = ["event", "teacher", "school", "form"]
    list_select_related = ["teacher", "subject", "event"]


class ObservationScoreInline(admin.TabularInline):
    model = ObservationScore
    extra = 0


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["lesson", "observer", "submitted_at", "released_at"]
    list_filter = ["submitted_at", "released_at"]
    search_fields = ["lesson__topic", "observer__full_name"]
    autocomplete_fields = ["lesson", "observer", "released_by"]
    inlines = [ObservationScoreInline]
    list_select_related = ["lesson", "observer"]


@admin.register(ObservationScore)
class ObservationScoreAdmin(admin.ModelAdmin):
    list_display = ["observation", "criterion", "score"]
    autocomplete_fields = ["observation", "criterion"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["recipient_name", "kind", "nomination", "title", "issued_on", "code", "revoked_at"]
    list_filter = ["kind", "network", "revoked_at"]
    search_fields = ["recipient_name", "code", "title", "nomination"]
    autocomplete_fields = ["network", "event", "recipient", "issued_by"]
    readonly_fields = ["code"]
    list_select_related = ["network"]


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "created_at"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user", "network"]
    readonly_fields = ["token"]
