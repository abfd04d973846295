"""Each goal's section of the evaluation is rendered once and read from the cache after
(ortaq/lib/fragments.py, plans/views.py goal_parts): whatever changes in what a
section shows, the page shows it at once, and each reader sees their own rights."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ortaq.lib.fragments import csrf_placeholder
from ortaq.testing import as_user
from plans import actions
from plans.tests.factories import academic_year, make_goal, make_plan, rubric

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[\w-]{22,64}')


def section(user, plan, goal) -> str:
    response = as_user(user).get(reverse("plans:evaluation", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert csrf_placeholder() not in html
    match = re.search(rf'<section class="card" id="goal-{goal.pk}">.*?</section>', html, re.S)
    assert match, f"no goal {goal.pk}"
    return TOKEN.sub(r"\1…", match.group(0))  # a CSRF token is masked anew on every page


def test_every_change_to_a_goal_shows_at_once(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    criterion = actions.add_criterion(goal, text="Оқушылар сұрақ қояды")
    before = section(cast.director, plan, goal)  # fills the cache
    assert section(cast.director, plan, goal) == before  # read from it

    goal = actions.save_goal(goal, version=goal.version, statement="Жаңа мақсат", measure="үлес", methods="сауалнама")
    shown = section(cast.director, plan, goal)
    assert "Жаңа мақсат" in shown and "үлес" in shown and "сауалнама" in shown

    goal = actions.save_goal(goal, version=goal.version, baseline=Decimal("41.5"), target=Decimal(77))
    shown = section(cast.director, plan, goal)
    assert re.search(r"41[,.]50? → 77", shown), shown

    goal.priority.title = "Басқа басымдық"
    goal.priority.save()
    assert "Басқа басымдық" in section(cast.director, plan, goal)

    actions.set_criterion_status(criterion, "at_risk")
    assert '<option value="at_risk" selected>' in section(cast.director, plan, goal)
    criterion.text = "Оқушылар бір-біріне сұрақ қояды"
    criterion.save()
    assert "Оқушылар бір-біріне сұрақ қояды" in section(cast.director, plan, goal)
    actions.add_criterion(goal, text="Екінші критерий")
    assert "Екінші критерий" in section(cast.director, plan, goal)

    check = goal.checks.order_by("due_on")[0]
    actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal(50), note="Жақсы нәтиже", by=cast.coach)
    shown = section(cast.director, plan, goal)
    assert "Жақсы нәтиже" in shown and "50" in shown

    actions.save_goal(goal, version=goal.version, indicator_source="events.attendance")
    assert "events.attendance" not in (shown := section(cast.director, plan, goal)) and "<strong>" in shown


def test_a_check_falls_due_the_day_after_its_date(cast, time_machine):
    plan = make_plan(cast)
    goal = make_goal(plan)
    check = goal.checks.order_by("due_on")[0]
    time_machine.move_to(datetime.datetime.combine(check.due_on, datetime.time(12)), tick=False)
    assert "badge--late" not in section(cast.director, plan, goal)
    time_machine.move_to(datetime.datetime.combine(check.due_on + datetime.timedelta(days=1), datetime.time(12)))
    assert "badge--late" in section(cast.director, plan, goal)


def test_each_reader_sees_their_own_rights_whoever_read_the_goal_first(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    actions.add_criterion(goal, text="Оқушылар сұрақ қояды")
    editor = section(cast.director, plan, goal)  # on the change team: fills the cache first
    assert "criterion_status" not in editor and "/status/" in editor and "csrfmiddlewaretoken" in editor
    reader = section(cast.teacher, plan, goal)  # a member of the school: reads only
    assert "/status/" not in reader and "<select" not in reader and "csrfmiddlewaretoken" not in reader
    assert "Оқушылар сұрақ қояды" in reader


def goal_row(user, plan, goal) -> str:
    response = as_user(user).get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    row = rf'<tr>\s*<th scope="row"><a href="[^"]*#goal-{goal.pk}">.*?</tr>'
    match = re.search(row, response.content.decode(), re.S)
    assert match, f"no goal {goal.pk}"
    return match.group(0)


def test_every_change_to_a_goal_shows_at_once_in_the_plans_table_of_goals(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    before = goal_row(cast.teacher, plan, goal)  # fills the cache
    assert goal_row(cast.director, plan, goal) == before  # read from it

    goal = actions.save_goal(goal, version=goal.version, statement="Жаңа мақсат", measure="үлес")
    shown = goal_row(cast.teacher, plan, goal)
    assert "Жаңа мақсат" in shown and "үлес" in shown and "badge" not in shown
    goal = actions.save_goal(goal, version=goal.version, target=Decimal(88), indicator_source="events.attendance")
    shown = goal_row(cast.teacher, plan, goal)
    assert ">88<" in shown and "badge" in shown
    check = goal.checks.order_by("due_on")[0]
    actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal(50), note="", by=cast.coach)
    assert ": 50;" in goal_row(cast.teacher, plan, goal)  # the check's figure on the trajectory


def map_row(user, network_pk: int, school) -> str:
    response = as_user(user).get(reverse("plans:rubric", args=[network_pk]))
    assert response.status_code == 200
    row = rf'<tr>\s*<th scope="row"><a href="[^"]*/{school.pk}/[^"]*">.*?</tr>'
    match = re.search(row, response.content.decode(), re.S)
    assert match, f"no school {school.pk}"
    return match.group(0)


def test_a_place_on_the_rubric_and_its_moderation_show_at_once_on_the_map(cast):
    areas, stages = rubric()
    school = cast.attached_school
    placement = actions.place_school(
        cast.network, school, year=academic_year(), area=areas[0], stage=stages[1], evidence="Хаттама",
        by=cast.director, version=None,
    )  # fmt: skip
    before = map_row(cast.leader, cast.network.pk, school)  # fills the cache
    assert map_row(cast.leader, cast.network.pk, school) == before and stages[1].name in before
    actions.moderate(
        placement, agree=False, proposed_stage=stages[2], reason="Дәлел жеткіліксіз", by=cast.leader,
        version=placement.version,
    )  # fmt: skip
    after = map_row(cast.leader, cast.network.pk, school)
    assert stages[2].name in after and after != before
    school.name = "Жаңа атау"
    school.save()
    assert "Жаңа атау" in map_row(cast.leader, cast.network.pk, school)


def stages_card(user, plan) -> str:
    response = as_user(user).get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    match = re.search(r'<ol class="list-plain stage-list">.*?</ol>', response.content.decode(), re.S)
    assert match, "no stages"
    return match.group(0)


def test_every_change_to_a_stage_shows_at_once_on_the_plans_page(cast, time_machine):
    plan = make_plan(cast)
    before = stages_card(cast.teacher, plan)  # fills the cache
    assert stages_card(cast.director, plan) == before and 'value="33"' not in before  # read from it

    actions.add_data_row(
        plan, by=cast.director, kind="results", label="Үлгерім", value="40%", source="журнал",
        collected_on=plan.starts_on,
    )  # fmt: skip
    assert 'value="33"' in (shown := stages_card(cast.teacher, plan)) and ": 1<" in shown
    comment = actions.add_comment(plan, stage="audit", text="Дерек аз", by=cast.leader)
    with_comment = stages_card(cast.teacher, plan)
    assert with_comment.count("badge badge--sun") == shown.count("badge badge--sun") + 1
    actions.set_comment_resolved(comment, resolved=True, by=cast.director)
    assert stages_card(cast.teacher, plan) == shown

    goal = make_goal(plan)
    check = goal.checks.order_by("due_on")[0]
    time_machine.move_to(datetime.datetime.combine(check.due_on, datetime.time(12)), tick=False)
    on_the_day = stages_card(cast.teacher, plan)
    assert "⚠" not in on_the_day
    time_machine.move_to(datetime.datetime.combine(check.due_on + datetime.timedelta(days=1), datetime.time(12)))
    assert "⚠" in stages_card(cast.teacher, plan)  # the check fell due
