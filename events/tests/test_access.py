"""Who may open what: every events view refuses outsiders (404, as for what does not
exist), sends anonymous visitors to sign in, and answers 403 to members who may read
but not organise."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from awards.models import Award
from events import actions
from events.models import Event, Participation
from events.tests.factories import make_event, make_lesson, online_series
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def urls(cast) -> dict[str, list[tuple[str, str]]]:
    """Every view, grouped by who may use it."""
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    series = online_series(cast)
    lesson = make_lesson(cast, event)
    task = actions.add_task(event, by=cast.leader, title="Жоспар", owner=cast.coach, due_on=None)
    record_attachment = event.attachments.create(
        name="a.png", family="image", mime="image/png", extension="png", size=1
    )
    award = Award.objects.create(
        network=cast.network, event=event, recipient=cast.coach, kind="thanks", recipient_name="x", title="x",
        event_date=event.local_date,
    )  # fmt: skip
    e, n = event.pk, cast.network.pk
    read = [
        ("get", reverse("events:network", args=[n])),
        ("get", reverse("events:network", args=[n]) + "?view=list"),
        ("get", reverse("events:group", args=[n, cast.group.pk])),
        ("get", reverse("events:school", args=[cast.attached_school.pk])),
        ("get", reverse("events:plan", args=[n])),
        ("get", reverse("observations:forms", args=[n])),
        ("get", reverse("events:series", args=[series.pk])),
        ("get", reverse("events:detail", args=[e])),
        ("get", reverse("events:ics", args=[e])),
        ("get", reverse("observations:lesson", args=[lesson.pk])),
    ]
    organise = [
        ("get", reverse("events:create", args=[n])),
        ("get", reverse("events:series_create", args=[n])),
        ("post", reverse("events:series_cancel", args=[series.pk])),
        ("get", reverse("events:edit", args=[e])),
        ("post", reverse("events:move", args=[e])),
        ("post", reverse("events:cancel", args=[e])),
        ("post", reverse("events:restore", args=[e])),
        ("post", reverse("events:invite", args=[e])),
        ("get", reverse("events:attendance", args=[e])),
        ("get", reverse("events:record", args=[e])),
        ("post", reverse("events:record", args=[e])),
        ("post", reverse("events:task_toggle", args=[task.pk])),
        ("post", reverse("events:send_materials", args=[e])),
        ("get", reverse("events:lesson_create", args=[e])),
        ("post", reverse("observations:release", args=[lesson.pk])),
        ("get", reverse("awards:event", args=[e])),
        ("get", reverse("awards:pdf", args=[award.pk])),
        ("post", reverse("awards:revoke", args=[award.pk])),
        ("post", reverse("events:plan", args=[n])),
        ("post", reverse("observations:forms", args=[n])),
    ]
    member = [
        ("post", reverse("events:register", args=[e])),
        ("post", reverse("events:decline", args=[e])),
        ("post", reverse("events:checkin", args=[e])),
        ("get", reverse("observations:observe", args=[lesson.pk])),
    ]
    files = [
        ("get", reverse("observations:lesson_plan", args=[lesson.pk])),
        ("get", record_attachment.get_absolute_url()),
    ]
    person = [("get", reverse("portfolios:record", args=[cast.coach.pk]))]
    return {"read": read, "organise": organise, "member": member, "files": files, "person": person}


def call(client: Client, method: str, url: str) -> int:
    return getattr(client, method)(url).status_code


def test_outsiders_get_404_everywhere_and_nothing_changes(cast):
    groups = urls(cast)
    client = as_user(cast.outsider)
    before = (Event.objects.filter(status="cancelled").count(), Participation.objects.count(), Award.objects.count())
    for group in groups.values():
        for method, url in group:
            assert call(client, method, url) == 404, (method, url)
    assert before == (
        Event.objects.filter(status="cancelled").count(),
        Participation.objects.count(),
        Award.objects.count(),
    )


def test_anonymous_visitors_are_sent_to_sign_in(cast):
    client = Client()
    for group in urls(cast).values():
        for method, url in group:
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url
    assert call(client, "get", reverse("events:mine")) == 302
    assert call(client, "get", reverse("events:subscriptions")) == 302


def test_a_teacher_reads_but_may_not_organise(cast):
    groups = urls(cast)
    client = as_user(cast.teacher)
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    for method, url in groups["organise"]:
        assert call(client, method, url) == 403, (method, url)
    assert Event.objects.filter(status="cancelled").count() == 0
    assert Award.objects.filter(revoked_at__isnull=False).count() == 0


def test_a_coordinator_and_the_events_own_organiser_organise(cast):
    groups = urls(cast)
    event = Event.objects.filter(series__isnull=True).get()
    own = make_event(cast, by=cast.coach, organiser=cast.coach, title="Коучинг")
    coach = as_user(cast.coach)
    coordinator = as_user(cast.coordinator)
    for method, url in groups["organise"]:
        if method == "get":
            assert call(coordinator, method, url) == 200, url
    assert call(coach, "get", reverse("events:attendance", args=[own.pk])) == 200
    assert call(coach, "get", reverse("events:attendance", args=[event.pk])) == 403


def test_the_district_methodologist_reads_but_does_not_take_part(cast):
    groups = urls(cast)
    client = as_user(cast.methodologist)
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    event = Event.objects.filter(series__isnull=True).get()
    assert call(client, "post", reverse("events:register", args=[event.pk])) == 403
    assert call(client, "get", reverse("events:attendance", args=[event.pk])) == 403


def test_the_verification_page_and_feed_are_public_but_the_rest_is_not(cast):
    assert Client().get(reverse("awards:verify")).status_code == 200


def test_a_lone_person_sees_an_empty_calendar(cast):
    lone = User.objects.create_user("lone@example.kz", "x", full_name="Жалғыз")
    assert as_user(lone).get(reverse("events:mine")).status_code == 200
