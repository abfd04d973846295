"""The forum's notifications joined the notifications centre keeping every one: read
or not, e-mailed or not, about its thread; and each person's forum e-mail choice became
their choice for the forum's kinds of notice."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from notifications.models import Notice, Preference

BEFORE: list[tuple[str, str]] = [("forums", "0002_post_version"), ("notifications", "0002_about_and_excerpt")]


def migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_forums_notifications_and_email_choices_to_the_centre(cast):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        forum = old.get_model("forums", "Forum").objects.create(network_id=cast.network.pk, group_id=cast.group.pk)
        thread = old.get_model("forums", "Thread").objects.create(
            forum=forum, title="Бағалау критерийлері", author_id=cast.teacher.pk, last_number=25
        )
        post = old.get_model("forums", "Post").objects.create(
            thread=thread, number=25, author_id=cast.coach.pk, body="Жауап", body_html="<p>Жауап</p>"
        )
        read = timezone.now()
        Notification = old.get_model("forums", "Notification")
        Notification.objects.create(
            recipient_id=cast.teacher.pk, kind="reply", thread=thread, post=post, actor_id=cast.coach.pk, read_at=read
        )
        Notification.objects.create(recipient_id=cast.director.pk, kind="mention", thread=thread, post=post)
        preferences = old.get_model("forums", "ForumPreference")
        preferences.objects.create(user_id=cast.teacher.pk, email_mode="off")
        preferences.objects.create(user_id=cast.director.pk, email_mode="daily")
    finally:
        migrate(latest)

    teacher = Notice.objects.get(recipient=cast.teacher)
    assert (teacher.kind, teacher.title, teacher.read_at) == ("forums.reply", "Бағалау критерийлері", read)
    assert teacher.url == f"/forum/threads/{thread.pk}/?after=20#post-25"
    assert (teacher.about_type, teacher.about_id) == ("forums.thread", thread.pk)
    assert (teacher.network_id, teacher.group_id, teacher.actor_id) == (cast.network.pk, cast.group.pk, cast.coach.pk)
    assert Notice.objects.get(recipient=cast.director).kind == "forums.mention"
    assert set(Preference.objects.filter(user=cast.teacher).values_list("channel", flat=True)) == {"site"}
    assert Preference.objects.filter(user=cast.teacher).count() == 4
    assert not Preference.objects.filter(user=cast.director).exists()  # daily is the default
