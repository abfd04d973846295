"""The network's list of pairs: plain rows, each rendered once and kept in the cache.

The organisers read every pair of the network on one page. Through model instances
with their people and schools, and a ``|date`` filter and a ``get_…_display`` per
cell, it cost the server six times the one-query baseline (README, «Benchmarks»);
with plain rows the template alone still cost more than the page may (issue 20: 3×).
So each row is a ``PairRow`` of the values it shows, read in one query, and its HTML
is kept in the cache under those values (ortaq/lib/fragments.py, docs/architecture.md
«The speed helpers»): the row is its own key, so whatever it shows changes its key.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NamedTuple

from django.http import HttpRequest
from django.utils.safestring import SafeString

from mentoring.models import Pair, is_quiet
from ortaq.lib import fragments

if TYPE_CHECKING:
    from accounts.models import User
    from networks.models import Network


class PairRow(NamedTuple):
    """Everything a pair's row shows, and so the key its HTML is kept under."""

    pk: int
    mentee: str
    school: str | None  # the mentee's
    mentor: str
    kind: str
    started_on: datetime.date
    last_met_on: datetime.date | None
    quiet: bool
    active: bool
    status: str
    completed_on: datetime.date | None


def pair_rows(network: Network, reader: User, *, every_pair: bool, today: datetime.date) -> list[PairRow]:
    """The network's pairs in the model's order: every pair for its organisers, the
    reader's own otherwise."""
    pairs = Pair.objects.filter(network=network)
    if not every_pair:
        pairs = pairs.of(reader)
    kinds = {value: str(label) for value, label in Pair.Kind.choices}
    statuses = {value: str(label) for value, label in Pair.Status.choices}
    columns = pairs.values_list(
        "pk",
        "mentee__full_name",
        "mentee__school__name",  # never null: None is a mentee without a school
        "mentor__full_name",
        "kind",
        "started_on",
        "last_met_on",
        "quiet_after_days",
        "status",
        "completed_on",
    )
    rows = []
    for pk, mentee, school, mentor, kind, started_on, last_met_on, quiet_after, status, completed_on in columns:
        active = status == Pair.Status.ACTIVE
        rows.append(
            PairRow(
                pk,
                mentee,
                school,
                mentor,
                kinds.get(kind, kind),
                started_on,
                last_met_on,
                is_quiet(active, last_met_on or started_on, quiet_after, today),
                active,
                statuses.get(status, status),
                completed_on,
            )
        )
    return rows


def rendered_rows(request: HttpRequest, rows: list[PairRow]) -> list[SafeString]:
    """Each row's HTML (``_pair_rows.html#pair_row``), from the cache when a row with
    the same values was rendered before. The piece reads only its row."""
    return fragments.render_rows(request, "mentoring/_pair_rows.html#pair_row", rows, parts=tuple)
