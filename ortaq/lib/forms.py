"""Form helpers every domain shares."""

from __future__ import annotations

from typing import Any

from django import forms


def model_choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's choice field of rows, to narrow its queryset to what the person may pick
    (a model form declares it as a plain field, so its type says so)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a choice of rows")
    return field
