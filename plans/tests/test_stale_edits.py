"""Two members of the change team save the same stage: the second save is refused with
what is saved beside what they typed, and nothing they typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ortaq.testing import as_user, save_twice, stale_section
from plans import actions
from plans.models import Audit, Placement, Priority, Report
from plans.tests.factories import academic_year, make_goal, make_plan, make_priority, rubric

pytestmark = pytest.mark.django_db


def test_it_refuses_a_stale_audit_with_both_texts(cast):
    plan = make_plan(cast)
    url = reverse("plans:audit", args=[plan.pk])
    response = save_twice(
        url,
        as_user(cast.director),
        as_user(cast.coach),
        {"self_evaluation": "Директордың мәтіні", "methods": ["observation"]},
        {"self_evaluation": "Коучтың мәтіні", "methods": ["interview"]},
    )
    shown = stale_section(response)
    assert "Директордың мәтіні" in shown and "Коучтың мәтіні" in shown
    assert "Коучтың мәтіні" in response.content.decode().split("</section>", 1)[1]  # still in the form
    assert Audit.objects.get(plan=plan).self_evaluation == "Директордың мәтіні"


def test_it_refuses_a_stale_priority(cast):
    plan = make_plan(cast)
    priority = make_priority(plan)
    url = reverse("plans:priority_edit", args=[priority.pk])
    response = save_twice(
        url,
        as_user(cast.director),
        as_user(cast.coach),
        {"title": "Бірінші", "needs": "Аудит"},
        {"title": "Екінші", "needs": "Аудит"},
    )
    assert "Бірінші" in stale_section(response) and "Екінші" in stale_section(response)
    assert Priority.objects.get().title == "Бірінші"


def test_it_refuses_a_stale_goal(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    url = reverse("plans:goal_edit", args=[goal.pk])
    base = {"measure": "%", "baseline": "35", "target": "60", "due_on": plan.ends_on.isoformat()}
    response = save_twice(
        url, as_user(cast.director), as_user(cast.coach), base | {"statement": "Бір"}, base | {"statement": "Екі"}
    )
    assert "Бір" in stale_section(response) and "Екі" in stale_section(response)


def test_it_refuses_a_stale_reflection(cast):
    plan = make_plan(cast)
    url = reverse("plans:report", args=[plan.pk]) + "?kind=interim"
    director, coach = as_user(cast.director), as_user(cast.coach)
    # Both open the report before it exists.
    response = save_twice(url, director, coach, {"reflection": "Алғашқы ой"}, {"reflection": "Басқа ой"})
    assert "Алғашқы ой" in stale_section(response) and "Басқа ой" in stale_section(response)
    assert Report.objects.get(plan=plan).reflection == "Алғашқы ой"


def test_it_refuses_a_stale_implementation_plan(cast):
    plan = make_plan(cast)
    activity = actions.add_activity(plan, by=cast.director, title="Коучинг")
    url = reverse("plans:activity_edit", args=[activity.pk])
    response = save_twice(
        url,
        as_user(cast.director),
        as_user(cast.coach),
        {"title": "Коучинг", "resources": "Бейнежазба"},
        {"title": "Коучинг", "resources": "Жоспар"},
    )
    assert "Бейнежазба" in stale_section(response) and "Жоспар" in stale_section(response)


def test_it_refuses_a_stale_place_on_the_rubric(cast):
    areas, stages = rubric()
    year = academic_year()
    url = reverse("plans:rubric_school", args=[cast.network.pk, cast.attached_school.pk]) + f"?year={year.pk}"
    area = areas[0]
    prefix = f"area-{area.pk}"

    def data(stage, evidence):
        return {"area": area.pk, f"{prefix}-stage": stage.pk, f"{prefix}-evidence": evidence}

    first, second = as_user(cast.director), as_user(cast.director)
    opened = [c.get(url).content.decode() for c in (first, second)]
    assert all(f'name="{prefix}-version" value="0"' in page for page in opened)
    assert first.post(url, data(stages[0], "Хаттама") | {f"{prefix}-version": "0"}).status_code == 302
    response = second.post(url, data(stages[1], "Бақылау парағы") | {f"{prefix}-version": "0"})
    assert response.status_code == 409
    assert "Хаттама" in stale_section(response) and "Бақылау парағы" in stale_section(response)
    assert Placement.objects.get().evidence == "Хаттама"
