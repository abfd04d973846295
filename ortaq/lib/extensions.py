"""Parts a higher app adds to a lower app's page or form, without the lower app
importing it (the layers of pyproject's ``[tool.importlinter]``).

A *slot* is a place on a lower app's page, named ``"<app>.<place>"``. The lower app
says what it passes there; the slots so far:

- ``networks.detail`` (panel): the network's home, given the reader's
  ``networks.permissions.Access``; shown at the top of the side column.
- ``events.detail`` (panel): an event's page, given its ``events.permissions.EventAccess``;
  shown in the side column.
- ``events.event_form`` (form part): the form that plans or edits an event, given the
  network and the event (None while planning a new one).
- ``portfolios.record`` (panel): a person's record of professional development, given
  its ``portfolios.record.PersonRecord`` (``record.person``; the reader is
  ``request.user``, who may read the record: ``get_person_record_for_user``); shown
  below the record's own sections. A panel shows only what the reader may see of the
  person in the networks the reader sees (``Network.objects.visible_to``), as the
  record does.

A higher app registers its parts when it is ready (``AppConfig.ready``)::

    extensions.register_panel("networks.detail", "surveys.needs", needs_panel)

A **panel** is ``panel(request, subject) -> str``: the HTML to show, "" for nothing.
The higher app decides who sees what with its own ``permissions.py``, and keeps its
queries few: the lower page's query-count tests count them.

A **form part** is ``factory(request, subject, instance) -> FormPart | None``. The lower
view renders each part's ``html()`` inside its own ``<form>``, saves only when its form
and every part are valid, and calls ``part.save(instance)`` in the transaction that
saves the instance. A part is bound to the POST it was made from, so what was ticked
comes back when the form is shown again with errors — nothing typed is lost.

Names make registration idempotent (a second ``ready`` replaces, never doubles), and
parts run in the order they were first registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, Any], str]


class FormPart(Protocol):
    def is_valid(self) -> bool: ...

    def html(self) -> SafeString: ...

    def save(self, instance: Any) -> None: ...


FormPartFactory = Callable[[HttpRequest, Any, Any], "FormPart | None"]

_panels: dict[str, dict[str, Panel]] = {}
_form_parts: dict[str, dict[str, FormPartFactory]] = {}


def register_panel(slot: str, name: str, panel: Panel) -> None:
    _panels.setdefault(slot, {})[name] = panel


def register_form_part(slot: str, name: str, factory: FormPartFactory) -> None:
    _form_parts.setdefault(slot, {})[name] = factory


def panels(slot: str, request: HttpRequest, subject: Any) -> list[SafeString]:
    """The HTML of each panel registered for the slot that has something to show."""
    shown = []
    for panel in _panels.get(slot, {}).values():
        html = panel(request, subject)
        if html:
            # A panel's template renders a SafeString; any other text is escaped.
            shown.append(html if isinstance(html, SafeString) else conditional_escape(html))
    return shown


def form_parts(slot: str, request: HttpRequest, subject: Any, instance: Any = None) -> list[FormPart]:
    parts = (factory(request, subject, instance) for factory in _form_parts.get(slot, {}).values())
    return [part for part in parts if part is not None]


def all_valid(forms_and_parts: list[Any]) -> bool:
    """The lower app's form and the parts, each asked (no short cut), so that each
    shows its errors at once."""
    return all([each.is_valid() for each in forms_and_parts])


def save_parts(parts: list[FormPart], instance: Any) -> None:
    for part in parts:
        part.save(instance)
