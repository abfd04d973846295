"""What mentoring shows on lower apps' pages: the network home's count of uncertified
teachers with a mentor, and the completed mentoring in a person's record — the fact,
never the log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import CertificationFactory
from mentoring import actions
from mentoring.parts import uncertified_with_mentor
from mentoring.tests.factories import add_meeting, make_pair
from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_it_counts_the_uncertified_teachers_who_have_a_mentor(cast):
    # The cast's teachers at the network's schools hold no certificate: leader,
    # coordinator, director, coach, teacher.
    CertificationFactory(user=cast.coach)
    CertificationFactory(user=cast.leader)
    assert uncertified_with_mentor(cast.network) == (0, 3)
    pair = make_pair(cast)
    make_pair(cast, mentee=cast.teacher, mentor=cast.leader)  # a second mentor is not a second teacher
    assert uncertified_with_mentor(cast.network) == (1, 3)
    actions.complete_pair(pair, summary="", by=cast.coach)
    assert uncertified_with_mentor(cast.network) == (1, 3)


def test_the_network_home_shows_it_to_its_readers_in_one_query(cast):
    CertificationFactory(user=cast.coach)
    make_pair(cast)
    client = as_user(cast.director)
    url = cast.network.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "1 of 4 uncertified teachers have a mentor" in page
    for _ in range(5):
        make_pair(cast, mentee=member(cast.network, Role.TEACHER, school=cast.attached_school))
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "6 of 9 uncertified teachers have a mentor" in page
    assert len(few) == len(many)


def test_the_record_shows_the_completed_mentoring_to_both_and_never_the_log(cast):
    pair = make_pair(cast)
    add_meeting(pair, discussed="Жеке әңгіме")
    actions.complete_pair(pair, summary="Қорытынды", by=cast.coach)
    for person, line in ((cast.teacher, f"Mentored by {cast.coach.full_name}"), (cast.coach, "Mentor of")):
        for reader in (person, cast.leader):
            page = as_user(reader).get(reverse("portfolios:record", args=[person.pk])).content.decode()
            assert "Mentoring completed" in page and line in page, (person, reader)
            assert "Жеке әңгіме" not in page


def test_the_record_shows_no_mentoring_still_under_way(cast):
    make_pair(cast)
    page = as_user(cast.leader).get(reverse("portfolios:record", args=[cast.teacher.pk])).content.decode()
    assert "Mentoring completed" not in page
