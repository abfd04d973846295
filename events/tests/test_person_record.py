"""A person's record for attestation: who may see it, what it holds, and that the
calendars and the record read a constant number of queries however much there is."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import actions
from events.models import Participation
from events.tests.factories import make_event, make_lesson, online_series
from networks.tests.factories import member
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def fill(cast, count: int) -> None:
    """count past events the teacher attended, with a lesson, an observation, an award and a task each."""
    for index in range(count):
        day = timezone.localdate() - datetime.timedelta(days=2 + index)
        event = make_event(cast, day, title=f"Семинар {index}", kind="seminar", target_schools=[cast.attached_school])
        Participation.objects.create(event=event, user=cast.teacher, status="registered", attendance="present")
        lesson = make_lesson(cast, event, feedback_needs_release=False)
        criteria = {c.pk: 3 for c in lesson.form.criteria.all()}
        actions.save_observation(lesson, cast.coach, scores=criteria, submit=True)
        other = make_lesson(cast, event, teacher=cast.coach, form=lesson.form)
        actions.save_observation(other, cast.teacher, scores=criteria, submit=True, what_worked="Жақсы")
        actions.issue_award(event, cast.teacher, by=cast.leader, kind="participation", hours=4)
        actions.add_task(event, by=cast.leader, title=f"Тапсырма {index}", owner=cast.teacher, due_on=day)


def test_the_record_lists_events_lessons_observations_awards_and_tasks(cast):
    fill(cast, 2)

    page = as_user(cast.teacher).get(reverse("events:person_record", args=[cast.teacher.pk])).content.decode()

    for text in ("Семинар 0", "Семинар 1", "Квадрат теңдеулерді шешу", "Тапсырма 1", "certificate of participation"):
        assert text in page, text


def test_who_may_see_a_persons_record(cast):
    url = reverse("events:person_record", args=[cast.teacher.pk])

    assert as_user(cast.teacher).get(url).status_code == 200
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.coordinator).get(url).status_code == 200
    assert as_user(cast.methodologist).get(url).status_code == 200
    assert as_user(cast.coach).get(url).status_code == 403  # a colleague sees the profile, not the record
    assert as_user(cast.director).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.teacher).get(reverse("events:person_record", args=[cast.outsider.pk])).status_code == 404


def test_an_organiser_sees_only_their_networks_part(cast):
    fill(cast, 1)
    other = member(cast.network.__class__.objects.create(name="Даму"), "leader")
    cast.network.__class__.objects.get(name="Даму").memberships.create(user=cast.teacher, role="teacher")

    page = as_user(other).get(reverse("events:person_record", args=[cast.teacher.pk])).content.decode()

    assert "Семинар 0" not in page


@pytest.mark.parametrize("viewer", ["teacher", "leader", "methodologist"])
def test_the_person_record_reads_a_constant_number_of_queries(cast, viewer):
    client = as_user(getattr(cast, viewer))
    url = reverse("events:person_record", args=[cast.teacher.pk])
    fill(cast, 1)
    few = queries(client, url)
    fill(cast, 4)  # counted from 1: events 1..4 are new
    many = queries(client, url)

    assert few == many <= MAX_QUERIES


@pytest.mark.parametrize("name", ["network", "network_list", "group", "school", "mine", "mine_list"])
def test_calendars_read_a_constant_number_of_queries(cast, name):
    n = cast.network.pk
    url = {
        "network": reverse("events:network", args=[n]),
        "network_list": reverse("events:network", args=[n]) + "?view=list",
        "group": reverse("events:group", args=[n, cast.group.pk]),
        "school": reverse("events:school", args=[cast.attached_school.pk]),
        "mine": reverse("events:mine"),
        "mine_list": reverse("events:mine") + "?view=list",
    }[name]
    first = timezone.localdate().replace(day=1)
    url += ("&" if "?" in url else "?") + f"month={first:%Y-%m}"
    client = as_user(cast.teacher)
    make_event(cast, first.replace(day=3), target_groups=[cast.group], target_schools=[cast.attached_school])
    few = queries(client, url)
    online_series(cast, target_groups=[cast.group])
    for day in range(4, 28, 2):
        make_event(
            cast,
            first.replace(day=day),
            title=f"Іс-шара {day}",
            target_groups=[cast.group],
            target_schools=[cast.attached_school],
        )
    actions.add_task(make_event(cast), by=cast.leader, title="Тапсырма", owner=cast.teacher, due_on=None)
    response = client.get(url)
    assert "Іс-шара 26" in response.content.decode()
    many = queries(client, url)

    assert few == many <= MAX_QUERIES
