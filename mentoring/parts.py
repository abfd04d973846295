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

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string

from accounts.models import Certification
from mentoring.models import Pair
from networks.models import Network
from networks.permissions import Access
from ortaq.lib import extensions
from ortaq.lib.prepared import prepared
from ortaq.lib.views import user_of


@prepared
def mentored_uncertified(network_id: int) -> QuerySet[Any]:
    """The network's uncertified teachers (as its indicators count them) who have an
    active pair in it: one row each. Its SQL is built once per process (the network's
    home asks on every visit; ortaq/lib/prepared.py)."""
    return (
        Pair.objects.active()
        .filter(
            network=network_id,
            mentee__is_active=True,
            mentee__memberships__network=network_id,
            mentee__school__network_links__network=network_id,
        )
        .exclude(Exists(Certification.objects.counting().filter(user=OuterRef("mentee"))))
        .values("mentee")
        .order_by()
        .distinct()
    )


def uncertified_with_mentor(network: Network) -> tuple[int, int]:
    """Of the network's uncertified teachers (members whose school is one of its
    schools and who hold no certificate that counts: its indicators, kept in the
    cache), how many have an active mentoring pair in it, and how many there are."""
    indicators = network.indicators()
    return len(mentored_uncertified(network.pk)), indicators.teachers - indicators.certified


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
