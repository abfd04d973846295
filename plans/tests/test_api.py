"""/api/v1/plans/, goals, indicators, the rubric and its places (plans/api.py): the same
rules as the pages, through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notice
from ortaq.testing import api_as
from plans import actions
from plans.models import Goal, Placement, Plan
from plans.tests.factories import academic_year, make_goal, make_plan, make_priority, rubric

pytestmark = pytest.mark.django_db


def endpoints(cast) -> list[tuple[str, str, dict[str, object]]]:
    plan = make_plan(cast)
    goal = make_goal(plan)
    areas, stages = rubric()
    year = academic_year()
    placement = actions.place_school(
        cast.network, cast.attached_school, year=year, area=areas[0], stage=stages[1], evidence="Хаттама",
        by=cast.director, version=None,
    )  # fmt: skip
    p, n = plan.pk, cast.network.pk
    return [
        ("get", f"/api/v1/plans/{p}/", {}),
        ("get", f"/api/v1/plans/{p}/goals/", {}),
        ("get", f"/api/v1/plans/{p}/goals/{goal.pk}/", {}),
        ("post", f"/api/v1/plans/{p}/goals/", {"priority": goal.priority_id, "statement": "Жаңа", "measure": "%",
                                                 "baseline": "1", "target": "2", "due_on": plan.ends_on.isoformat()}),
        ("patch", f"/api/v1/plans/{p}/goals/{goal.pk}/", {"statement": "Өзгертілген"}),
        ("get", f"/api/v1/networks/{n}/rubric-placements/", {}),
        ("get", f"/api/v1/networks/{n}/rubric-placements/{placement.pk}/", {}),
        ("post", f"/api/v1/networks/{n}/rubric-placements/", {"school": cast.attached_school.pk, "year": year.pk,
                                                               "area": areas[1].pk, "stage": 2, "evidence": "Хаттама"}),
        ("patch", f"/api/v1/networks/{n}/rubric-placements/{placement.pk}/", {"stage": 3}),
        ("post", f"/api/v1/networks/{n}/rubric-placements/{placement.pk}/moderate/", {"agree": True}),
    ]  # fmt: skip


def state() -> tuple[object, ...]:
    return (
        Goal.objects.count(),
        set(Goal.objects.values_list("statement", flat=True)),
        Placement.objects.count(),
        set(Placement.objects.values_list("stage__number", "moderation")),
    )


def test_it_answers_404_to_an_outsider_on_every_plans_endpoint(cast):
    client = api_as(cast.outsider)
    calls = endpoints(cast)
    before = state()
    for method, url, data in calls:
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    assert state() == before


def test_it_answers_403_to_the_schools_teacher_on_every_change(cast):
    calls = endpoints(cast)
    before = state()
    client = api_as(cast.teacher)
    for method, url, data in calls:
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == (200 if method == "get" else 403), (method, url, response.status_code)
    assert state() == before


def test_it_lets_the_change_team_and_the_supporters_do_what_the_pages_let_them(cast):
    calls = dict(((method, url), data) for method, url, data in endpoints(cast))
    team, leader = api_as(cast.coach), api_as(cast.leader)
    for (method, url), data in calls.items():
        if "/goals/" in url and method != "get":
            assert getattr(team, method)(url, data, format="json").status_code in (200, 201), url
            assert getattr(leader, method)(url, data, format="json").status_code == 403, url
    assert Goal.objects.filter(statement="Жаңа").exists() and Goal.objects.filter(statement="Өзгертілген").exists()
    director = api_as(cast.director)
    for (method, url), data in calls.items():
        if "rubric-placements" in url and method != "get":
            who = leader if url.endswith("moderate/") else director
            assert getattr(who, method)(url, data, format="json").status_code in (200, 201), url
    assert Placement.objects.count() == 2
    assert Notice.objects.filter(kind="plans.moderated").exists()


def test_it_refuses_a_stale_goal_and_an_unsmart_one(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    client = api_as(cast.director)
    url = f"/api/v1/plans/{plan.pk}/goals/{goal.pk}/"
    assert client.patch(url, {"statement": "Бірінші", "version": goal.version}, format="json").status_code == 200
    stale = client.patch(url, {"statement": "Екінші", "version": goal.version}, format="json")
    assert stale.status_code == 409
    same = client.patch(url, {"target": "35.00"}, format="json")
    assert same.status_code == 400 and "target" in same.json()["errors"]
    assert Goal.objects.get().statement == "Бірінші"


def test_it_lists_exactly_the_plans_the_pages_show(cast):
    make_plan(cast)
    make_plan(cast, school=cast.leading_school, team=[cast.leader], title="Жетекші мектептің жоспары")
    for person in (cast.teacher, cast.leader, cast.methodologist, cast.outsider):
        listed = {row["id"] for row in api_as(person).get("/api/v1/plans/").json()["results"]}
        assert listed == set(Plan.objects.visible_to(person).values_list("pk", flat=True)), person


def test_it_gives_a_goal_its_trajectory_and_the_plan_its_stages(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    check = goal.checks.order_by("due_on")[0]
    actions.record_check(goal, check=check, on=check.due_on, value=Decimal(41), note="", by=cast.coach)
    body = api_as(cast.teacher).get(f"/api/v1/plans/{plan.pk}/goals/{goal.pk}/").json()
    assert [point["value"] for point in body["trajectory"]] == ["35.00", "41.00"]
    assert body["live_value"] is None and len(body["checks"]) == goal.checks.count()
    detail = api_as(cast.teacher).get(f"/api/v1/plans/{plan.pk}/").json()
    assert [stage["stage"] for stage in detail["stages"]] == [
        "audit",
        "priorities",
        "activities",
        "implementation",
        "evaluation",
        "report",
    ]
    assert {person["id"] for person in detail["change_team"]} == {cast.director.pk, cast.coach.pk}
    keys = {row["key"] for row in api_as(cast.teacher).get("/api/v1/plan-indicators/").json()}
    assert {"events.attendance", "materials.published", "plans.rubric_stage"} <= keys
    areas = api_as(cast.outsider).get("/api/v1/rubric-areas/").json()
    assert len(areas) == 3 and len(areas[0]["descriptors"]) == 4


def test_the_lists_read_the_same_queries_for_few_rows_and_many(cast):
    plan = make_plan(cast)
    make_goal(plan, indicator_source="events.attendance")  # a live source is asked once, however many goals follow it
    client = api_as(cast.teacher)
    urls = [
        f"/api/v1/plans/{plan.pk}/goals/",
        "/api/v1/plans/",
        f"/api/v1/networks/{cast.network.pk}/rubric-placements/",
    ]

    def counted() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            found.append(len(context.captured_queries))
        return found

    counted()  # the token's first use is written down once
    few = counted()
    areas, stages = rubric()
    for number in range(4):
        make_goal(plan, make_priority(plan, title=f"Басымдық {number}"), indicator_source="events.attendance")
        make_plan(cast, title=f"Жоспар {number}")
    for area in areas:
        for chosen in (academic_year(-1), academic_year()):
            actions.place_school(
                cast.network, cast.attached_school, year=chosen, area=area, stage=stages[0], evidence="Хаттама",
                by=cast.director, version=None,
            )  # fmt: skip
    assert counted() == few
