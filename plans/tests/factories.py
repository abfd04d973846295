"""Development plans for the tests, on the fixed cast of ortaq/testing.py: the
attached school's plan, with the director and the coach on its change team."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from calendars.actions import add_academic_year
from calendars.models import AcademicYear
from calendars.schoolyear import SchoolYear, year_starting
from plans import actions
from plans.models import Goal, Plan, Priority, RubricArea, RubricStage


def academic_year(offset: int = 0) -> AcademicYear:
    """The year people mean today (``offset`` years before or after), with its quarters."""
    current = SchoolYear.current(timezone.localdate())
    if offset:
        current = year_starting(current.starts_on.year + offset)
    return add_academic_year(current)


def make_plan(cast: Any, *, school: Any = "attached", team: list[Any] | None = None, **fields: Any) -> Plan:
    year = academic_year()
    chosen = cast.attached_school if school == "attached" else school
    return actions.start_plan(
        cast.network,
        school=chosen,
        title=fields.pop("title", "7-сынып оқушыларын оқуға тарту"),
        year=year,
        starts_on=None,
        ends_on=None,
        team=team if team is not None else [cast.director, cast.coach],
        by=cast.director,
    )


def make_priority(plan: Plan, title: str = "Оқушылардың оқуға қатысуы") -> Priority:
    return actions.add_priority(plan, title=title, needs="Аудит: 7-сынып оқушылары оқуға қатыспайды", evidence=[])


def make_goal(plan: Plan, priority: Priority | None = None, **fields: Any) -> Goal:
    values: dict[str, Any] = {
        "statement": "7-сынып оқушыларының сабаққа белсене қатысуын арттыру",
        "measure": "сабаққа белсене қатысатын оқушылардың үлесі, %",
        "baseline": Decimal(35),
        "target": Decimal(60),
        "due_on": plan.ends_on - datetime.timedelta(days=10),
        "indicator_source": "",
        "methods": "сабақты бақылау",
    }
    return actions.add_goal(priority or make_priority(plan), **(values | fields))


def rubric() -> tuple[list[RubricArea], list[RubricStage]]:
    return list(RubricArea.objects.order_by("position")), list(RubricStage.objects.order_by("number"))
