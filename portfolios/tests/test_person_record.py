"""A person's record for attestation: who may see it, what it holds, and that it reads
a constant number of queries however much there is."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.tests.factories import member
from ortaq.testing import as_user
from portfolios.tests.factories import fill

pytestmark = pytest.mark.django_db
MAX_QUERIES = 12  # with the bell's unread count and the panel of completed mentoring (mentoring/parts.py)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_the_record_lists_events_lessons_observations_awards_and_tasks(cast):
    fill(cast, 2)

    page = as_user(cast.teacher).get(reverse("portfolios:record", args=[cast.teacher.pk])).content.decode()

    for text in ("Семинар 0", "Семинар 1", "Квадрат теңдеулерді шешу", "Тапсырма 1", "certificate of participation"):
        assert text in page, text


def test_who_may_see_a_persons_record(cast):
    url = reverse("portfolios:record", args=[cast.teacher.pk])

    assert as_user(cast.teacher).get(url).status_code == 200
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.coordinator).get(url).status_code == 200
    assert as_user(cast.methodologist).get(url).status_code == 200
    assert as_user(cast.coach).get(url).status_code == 403  # a colleague sees the profile, not the record
    assert as_user(cast.director).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.teacher).get(reverse("portfolios:record", args=[cast.outsider.pk])).status_code == 404


def test_an_organiser_sees_only_their_networks_part(cast):
    fill(cast, 1)
    other = member(cast.network.__class__.objects.create(name="Даму"), "leader")
    cast.network.__class__.objects.get(name="Даму").memberships.create(user=cast.teacher, role="teacher")

    page = as_user(other).get(reverse("portfolios:record", args=[cast.teacher.pk])).content.decode()

    assert "Семинар 0" not in page


@pytest.mark.parametrize("viewer", ["teacher", "leader", "methodologist"])
def test_the_person_record_reads_a_constant_number_of_queries(cast, viewer):
    client = as_user(getattr(cast, viewer))
    url = reverse("portfolios:record", args=[cast.teacher.pk])
    fill(cast, 1)
    few = queries(client, url)
    fill(cast, 4)  # counted from 1: events 1..4 are new
    many = queries(client, url)

    assert few == many <= MAX_QUERIES


def test_the_record_is_linked_from_the_profile_and_for_those_who_may_read_it_from_the_person_page(cast):
    record = reverse("portfolios:record", args=[cast.teacher.pk])
    person_page = reverse("networks:person", args=[cast.teacher.pk])

    assert record in as_user(cast.teacher).get(reverse("accounts:profile")).content.decode()
    assert record in as_user(cast.leader).get(person_page).content.decode()
    assert record in as_user(cast.methodologist).get(person_page).content.decode()
    colleague = as_user(cast.coach).get(person_page)
    assert colleague.status_code == 200 and record not in colleague.content.decode()
