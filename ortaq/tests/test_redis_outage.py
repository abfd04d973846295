"""Redis down degrades the site, never breaks it: the cache answers as empty, sessions
live in the database, e-mails go out at once, and /healthz names the outage while
answering 200 (issue 14.6)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
import redis
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from rq.utils import now as rq_now

from forums.models import Category, Forum
from forums.tests.factories import start
from ortaq.lib import cache as ortaq_cache
from ortaq.lib.tasks import RQBackendOrNow, Worker
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
DEAD = "redis://127.0.0.1:6390/0"  # nothing listens there
ALIVE = "redis://127.0.0.1:6379/14"
DONE: list[str] = []


@task()
def note(text: str) -> None:
    DONE.append(text)


def redis_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "ortaq.lib.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(DEAD)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.REDIS_URL = DEAD
    settings.RQ_QUEUES = {"default": {"URL": DEAD}}
    ortaq_cache._down_until = 0.0
    yield
    ortaq_cache._down_until = 0.0


@pytest.mark.speed_helpers
def test_pages_answer_while_redis_is_down(cast, redis_down):
    forum = Forum.objects.create(network=cast.network)
    Category.objects.create(forum=forum, name="Бағалау", position=1)
    thread = start(forum, cast.teacher)

    assert Client().get("/").status_code == 200
    assert Client().get(reverse("accounts:login")).status_code == 200
    client = as_user(cast.teacher)  # the session is written to the database, the cache keeps nothing
    for url in (
        reverse("networks:detail", args=[cast.network.pk]),
        reverse("forums:index", args=[cast.network.pk]),
        thread.get_absolute_url(),
        reverse("events:network", args=[cast.network.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_signing_in_works_while_redis_is_down(cast, redis_down):
    from accounts.tests.factories import PASSWORD

    client = Client()
    response = client.post(reverse("accounts:login"), {"username": cast.teacher.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("networks:detail", args=[cast.network.pk])).status_code == 200


def test_healthz_names_the_outage_and_keeps_the_server_in(redis_down):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "down", "queue": "down", "status": "degraded"}


def test_healthz_says_ok_when_redis_answers(settings):
    settings.REDIS_URL = ALIVE
    response = Client().get("/healthz")
    assert response.json() == {"database": "ok", "cache": "ok", "queue": "ok", "status": "ok"}


def test_a_task_runs_at_once_when_the_queue_is_down(redis_down):
    DONE.clear()
    backend = RQBackendOrNow("default", {"QUEUES": ["default"]})

    backend.enqueue(note, ["sent"], {})

    assert DONE == ["sent"]


def test_a_task_for_later_is_refused_when_the_queue_is_down(redis_down, settings):
    DONE.clear()
    settings.TASKS = {"default": {"BACKEND": "ortaq.lib.tasks.RQBackendOrNow", "QUEUES": ["default"]}}

    with pytest.raises(redis.RedisError):
        note.using(run_after=timezone.now() + datetime.timedelta(minutes=1)).enqueue("later")

    assert DONE == []  # not run at once: its caller decides (a reminder's retry gives its claim back)


@pytest.mark.parametrize(("alive", "maintenance"), [(False, True), (True, False)])
def test_the_worker_starts_its_dead_scheduler_again_at_once(alive, maintenance):
    """After a Redis restart the scheduler process has died; RQ alone would wait for
    its ten-minute maintenance to start it again (docs/deploy.md, «Task worker»)."""
    worker = object.__new__(Worker)  # no connection to Redis needed to ask
    vars(worker).update(
        maintenance_interval=600,
        last_cleaned_at=rq_now(),  # maintenance just done
        scheduler=SimpleNamespace(_process=SimpleNamespace(is_alive=lambda: alive)),
    )

    assert worker.should_run_maintenance_tasks is maintenance


def test_the_cache_answers_as_empty_and_stops_asking_for_a_while(redis_down, monkeypatch):
    from django.core.cache import cache

    assert cache.get("anything", "default") == "default"
    assert ortaq_cache.is_down()
    cache.set("k", 1)
    assert cache.get_many(["k"]) == {}
    assert cache.incr("k") == 1  # a counter starts from nothing, as after an eviction
    assert mail.outbox == []
