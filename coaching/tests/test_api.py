"""/api/v1/coaching-plans/: the same permissions and actions as the pages, the firewall
included (the leaders know a plan, not its sessions or visits, unless shared)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from coaching.models import CoachingPlan, CoachingSession, Visit
from coaching.tests.factories import NOTES, held_session, make_plan, make_visit
from networks.models import Role
from networks.tests.factories import member
from observations.tests.factories import make_form
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db
API = "/api/v1/coaching-plans/"


def test_it_lists_the_plans_each_person_knows_of(cast):
    plan = make_plan(cast)
    for person in (cast.coach, cast.teacher, cast.leader, cast.director):
        body = api_as(person).get(API).json()
        assert [row["id"] for row in body["results"]] == [plan.pk], person
    assert api_as(member(cast.network, Role.TEACHER)).get(API).json()["results"] == []
    assert api_as(cast.outsider).get(f"{API}{plan.pk}/").status_code == 404


def test_it_keeps_sessions_and_visits_from_the_leaders(cast):
    plan = make_plan(cast)
    session = held_session(plan, cast.coach)
    make_visit(cast, plan)
    for person in (cast.leader, cast.director, cast.coordinator):
        client = api_as(person)
        assert NOTES not in client.get(f"{API}{plan.pk}/").content.decode()
        assert client.get(f"{API}{plan.pk}/sessions/").status_code == 404
        assert client.get(f"{API}{plan.pk}/sessions/{session.pk}/").status_code == 404
        assert client.get(f"{API}{plan.pk}/visits/").status_code == 404
    body = api_as(cast.teacher).get(f"{API}{plan.pk}/sessions/").json()
    assert body["results"][0]["done"] == NOTES
    assert len(api_as(cast.teacher).get(f"{API}{plan.pk}/visits/").json()["results"]) == 1


def test_it_starts_a_plan_for_those_who_may_and_refuses_others(cast):
    today = timezone.localdate()
    sent = {
        "network": cast.network.pk,
        "title": "Коучинг",
        "coach": cast.coach.pk,
        "teachers": [cast.teacher.pk],
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
        "planned_sessions": 3,
        "status": "active",
    }
    assert api_as(cast.teacher).post(API, sent, format="json").status_code == 403
    assert api_as(cast.outsider).post(API, sent, format="json").status_code == 404
    response = api_as(cast.director).post(API, sent, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["teachers"][0]["id"] == cast.teacher.pk
    assert CoachingPlan.objects.get().created_by == cast.director
    bad = api_as(cast.director).post(API, {**sent, "ends_on": "2000-01-01"}, format="json")
    assert bad.status_code == 400


def test_it_changes_a_plan_with_the_version_check_and_if_match(cast):
    plan = make_plan(cast)
    url = f"{API}{plan.pk}/"
    assert api_as(cast.teacher).patch(url, {"title": "Жаңа"}, format="json").status_code == 403
    client = api_as(cast.coach)
    tag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "Жаңа", "version": plan.version}, format="json").status_code == 200
    assert client.patch(url, {"title": "Ескі", "version": plan.version}, format="json").status_code == 409
    assert client.patch(url, {"title": "Ескі"}, format="json", HTTP_IF_MATCH=tag).status_code == 412
    assert CoachingPlan.objects.get().title == "Жаңа"


def test_it_schedules_and_records_sessions_for_the_coach_only(cast):
    plan = make_plan(cast)
    url = f"{API}{plan.pk}/sessions/"
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    assert api_as(cast.teacher).post(url, {"date": day}, format="json").status_code == 403
    response = api_as(cast.coach).post(url, {"date": day, "start": "15:00", "topic": "Сұрақтар"}, format="json")
    assert response.status_code == 201, response.content
    session = CoachingSession.objects.get()
    assert session.event is not None
    record = {"done": NOTES, "held": True, "version": session.version}
    assert api_as(cast.teacher).patch(f"{url}{session.pk}/", record, format="json").status_code == 403
    assert api_as(cast.coach).patch(f"{url}{session.pk}/", record, format="json").status_code == 200
    assert api_as(cast.coach).patch(f"{url}{session.pk}/", record, format="json").status_code == 409
    assert CoachingSession.objects.get().done == NOTES


def test_it_visits_a_lesson_for_the_coach_only(cast):
    plan = make_plan(cast)
    url = f"{API}{plan.pk}/visits/"
    sent = {"teacher": cast.teacher.pk, "date": timezone.localdate().isoformat(), "topic": "Бөлшектер", "grade": 7,
            "form": make_form(cast).pk}  # fmt: skip
    assert api_as(cast.teacher).post(url, sent, format="json").status_code == 403
    assert api_as(cast.leader).post(url, sent, format="json").status_code == 404
    response = api_as(cast.coach).post(url, sent, format="json")
    assert response.status_code == 201, response.content
    assert Visit.objects.get().lesson.teacher == cast.teacher
    stranger = api_as(cast.coach).post(url, {**sent, "teacher": cast.leader.pk}, format="json")
    assert stranger.status_code == 400
