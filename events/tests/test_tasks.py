"""Event e-mails are tasks: invitations, changes, freed places, reminders and a
record's materials are enqueued with ids and sent by the task."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.signals import task_enqueued

from events import actions, emails
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


@pytest.fixture
def queue(settings):
    """A queue that keeps tasks, for later too, until the test runs them as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return backend.results


@pytest.fixture
def refusals(monkeypatch):
    """The mail server refuses the next ``refusals[0]`` messages."""
    left = [0]
    send_mail = emails.send_mail

    def refuse_some(*args, **kwargs):
        if left[0]:
            left[0] -= 1
            raise OSError("connection refused")
        return send_mail(*args, **kwargs)

    monkeypatch.setattr(emails, "send_mail", refuse_some)
    return left


def claimed_reminder(cast):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=1))
    actions.register(event, cast.teacher)
    mail.outbox.clear()
    assert actions.send_reminders() == 1
    return event.participations.get()


def test_a_refused_reminder_is_tried_again_after_1_5_and_30_minutes_then_given_up(
    cast, queue, refusals, time_machine, caplog
):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    refusals[0] = 4
    participation = claimed_reminder(cast)
    claimed_at = participation.reminded_at

    runs: list[tuple[datetime.timedelta, list[object]]] = []
    while len(queue) > len(runs):
        result = queue[len(runs)]
        if result.task.run_after is not None:
            time_machine.move_to(result.task.run_after, tick=False)  # the worker's scheduler waits until then
        runs.append((timezone.now() - start, result.args[2:]))
        with pytest.raises(OSError):
            result.task.call(*result.args, **result.kwargs)

    minute = datetime.timedelta(minutes=1)
    assert runs == [(0 * minute, []), (1 * minute, [2]), (6 * minute, [3]), (36 * minute, [4])]
    assert mail.outbox == [] and refusals[0] == 0
    assert f"Gave up the reminder of participation {participation.pk} after 4 attempts" in caplog.text
    participation.refresh_from_db()
    assert participation.reminded_at == claimed_at  # given up: the hourly run does not start again
    assert actions.send_reminders() == 0


def test_a_reminder_refused_once_is_sent_by_its_retry(cast, queue, refusals, time_machine):
    refusals[0] = 1
    participation = claimed_reminder(cast)
    first = queue[0]
    with pytest.raises(OSError):
        first.task.call(*first.args, **first.kwargs)
    (retry,) = queue[1:]
    assert retry.task.run_after is not None
    time_machine.move_to(retry.task.run_after)
    assert retry.task.call(*retry.args, **retry.kwargs) is True
    assert [m.to for m in mail.outbox] == [[cast.teacher.email]]
    assert len(queue) == 2
    participation.refresh_from_db()
    assert participation.reminded_at is not None


def test_a_reminder_whose_retry_cannot_be_queued_is_released_for_the_next_run(cast, refusals):
    # The test backend runs tasks at once and cannot keep one for later, as RQ with Redis down.
    refusals[0] = 1
    participation = claimed_reminder(cast)
    participation.refresh_from_db()
    assert participation.reminded_at is None
    assert mail.outbox == []
    assert actions.send_reminders() == 1 and len(mail.outbox) == 1
