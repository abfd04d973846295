from django.contrib import admin

from awards.models import Award


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin[Award]):
    list_display = ["recipient_name", "kind", "nomination", "title", "issued_on", "code", "revoked_at"]
    list_filter = ["kind", "network", "revoked_at"]
    search_fields = ["recipient_name", "code", "title", "nomination"]
    autocomplete_fields = ["network", "event", "recipient", "issued_by"]
    readonly_fields = ["code"]
    list_select_related = ["network"]
