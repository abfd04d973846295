"""/api/v1/people/{id}/record/ (portfolios/api.py): a person's record of professional
development, for whom the page shows it to and as the page shows it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from events.models import Event, Participation
from events.tests.factories import make_event
from networks.models import Network, Role
from networks.tests.factories import member
from ortaq.testing import api_as
from portfolios.tests.factories import fill

pytestmark = pytest.mark.django_db


def url_of(person) -> str:
    return f"/api/v1/people/{person.pk}/record/"


def test_it_shows_the_record_to_whom_the_page_shows_it(cast):
    for person, expected in [
        (cast.teacher, 200),
        (cast.leader, 200),
        (cast.coordinator, 200),
        (cast.methodologist, 200),
        (cast.coach, 403),  # a colleague sees the profile, not the record
        (cast.director, 403),
        (cast.outsider, 404),
    ]:
        response = api_as(person).get(url_of(cast.teacher))
        assert response.status_code == expected, (person, response.status_code)
    assert api_as(cast.teacher).get(url_of(cast.outsider)).status_code == 404
    assert api_as(cast.teacher, scope="read").get(url_of(cast.teacher)).status_code == 200


def test_it_holds_what_the_page_holds(cast):
    fill(cast, 2)
    body = api_as(cast.teacher).get(url_of(cast.teacher)).json()
    assert body["person"]["full_name"] == cast.teacher.full_name
    assert body["attended"] == 2
    assert [row["title"] for row in body["events"]] == ["Семинар 0", "Семинар 1"]
    assert body["events"][0]["attendance"] == "present" and body["events"][0]["network"] == "Шуақ"
    first = Event.objects.get(title="Семинар 0")
    assert body["events"][0]["starts_at"] == timezone.localtime(first.starts_at).isoformat()
    assert [row["topic"] for row in body["lessons_given"]] == ["Квадрат теңдеулерді шешу"] * 2
    assert body["lessons_given"][0]["observers"] == 1
    assert len(body["lessons_observed"]) == 2 and body["lessons_observed"][0]["teacher"] == cast.coach.full_name
    assert {row["kind"] for row in body["awards"]} == {"participation"}
    assert [row["title"] for row in body["tasks"]] == ["Тапсырма 1", "Тапсырма 0"]
    # The documents' links are in one's own record; an organiser reads their codes.
    assert all(row["pdf"].endswith("/pdf/") for row in body["awards"])
    organiser = api_as(cast.leader).get(url_of(cast.teacher)).json()
    assert {row["pdf"] for row in organiser["awards"]} == {None}
    assert organiser["awards"][0]["verification"].startswith("http://testserver/")


def test_it_shows_someone_else_only_the_networks_they_may_see(cast):
    fill(cast, 1)
    other = Network.objects.create(name="Даму")
    other_leader = member(other, Role.LEADER, email="damu@example.kz")
    other.memberships.create(user=cast.teacher, role=Role.TEACHER)
    theirs = make_event(cast, title="Шуақ кездесуі")
    Participation.objects.create(event=theirs, user=cast.teacher, status="registered")
    body = api_as(other_leader).get(url_of(cast.teacher)).json()
    assert body["events"] == [] and body["awards"] == [] and body["tasks"] == []
    own = api_as(cast.teacher).get(url_of(cast.teacher)).json()
    assert "Шуақ кездесуі" in [row["title"] for row in own["events"]]


@pytest.mark.parametrize("viewer", ["teacher", "leader", "methodologist"])
def test_it_reads_the_record_in_the_same_queries_however_long_it_is(cast, viewer, django_assert_max_num_queries):
    client = api_as(getattr(cast, viewer))
    fill(cast, 1)
    with django_assert_max_num_queries(12):
        client.get(url_of(cast.teacher))
    fill(cast, 4)
    with django_assert_max_num_queries(12):
        assert len(client.get(url_of(cast.teacher)).json()["events"]) == 5


def test_it_answers_304_when_the_client_holds_the_record_already(cast):
    fill(cast, 1)
    client = api_as(cast.leader)
    first = client.get(url_of(cast.teacher))
    assert client.get(url_of(cast.teacher), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    fill(cast, 1)
    assert client.get(url_of(cast.teacher), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
