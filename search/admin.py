from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    """Read-only: rows change only through search/index.py, which keeps SQLite's
    full-text table in step (an edit here would corrupt it)."""

    list_display = ["title", "kind", "network", "is_public", "created_at"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title"]
    list_select_related = ["network"]
    exclude = ["search_vector"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
