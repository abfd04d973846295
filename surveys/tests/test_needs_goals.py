"""Needs → the development plan (issue 18, «later» now that plans exist): a goal says
which needs it serves, ticked on its form or sent through the API; the needs page lists
it beside the events; a need a goal still to reach serves is planned for."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from time_machine import travel

from ortaq.testing import api_as, as_user
from plans import actions as plan_actions
from plans.models import GoalNeed
from plans.tests.factories import make_goal, make_plan, make_priority
from surveys import needs
from surveys.tests.factories import make_survey
from surveys.tests.test_needs import answer_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(cast, library):
    """The network's needs assessment: every area 2, inclusive teaching 1 (most needed)."""
    survey = make_survey(cast, library["needs-assessment"])
    answer_many(survey, cast.leading_school, [{"inclusive": 1}] * 6)
    answer_many(survey, cast.attached_school, [{"inclusive": 1}] * 5)
    return survey


def goal_post(**changes):
    values = {
        "statement": "Критериалды бағалауды әр сабақта қолдану",
        "measure": "критериалды бағалауды қолданатын мұғалімдердің үлесі, %",
        "baseline": "20",
        "target": "60",
        "indicator_source": "",
        "methods": "сабақты бақылау",
    }
    return values | changes


def test_a_goal_ticked_as_serving_a_need_takes_it_off_the_unserved(cast, assessed):
    plan = make_plan(cast)
    report = needs.report(cast.network)
    assert "assessment" in {need.key for need in needs.unserved(report)}
    goal = make_goal(plan)
    plan_actions.serve_needs(goal, ["assessment", "assessment"])
    assert list(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True)) == ["assessment"]
    assert "assessment" not in {need.key for need in needs.unserved(report)}
    # A goal whose date has passed serves nothing any more.
    with travel(goal.due_on + datetime.timedelta(days=1)):
        assert "assessment" in {need.key for need in needs.unserved(needs.report(cast.network))}


def test_the_goal_form_offers_the_needs_and_saves_the_ticked_ones(cast, assessed):
    plan = make_plan(cast)
    priority = make_priority(plan)
    client = as_user(cast.director)
    url = reverse("plans:goal_add", args=[priority.pk])
    page = client.get(url).content.decode()
    assert 'name="needs"' in page and 'value="assessment"' in page
    due = (plan.ends_on - datetime.timedelta(days=5)).isoformat()
    # A validation error keeps what was ticked.
    again = client.post(url, goal_post(statement="", due_on=due, needs=["assessment", "ict"]))
    assert again.status_code == 200
    assert again.context["form"]["needs"].value() == ["assessment", "ict"]
    saved = client.post(url, goal_post(due_on=due, needs=["assessment", "ict"]))
    assert saved.status_code == 302
    goal = priority.goals.get()
    assert sorted(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True)) == ["assessment", "ict"]
    # Editing it changes the needs it serves.
    edit = reverse("plans:goal_edit", args=[goal.pk])
    form = client.get(edit).context["form"]
    assert sorted(form["needs"].initial) == ["assessment", "ict"]
    changed = client.post(edit, goal_post(due_on=due, needs=["ict"], version=goal.version))
    assert changed.status_code == 302
    assert list(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True)) == ["ict"]


def test_the_needs_page_lists_the_goals_beside_the_events(cast, assessed):
    goal = make_goal(make_plan(cast))
    plan_actions.serve_needs(goal, ["inclusive"])
    html = as_user(cast.leader).get(reverse("surveys:needs", args=[cast.network.pk])).content.decode()
    assert f"#goal-{goal.pk}" in html
    assert goal.statement[:40] in html


def test_the_api_sets_and_reads_the_needs_a_goal_serves(cast, assessed):
    plan = make_plan(cast)
    goal = make_goal(plan)
    url = f"/api/v1/plans/{plan.pk}/goals/{goal.pk}/"
    client = api_as(cast.director)
    changed = client.patch(url, {"needs": ["ict"], "version": goal.version}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["needs"] == ["ict"]
    assert client.get(url).json()["needs"] == ["ict"]
    unknown = client.patch(url, {"needs": ["astrology"], "version": goal.version + 1}, format="json")
    assert unknown.status_code == 400
    assert list(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True)) == ["ict"]
    # A reader of the plan may not change it; an outsider does not learn it exists.
    assert api_as(cast.teacher).patch(url, {"needs": []}, format="json").status_code == 403
    assert api_as(cast.outsider).patch(url, {"needs": []}, format="json").status_code == 404
    assert list(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True)) == ["ict"]
