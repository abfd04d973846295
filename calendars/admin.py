from django.contrib import admin

from calendars.models import AcademicYear, Holiday, ShiftAssignment, Term


class TermInline(admin.TabularInline[Term, AcademicYear]):
    model = Term
    extra = 0


class HolidayInline(admin.TabularInline[Holiday, AcademicYear]):
    model = Holiday
    extra = 0


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin[AcademicYear]):
    list_display = ["name", "starts_on", "ends_on"]
    inlines = [TermInline, HolidayInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin[Term]):
    list_display = ["year", "number", "starts_on", "ends_on"]
    list_filter = ["year"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["name", "kind", "starts_on", "ends_on", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["name"]


@admin.register(ShiftAssignment)
class ShiftAssignmentAdmin(admin.ModelAdmin[ShiftAssignment]):
    list_display = ["user", "shift"]
    list_filter = ["shift"]
    search_fields = ["user__full_name"]
    autocomplete_fields = ["user"]
