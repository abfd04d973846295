from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exchange.export import FORMATS


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=capfirst(_("format")),
        choices=[(fmt.key, fmt.label) for fmt in FORMATS.values()],
        initial="xlsx",
        widget=forms.RadioSelect,
    )
