"""The plan's pages and the rubric's read a constant number of queries however many
priorities, goals, checks, activities, comments and schools they show."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.tests.factories import make_event
from networks.models import NetworkSchool
from ortaq.testing import as_user
from plans import actions
from plans.tests.factories import academic_year, make_goal, make_plan, make_priority, rubric
from schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
# Today's counts as ceilings: the session and person, the plan with the reader's
# standing, the bell, then a fixed number per kind of row (and one per live source).
PLAN_PAGES = 18
RUBRIC_PAGES = 13


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def grow(cast, plan, n: int) -> None:
    """``n`` more of everything a plan shows."""
    for number in range(n):
        priority = make_priority(plan, title=f"Басымдық {number}")
        for source in ("", "events.attendance", "materials.published"):
            goal = make_goal(plan, priority, indicator_source=source, baseline=Decimal(1), target=Decimal(9))
            actions.add_criterion(goal, text="Критерий")
            check = goal.checks.first()
            actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal(2), note="", by=cast.coach)
            event = make_event(cast, plan.starts_on + datetime.timedelta(days=5 + number), title=f"Коучинг {number}")
            actions.add_activity(
                plan, by=cast.director, goal=goal, title=f"Іс-шара {number}", owner=cast.coach, events=[event],
                due_on=plan.starts_on,
            )  # fmt: skip
        row = actions.add_data_row(
            plan, by=cast.coach, kind="results", label=f"Дерек {number}", value="40%", source="журнал",
            collected_on=plan.starts_on,
        )  # fmt: skip
        priority.evidence.add(row)
        actions.add_comment(plan, stage="audit", text=f"Пікір {number}", by=cast.leader)
        actions.add_comment(plan, stage="evaluation", text=f"Пікір {number}", by=cast.methodologist)


STAGES = ("detail", "audit", "priorities", "activities", "implementation", "evaluation", "report")


def test_the_plan_pages_read_the_same_queries_for_one_goal_and_many(cast):
    plan = make_plan(cast)
    grow(cast, plan, 1)
    client = as_user(cast.director)
    few = {name: queries(client, reverse(f"plans:{name}", args=[plan.pk])) for name in STAGES}
    grow(cast, plan, 4)
    many = {name: queries(client, reverse(f"plans:{name}", args=[plan.pk])) for name in STAGES}
    assert many == few
    assert max(many.values()) <= PLAN_PAGES, many


def test_the_rubric_pages_read_the_same_queries_for_few_schools_and_many(cast):
    areas, stages = rubric()
    previous, year = academic_year(-1), academic_year()

    def place(school) -> None:
        for chosen in (previous, year):
            for area in areas:
                actions.place_school(
                    cast.network, school, year=chosen, area=area, stage=stages[1], evidence="Хаттама",
                    by=cast.director, version=None,
                )  # fmt: skip

    place(cast.attached_school)
    client = as_user(cast.leader)
    urls = [
        reverse("plans:rubric", args=[cast.network.pk]),
        reverse("plans:rubric_school", args=[cast.network.pk, cast.attached_school.pk]),
        reverse("plans:network", args=[cast.network.pk]),
    ]
    few = [queries(client, url) for url in urls]
    for number in range(6):
        school = SchoolFactory.create(name=f"№{number} мектеп")
        NetworkSchool.objects.create(network=cast.network, school=school)
        place(school)
        make_plan(cast, school=school, team=[cast.leader], title=f"Жоспар {number}")
    many = [queries(client, url) for url in urls]
    assert many == few
    assert max(many) <= RUBRIC_PAGES, many
