"""What the diary adds to the pages of the apps below it (ortaq/lib/extensions.py):
on a past event's page, «Reflect in your diary» for the reader who took part in it
(and a link to what they wrote, once they have) — nobody else sees it.

No notice is sent after an event: every past event already asks its participants for
feedback (surveys), and a second notice for each event would teach people to ignore
both. The prompt waits where reflection happens — the event's page and the diary's
«Write about…» — for two weeks.

Registered in ``DiariesConfig.ready``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from diaries.models import Entry
from diaries.prompts import attended
from events.permissions import EventAccess
from ortaq.lib import extensions
from ortaq.lib.views import user_of


def event_panel(request: HttpRequest, event_access: EventAccess) -> str:
    event = event_access.event
    if event.is_cancelled or event.ends_at > timezone.now():
        return ""
    user = user_of(request)
    if not attended(user, event):
        return ""
    written = Entry.objects.filter(author=user, event=event).order_by("-pk").first()
    return render_to_string("diaries/_event_panel.html", {"event": event, "written": written}, request=request)


def register() -> None:
    extensions.register_panel("events.detail", "diaries.reflect", event_panel)
