"""What coaching adds to the pages of the apps below it (ortaq/lib/extensions.py):

- the network's home: a card leading to the network's coaching plans, the reader's
  own coaching and, for coaches, their caseload;
- a coaching event's page: the session it is, linked back — for the plan's coach and
  teachers only (the firewall: a leader opening the event sees no link to the notes).

Registered in ``CoachingConfig.ready``.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from coaching.models import CoachingSession
from events.models import Kind
from events.permissions import EventAccess
from networks.models import Role
from networks.permissions import Access
from ortaq.lib import extensions
from ortaq.lib.views import user_of

# Members who are likely to coach: their card leads to their caseload too.
COACHING_ROLES = frozenset({Role.COACH, Role.MENTOR, Role.METHODOLOGIST})


def network_panel(request: HttpRequest, access: Access) -> str:
    """No query of its own (the network's home counts its queries): the links by the
    reader's standing; the pages behind them show only what the reader may see."""
    if access.membership is None and not access.is_admin:
        return ""  # a district methodologist knows no plan of the network
    return render_to_string(
        "coaching/_network_panel.html",
        {
            "network": access.network,
            "may_start": access.can_organise or access.role == Role.DIRECTOR,
            "coaches": access.role in COACHING_ROLES or access.can_organise,
        },
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
