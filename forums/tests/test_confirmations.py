"""Deleting a message, a discussion or a category asks first (issue 15, point 2):
the first click shows what goes and changes nothing; only the confirmation acts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import actions
from forums.models import Category, Post, Thread
from forums.tests.factories import start
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


def test_deleting_a_reply_asks_its_author_first(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Қате жаздым")
    asks_first(
        as_user(cast.coach),
        reverse("forums:post_delete", args=[post.pk]),
        lambda: Post.objects.get(pk=post.pk).deleted_at is not None,
        shows=["Delete your message?", "Only a moderator of the forum can restore it.", "Delete the message"],
    )


def test_deleting_a_discussion_counts_its_replies(cast, forum):
    thread = start(forum, cast.teacher, title="Топтық жұмыс")
    for body in ("Бірінші", "Екінші", "Үшінші"):
        actions.reply(thread, by=cast.coach, body=body)
    asks_first(
        as_user(cast.leader),
        reverse("forums:post_delete", args=[thread.posts.get(number=1).pk]),
        lambda: Thread.objects.get(pk=thread.pk).deleted_at is not None,
        shows=["Delete the discussion «Топтық жұмыс»?", "The discussion and its 3 replies disappear from the forum."],
    )


def test_an_author_is_refused_before_being_asked_when_others_replied(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Жауап")
    response = as_user(cast.teacher).get(reverse("forums:post_delete", args=[thread.posts.get(number=1).pk]))
    assert response.status_code == 302  # back to the discussion, with the reason
    assert Thread.objects.get(pk=thread.pk).deleted_at is None


def test_deleting_an_empty_category_asks_first_and_names_its_followers(cast, forum):
    category = forum.categories.last()
    actions.follow(cast.teacher, category=category)
    asks_first(
        as_user(cast.leader),
        reverse("forums:category_delete", args=[category.pk]),
        lambda: Category.objects.filter(pk=category.pk).exists(),
        shows=[
            f"Delete the category «{category.name}»?",
            "1 person following it will no longer hear of new discussions here.",
        ],
    )
