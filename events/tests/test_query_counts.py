"""The calendars, the event page, the work plan and the attendance list read a
constant number of queries however many people, events and lessons they show."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from calendars.actions import add_academic_year
from calendars.schoolyear import SchoolYear
from events import actions
from events.models import Participation, WorkPlan
from events.tests.factories import make_event, make_lesson, online_series
from networks.tests.factories import member
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
# Today's counts, as ceilings: the session and person, the event with its network, the
# reader's standing, the bell's unread count, then one query per kind of row shown; the
# event's page one more for what surveys adds to it (the needs it serves).
EVENT_PAGE, PLAN, ATTENDANCE, CALENDARS = 22, 15, 8, 11


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def people(cast, count: int, start: int = 0) -> list:
    return [
        member(
            cast.network,
            email=f"t{start + n}@example.kz",
            full_name=f"Мұғалім {start + n}",
            school=cast.attached_school,
        )
        for n in range(count)
    ]


def test_the_event_page_reads_the_same_queries_for_many_people_and_lessons(cast):
    event = make_event(cast, kind="seminar", target_schools=[cast.attached_school], responsible=[cast.coach])
    actions.register(event, cast.teacher)
    make_lesson(cast, event)
    actions.add_task(event, by=cast.leader, title="Тапсырма", owner=cast.teacher, due_on=None)
    client = as_user(cast.leader)
    few = queries(client, event.get_absolute_url())

    for person in people(cast, 12):
        actions.register(event, person)
    for _ in range(3):
        make_lesson(cast, event, teacher=cast.coach)
    for owner in (cast.coach, cast.director, cast.leader):
        actions.add_task(event, by=cast.leader, title="Тапсырма", owner=owner, due_on=None)
    many = queries(client, event.get_absolute_url())

    assert few == many <= EVENT_PAGE, (few, many)


def test_the_plan_reads_the_same_queries_for_a_full_quarter_of_events(cast):
    year = add_academic_year(SchoolYear.current(timezone.localdate()))
    plan = WorkPlan.objects.create(network=cast.network, year=year, created_by=cast.leader)
    url = reverse("events:plan", args=[cast.network.pk]) + "?term=1"
    make_event(cast, year.starts_on + datetime.timedelta(days=2), plan=plan, responsible=[cast.coach])
    client = as_user(cast.leader)
    few = queries(client, url)

    for n in range(15):
        make_event(
            cast,
            year.starts_on + datetime.timedelta(days=3 * n + 1),
            title=f"Іс-шара {n}",
            plan=plan,
            responsible=[cast.coach, cast.director],
            target_schools=[cast.attached_school],
            target_groups=[cast.group],
        )
    many = queries(client, url)

    assert few == many <= PLAN, (few, many)


def test_the_attendance_list_reads_the_same_queries_for_a_full_room(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    Participation.objects.create(event=event, user=cast.teacher)
    url = reverse("events:attendance", args=[event.pk])
    client = as_user(cast.leader)
    few = queries(client, url)

    Participation.objects.bulk_create(Participation(event=event, user=person) for person in people(cast, 25))
    many = queries(client, url)

    assert few == many <= ATTENDANCE, (few, many)


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

    assert few == many <= CALENDARS
