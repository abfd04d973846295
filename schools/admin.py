from django.contrib import admin

from schools.models import District, Region, School


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
