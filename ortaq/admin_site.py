"""The admin in Kazakh alphabetical order (issue 15, point 11).

Django's admin sorts apps and models by code point (Ә, Қ, Ө, Ү, І after Я) and a text
column by the database's collation, which does the same. This site sorts both with
ortaq/lib/collation.py: the index and the side menu by ``kazakh_sort_key``, and every
text column of every list (its default order and a click on its header) with
``KazakhOrder``. It replaces ``admin.site`` through ``OrtaqAdminConfig`` in
INSTALLED_APPS, so the apps' ``admin.py`` register with it as before."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest

from ortaq.lib.collation import kazakh_ordering, kazakh_sort_key


def text_path(opts: Any, path: str) -> bool:
    """Whether ``path`` (``full_name``, ``school__name``) leads to a text column whose
    values are words, not codes of a choice."""
    field: Any = None
    for part in path.split("__"):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.is_relation:
            if field.related_model is None:
                return False
            opts = field.related_model._meta
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def in_kazakh_order(term: Any, opts: Any) -> Any:
    if isinstance(term, str) and text_path(opts, term.lstrip("-")):
        return kazakh_ordering(term)[0]
    return term


class KazakhChangeList(ChangeList):
    def get_ordering(self, request: HttpRequest, queryset: Any) -> list[Any]:
        return [in_kazakh_order(term, self.lookup_opts) for term in super().get_ordering(request, queryset)]


class OrtaqAdminSite(admin.AdminSite):
    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        super().register(model_or_iterable, admin_class, **options)
        models_ = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in models_:
            # Every list of every app, without each admin.py having to ask for it (a
            # swapped model, auth's User, is not registered at all).
            if model_admin := self._registry.get(model):
                model_admin.get_changelist = lambda request, **kwargs: KazakhChangeList  # type: ignore[method-assign]

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["models"].sort(key=lambda model: kazakh_sort_key(str(model["name"])))
        return sorted(apps, key=lambda app: kazakh_sort_key(str(app["name"])))
