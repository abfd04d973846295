"""/api/v1/ awards and their verification (awards/api.py): the same rules and refusals as
the pages, and a code read as the verification page reads it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from awards import actions, notices
from awards.models import Award
from awards.permissions import awards_visible_to, get_award_for_user
from events import actions as events
from events.tests.factories import at, make_event
from networks.tests.factories import NetworkFactory, member
from notifications.models import Notice
from ortaq.testing import api_as, as_user

pytestmark = pytest.mark.django_db


def yesterday(cast, **fields):
    return make_event(cast, timezone.localdate() - datetime.timedelta(days=1), **fields)


@pytest.fixture
def award(cast) -> Award:
    return actions.issue_award(
        yesterday(cast), cast.coach, by=cast.leader, kind="thanks", reason="белсенді жұмысы үшін"
    )


def test_it_answers_404_to_outsiders_and_403_to_members_who_do_not_organise(cast, award):
    e = award.event_id
    changes = [
        ("get", f"/api/v1/events/{e}/awards/", {}),
        ("post", f"/api/v1/events/{e}/awards/", {"kind": "thanks", "recipient": cast.teacher.pk}),
        ("post", f"/api/v1/awards/{award.pk}/revoke/", {"reason": "Қате"}),
        ("get", f"/api/v1/awards/{award.pk}/", {}),
    ]
    outsider = api_as(cast.outsider)
    for method, url, data in changes:
        response = getattr(outsider, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    assert outsider.get("/api/v1/awards/").json()["results"] == []
    for person in (cast.teacher, cast.director, cast.methodologist):
        client = api_as(person)
        for method, url, data in changes:
            response = getattr(client, method)(url, data, format="json")
            assert response.status_code == 403, (person, method, url, response.status_code)
    award.refresh_from_db()
    assert not award.is_revoked and Award.objects.count() == 1
    # The recipient reads their own award, but does not revoke it.
    coach = api_as(cast.coach)
    assert coach.get(f"/api/v1/awards/{award.pk}/").status_code == 200
    assert coach.post(f"/api/v1/awards/{award.pk}/revoke/", {"reason": "x"}, format="json").status_code == 403


def test_it_lists_exactly_the_awards_a_person_may_open(cast, award):
    by_coach = yesterday(cast, title="Коучинг", responsible=[cast.coach])
    mine = actions.issue_award(by_coach, cast.teacher, by=cast.coach, kind="participation", hours=4)
    other = NetworkFactory.create(name="Басқа желі")
    stranger = member(other, email="stranger@example.kz")
    start = at(timezone.localdate() - datetime.timedelta(days=2))
    elsewhere = events.create_event(
        other,
        by=stranger,
        title="Басқа",
        location="Мектеп",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    actions.issue_award(elsewhere, stranger, by=stranger, kind="thanks")
    people = (cast.leader, cast.coordinator, cast.director, cast.coach, cast.teacher, cast.methodologist, cast.outsider)
    for person in people:
        listed = {row["id"] for row in api_as(person).get("/api/v1/awards/").json()["results"]}
        assert listed == set(awards_visible_to(person).values_list("pk", flat=True))
        may_open = set()
        for one in Award.objects.all():
            try:
                get_award_for_user(person, one.pk)
            except (Http404, PermissionDenied):
                continue
            may_open.add(one.pk)
        assert listed == may_open, person
    # The coach, responsible for their session, sees its award and their own.
    assert {row["id"] for row in api_as(cast.coach).get("/api/v1/awards/").json()["results"]} == {award.pk, mine.pk}
    by_event = api_as(cast.leader).get("/api/v1/awards/", {"event": by_coach.pk}).json()["results"]
    assert [row["id"] for row in by_event] == [mine.pk]
    # The award's PDF link is the site's permission-checked page, which the coach may now open.
    pdf = api_as(cast.coach).get(f"/api/v1/awards/{mine.pk}/").json()["pdf"]
    response = as_user(cast.coach).get(pdf.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_it_issues_with_the_pages_refusals(cast):
    client = api_as(cast.leader)
    ahead = make_event(cast)
    early = client.post(
        f"/api/v1/events/{ahead.pk}/awards/", {"kind": "thanks", "recipient": cast.teacher.pk}, format="json"
    )
    assert early.status_code == 400
    assert early.json()["errors"]["detail"] == ["Awards are issued once the event has taken place."]
    event = yesterday(cast)
    url = f"/api/v1/events/{event.pk}/awards/"
    no_nomination = client.post(url, {"kind": "merit", "recipient": cast.teacher.pk}, format="json")
    assert no_nomination.status_code == 400
    nobody = client.post(url, {"kind": "thanks"}, format="json")
    assert nobody.status_code == 400 and "recipient" in nobody.json()["errors"]
    both = client.post(url, {"kind": "thanks", "recipient": cast.teacher.pk, "everyone_present": True}, format="json")
    assert both.status_code == 400
    outsider = client.post(url, {"kind": "thanks", "recipient": cast.outsider.pk}, format="json")
    assert outsider.status_code == 400 and "recipient" in outsider.json()["errors"]
    one = client.post(
        url, {"kind": "merit", "nomination": "Ең үздік шебер сынып", "recipient": cast.teacher.pk}, format="json"
    )
    assert one.status_code == 201, one.json()
    assert one.json()["count"] == 1 and one.json()["awards"][0]["recipient_name"] == cast.teacher.full_name
    assert Notice.objects.filter(recipient=cast.teacher, kind=notices.ISSUED.key).count() == 1
    again = client.post(url, {"kind": "merit", "nomination": "Тағы", "recipient": cast.teacher.pk}, format="json")
    assert again.status_code == 400 and Award.objects.filter(event=event).count() == 1


def test_it_issues_to_everyone_present_only_when_asked_and_says_how_many(cast):
    event = yesterday(cast)
    client = api_as(cast.leader)
    url = f"/api/v1/events/{event.pk}/awards/"
    empty = client.post(url, {"kind": "participation", "hours": 2, "everyone_present": True}, format="json")
    assert empty.status_code == 400
    for person in (cast.teacher, cast.coach, cast.director):
        events.add_attendee(event, person, by=cast.leader)
    issued = client.post(url, {"kind": "participation", "hours": 2, "everyone_present": True}, format="json")
    assert issued.status_code == 201
    assert issued.json()["count"] == 3
    names = {row["recipient_name"] for row in issued.json()["awards"]}
    assert names == {cast.teacher.full_name, cast.coach.full_name, cast.director.full_name}
    listed = client.get(url).json()["results"]
    assert len(listed) == 3 and {row["hours"] for row in listed} == {2}


def test_it_revokes_with_a_reason_and_the_verification_says_so(cast, award):
    client = api_as(cast.leader)
    url = f"/api/v1/awards/{award.pk}/revoke/"
    assert client.post(url, {"reason": ""}, format="json").status_code == 400
    revoked = client.post(url, {"reason": "Қате адамға берілді"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["is_revoked"] is True
    assert revoked.json()["revoke_reason"] == "Қате адамға берілді"
    checked = api_as(None).get(f"/api/v1/awards/verify/{award.code}/").json()
    assert checked["valid"] is False and checked["recipient_name"] == cast.coach.full_name
    assert checked["revoked_on"] == timezone.localdate().isoformat()
    assert checked["kind"] is None and checked["network"] is None


def test_it_verifies_a_code_however_it_was_typed_without_a_token(cast, award):
    anyone = api_as(None)
    plain = award.code.replace("-", "")
    # Small letters, spaces instead of dashes, and a Cyrillic look-alike for a Latin letter.
    typed = " ".join([plain[:4], plain[4:8], plain[8:]]).lower().translate(str.maketrans("aekmhopctxy", "аекмнорстху"))
    for code in (award.code, plain, typed):
        response = anyone.get(f"/api/v1/awards/verify/{code}/")
        assert response.status_code == 200, code
        body = response.json()
        assert body["valid"] is True and body["code"] == award.code
        assert body["network"] == "Шуақ" and body["kind"] == "thanks"
        assert body["event_date"] == award.event_date.isoformat()
        assert response["X-Robots-Tag"] == "noindex"
    unknown = anyone.get("/api/v1/awards/verify/AAAA-BBBB-CCCC/")
    assert unknown.status_code == 404 and unknown["Content-Type"] == "application/problem+json"
    assert "Check the code for typing mistakes." in unknown.json()["detail"]


def test_it_limits_the_rate_of_verification_by_address(cast, award, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "2/min"}}
    anyone = api_as(None)
    url = f"/api/v1/awards/verify/{award.code}/"
    assert [anyone.get(url).status_code for _ in range(2)] == [200, 200]
    refused = anyone.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0


def test_it_lists_awards_in_the_same_queries_for_any_number(cast, award, django_assert_max_num_queries):
    client = api_as(cast.leader)
    with django_assert_max_num_queries(8):
        client.get("/api/v1/awards/")
    event = yesterday(cast, title="Семинар")
    for number in range(12):
        person = member(cast.network, email=f"a{number}@example.kz")
        actions.issue_award(event, person, by=cast.leader, kind="thanks")
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/awards/").json()["results"]) == 13
