"""The firewall between development and evaluation (issue 20): diary entries and
mentoring notes are never seen by the school's director, the network's leader or its
organisers — not on a page, in a list, in the search, in a person's record or through
the API — until the teacher shares them, and then only the companion chosen sees them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from diaries import actions as diary_actions
from diaries.tests.factories import write
from mentoring import actions as mentoring_actions
from mentoring.tests.factories import add_meeting, make_pair
from ortaq.testing import api_as, as_user

pytestmark = pytest.mark.django_db

SECRET = "Бүгін сабағым сәтсіз өтті"
NOTE = "Директормен қарым-қатынас қиын"
APPRAISERS = ("director", "leader", "coordinator")


@pytest.fixture
def world(cast):
    earlier = make_pair(cast, started_days_ago=200)  # a mentoring completed: a fact in the record
    add_meeting(earlier, days_ago=150, discussed=NOTE)
    mentoring_actions.complete_pair(earlier, summary="", by=cast.coach)
    pair = make_pair(cast)  # the coach mentors the teacher again
    add_meeting(pair, discussed=NOTE)
    entry = write(cast.teacher, tried=SECRET)
    return pair, entry


def pages(entry, pair) -> list[str]:
    return [
        entry.get_absolute_url(),
        reverse("diaries:entry_edit", args=[entry.pk]),
        reverse("diaries:entry_delete", args=[entry.pk]),
    ]


def seen_anywhere(client, cast, pair) -> str:
    """Every list, record and search a person can read, put together."""
    return "".join(
        client.get(url).content.decode()
        for url in (
            reverse("diaries:mine"),
            reverse("diaries:shared"),
            reverse("mentoring:mine"),
            reverse("mentoring:network", args=[cast.network.pk]),
            pair.get_absolute_url(),
            reverse("portfolios:record", args=[cast.teacher.pk]),
            reverse("portfolios:record", args=[cast.coach.pk]),
            reverse("networks:person", args=[cast.teacher.pk]),
            cast.network.get_absolute_url(),
            reverse("search:results") + "?q=сабағым",
            reverse("notifications:index"),
        )
    )


def api_seen(client) -> str:
    return "".join(
        str(client.get(url).content.decode())
        for url in ("/api/v1/diary-entries/", "/api/v1/diary-shared/", "/api/v1/mentoring-pairs/")
    )


@pytest.mark.parametrize("who", APPRAISERS)
def test_appraisers_get_404_and_see_nothing(cast, world, who):
    pair, entry = world
    person = getattr(cast, who)
    client = as_user(person)
    for url in pages(entry, pair):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("diaries:entry_share", args=[entry.pk]), {"person": person.pk}).status_code == 404
    everything = seen_anywhere(client, cast, pair)
    assert SECRET not in everything and NOTE not in everything
    api = api_as(person)
    assert api.get(f"/api/v1/diary-entries/{entry.pk}/").status_code == 404
    assert api.get(f"/api/v1/diary-shared/{entry.pk}/").status_code == 404
    assert api.patch(f"/api/v1/diary-entries/{entry.pk}/", {"tried": "x"}).status_code == 404
    assert api.delete(f"/api/v1/diary-entries/{entry.pk}/").status_code == 404
    assert api.get(f"/api/v1/mentoring-pairs/{pair.pk}/meetings/").status_code == 404
    assert SECRET not in api_seen(api) and NOTE not in api_seen(api)


def test_an_administrator_reads_no_diary_either(cast, world, admin_client):
    _pair, entry = world
    assert admin_client.get(entry.get_absolute_url()).status_code == 404
    assert admin_client.get("/admin/diaries/entry/").status_code == 404
    assert admin_client.get("/admin/mentoring/meeting/").status_code == 404


def test_once_shared_only_the_companion_reads_it(cast, world):
    pair, entry = world
    diary_actions.share_entry(entry, with_user=cast.coach, by=cast.teacher)
    coach = as_user(cast.coach)
    assert SECRET in coach.get(entry.get_absolute_url()).content.decode()
    assert coach.get(reverse("diaries:entry_edit", args=[entry.pk])).status_code == 403
    assert SECRET in api_seen(api_as(cast.coach))
    assert api_as(cast.coach).patch(f"/api/v1/diary-entries/{entry.pk}/", {"tried": "x"}).status_code == 403
    for who in APPRAISERS:
        client = as_user(getattr(cast, who))
        assert client.get(entry.get_absolute_url()).status_code == 404, who
        assert SECRET not in seen_anywhere(client, cast, pair)
        assert SECRET not in api_seen(api_as(getattr(cast, who)))


def test_the_mentoring_log_reaches_the_organisers_only_when_both_share_it(cast, world):
    pair, _entry = world
    mentoring_actions.set_log_shared(pair, by=cast.teacher, shared=True)
    assert NOTE not in seen_anywhere(as_user(cast.leader), cast, pair)
    mentoring_actions.set_log_shared(pair, by=cast.coach, shared=True)
    assert NOTE in as_user(cast.leader).get(pair.get_absolute_url()).content.decode()
    # the director is no organiser: still 404
    assert as_user(cast.director).get(pair.get_absolute_url()).status_code == 404
