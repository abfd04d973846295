"""Whom plans tell, and that the reminders of overdue activities go out once, however
often and however many at once they run."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notice
from ortaq.testing import as_user, run_at_once
from plans import actions
from plans.tests.factories import academic_year, make_plan, rubric

pytestmark = pytest.mark.django_db


def test_it_tells_the_change_team_of_a_comment_on_their_stage(cast):
    plan = make_plan(cast)
    response = as_user(cast.leader).post(
        reverse("plans:comment_add", args=[plan.pk]), {"stage": "evaluation", "text": "Критерийлерді нақтылаңыз"}
    )
    assert response.status_code == 302 and "#comment-" in response["Location"]
    notices = Notice.objects.filter(kind="plans.comment")
    assert {n.recipient for n in notices} == {cast.director, cast.coach}
    assert all(n.url.startswith(reverse("plans:evaluation", args=[plan.pk])) for n in notices)


def test_it_tells_a_person_an_activity_is_given_to_them_once(cast):
    plan = make_plan(cast)
    activity = actions.add_activity(plan, by=cast.director, title="Сауалнама", owner=cast.teacher)
    actions.save_activity(activity, version=activity.version, by=cast.director, title="Сауалнама жүргізу")
    assert Notice.objects.filter(kind="plans.assigned", recipient=cast.teacher).count() == 1
    actions.save_activity(activity, version=activity.version, by=cast.director, owner=cast.coach)
    assert Notice.objects.filter(kind="plans.assigned", recipient=cast.coach).count() == 1


def test_it_reminds_the_owner_of_an_overdue_activity_once(cast):
    plan = make_plan(cast)
    today = timezone.localdate()
    overdue = actions.add_activity(
        plan, by=cast.director, title="Сауалнама", owner=cast.coach, due_on=today - datetime.timedelta(days=2)
    )
    actions.add_activity(
        plan, by=cast.director, title="Алда", owner=cast.coach, due_on=today + datetime.timedelta(days=2)
    )
    done = actions.add_activity(
        plan, by=cast.director, title="Бітті", owner=cast.coach, due_on=today - datetime.timedelta(days=3)
    )
    actions.set_activity_done(done, done=True)
    out = StringIO()
    call_command("send_plan_reminders", stdout=out)
    call_command("send_plan_reminders", stdout=out)
    notices = Notice.objects.filter(kind="plans.overdue")
    assert [n.title for n in notices] == ["Сауалнама"] and notices.get().recipient == cast.coach
    assert "1." in out.getvalue() and "0." in out.getvalue()
    # A new date makes it due again, and overdue again only after it.
    actions.save_activity(overdue, version=overdue.version, by=cast.director, due_on=today - datetime.timedelta(days=1))
    assert actions.send_overdue_reminders() == 1


@pytest.mark.django_db(transaction=True)
def test_it_tells_no_one_twice_when_two_runs_overlap(cast):
    plan = make_plan(cast)
    today = timezone.localdate()
    for number in range(4):
        actions.add_activity(
            plan,
            by=cast.director,
            title=f"Іс-шара {number}",
            owner=cast.coach,
            due_on=today - datetime.timedelta(days=1),
        )
    errors = run_at_once(lambda: call_command("send_plan_reminders", stdout=StringIO()))
    assert errors == []
    assert Notice.objects.filter(kind="plans.overdue").count() == 4


def test_it_tells_the_school_its_place_was_moderated(cast):
    areas, stages = rubric()
    placement = actions.place_school(
        cast.network, cast.attached_school, year=academic_year(), area=areas[0], stage=stages[1],
        evidence="Хаттама", by=cast.director, version=None,
    )  # fmt: skip
    response = as_user(cast.leader).post(
        reverse("plans:moderate", args=[placement.pk]),
        {
            "decision": "propose",
            "proposed_stage": stages[0].pk,
            "reason": "Дәлел жеткіліксіз",
            "version": placement.version,
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get(kind="plans.moderated")
    assert notice.recipient == cast.director and f"placement-{placement.pk}" in notice.url
