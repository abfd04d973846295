from django.contrib import admin
from django.http import HttpRequest

from plans.models import (
    Activity,
    Comment,
    DataRow,
    Descriptor,
    Goal,
    Placement,
    Plan,
    Priority,
    Report,
    ReportVersion,
    RubricArea,
    RubricStage,
)


class DataRowInline(admin.TabularInline[DataRow, Plan]):
    model = DataRow
    extra = 0


class PriorityInline(admin.StackedInline[Priority, Plan]):
    model = Priority
    extra = 0
    filter_horizontal = ["evidence"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["title", "network", "school", "starts_on", "ends_on"]
    list_filter = ["network"]
    search_fields = ["title", "school__name"]
    autocomplete_fields = ["change_team"]
    raw_id_fields = ["created_by"]
    inlines = [DataRowInline, PriorityInline]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin[Goal]):
    list_display = ["statement", "priority", "baseline", "target", "due_on", "indicator_source"]
    search_fields = ["statement"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin[Activity]):
    list_display = ["title", "plan", "owner", "due_on", "done_on"]
    raw_id_fields = ["owner", "events", "goal"]
    search_fields = ["title"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["plan", "stage", "author", "created_at", "resolved_at"]
    raw_id_fields = ["author", "resolved_by"]


class ReportVersionInline(admin.TabularInline[ReportVersion, Report]):
    """The made versions, as they were made: kept, never edited here."""

    model = ReportVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = ("number", "made_on", "made_by", "language", "words")

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["plan", "kind", "updated_at"]
    inlines = [ReportVersionInline]


class DescriptorInline(admin.StackedInline[Descriptor, RubricArea]):
    model = Descriptor
    extra = 0


@admin.register(RubricArea)
class RubricAreaAdmin(admin.ModelAdmin[RubricArea]):
    list_display = ["name_kk", "name_ru", "name_en", "position"]
    inlines = [DescriptorInline]


@admin.register(RubricStage)
class RubricStageAdmin(admin.ModelAdmin[RubricStage]):
    list_display = ["number", "name_kk", "name_ru", "name_en"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin[Placement]):
    list_display = ["school", "area", "year", "stage", "moderation", "proposed_stage"]
    list_filter = ["network", "year", "moderation"]
    raw_id_fields = ["placed_by", "moderated_by"]
