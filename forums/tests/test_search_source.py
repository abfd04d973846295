"""What the forum gives the search: documents, and a signal in each change's transaction."""

from __future__ import annotations

import pytest
from django.db import connection

import forums
from forums import actions
from forums.models import Post, Thread
from forums.signals import content_changed
from forums.tests.factories import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """(sender, pk, how many transactions were open) for each signal."""
    received: list[tuple[type, object, int]] = []

    def listener(sender, instance, **kwargs):
        received.append((sender, instance.pk, len(connection.atomic_blocks)))

    content_changed.connect(listener)
    yield received
    content_changed.disconnect(listener)


def test_a_thread_and_a_reply_give_their_documents(cast, forum):
    thread = start(forum, cast.teacher, body="**Критериалды** бағалау <script>x()</script>")
    reply = actions.reply(thread, by=cast.coach, body="Дескриптор — *қадам*.")
    document = thread.search_document()
    assert document == {
        "kind": "thread",
        "object_id": thread.pk,
        "network_id": cast.network.pk,
        "group_id": None,
        "title": thread.title,
        "body": "Критериалды бағалау",
        "url": thread.get_absolute_url(),
        "created_at": thread.created_at,
        "is_visible": True,
    }
    post_document = reply.search_document()
    assert post_document["kind"] == "post" and post_document["title"] == thread.title
    assert post_document["body"] == "Дескриптор — қадам." and post_document["url"].endswith("#post-2")
    assert thread.posts.get(number=1).search_document() is None  # its words are the thread's


def test_group_documents_carry_the_group(cast, group_forum):
    thread = start(group_forum, cast.coach, category=None)
    assert thread.search_document()["group_id"] == cast.group.pk


def test_hidden_and_deleted_content_is_not_visible_and_not_listed(cast, forum):
    shown = start(forum, cast.teacher, title="Көрінеді")
    kept = actions.reply(shown, by=cast.coach, body="Қалады")
    deleted = actions.reply(shown, by=cast.coach, body="Өшірілді")
    hidden_reply = actions.reply(shown, by=cast.coach, body="Жасырылды")
    hidden = start(forum, cast.teacher, title="Жасырын")
    actions.reply(hidden, by=cast.coach, body="Жасырын тақырыптағы жауап")
    actions.delete_post(deleted, by=cast.coach)
    actions.hide_post(hidden_reply, True, by=cast.leader)
    actions.hide_thread(hidden, True, by=cast.leader)
    for obj in (deleted, hidden_reply, hidden):
        obj.refresh_from_db()
    assert deleted.search_document()["is_visible"] is False
    assert hidden_reply.search_document()["is_visible"] is False
    assert hidden.search_document()["is_visible"] is False
    documents = list(forums.search_documents())
    assert {(d["kind"], d["object_id"]) for d in documents} == {("thread", shown.pk), ("post", kept.pk)}


def test_the_documents_are_read_in_chunks_without_a_query_per_post(cast, forum, django_assert_max_num_queries):
    for n in range(5):
        thread = start(forum, cast.teacher, title=f"Тақырып {n}")
        actions.reply(thread, by=cast.coach, body="Жауап")
    with django_assert_max_num_queries(2):
        assert len(list(forums.search_documents())) == 10


def test_changes_are_signalled_inside_their_transaction(cast, forum, sent, django_capture_on_commit_callbacks):
    """So that what a receiver writes (the search index's note of the change) commits
    with the change, or not at all."""
    outside = len(connection.atomic_blocks)  # the test's own transaction
    with django_capture_on_commit_callbacks(execute=False):
        thread = start(forum, cast.teacher)
        reply = actions.reply(thread, by=cast.coach, body="Жауап")
        actions.edit_post(reply, by=cast.coach, body="Түзетілген жауап")
        actions.edit_post(thread.posts.get(number=1), by=cast.teacher, body="Жаңа мәтін")
        actions.hide_post(reply, True, by=cast.leader)
        actions.hide_post(reply, False, by=cast.leader)
        actions.delete_post(reply, by=cast.coach)
        actions.restore_post(reply, by=cast.leader)
        actions.move_thread(thread, forum.categories.last(), by=cast.leader)
        actions.hide_thread(thread, True, by=cast.leader)
    assert [(sender, pk) for sender, pk, _depth in sent] == [
        (Thread, thread.pk),
        (Post, reply.pk),
        (Post, reply.pk),
        (Thread, thread.pk),  # an edit of the opening post re-indexes its thread
        (Post, reply.pk),
        (Post, reply.pk),
        (Post, reply.pk),
        (Post, reply.pk),
        (Thread, thread.pk),
        (Thread, thread.pk),
    ]
    assert all(depth > outside for _sender, _pk, depth in sent)
