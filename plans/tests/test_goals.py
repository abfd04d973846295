"""SMART goals are checked as they are written, get a progress check after each
quarter, and show their trajectory as a chart and in words."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.tests.factories import make_event
from ortaq.testing import as_user
from plans import actions, indicators
from plans.indicators import Source
from plans.models import Check, Goal
from plans.tests.factories import make_goal, make_plan, make_priority
from plans.trajectory import goals_of

pytestmark = pytest.mark.django_db


def test_it_refuses_a_goal_without_a_measure_a_change_or_a_date_in_the_plan(cast):
    plan = make_plan(cast)
    priority = make_priority(plan)
    with pytest.raises(ValidationError) as refused:
        make_goal(plan, priority, measure=" ", target=Decimal(35), due_on=plan.ends_on + datetime.timedelta(days=1))
    assert set(refused.value.message_dict) == {"measure", "target", "due_on"}
    with pytest.raises(ValidationError) as unknown:
        make_goal(plan, priority, indicator_source="nothing.like.this")
    assert "indicator_source" in unknown.value.message_dict
    assert not Goal.objects.exists()


def test_it_keeps_what_was_typed_when_the_goal_is_refused(cast):
    plan = make_plan(cast)
    priority = make_priority(plan)
    client = as_user(cast.coach)
    url = reverse("plans:goal_add", args=[priority.pk])
    data = {"statement": "Оқушылардың үнін есту", "measure": "", "baseline": "35", "target": "35", "due_on": ""}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Оқушылардың үнін есту" in page and 'value="35"' in page
    assert not Goal.objects.exists()


def test_it_schedules_a_check_after_each_quarter_and_one_on_the_date(cast):
    plan = make_plan(cast)
    goal = make_goal(plan, due_on=plan.ends_on)
    days = list(goal.checks.values_list("due_on", flat=True))
    assert plan.year is not None
    terms = list(plan.year.terms.order_by("number").values_list("ends_on", flat=True))
    assert days == [*[day for day in terms if day < plan.ends_on], plan.ends_on]
    assert len(days) >= 4


def test_it_draws_the_trajectory_from_the_baseline_through_the_checks(cast, settings):
    settings.LANGUAGE_CODE = "en"
    plan = make_plan(cast)
    goal = make_goal(plan)
    first = goal.checks.order_by("due_on")[0]
    actions.record_check(goal, check=first, on=first.due_on, value=Decimal(41), note="", by=cast.coach)
    [(found, path)] = goals_of(plan, first.due_on + datetime.timedelta(days=1))
    assert found == goal
    assert [point.value for point in path.points] == [Decimal(35), Decimal(41)]
    assert path.progress == 24  # (41 - 35) / (60 - 35)
    svg = str(path.svg())
    assert svg.startswith('<svg class="sparkline"') and 'role="img"' in svg and "<polyline" in svg
    assert "41" in path.text() and "60" in path.text()
    assert path.text() in svg  # the chart says in words what it draws


def test_it_refuses_a_check_with_neither_figure_nor_note(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    with pytest.raises(ValidationError):
        actions.record_check(goal, on=plan.starts_on, value=None, note=" ", by=cast.coach)
    assert not Check.objects.filter(done_on__isnull=False).exists()


def test_it_takes_a_live_indicators_figure_when_none_is_typed(cast):
    indicators.register(Source("test.fixed", "a fixed figure", "units", lambda plan, span: Decimal(7)))
    try:
        plan = make_plan(cast)
        goal = make_goal(plan, indicator_source="test.fixed", baseline=Decimal(0), target=Decimal(10))
        check = actions.record_check(goal, on=plan.starts_on, value=None, note="", by=cast.coach)
        assert check.value == Decimal(7)
        [(_goal, path)] = goals_of(plan, plan.starts_on + datetime.timedelta(days=3))
        assert path.live == Decimal(7) and path.points[-1].value == Decimal(7)
    finally:
        indicators.unregister("test.fixed")


def test_it_links_events_of_the_work_plan_to_an_activity_without_copying_them(cast):
    plan = make_plan(cast)
    event = make_event(cast, plan.starts_on + datetime.timedelta(days=10), title="Коучинг 7-сынып")
    client = as_user(cast.director)
    response = client.post(
        reverse("plans:activities", args=[plan.pk]),
        {"title": "Коучтер 7-сынып мұғалімдерімен жұмыс істейді", "events": [event.pk], "owner": cast.coach.pk},
    )
    assert response.status_code == 302
    activity = plan.activities.get()
    assert list(activity.events.all()) == [event] and activity.owner == cast.coach
    page = client.get(reverse("plans:implementation", args=[plan.pk])).content.decode()
    assert event.get_absolute_url() in page and "Коучинг 7-сынып" in page
