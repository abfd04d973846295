"""The plans demo lives in the present: whatever day it is seeded, the leading school's
plan walks seed 002's grade-7 example inside the academic year people mean, every
school stands on the rubric last year and this, and a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from networks.models import Network, NetworkSchool
from notifications.models import Notice
from ortaq.testing import as_user, english_words
from plans.demo import TITLE
from plans.models import Activity, Check, Comment, Goal, Placement, Plan, Report

pytestmark = pytest.mark.django_db

DAYS = ["2026-09-01", "2026-12-04", "2027-03-24", "2027-08-20", "2028-02-29"]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Plan, Goal, Check, Activity, Comment, Report, Placement, Notice)}


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.today(d), id=d) for d in DAYS])
def test_it_seeds_the_grade_7_plan_and_the_rubric_around_today(day):
    call_command("demo", stdout=io.StringIO())
    today = timezone.localdate()
    network = Network.objects.get(name="Шуақ")
    plan = Plan.objects.get(title=TITLE)
    assert plan.school == NetworkSchool.objects.get(network=network, role="leading").school
    assert plan.starts_on <= today <= plan.ends_on or (today.month in (6, 7, 8))
    assert plan.change_team.count() == 4
    assert plan.audit.self_evaluation.startswith("Мектептің өзін өзі эвалюациялауы барысында 7-сынып")
    goals = list(Goal.objects.filter(priority__plan=plan))
    assert len(goals) == 3 and {g.indicator_source for g in goals} == {
        "",
        "events.teachers_attending",
        "observations.lessons_given",
    }
    assert all(plan.starts_on < g.due_on <= plan.ends_on for g in goals)
    assert not Check.objects.filter(done_on__gt=today).exists()
    for activity in plan.activities.prefetch_related("events"):
        assert all(plan.starts_on <= e.local_date <= plan.ends_on for e in activity.events.all())
    assert Report.objects.get(plan=plan).kind == "interim"
    schools = NetworkSchool.objects.filter(network=network).count()
    assert Placement.objects.filter(network=network).count() == schools * 3 * 2
    assert Placement.objects.exclude(moderation="pending").exists()
    assert Placement.objects.filter(moderation="pending").exists()

    before = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.today("2026-12-04")
def test_it_shows_the_demo_plan_in_kazakh_only():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(title=TITLE)
    director = User.objects.get(email="director@demo.ortaq.kz")
    client = as_user(director)
    pages = [
        reverse(f"plans:{name}", args=[plan.pk])
        for name in ("detail", "audit", "priorities", "activities", "implementation", "evaluation", "report")
    ]
    pages += [reverse("plans:rubric", args=[plan.network_id]), reverse("plans:network", args=[plan.network_id])]
    pages += [reverse("plans:goal_edit", args=[Goal.objects.filter(priority__plan=plan)[0].pk])]
    pages += [reverse("plans:activity_edit", args=[plan.activities.all()[0].pk]), reverse("plans:edit", args=[plan.pk])]
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
        assert response.status_code == 200, url
        assert not english_words(response.content.decode()), (url, english_words(response.content.decode()))
    # A school's places as a reader sees them (the director's form holds the evidence as typed: links).
    methodologist = as_user(User.objects.get(email="methodologist@demo.ortaq.kz"))
    response = methodologist.get(reverse("plans:rubric_school", args=[plan.network_id, plan.school_id]))
    assert response.status_code == 200 and not english_words(response.content.decode())
    # The overdue activity is flagged, in words as well as colour.
    assert "⚠" in client.get(reverse("plans:implementation", args=[plan.pk])).content.decode()
