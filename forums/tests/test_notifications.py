"""The forum tells people through the notifications centre: replies in what they
follow, new discussions in a followed category; opening the thread reads them; each
person's choice (at once, daily digest, site only, off) decides the e-mails, which
carry the reply's first words; old one-click links from forum e-mails still work."""

from __future__ import annotations

import io

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from forums import actions, notices
from forums.tests.factories import start
from notifications.kinds import Channel
from notifications.models import Notice, Preference
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def choose(user, channel: str) -> None:
    for kind in notices.KINDS:
        Preference.objects.update_or_create(user=user, kind=kind.key, defaults={"channel": channel})


def test_a_reply_notifies_the_followers_but_not_its_author(cast, forum):
    thread = start(forum, cast.teacher)
    actions.follow(cast.director, thread=thread)
    actions.reply(thread, by=cast.coach, body="Жауап")
    assert set(Notice.objects.values_list("recipient__email", "kind")) == {
        ("teacher@example.kz", "forums.reply"),
        ("director@example.kz", "forums.reply"),
    }
    notice = Notice.objects.get(recipient=cast.teacher)
    assert (notice.about_type, notice.about_id, notice.url) == ("forums.thread", thread.pk, thread.post_url(2))
    assert notice.excerpt == "Жауап" and notice.network_id == forum.network_id
    actions.reply(thread, by=cast.teacher, body="Рақмет")  # the coach follows now, having replied
    assert Notice.objects.filter(recipient=cast.coach, kind="forums.reply").count() == 1
    assert Notice.objects.filter(recipient=cast.teacher).count() == 1


def test_a_new_thread_notifies_the_followers_of_its_category(cast, forum):
    category = forum.categories.first()
    client = as_user(cast.director)
    client.post(reverse("forums:category_follow", args=[category.pk]), {"follow": "1"})
    start(forum, cast.teacher, category=category)
    start(forum, cast.teacher, title="Басқа санатта", category=forum.categories.last())
    assert list(Notice.objects.values_list("recipient__email", "kind")) == [
        ("director@example.kz", "forums.new_thread")
    ]
    client.post(reverse("forums:category_follow", args=[category.pk]), {"follow": "0"})
    start(forum, cast.teacher, title="Тағы бір", category=category)
    assert Notice.objects.count() == 1


def test_unfollowing_a_thread_stops_its_notices(cast, forum):
    thread = start(forum, cast.teacher)
    as_user(cast.teacher).post(reverse("forums:thread_follow", args=[thread.pk]), {"follow": "0"})
    actions.reply(thread, by=cast.coach, body="Жауап")
    assert not Notice.objects.filter(recipient=cast.teacher).exists()


def test_the_bell_counts_the_replies_and_reading_the_thread_clears_them(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Бір")
    actions.reply(thread, by=cast.director, body="Екі")
    client = as_user(cast.teacher)
    page = client.get(reverse("notifications:index")).content.decode()
    assert 'class="bell__count">2<' in page and cast.director.full_name in page
    client.get(thread.get_absolute_url())
    assert not Notice.objects.filter(recipient=cast.teacher).unread().exists()
    assert client.get(reverse("forums:notifications"))["Location"] == reverse("notifications:index")


def test_marking_the_forum_read_marks_its_notices_read(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Бір")
    as_user(cast.teacher).post(reverse("forums:everything_read"))
    assert not Notice.objects.unread().exists()


def test_immediate_emails_wait_for_the_commit_and_carry_the_reply(cast, forum, django_capture_on_commit_callbacks):
    choose(cast.teacher, Channel.IMMEDIATE)
    thread = start(forum, cast.teacher)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.reply(thread, by=cast.coach, body="Критерийлерді оқушылармен бірге жазыңыз")
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["teacher@example.kz"]
    assert cast.coach.full_name in message.subject and thread.title in message.subject
    assert "Критерийлерді оқушылармен бірге жазыңыз" in message.body
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_people_who_read_on_the_site_only_get_no_email_and_no_digest(cast, forum, django_capture_on_commit_callbacks):
    choose(cast.teacher, Channel.SITE)
    thread = start(forum, cast.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=cast.coach, body="Жауап")
    call_command("send_forum_digests", stdout=io.StringIO())  # the old cron line runs the one digest
    assert mail.outbox == []
    assert Notice.objects.get().emailed_at is not None


def test_the_daily_digest_sends_the_unsent_once_with_the_replies(cast, forum):
    thread = start(forum, cast.teacher)  # the teacher never chose: the daily digest is the default
    actions.reply(thread, by=cast.coach, body="Бірінші жауап")
    actions.reply(thread, by=cast.leader, body="Екінші жауап")

    call_command("send_notice_digests", stdout=io.StringIO())

    assert sorted(m.to[0] for m in mail.outbox) == ["coach@example.kz", "teacher@example.kz"]
    digest = next(m for m in mail.outbox if m.to == ["teacher@example.kz"])
    assert "Бірінші жауап" in digest.body and "Екінші жауап" in digest.body and thread.title in digest.body
    call_command("send_notice_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_the_digest_leaves_out_what_was_read_on_the_site(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Оқылған жауап")
    as_user(cast.teacher).get(thread.get_absolute_url())
    call_command("send_notice_digests", stdout=io.StringIO())
    assert mail.outbox == []


def test_an_old_forum_email_link_still_stops_the_forums_emails(cast):
    token = signing.dumps(cast.teacher.pk, salt=notices.UNSUBSCRIBE_SALT, compress=True)
    link = reverse("forums:unsubscribe", args=[token])
    client = Client()
    assert client.get(link).status_code == 200 and not Preference.objects.exists()  # looking changes nothing
    assert client.post(link).status_code == 200
    assert set(Preference.objects.filter(user=cast.teacher).values_list("kind", "channel")) == {
        (kind.key, Channel.SITE) for kind in notices.KINDS
    }
    assert Client().post(reverse("forums:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404


def test_the_forum_settings_page_lists_what_one_follows_and_leads_to_the_notice_settings(cast, forum):
    thread = start(forum, cast.teacher)
    page = as_user(cast.teacher).get(reverse("forums:preferences")).content.decode()
    assert thread.title in page and reverse("notifications:settings") in page


def test_following_with_htmx_changes_the_button_alone_so_a_reply_being_typed_stays(cast, forum):
    thread = start(forum, cast.teacher)

    response = as_user(cast.coach).post(
        reverse("forums:thread_follow", args=[thread.pk]), {"follow": "1"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<form") and "<textarea" not in html
    assert 'name="follow" value="0"' in html and 'role="status"' in html
    assert thread.subscriptions.filter(user=cast.coach).exists()
