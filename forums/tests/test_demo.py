"""The demo forum of «Шуақ»: lived in, and added only once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from forums.demo import seed
from forums.models import Category, Forum, Post, Report, Thread
from networks.models import Membership
from notifications.models import Notice

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Thread, Post, Category, Notice, Report))


def test_it_gives_the_demo_network_a_lived_in_forum_once():
    out = io.StringIO()
    call_command("demo", stdout=out)  # the demo command seeds the forum after the network
    assert "Forum demo added" in out.getvalue()
    forum = Forum.objects.get(network__name="Шуақ", group=None)
    assert set(forum.categories.values_list("name", flat=True)) == {
        "Критериалды бағалау",
        "Инклюзивті оқыту",
        "Диалогтық оқыту",
        "Ашық сабақтар",
    }
    threads = Thread.objects.filter(forum=forum)
    assert 24 <= threads.count() <= 30
    assert threads.filter(is_pinned=True).count() == 1
    assert threads.filter(solution__isnull=False).count() >= 5
    assert all(2 <= t.reply_count <= 15 for t in threads)
    assert all(t.posts.count() == t.last_number for t in threads)
    for category in forum.categories.all():
        assert category.thread_count == category.threads.count() > 0
    group_thread = Thread.objects.get(forum__group__name="Дамытушы топ")
    assert group_thread.forum.network == forum.network
    authors = set(Post.objects.values_list("author__email", flat=True))
    assert {"teacher@demo.ortaq.kz", "coach@demo.ortaq.kz", "leader@demo.ortaq.kz", "t001@demo.ortaq.kz"} <= authors
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    assert Notice.objects.filter(recipient__email="teacher@demo.ortaq.kz", read_at__isnull=True).exists()
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()
    # Those who wrote are marked as having written (no rules shown again); others are not.
    marked = set(
        Membership.objects.filter(network=forum.network, first_posted_at__isnull=False).values_list(
            "user__email", flat=True
        )
    )
    in_network = set(Post.objects.filter(thread__forum__network=forum.network).values_list("author__email", flat=True))
    assert marked == in_network & set(
        Membership.objects.filter(network=forum.network).values_list("user__email", flat=True)
    )

    before = counts()
    again = io.StringIO()
    seed(again)
    assert "nothing changed" in again.getvalue()
    assert counts() == before


def test_it_skips_quietly_without_the_demo_network(db):
    out = io.StringIO()
    seed(out)
    assert "skipped" in out.getvalue() and not Thread.objects.exists()
