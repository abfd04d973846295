"""Event e-mails are tasks: invitations, changes, freed places, reminders and a
record's materials are enqueued with ids and sent by the task."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued

from events import actions, tasks
from events.models import Participation
from events.tests.factories import make_event
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append((task_result.task.name, task_result.args))

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_inviting_on_the_web_enqueues_one_task_that_sends_the_invitations(
    cast, enqueued, django_capture_on_commit_callbacks
):
    event = make_event(cast, target_schools=[cast.attached_school])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(cast.leader).post(reverse("events:invite", args=[event.pk]))
    assert response.status_code == 302
    ids = sorted(event.participations.values_list("pk", flat=True))
    assert [(name, what, sorted(pks)) for name, (pks, what) in enqueued] == [("email_participants", "invitation", ids)]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.director.email, cast.coach.email, cast.teacher.email])


def test_a_reminder_that_cannot_be_sent_is_released_for_the_next_run(cast, monkeypatch):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=1))
    actions.register(event, cast.teacher)
    claimed_at = timezone.now()
    participation = event.participations.get()
    Participation.objects.filter(pk=participation.pk).update(reminded_at=claimed_at)

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("events.emails.send_mail", refuse)
    with pytest.raises(OSError):
        tasks.email_reminder.call(participation.pk, claimed_at.isoformat())
    participation.refresh_from_db()
    assert participation.reminded_at is None
    monkeypatch.undo()
    assert actions.send_reminders() == 1 and len(mail.outbox) == 1
