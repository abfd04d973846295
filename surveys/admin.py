"""The admin: questionnaires and their items can be corrected here (a frozen version
is refused: edit the next one, ``actions.editable_version``); surveys, links and
reminders are listed. Responses and answers are not shown one by one: the results
page is where they are read, with small groups held back."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from surveys.models import Instrument, InstrumentVersion, Item, Link, Reminder, Scale, ScalePoint, Section, Survey


class ScalePointInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ScalePoint
    extra = 0


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "__str__"]
    inlines = [ScalePointInline]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "kind", "code", "network"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "number", "frozen_at", "created_at"]
    readonly_fields = ["frozen_at"]


class FrozenGuard:
    """Items and sections of a version a survey runs on cannot change."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        version = obj.version if isinstance(obj, Section) else obj.section.version
        try:
            version.check_editable()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level="error")  # type: ignore[attr-defined]
            return
        super().save_model(request, obj, form, change)  # type: ignore[misc]


@admin.register(Section)
class SectionAdmin(FrozenGuard, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "version", "position"]


@admin.register(Item)
class ItemAdmin(FrozenGuard, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "kind", "section", "subscale", "reverse_keyed", "required"]
    list_filter = ["kind", "reverse_keyed", "section__version__instrument"]
    search_fields = ["code", "construct", "subscale"]
    raw_id_fields = ["section", "parent"]


class LinkInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Link
    extra = 0
    readonly_fields = ["token", "used"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "network", "audience", "anonymous", "opens_at", "closes_at", "sent_at"]
    list_filter = ["audience", "anonymous", "network"]
    search_fields = ["title"]
    raw_id_fields = ["network", "version", "group", "event", "repeats", "created_by"]
    readonly_fields = ["sent_at"]
    inlines = [LinkInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["survey", "sent_on", "people"]
