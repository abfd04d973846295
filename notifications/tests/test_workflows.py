"""Every workflow that concerns someone tells them through the notifications centre:
feedback released to the teacher, an award to its recipient (leading to their record),
an event moved or cancelled to those going, a meeting's task to its owner, a request to
join to the organisers, a joining through an invitation to the one who invited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from awards import actions as awarding
from events import actions as events
from events.models import Participation
from events.tests.factories import make_event, make_lesson
from networks import actions as networks
from notifications.models import Notice
from observations import actions as observing

pytestmark = pytest.mark.django_db


def notices_of(person) -> list[tuple[str, str]]:
    return [(notice.kind, notice.url) for notice in Notice.objects.filter(recipient=person)]


def test_released_feedback_reaches_the_teacher(cast):
    lesson = make_lesson(cast)
    scores = {c.pk: 3 for c in lesson.form.criteria.all()}  # type: ignore[union-attr]
    observing.save_observation(lesson, cast.coach, scores=scores, submit=True)
    assert Notice.objects.count() == 0

    observing.release_observations(lesson, by=cast.leader)

    assert notices_of(cast.teacher) == [("observations.released", lesson.get_absolute_url())]
    assert "Квадрат теңдеулерді шешу" in Notice.objects.get().sentence()


def test_an_award_reaches_its_recipient_with_a_link_to_their_record(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=2), kind="seminar")
    for person in (cast.teacher, cast.coach):
        Participation.objects.create(event=event, user=person, status="registered", attendance="present")

    awarding.award_attendees(event, by=cast.leader, kind="thanks")

    for person in (cast.teacher, cast.coach):
        assert notices_of(person) == [("awards.issued", reverse("portfolios:record", args=[person.pk]))]


def test_a_moved_or_cancelled_event_reaches_those_going_and_a_task_its_owner(cast):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=5))
    Participation.objects.create(event=event, user=cast.teacher, status="registered")
    Participation.objects.create(event=event, user=cast.coach, status="declined")
    later = event.starts_at + datetime.timedelta(days=1)

    events.move_event(event, starts_at=later, ends_at=later + datetime.timedelta(hours=1), by=cast.leader)
    events.cancel_event(event, by=cast.leader)
    events.add_task(event, by=cast.leader, title="Жоспар құру", owner=cast.director, due_on=None)

    assert [kind for kind, _url in notices_of(cast.teacher)] == ["events.cancelled", "events.moved"]
    assert notices_of(cast.coach) == []
    assert notices_of(cast.director) == [("events.task", event.get_absolute_url())]


def test_a_request_to_join_reaches_the_organisers_and_a_joining_the_one_who_invited(cast):
    newcomer = UserFactory.create(full_name="Жаңа Мұғалім")
    networks.request_to_join(cast.network, newcomer, message="Қосылғым келеді")
    invitation = networks.create_invitation(cast.network, by=cast.coordinator, role="teacher")
    guest = UserFactory.create(full_name="Шақырылған Мұғалім")
    networks.accept_invitation(invitation, guest)

    asked = {n.recipient for n in Notice.objects.filter(kind="networks.join_request")}
    assert asked == {cast.leader, cast.coordinator}
    assert notices_of(cast.coordinator)[0] == ("networks.joined", reverse("networks:members", args=[cast.network.pk]))
