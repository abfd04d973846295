"""A change is noted in its own transaction, so the index cannot miss it: a process
killed between the commit and the indexing, or an indexing that fails, leaves the
note, and ``ortaq update_search_index`` (or the next change's catch-up) finds it."""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from forums import actions as forum_actions
from forums.models import Forum
from materials import actions as material_actions
from materials.tests.factories import publish
from ortaq.testing import run_at_once
from search import index
from search.models import PendingChange, SearchDocument
from search.query import search

pytestmark = pytest.mark.django_db


def titles(user, query: str) -> list[str]:
    return [hit.title for hit in search(user, query)]


def update_search_index() -> str:
    out = io.StringIO()
    call_command("update_search_index", stdout=out)
    return out.getvalue()


def test_it_finds_a_thread_saved_just_before_a_crash(cast, django_capture_on_commit_callbacks):
    forum = Forum.objects.create(network=cast.network)
    # Committed, and then the process died: what waits for the commit never runs.
    with django_capture_on_commit_callbacks(execute=False):
        thread = forum_actions.start_thread(forum, by=cast.teacher, title="Кері байланыс", body="Бағалау")
        reply = forum_actions.reply(thread, by=cast.coach, body="Дескриптор жазамыз")
    assert titles(cast.director, "кері") == []
    assert set(PendingChange.objects.values_list("kind", "object_id")) == {("thread", thread.pk), ("post", reply.pk)}

    assert update_search_index() == "Search index: 2 changes indexed, 0 failed.\n"
    assert titles(cast.director, "кері") == ["Кері байланыс"]
    assert titles(cast.director, "дескриптор") == ["Кері байланыс"]
    assert not PendingChange.objects.exists()
    assert update_search_index() == "Search index: 0 changes indexed, 0 failed.\n"


def test_it_finds_a_material_whose_indexing_failed(cast, monkeypatch, django_capture_on_commit_callbacks):
    def broken(instance):
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(index, "refresh", broken)
        with django_capture_on_commit_callbacks(execute=True):
            material = publish(cast, title="Диалогтық оқыту")  # the publishing itself succeeds
    assert titles(cast.director, "диалог") == []
    assert PendingChange.objects.get().object_id == material.pk

    assert update_search_index() == "Search index: 1 changes indexed, 0 failed.\n"
    assert titles(cast.director, "диалог") == ["Диалогтық оқыту"]


def test_it_keeps_the_note_of_a_document_it_cannot_read(cast, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        material = publish(cast, title="Диалогтық оқыту")
    with monkeypatch.context() as patched:
        patched.setattr(index, "refresh", lambda instance: 1 / 0)
        assert update_search_index() == "Search index: 0 changes indexed, 1 failed.\n"
    assert PendingChange.objects.get().object_id == material.pk
    assert update_search_index() == "Search index: 1 changes indexed, 0 failed.\n"


def test_it_drops_a_material_deleted_before_its_change_was_indexed(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        material = publish(cast, title="Жойылатын жоспар")
    assert titles(cast.director, "жоспар") == ["Жойылатын жоспар"]
    with django_capture_on_commit_callbacks(execute=False):
        material.title = "Жаңа жоспар"
        material_actions.update_material(material)
        material_actions.delete_material(material)
    assert update_search_index() == "Search index: 1 changes indexed, 0 failed.\n"
    assert titles(cast.director, "жоспар") == []
    assert not SearchDocument.objects.exists()


def test_it_notes_nothing_when_the_change_rolls_back(cast):
    forum = Forum.objects.create(network=cast.network)
    with pytest.raises(RuntimeError), transaction.atomic():
        forum_actions.start_thread(forum, by=cast.teacher, title="Болмаған тақырып", body="Мәтін")
        raise RuntimeError
    assert not PendingChange.objects.exists()


def test_it_notes_a_thing_changed_twice_once(cast, django_capture_on_commit_callbacks):
    forum = Forum.objects.create(network=cast.network)
    with django_capture_on_commit_callbacks(execute=False):
        thread = forum_actions.start_thread(forum, by=cast.teacher, title="Сұрақ", body="Бірінші")
        forum_actions.edit_post(thread.posts.get(number=1), by=cast.teacher, body="Екінші")
    assert list(PendingChange.objects.values_list("kind", "object_id")) == [("thread", thread.pk)]
    update_search_index()
    assert titles(cast.teacher, "екінші") == ["Сұрақ"]


@pytest.mark.django_db(transaction=True)
def test_two_catch_ups_at_once_index_each_change_once(cast, monkeypatch):
    """Cron started twice, or a slow run overlapping the next minute's."""
    forum = Forum.objects.create(network=cast.network)
    with monkeypatch.context() as patched:
        patched.setattr(index, "_catch_up_after_commit", lambda keys: None)  # every process died after its commit
        threads = [
            forum_actions.start_thread(forum, by=cast.teacher, title=f"Тақырып {n}", body="Мәтін") for n in range(8)
        ]
    assert PendingChange.objects.count() == 8

    read: list[int] = []
    refresh = index.refresh

    def slow_refresh(instance):
        read.append(instance.pk)
        time.sleep(0.05)  # the other run reaches the same notes meanwhile
        refresh(instance)

    monkeypatch.setattr(index, "refresh", slow_refresh)
    results: list[index.CaughtUp] = []
    errors = run_at_once(lambda: results.append(index.catch_up(batch=2)))

    assert errors == []
    assert sorted(read) == sorted(thread.pk for thread in threads)  # each once
    # (Not the runs' own counts: a run that met the database locked mid-way is started
    # again, as cron would, and its second start counts only what was left.)
    assert results
    assert not PendingChange.objects.exists()
    assert len(titles(cast.teacher, "тақырып")) == 8
