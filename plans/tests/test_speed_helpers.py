"""The plan's pages and the rubric map read through prepared queries and cached pieces
(ortaq/lib/prepared.py, fragments.py): they give the same HTML with the speed helpers
off, on with an empty cache, and on from the cache, to each reader."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from events.tests.factories import make_event
from ortaq.testing import as_user, same_with_and_without_speed_helpers
from plans import actions
from plans.models import Report
from plans.tests.factories import academic_year, make_goal, make_plan, make_priority, rubric

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def test_the_plan_pages_and_the_rubric_map_are_the_same_with_the_speed_helpers_on_and_off(cast, settings):
    plan = make_plan(cast)
    areas, stages = rubric()
    priority = make_priority(plan)
    for source in ("", "events.attendance"):
        goal = make_goal(plan, priority, indicator_source=source, baseline=Decimal(2), target=Decimal("7.5"))
        actions.add_criterion(goal, text="Оқушылар сұрақ қояды")
        check = goal.checks.order_by("due_on")[0]
        actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal(3), note="Бастадық", by=cast.coach)
    event = make_event(cast, plan.starts_on + datetime.timedelta(days=5))
    actions.add_activity(plan, by=cast.director, goal=goal, title="Коучинг", owner=cast.coach, events=[event])
    actions.add_comment(plan, stage="evaluation", text="Критерий нақты ма?", by=cast.leader)
    actions.save_report(
        Report(plan=plan, kind="interim"), version=None, reflection="Бірге жоспарладық", by=cast.director
    )
    for year in (academic_year(-1), academic_year()):
        actions.place_school(
            cast.network, cast.attached_school, year=year, area=areas[0], stage=stages[year == academic_year()],
            evidence="Хаттама", by=cast.director, version=None,
        )  # fmt: skip
    urls = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:evaluation", args=[plan.pk]),
        reverse("plans:report", args=[plan.pk]),
        reverse("plans:rubric", args=[cast.network.pk]),
    ]
    # On the change team, a reader of the school, a supporter who comments and moderates.
    readers = [as_user(person) for person in (cast.director, cast.teacher, cast.leader)]

    plain = same_with_and_without_speed_helpers(settings, readers, urls)
    assert "Критерий нақты ма?" in plain[1] and "Оқушылар сұрақ қояды" in plain[1] and "sparkline" in plain[0]
