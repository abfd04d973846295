"""What mentoring adds to the pages of the apps below it (ortaq/lib/extensions.py),
which show it without importing mentoring:

- the network's home: «N of M uncertified teachers have a mentor», for its readers
  (seeds 001 and 003 worry about those left out), with a link to the pairs; one query;
- a person's record of professional development: the completed mentoring, as mentor
  and as mentee — the fact (the other person, the kind, the dates, the network), never
  the log — in the networks the reader sees.

Registered in ``MentoringConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from accounts.models import Certification, User
from mentoring.models import Pair
from networks.models import Network
from networks.permissions import Access
from ortaq.lib import extensions
from ortaq.lib.views import user_of


def uncertified_with_mentor(network: Network) -> tuple[int, int]:
    """Of the network's uncertified teachers (members whose school is one of its
    schools and who hold no certificate that counts, as in its indicators), how many
    have an active mentoring pair in it, and how many there are: one query."""
    figures = (
        User.objects.filter(is_active=True, memberships__network=network, school__network_links__network=network)
        .exclude(Exists(Certification.objects.counting().filter(user=OuterRef("pk"))))
        .aggregate(
            total=Count("pk", distinct=True),
            mentored=Count(
                "pk",
                distinct=True,
                filter=Q(Exists(Pair.objects.active().filter(network=network, mentee=OuterRef("pk")))),
            ),
        )
    )
    return figures["mentored"] or 0, figures["total"] or 0


def network_panel(request: HttpRequest, access: Access) -> str:
    mentored, total = uncertified_with_mentor(access.network)
    if not total and not access.can_organise:
        return ""
    return render_to_string(
        "mentoring/_network_panel.html",
        {"network": access.network, "mentored": mentored, "total": total, "can_organise": access.can_organise},
        request=request,
    )


def record_panel(request: HttpRequest, record: Any) -> str:
    person, viewer = record.person, user_of(request)
    pairs = (
        Pair.objects.filter(status=Pair.Status.COMPLETED)
        .filter(Q(mentor=person) | Q(mentee=person))
        .select_related("network", "mentor", "mentee")
        .order_by("-completed_on", "-pk")
    )
    if person.pk != viewer.pk:
        pairs = pairs.filter(network__in=Network.objects.visible_to(viewer))
    rows = list(pairs)
    if not rows:
        return ""
    return render_to_string("mentoring/_record_panel.html", {"person": person, "pairs": rows}, request=request)


def register() -> None:
    extensions.register_panel("networks.detail", "mentoring.uncertified", network_panel)
    extensions.register_panel("portfolios.record", "mentoring.completed", record_panel)
