"""Mentoring pairs for the tests, on the fixed cast of ortaq/testing.py: by default the
coach mentors the teacher (who holds no certificate), made by the leader."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from mentoring import actions
from mentoring.models import Meeting, Pair


def make_pair(cast: Any, *, mentor: Any = None, mentee: Any = None, started_days_ago: int = 30, **fields: Any) -> Pair:
    return actions.create_pair(
        cast.network,
        mentor=mentor or cast.coach,
        mentee=mentee or cast.teacher,
        kind=fields.pop("kind", Pair.Kind.UNCERTIFIED),
        goals=fields.pop("goals", "Диалогтық оқыту"),
        started_on=timezone.localdate() - datetime.timedelta(days=started_days_ago),
        by=cast.leader,
        **fields,
    )


def add_meeting(
    pair: Pair, *, days_ago: int = 1, discussed: str = "Сабақ талданды: жабық сұрақтар", by: Any = None
) -> Meeting:
    return actions.add_meeting(
        pair,
        met_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        discussed=discussed,
        next_steps="Ашық сұрақтар банкі",
        by=by or pair.mentor,
    )
