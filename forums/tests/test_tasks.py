"""E-mail leaves from the task worker, not from the web request: the request enqueues
a task with ids for arguments after its commit, and the task sends."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued

from forums.models import ForumPreference, Notification
from forums.tests.factories import start
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def reply_on_the_web(cast, forum, capture):
    ForumPreference.objects.create(user=cast.teacher, email_mode=ForumPreference.EmailMode.IMMEDIATE)
    thread = start(forum, cast.teacher)
    with capture(execute=True):
        response = as_user(cast.coach).post(reverse("forums:reply", args=[thread.pk]), {"body": "Жауап"})
    assert response.status_code == 302
    return thread


def test_a_reply_enqueues_the_email_and_the_task_sends_it(cast, forum, enqueued, django_capture_on_commit_callbacks):
    reply_on_the_web(cast, forum, django_capture_on_commit_callbacks)
    (result,) = enqueued
    assert result.task.module_path == "forums.tasks.email_notifications"
    assert json.loads(json.dumps(result.args)) == [[Notification.objects.get().pk]]  # ids, not objects
    assert [m.to for m in mail.outbox] == [["teacher@example.kz"]]  # the development/test backend runs it at once
    assert Notification.objects.get().emailed_at is not None


def test_with_a_queue_the_request_sends_nothing_until_a_worker_runs_the_task(
    cast, forum, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    reply_on_the_web(cast, forum, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    (result,) = default_task_backend.results
    result.task.call(*result.args, **result.kwargs)  # what the worker does
    assert [m.to for m in mail.outbox] == [["teacher@example.kz"]]
