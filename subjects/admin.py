from django.contrib import admin

from subjects.models import Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
