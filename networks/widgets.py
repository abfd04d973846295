"""The people picker: one widget for choosing a person (or people) of a network.

It renders the ordinary control — a select, or a list of check boxes for several
people — which works without JavaScript and stays what the form sends, so a form's
validation is the choice field's own (a person outside its queryset is refused).
Beside it, hidden, a search box: networks/static/networks/people_picker.js shows it
instead of the control, htmx asks ``networks:people`` for the people matching what is
typed, and the chosen people show as removable chips, each a choice of the control.

A form gives the widget its network with ``PersonChoiceField.choose_from`` (or
``PeopleChoiceField.choose_from``), which also limits the field to the network's people.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.widgets import ChoiceWidget
from django.urls import reverse

from networks.models import Group, Network

PICKER_TEMPLATE = "networks/widgets/people_picker.html"


class PickerMixin(ChoiceWidget):
    native_template_name = ""
    multiple = False

    url = ""
    exclude: tuple[int, ...] = ()

    def pick_from(self, network: Network, *, exclude: Iterable[int] = (), group: Group | None = None) -> None:
        """Search the network's people (or those of one of its groups), leaving out
        ``exclude`` (who is already in the thing another way, as a material's first
        author)."""
        self.url = reverse("networks:people", args=[network.pk]) + (f"?group={group.pk}" if group else "")
        self.exclude = tuple(exclude)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "url": self.url,
            "exclude": ",".join(str(pk) for pk in self.exclude),
            "native": self.native_template_name,
            "multiple": self.multiple,
        }
        return context


class PersonPicker(PickerMixin, forms.Select):
    template_name = PICKER_TEMPLATE
    native_template_name = "django/forms/widgets/select.html"


class PeoplePicker(PickerMixin, forms.CheckboxSelectMultiple):
    template_name = PICKER_TEMPLATE
    native_template_name = "django/forms/widgets/multiple_input.html"
    multiple = True
