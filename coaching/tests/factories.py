"""Coaching plans for the tests, on the fixed cast of ortaq/testing.py: the coach
coaches the teacher of the attached school; the director of that school started it."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from coaching import actions
from coaching.models import CoachingPlan, CoachingSession, Visit
from observations.tests.factories import make_form

NOTES = "Сұрақ қою әдістерін бірге талдадық"
AGREEMENT = "Келесі сабақта ойлануға 5 секунд уақыт беру"


def make_plan(cast: Any, **fields: Any) -> CoachingPlan:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "7-сынып мұғалімдерімен коучинг",
        "coach": cast.coach,
        "teachers": [cast.teacher],
        "school": cast.attached_school,
        "starts_on": today - datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=90),
        "focus": "Диалогтық оқыту: ашық сұрақтар",
        "by": cast.director,
    }
    return actions.start_plan(cast.network, **(values | fields))


def held_session(plan: CoachingPlan, by: Any, days_ago: int = 7) -> CoachingSession:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    session = actions.schedule_session(plan, by=by, date=day, topic="Ашық сұрақтар")
    session, _added = actions.write_record(
        session,
        by=by,
        version=None,
        date=day,
        topic="Ашық сұрақтар",
        done=NOTES,
        agreements=AGREEMENT,
        next_steps="Бір-бірінің сабағына қатысу",
        held=True,
    )
    return session


def make_visit(cast: Any, plan: CoachingPlan) -> Visit:
    return actions.add_visit(
        plan,
        by=cast.coach,
        teacher=cast.teacher,
        date=timezone.localdate(),
        topic="Бөлшектер",
        grade=7,
        focus="Ашық сұрақтар",
        form=make_form(cast),
    )
