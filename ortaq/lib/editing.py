"""Edits carry the version they were opened at; a stale save is refused, never silent.

Two people open the same charter, post, event or material; the second to press Save
would silently put back everything the first one changed. So a model that people edit
has ``version = models.PositiveIntegerField(default=1, editable=False)`` and:

- its edit form mixes in ``VersionedForm``, whose hidden ``version`` field carries the
  version the form was opened at;
- the action that saves calls ``claim_version(instance, form.opened_version)`` first
  thing inside its transaction: ``UPDATE … SET version = version + 1 WHERE pk = … AND
  version = …``. The UPDATE holds the row (PostgreSQL) or the database (SQLite) until
  the commit, so of two saves of one version exactly one moves it on; the other raises
  ``StaleEdit`` and its transaction keeps nothing;
- the view answers ``StaleEdit`` with ``refuse_stale``: status 409, what is saved now
  beside what this person typed, and the form as they typed it, now carrying the new
  version, so that saving again is a choice made knowing what it replaces.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from ortaq.lib.kept_uploads import KeepsUploads

VERSION_FIELD = "version"
TEMPLATE = "_stale_edit.html"


class StaleEdit(Exception):
    """The thing was saved by someone else after this form was opened."""


def claim_version(instance: models.Model, opened: int | None, *, field: str = VERSION_FIELD) -> None:
    """Moves the saved row from the version the form was opened at to the next one, or
    raises StaleEdit. Call it inside the transaction that saves, before any other
    write: a refused save must leave nothing behind. ``opened`` None is for callers
    that are not a person's form (the demo, a command): they save on top of whatever
    is there, and still move the version on, so that an open form knows. ``field`` names
    the counter where a model's ``version`` means something else (surveys: the versions
    of a questionnaire)."""
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    if opened is not None:
        rows = rows.filter(**{field: opened})
    if rows.update(**{field: F(field) + 1}) != 1:
        raise StaleEdit
    if opened is None:
        opened = rows.values_list(field, flat=True).get() - 1
    setattr(instance, field, opened + 1)


class VersionedForm(forms.BaseForm):
    """Mix in before ``forms.Form`` or ``forms.ModelForm``. A ModelForm is opened at
    its instance's version; a plain form is given ``version=``."""

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version is None and isinstance(self, forms.BaseModelForm):
            version = self.instance.version
        self.initial_version = version
        # Not an IntegerField: a page from before versions, or a garbled value, must not
        # fail with an error on a field nobody sees; opened_version turns it into a
        # version that matches nothing, so the save is refused with both texts shown.
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=version)

    @property
    def opened_version(self) -> int:
        value = self.cleaned_data.get(VERSION_FIELD) or ""
        return int(value) if value.isdigit() and len(value) < 10 else 0

    def reopen(self, version: int) -> None:
        """Keeps what was typed and carries ``version``: the next save goes on top of it."""
        data = cast("QueryDict | dict[str, Any]", self.data).copy()  # a QueryDict's copy can be changed
        data[self.add_prefix(VERSION_FIELD)] = str(version)
        self.data = data


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    differences: list[Difference]
    saved_at: datetime.datetime | None
    saved_by: str


def refuse_stale(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    form: VersionedForm,
    saved: VersionedForm,
    saved_at: datetime.datetime | None = None,
    saved_by: str = "",
) -> HttpResponse:
    """The edit page again, with status 409: ``saved`` is an unbound form of the same
    kind opened on what is saved now. The template includes ``_stale_edit.html`` where
    ``conflict`` is set."""
    form.reopen(saved.initial_version or 0)
    if isinstance(form, KeepsUploads):
        form.keep_uploads()  # the files chosen come back with the form, as the text does
    conflict = Conflict(differences(form, saved), saved_at, saved_by)
    return render(request, template, {**context, "form": form, "conflict": conflict}, status=409)


def differences(yours: forms.BaseForm, saved: forms.BaseForm) -> list[Difference]:
    """The fields in which what this person typed differs from what is saved, both as
    a person reads them."""
    rows = []
    for name, field in yours.fields.items():
        if field.widget.is_hidden or isinstance(field, forms.FileField):
            continue
        mine, theirs = shown(field, yours[name].value()), shown(field, saved[name].value())
        if mine != theirs:
            rows.append(Difference(str(yours[name].label), theirs, mine))
    return rows


def shown(field: forms.Field, value: Any) -> str:
    """A field's value as a person reads it: choices by their labels (in the order they
    are offered), yes or no, dates in the reader's format, text with its line breaks."""
    if isinstance(field, forms.ChoiceField):
        chosen = {str(one) for one in (value if isinstance(value, list | tuple) else [value]) if one not in (None, "")}
        return ", ".join(label for key, label in flat_choices(field.choices) if key in chosen)
    if isinstance(field, forms.BooleanField):
        return _("yes") if field.to_python(value) else _("no")
    with contextlib.suppress(ValidationError):  # shown as it came
        value = field.to_python(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time | int | float):
        return str(formats.localize(value))
    return str(value).replace("\r\n", "\n").strip()


def flat_choices(choices: Any) -> Iterator[tuple[str, str]]:
    for key, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            yield from flat_choices(label)
        else:
            yield str(key), str(label)
