"""What each person has read: one row per (person, thread), moved forward by
reading and never written when nothing changed; "new" marks in the thread list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import actions
from forums.models import ReadState
from forums.tests.factories import add_replies, start
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split(" ", 1)[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_reading_moves_the_mark_forward_and_never_back(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach], 44)
    client = as_user(cast.director)
    url = reverse("forums:thread", args=[thread.pk])
    client.get(url)
    assert ReadState.objects.get(user=cast.director, thread=thread).last_read_number == 20
    client.get(url, {"after": 40})
    assert ReadState.objects.get(user=cast.director, thread=thread).last_read_number == 45
    client.get(url)  # back to page one: the mark stays at the end
    assert ReadState.objects.get(user=cast.director, thread=thread).last_read_number == 45
    assert ReadState.objects.filter(user=cast.director).count() == 1


def test_reading_again_writes_nothing(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach], 3)
    client = as_user(cast.director)
    url = reverse("forums:thread", args=[thread.pk])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert any("forums_readstate" in sql for sql in writes(first))
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert writes(again) == []
    before = ReadState.objects.get(user=cast.director).updated_at
    client.get(url)
    assert ReadState.objects.get(user=cast.director).updated_at == before


def test_mark_read_moves_only_forward(cast, forum):
    thread = start(forum, cast.teacher)
    assert actions.mark_read(cast.coach, thread, 5) is True
    assert actions.mark_read(cast.coach, thread, 3) is False
    assert actions.mark_read(cast.coach, thread, 5, known=5) is False
    assert ReadState.objects.get(user=cast.coach, thread=thread).last_read_number == 5


def test_the_list_marks_what_is_new_since_the_last_visit(cast, forum):
    thread = start(forum, cast.teacher)
    client = as_user(cast.coach)

    def row():
        return client.get(forum.get_absolute_url()).context["rows"][0]

    assert row()["is_new"]
    client.get(thread.get_absolute_url())
    assert not row()["is_new"]
    actions.reply(thread, by=cast.director, body="Жаңа ой")
    fresh = row()
    assert fresh["is_new"] and fresh["url"] == f"{thread.get_absolute_url()}#post-2"
    # The author's own reply is read by them.
    actions.reply(thread, by=cast.coach, body="Менің жауабым")
    client.get(thread.get_absolute_url())
    assert not row()["is_new"]


def test_marking_everything_read_clears_the_new_marks_without_a_row_per_thread(cast, forum):
    for n in range(3):
        start(forum, cast.teacher, title=f"Тақырып {n}")
    client = as_user(cast.coach)
    assert all(r["is_new"] for r in client.get(forum.get_absolute_url()).context["rows"])
    client.post(reverse("forums:everything_read"))
    assert not any(r["is_new"] for r in client.get(forum.get_absolute_url()).context["rows"])
    assert not ReadState.objects.filter(user=cast.coach).exists()


def test_a_reader_who_cannot_write_still_has_a_read_mark(cast, forum):
    thread = start(forum, cast.teacher)
    as_user(cast.methodologist).get(thread.get_absolute_url())
    assert ReadState.objects.get(user=cast.methodologist).last_read_number == 1
