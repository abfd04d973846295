"""The plan at a glance (plans/overview.py) counts each stage from what the plan holds:
the audit's parts, answered priorities, goals with criteria and checks, activities
linked, planned, done and overdue, the report's words and each stage's open comments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from events.tests.factories import make_event
from plans import actions
from plans.models import Audit, Check, Report
from plans.overview import overview
from plans.tests.factories import make_goal, make_plan, make_priority

pytestmark = pytest.mark.django_db


def test_it_counts_every_stage_of_a_plan_in_progress(cast):
    plan = make_plan(cast)
    today = timezone.localdate()
    audit, _created = Audit.objects.get_or_create(plan=plan)
    actions.save_audit(
        audit, version=audit.version, self_evaluation=" Біз білеміз ", methods=["observation"], by=cast.director
    )
    for label in ("Үлгерім", "Сапа"):
        actions.add_data_row(
            plan, by=cast.director, kind="results", label=label, value="40%", source="журнал", collected_on=today
        )
    answered = make_priority(plan)
    unanswered = actions.add_priority(plan, title="Екінші басымдық", needs="", evidence=[])
    with_criterion = make_goal(plan, answered)
    actions.add_criterion(with_criterion, text="Оқушылар сұрақ қояды")
    checked = make_goal(plan, unanswered)
    first = checked.checks.order_by("due_on")[0]
    actions.record_check(checked, check=first, on=plan.starts_on, value=None, note="Бастадық", by=cast.coach)
    make_goal(plan, unanswered)
    event = make_event(cast, today + datetime.timedelta(days=3))
    yesterday = today - datetime.timedelta(days=1)
    actions.add_activity(plan, by=cast.director, title="Коучинг", owner=cast.coach, due_on=yesterday, events=[event])
    done = actions.add_activity(plan, by=cast.director, title="Семинар", owner=cast.coach, due_on=yesterday)
    actions.set_activity_done(done, done=True)
    actions.add_activity(plan, by=cast.director, title="Кездесу", due_on=today)
    actions.save_report(Report(plan=plan, kind="interim"), version=None, reflection="Үш сөз жаздық", by=cast.director)
    resolved = actions.add_comment(plan, stage="audit", text="Дерек аз", by=cast.leader)
    actions.set_comment_resolved(resolved, resolved=True, by=cast.director)
    actions.add_comment(plan, stage="audit", text="Әдістер?", by=cast.leader)
    actions.add_comment(plan, stage="evaluation", text="Критерий?", by=cast.methodologist)
    due = Check.objects.filter(goal__priority__plan=plan, done_on__isnull=True, due_on__lt=today).count()

    with translation.override("en"):
        stages = {state.stage: state for state in overview(plan, today)}

    audit_state = stages["audit"]
    assert (audit_state.done, audit_state.total, audit_state.open_comments) == (3, 3, 1)
    assert audit_state.summary.endswith(": 2") and audit_state.url == plan.stage_url("audit")
    assert (stages["priorities"].done, stages["priorities"].total) == (1, 2)
    assert stages["priorities"].summary == "priorities: 2, SMART goals: 3"
    assert (stages["activities"].done, stages["activities"].total) == (1, 3)
    assert stages["activities"].summary == "activities: 3, linked to events: 1"
    implementation = stages["implementation"]
    assert (implementation.done, implementation.total, implementation.warning) == (2, 3, "overdue: 1")
    assert implementation.summary == "with a responsible person and a date: 2, done: 1"
    evaluation = stages["evaluation"]
    assert (evaluation.done, evaluation.total, evaluation.open_comments) == (2, 6, 1)
    assert evaluation.summary == "goals with success criteria: 1, goals checked: 1"
    assert due and evaluation.warning == f"checks due: {due}"
    assert (stages["report"].done, stages["report"].total) == (3, 2500)
    assert stages["report"].summary == "words written: interim 3 of 1000, final 0 of 1500"


def test_it_shows_an_empty_plan_as_not_started(cast):
    plan = make_plan(cast)
    states = overview(plan, timezone.localdate())
    assert [state.done for state in states] == [0] * 6
    assert [state.open_comments for state in states] == [0] * 6
    assert [state.warning for state in states] == [""] * 6
