"""A goal can follow a survey: a scale's mean for the plan's school (or the whole
network), or its change since the wave the survey repeats, computed by
surveys/results.py with its anonymity rule — no figure for fewer than five."""

from __future__ import annotations

from decimal import Decimal
from statistics import fmean

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plans import actions, indicators
from plans.forms import GoalForm
from plans.models import Plan
from plans.tests.factories import make_goal, make_plan
from plans.trajectory import goals_of
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(db):
    from surveys.shipped import load_library

    return {instrument.code: instrument for instrument, _changed in load_library()}["teacher-questionnaire"]


def satisfied(level: int, school) -> dict[str, object]:
    """Someone content to ``level`` (1–4), two statements worded the other way."""
    answers = {"js_overall": level, "js_again": level, "js_regret": 5 - level, "js_school": level}
    return answers | {"js_leave": 5 - level, "school": str(school.pk)}


def test_it_follows_a_scale_mean_of_the_plans_school(cast, questionnaire):
    survey = make_survey(cast, questionnaire)
    ours, theirs = [4, 3, 3, 2, 4, 1], [1, 1, 2, 1, 1]
    for level in ours:
        answer(survey, satisfied(level, cast.attached_school))
    for level in theirs:
        answer(survey, satisfied(level, cast.leading_school))
    plan = make_plan(cast)
    key = f"surveys.scale:{survey.pk}:satisfaction"
    today = timezone.localdate()
    assert indicators.value_of(key, plan, today) == Decimal(str(round(fmean(ours), 2)))
    network_plan = make_plan(cast, school=None)
    assert indicators.value_of(key, network_plan, today) == Decimal(str(round(fmean(ours + theirs), 2)))
    goal = make_goal(plan, indicator_source=key, baseline=Decimal(2), target=Decimal(3))
    (_goal, path), *_rest = goals_of(plan, today)
    assert path.live == Decimal(str(round(fmean(ours), 2))) and goal.pk == _goal.pk


def test_it_shows_no_figure_for_fewer_than_five(cast, questionnaire):
    survey = make_survey(cast, questionnaire)
    for level in (4, 3, 3, 2):
        answer(survey, satisfied(level, cast.attached_school))
    for level in (1, 1, 2, 1, 1, 2):
        answer(survey, satisfied(level, cast.leading_school))
    plan = make_plan(cast)
    assert indicators.value_of(f"surveys.scale:{survey.pk}:satisfaction", plan, timezone.localdate()) is None


def test_it_follows_the_change_since_the_earlier_wave(cast, questionnaire):
    before = make_survey(cast, questionnaire, wave="before")
    after = make_survey(cast, questionnaire, wave="after", repeats=before)
    for _n in range(5):
        answer(before, satisfied(2, cast.attached_school))
        answer(after, satisfied(3, cast.attached_school))
    plan = make_plan(cast)
    today = timezone.localdate()
    assert indicators.value_of(f"surveys.change:{after.pk}:satisfaction", plan, today) == Decimal("1.00")
    assert indicators.value_of(f"surveys.change:{before.pk}:satisfaction", plan, today) is None  # no earlier wave
    answer(after, satisfied(3, cast.leading_school))  # one from another school: too few of theirs
    assert indicators.value_of(f"surveys.change:{after.pk}:satisfaction", plan, today) is None


def test_a_goal_is_offered_the_surveys_of_its_network_only(cast, questionnaire):
    survey = make_survey(cast, questionnaire)
    plan = make_plan(cast)
    offered = dict(GoalForm(plan=plan).fields["indicator_source"].choices)  # type: ignore[attr-defined]
    assert f"surveys.scale:{survey.pk}:satisfaction" in offered
    assert f"surveys.change:{survey.pk}:satisfaction" not in offered  # it repeats no wave
    goal = make_goal(plan, indicator_source=f"surveys.scale:{survey.pk}:satisfaction")
    assert goal.indicator_source.startswith("surveys.scale:")
    other = Plan(network_id=cast.network.pk + 1000, school=cast.attached_school, starts_on=plan.starts_on)
    other.ends_on = plan.ends_on
    assert indicators.value_of(f"surveys.scale:{survey.pk}:satisfaction", other, timezone.localdate()) is None
    with pytest.raises(ValidationError):
        actions.add_goal(
            goal.priority, statement="Мақсат", measure="ұпай", baseline=Decimal(1), target=Decimal(2),
            due_on=goal.due_on, indicator_source="surveys.nothing:1:x", methods="",
        )  # fmt: skip
