"""Who may open what: every view of plans refuses outsiders (404, as for what does not
exist) and other schools' teachers (a school's plan is its own), sends anonymous
visitors to sign in, and answers 403 to those who may read but not change."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import as_user
from plans import actions
from plans.models import Activity, Comment, Placement, Plan
from plans.tests.factories import academic_year, make_goal, make_plan, rubric

pytestmark = pytest.mark.django_db


def urls(cast) -> dict[str, list[tuple[str, str]]]:
    """Every view, grouped by who may use it."""
    plan = make_plan(cast)
    goal = make_goal(plan)
    criterion = actions.add_criterion(goal, text="Оқушылардың 60%-ы сабақта сұрақ қояды")
    activity = actions.add_activity(plan, by=cast.director, title="Коучинг", owner=cast.coach)
    comment = actions.add_comment(plan, stage="audit", text="Дереккөзін көрсетіңіз", by=cast.leader)
    areas, stages = rubric()
    placement = actions.place_school(
        cast.network, cast.attached_school, year=academic_year(), area=areas[0], stage=stages[0],
        evidence="/events/1/", by=cast.director, version=None,
    )  # fmt: skip
    made = actions.generate_report(plan, "interim", by=cast.director)
    p, n = plan.pk, cast.network.pk
    read = [
        ("get", reverse("plans:network", args=[n])),
        ("get", reverse("plans:rubric", args=[n])),
        ("get", reverse("plans:rubric_school", args=[n, cast.attached_school.pk])),
        ("get", reverse("plans:detail", args=[p])),
        ("get", reverse("plans:audit", args=[p])),
        ("get", reverse("plans:priorities", args=[p])),
        ("get", reverse("plans:activities", args=[p])),
        ("get", reverse("plans:implementation", args=[p])),
        ("get", reverse("plans:evaluation", args=[p])),
        ("get", reverse("plans:report", args=[p])),
        ("get", reverse("plans:report_file", args=[made.pk, "docx"])),
        ("get", reverse("plans:report_file", args=[made.pk, "pdf"])),
    ]
    edit = [
        ("get", reverse("plans:edit", args=[p])),
        ("post", reverse("plans:audit", args=[p])),
        ("post", reverse("plans:data_row_add", args=[p])),
        ("post", reverse("plans:priorities", args=[p])),
        ("get", reverse("plans:priority_edit", args=[goal.priority_id])),
        ("get", reverse("plans:goal_add", args=[goal.priority_id])),
        ("get", reverse("plans:goal_edit", args=[goal.pk])),
        ("post", reverse("plans:criterion_add", args=[goal.pk])),
        ("post", reverse("plans:criterion_status", args=[criterion.pk])),
        ("get", reverse("plans:check", args=[goal.pk])),
        ("post", reverse("plans:activities", args=[p])),
        ("get", reverse("plans:activity_edit", args=[activity.pk])),
        ("post", reverse("plans:activity_done", args=[activity.pk])),
        ("post", reverse("plans:report_generate", args=[p]) + "?kind=final"),
        ("post", reverse("plans:report", args=[p])),
        ("post", reverse("plans:comment_resolve", args=[comment.pk])),
    ]
    comment_ = [("post", reverse("plans:comment_add", args=[p]))]
    start = [("get", reverse("plans:create", args=[n]))]
    place = [("post", reverse("plans:rubric_school", args=[n, cast.attached_school.pk]) + f"?year={placement.year_id}")]
    moderate = [("get", reverse("plans:moderate", args=[placement.pk]))]
    return {"read": read, "edit": edit, "comment": comment_, "start": start, "place": place, "moderate": moderate}


def call(client: Client, method: str, url: str) -> int:
    data = {"area": "0"} if method == "post" else None
    status: int = getattr(client, method)(url, data).status_code
    return status


def state() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Comment.objects.count(),
        Comment.objects.filter(resolved_at__isnull=False).count(),
        Activity.objects.filter(done_on__isnull=False).count(),
        Placement.objects.filter(moderation="pending").count(),
    )


def test_it_answers_outsiders_404_everywhere_and_changes_nothing(cast):
    groups = urls(cast)
    client = as_user(cast.outsider)
    before = state()
    for group in groups.values():
        for method, url in group:
            assert call(client, method, url) == 404, (method, url)
    assert state() == before


def test_it_sends_anonymous_visitors_to_sign_in(cast):
    client = Client()
    for group in urls(cast).values():
        for method, url in group:
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


def test_it_lets_the_schools_teacher_read_but_not_change(cast):
    groups = urls(cast)
    client = as_user(cast.teacher)
    before = state()
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    for name in ("edit", "comment", "start", "place", "moderate"):
        for method, url in groups[name]:
            assert call(client, method, url) == 403, (method, url)
    assert state() == before


def test_it_hides_a_schools_plan_from_another_schools_teacher(cast):
    groups = urls(cast)
    other = member(cast.network, Role.TEACHER, email="other@example.kz", school=cast.leading_school)
    client = as_user(other)
    network_wide = {reverse("plans:network", args=[cast.network.pk]), reverse("plans:rubric", args=[cast.network.pk])}
    network_wide.add(reverse("plans:rubric_school", args=[cast.network.pk, cast.attached_school.pk]))
    for method, url in groups["read"]:
        assert call(client, method, url) == (200 if url in network_wide else 404), url
    for method, url in groups["edit"] + groups["comment"]:
        assert call(client, method, url) == 404, (method, url)


def test_it_lets_the_change_team_edit_every_stage(cast):
    groups = urls(cast)
    client = as_user(cast.coach)
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    for method, url in groups["edit"]:
        assert call(client, method, url) in (200, 302, 400, 409), (method, url)
    assert Comment.objects.get().is_resolved
    assert Activity.objects.get().done_on is not None


@pytest.mark.parametrize("who", ["leader", "coordinator", "methodologist"])
def test_it_lets_the_supporters_read_and_comment_but_not_edit(cast, who):
    groups = urls(cast)
    client = as_user(getattr(cast, who))
    for method, url in groups["read"] + groups["moderate"]:
        assert call(client, method, url) == 200, url
    for method, url in groups["edit"]:
        if "comments" in url:
            continue  # a comment's author may resolve it; this one is the leader's
        assert call(client, method, url) == 403, (method, url)
    response = client.post(
        reverse("plans:comment_add", args=[Plan.objects.get().pk]), {"stage": "audit", "text": "Жақсы"}
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author=getattr(cast, who)).exists()


def test_it_lets_the_director_start_a_plan_only_for_their_school(cast):
    client = as_user(cast.director)
    year = academic_year()
    url = reverse("plans:create", args=[cast.network.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"school": cast.leading_school.pk, "title": "Бөтен", "year": year.pk, "team": [cast.director.pk]}
    )
    assert response.status_code == 200 and not Plan.objects.filter(title="Бөтен").exists()
    response = client.post(
        url, {"school": cast.attached_school.pk, "title": "Өз жоспарымыз", "year": year.pk, "team": [cast.director.pk]}
    )
    plan = Plan.objects.get(title="Өз жoспарымыз".replace("o", "о"))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert list(plan.change_team.all()) == [cast.director]


def test_it_keeps_the_list_equal_to_the_pages(cast):
    make_plan(cast)
    make_plan(cast, school=cast.leading_school, team=[cast.leader], title="Жетекші мектеп")
    make_plan(cast, school=None, team=[cast.leader], title="Желі")
    other = member(cast.network, Role.TEACHER, email="other@example.kz", school=cast.leading_school)
    for person in (cast.teacher, cast.director, cast.leader, cast.methodologist, cast.outsider, other, cast.coach):
        listed = set(Plan.objects.visible_to(person).values_list("pk", flat=True))
        opened = {p.pk for p in Plan.objects.all() if as_user(person).get(p.get_absolute_url()).status_code == 200}
        assert listed == opened, person
    assert Plan.objects.visible_to(cast.teacher).count() == 2
    assert Plan.objects.visible_to(UserFactory.create()).count() == 0
