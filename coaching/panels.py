"""What coaching adds to the pages of the apps below it (ortaq/lib/extensions.py):

- the network's home: a card leading to the network's coaching plans and to the
  reader's caseload, for whoever knows of a plan there or may start one;
- a coaching event's page: the session it is, linked back — for the plan's coach and
  teachers only (the firewall: a leader opening the event sees no link to the notes).

Registered in ``CoachingConfig.ready``.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from coaching.models import CoachingSession
from coaching.permissions import plans_visible_to
from events.models import Kind
from events.permissions import EventAccess
from networks.models import Role
from networks.permissions import Access
from ortaq.lib import extensions
from ortaq.lib.views import user_of


def network_panel(request: HttpRequest, access: Access) -> str:
    user = user_of(request)
    counts = (
        plans_visible_to(user)
        .filter(network=access.network)
        .aggregate(known=Count("pk"), coached=Count("pk", filter=Q(coach=user.pk)))
    )
    may_start = access.can_organise or access.role == Role.DIRECTOR
    if not (counts["known"] or may_start):
        return ""
    return render_to_string(
        "coaching/_network_panel.html",
        {"network": access.network, "known": counts["known"], "coached": counts["coached"]},
        request=request,
    )


def event_panel(request: HttpRequest, event_access: EventAccess) -> str:
    event = event_access.event
    if event.kind != Kind.COACHING:
        return ""
    user = user_of(request)
    sessions = (
        CoachingSession.objects.filter(event=event)
        .filter(Q(plan__coach=user.pk) | Q(plan__teachers=user.pk))
        .select_related("plan")
        .distinct()
    )
    shown = list(sessions)
    if not shown:
        return ""
    return render_to_string("coaching/_event_panel.html", {"sessions": shown}, request=request)


def register() -> None:
    extensions.register_panel("networks.detail", "coaching.network", network_panel)
    extensions.register_panel("events.detail", "coaching.event", event_panel)
