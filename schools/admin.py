from django.contrib import admin
from django.http import HttpRequest

from schools.models import District, Region, School, SchoolRequest


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "region__name"]
    autocomplete_fields = ["methodologists"]
    list_select_related = ["region"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "language", "shifts"]
    list_filter = ["language", "shifts", "district__region"]
    search_fields = ["name", "district__name"]
    autocomplete_fields = ["district"]
    list_select_related = ["district__region"]


@admin.register(SchoolRequest)
class SchoolRequestAdmin(admin.ModelAdmin):
    """Read here; decided on the site (networks:school_requests), which tells the person."""

    list_display = ["name", "district", "requested_by", "created_at", "status"]
    list_filter = ["status", "district__region"]
    search_fields = ["name", "district__name", "requested_by__full_name", "requested_by__email"]
    list_select_related = ["district__region", "requested_by"]
    readonly_fields = ["name", "district", "requested_by", "status", "decided_by", "decided_at", "reason", "school"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
