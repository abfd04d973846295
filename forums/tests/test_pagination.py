"""Pages that stay fast however long the thread or the forum: posts are paged by
their number (a range on the (thread, number) index), threads by a keyset cursor,
and the counts shown are stored, not counted per view."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from forums import actions
from forums.models import POSTS_PER_PAGE, THREADS_PER_PAGE, Post, Thread
from forums.tests.factories import add_replies, start
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def numbers(response) -> list[int]:
    return [post.number for post in response.context["posts"]]


def test_a_thread_is_paged_by_post_numbers(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach, cast.director], 44)  # 45 posts: pages of 20, 20 and 5
    client = as_user(cast.teacher)
    url = reverse("forums:thread", args=[thread.pk])

    first = client.get(url)
    assert numbers(first) == list(range(1, 21))
    assert first.context["pages"] == {"number": 1, "count": 3, "previous": None, "next": 20, "last": 40, "after": 0}
    middle = client.get(url, {"after": 20})
    assert numbers(middle) == list(range(21, 41))
    assert middle.context["pages"]["previous"] == 0 and middle.context["pages"]["next"] == 40
    last = client.get(url, {"after": 40})
    assert numbers(last) == list(range(41, 46))
    assert last.context["pages"]["next"] is None and last.context["pages"]["number"] == 3
    # Beyond the end: the last page, not an empty one.
    assert numbers(client.get(url, {"after": 4000})) == list(range(41, 46))
    assert numbers(client.get(url, {"after": "x"})) == list(range(1, 21))


def test_a_link_to_a_post_opens_its_page(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach], 44)
    post = Post.objects.get(thread=thread, number=45)
    assert post.get_absolute_url() == f"{thread.get_absolute_url()}?after=40#post-45"
    assert Post.objects.get(thread=thread, number=20).get_absolute_url() == f"{thread.get_absolute_url()}#post-20"
    response = as_user(cast.teacher).get(reverse("forums:post", args=[post.pk]))
    assert response["Location"] == post.get_absolute_url()


def test_hidden_replies_are_left_out_of_the_page_for_members_only(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach], 5)
    actions.hide_post(Post.objects.get(thread=thread, number=3), True, by=cast.leader)
    assert numbers(as_user(cast.teacher).get(thread.get_absolute_url())) == [1, 2, 4, 5, 6]
    assert numbers(as_user(cast.leader).get(thread.get_absolute_url())) == [1, 2, 3, 4, 5, 6]


def test_a_deep_page_of_a_5000_reply_thread_costs_the_same_queries_as_the_first(cast, forum):
    thread = start(forum, cast.teacher)
    add_replies(thread, [cast.coach, cast.director, cast.leader], 5000)
    url = reverse("forums:thread", args=[thread.pk])
    client = as_user(cast.coordinator)
    with CaptureQueriesContext(connection) as first:
        response = client.get(url)
    assert numbers(response) == list(range(1, 21))
    with CaptureQueriesContext(connection) as deep:
        response = client.get(url, {"after": 4000})
    assert numbers(response) == list(range(4001, 4021))
    # A range on (thread, number): no COUNT(*), no OFFSET, no join to sort by.
    post_query = next(q["sql"] for q in deep if q["sql"].startswith('SELECT "forums_post"'))
    assert '"forums_post"."number" > 4000' in post_query
    assert "COUNT(" not in post_query.upper() and "OFFSET" not in post_query.upper()
    assert '"forums_thread"' not in post_query
    # Both views move the read mark (one write each); a second look writes nothing.
    assert len(deep) == len(first) <= 10, [q["sql"] for q in deep]
    with CaptureQueriesContext(connection) as again:
        client.get(url, {"after": 4000})
    assert len(again) == len(first) - 1
    last = client.get(url, {"after": thread.last_page_start})
    assert numbers(last) == [5001] and last.context["pages"]["count"] == 251


def test_a_group_forum_thread_page_also_stays_within_ten_queries(cast, group_forum):
    thread = start(group_forum, cast.coach, category=None)
    add_replies(thread, [cast.coach, cast.teacher], 100)
    client = as_user(cast.teacher)
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(thread.get_absolute_url(), {"after": 60}).status_code == 200
    assert len(queries) <= 10


def make_threads(forum, author, count: int, start_at: datetime.datetime | None = None) -> list[Thread]:
    """Threads with distinct last-post times, the newest last, written in bulk."""
    start_at = start_at or timezone.now() - datetime.timedelta(days=count)
    category = forum.categories.first()
    threads = Thread.objects.bulk_create(
        [
            Thread(
                forum=forum,
                category=category,
                author=author,
                title=f"Тақырып {n}",
                last_number=1,
                last_post_at=start_at + datetime.timedelta(hours=n),
                last_poster=author,
            )
            for n in range(count)
        ]
    )
    Post.objects.bulk_create(
        [Post(thread=t, number=1, author=author, body="Мәтін", body_html="<p>Мәтін</p>") for t in threads]
    )
    return list(Thread.objects.filter(forum=forum).order_by("-last_post_at", "-pk"))


def test_the_thread_list_pages_by_cursor_without_gaps_or_repeats(cast, forum):
    newest_first = make_threads(forum, cast.teacher, 2 * THREADS_PER_PAGE + 5)
    pinned = newest_first[-1]
    actions.pin_thread(pinned, True, by=cast.leader)
    expected = [pinned] + [t for t in newest_first if t != pinned]
    client = as_user(cast.teacher)
    seen: list[Thread] = []
    url = forum.get_absolute_url()
    response = client.get(url)
    while True:
        seen.extend(row["thread"] for row in response.context["rows"])
        if not response.context["older_query"]:
            break
        response = client.get(f"{url}?{response.context['older_query']}")
    assert [t.pk for t in seen] == [t.pk for t in expected]


def test_a_bad_cursor_shows_the_newest_threads(cast, forum):
    make_threads(forum, cast.teacher, 3)
    response = as_user(cast.teacher).get(forum.get_absolute_url(), {"before": "1_nonsense_3"})
    assert len(response.context["rows"]) == 3


def test_the_thread_list_costs_the_same_queries_as_threads_grow(cast, forum):
    make_threads(forum, cast.teacher, 5)
    client = as_user(cast.teacher)
    url = forum.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    people = UserFactory.create_batch(3)
    for person in people:
        make_threads(forum, person, 40)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["rows"]) == THREADS_PER_PAGE
    assert len(large) == len(small) <= 10, [q["sql"] for q in large]
    with CaptureQueriesContext(connection) as older:
        client.get(f"{url}?{response.context['older_query']}")
    assert len(older) == len(small)


def test_filters_keep_their_place_in_the_older_link(cast, forum):
    make_threads(forum, cast.teacher, THREADS_PER_PAGE + 3)
    category = forum.categories.first()
    response = as_user(cast.teacher).get(forum.get_absolute_url(), {"category": category.pk})
    assert response.context["older_query"].startswith(f"category={category.pk}&before=")


def test_the_stored_counts_follow_replies(cast, forum):
    thread = start(forum, cast.teacher)
    for _ in range(3):
        actions.reply(thread, by=cast.coach, body="Жауап")
    thread.refresh_from_db()
    assert (thread.last_number, thread.reply_count) == (4, 3)
    assert thread.page_count == 1 and POSTS_PER_PAGE == 20


def test_the_cursor_breaks_ties_of_the_same_moment_by_id(cast, forum):
    moment = timezone.now() - datetime.timedelta(days=1)
    Thread.objects.bulk_create(
        [
            Thread(forum=forum, author=cast.teacher, title=f"Бір сәтте {n}", last_number=1, last_post_at=moment)
            for n in range(THREADS_PER_PAGE * 2 + 3)
        ]
    )
    for thread in Thread.objects.filter(forum=forum).order_by("pk")[:3]:
        actions.pin_thread(thread, True, by=cast.leader)
    expected = list(Thread.objects.filter(forum=forum).order_by("-is_pinned", "-last_post_at", "-pk"))
    client = as_user(cast.teacher)
    seen: list[Thread] = []
    query = ""
    while True:
        response = client.get(f"{forum.get_absolute_url()}?{query}")
        seen.extend(row["thread"] for row in response.context["rows"])
        query = response.context["older_query"]
        if not query:
            break
    assert [t.pk for t in seen] == [t.pk for t in expected]
