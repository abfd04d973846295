"""Following, notifications on the site, e-mails at once or in a daily digest, and
the one-click unsubscribe link."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forums import actions, emails
from forums.models import Category, Forum, ForumPreference, Notification
from forums.tests.factories import start
from ortaq.testing import as_user, run_at_once

pytestmark = pytest.mark.django_db


def choose(user, mode: str) -> None:
    ForumPreference.objects.update_or_create(user=user, defaults={"email_mode": mode})


def test_a_reply_notifies_the_followers_but_not_its_author(cast, forum):
    thread = start(forum, cast.teacher)
    actions.follow(cast.director, thread=thread)
    actions.reply(thread, by=cast.coach, body="Жауап")
    assert set(Notification.objects.values_list("recipient__email", "kind")) == {
        ("teacher@example.kz", "reply"),
        ("director@example.kz", "reply"),
    }
    actions.reply(thread, by=cast.teacher, body="Рақмет")  # the coach follows now, having replied
    assert Notification.objects.filter(recipient=cast.coach, kind="reply").count() == 1
    assert not Notification.objects.filter(recipient=cast.teacher, post__number=3).exists()


def test_a_new_thread_notifies_the_followers_of_its_category(cast, forum):
    category = forum.categories.first()
    client = as_user(cast.director)
    client.post(reverse("forums:category_follow", args=[category.pk]), {"follow": "1"})
    start(forum, cast.teacher, category=category)
    start(forum, cast.teacher, title="Басқа санатта", category=forum.categories.last())
    assert list(Notification.objects.values_list("recipient__email", "kind")) == [("director@example.kz", "new_thread")]
    client.post(reverse("forums:category_follow", args=[category.pk]), {"follow": "0"})
    start(forum, cast.teacher, title="Тағы бір", category=category)
    assert Notification.objects.count() == 1


def test_unfollowing_a_thread_stops_its_notifications(cast, forum):
    thread = start(forum, cast.teacher)
    as_user(cast.teacher).post(reverse("forums:thread_follow", args=[thread.pk]), {"follow": "0"})
    actions.reply(thread, by=cast.coach, body="Жауап")
    assert not Notification.objects.filter(recipient=cast.teacher).exists()


def test_the_notifications_page_counts_the_unread_and_reading_the_thread_clears_them(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Бір")
    actions.reply(thread, by=cast.director, body="Екі")
    client = as_user(cast.teacher)
    response = client.get(reverse("forums:notifications"))
    assert response.context["unread"] == 2
    assert cast.director.full_name in response.content.decode()
    client.get(thread.get_absolute_url())
    assert client.get(reverse("forums:notifications")).context["unread"] == 0


def test_all_notifications_can_be_marked_read(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Бір")
    client = as_user(cast.teacher)
    client.post(reverse("forums:notifications_read"))
    assert not Notification.objects.unread().exists()


def test_immediate_emails_wait_for_the_commit(cast, forum, django_capture_on_commit_callbacks):
    choose(cast.teacher, "immediate")
    thread = start(forum, cast.teacher)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.reply(thread, by=cast.coach, body="Критерийлерді оқушылармен бірге жазыңыз")
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["teacher@example.kz"]
    assert cast.coach.full_name in message.subject and thread.title in message.subject
    assert "Критерийлерді оқушылармен бірге жазыңыз" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/forum/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert Notification.objects.get(recipient=cast.teacher).emailed_at is not None


def test_emails_go_out_in_the_recipients_language(cast, forum, monkeypatch, django_capture_on_commit_callbacks):
    cast.teacher.language = "ru"
    cast.teacher.save()
    cast.director.language = ""
    cast.director.save()
    choose(cast.teacher, "immediate")
    choose(cast.director, "immediate")
    thread = start(forum, cast.teacher)
    actions.follow(cast.director, thread=thread)
    languages = {}
    real = emails.render_to_string

    def spy(template, context):
        languages[context["notification"].recipient.email] = translation.get_language()
        return real(template, context)

    monkeypatch.setattr(emails, "render_to_string", spy)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=cast.coach, body="Жауап")
    assert languages == {"teacher@example.kz": "ru", "director@example.kz": "kk"}
    assert len(mail.outbox) == 2


def test_a_failing_mail_server_keeps_the_post_and_the_notification(cast, forum, monkeypatch):
    choose(cast.teacher, "immediate")
    thread = start(forum, cast.teacher)

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    post = actions.reply(thread, by=cast.coach, body="Жауап")
    emails.send_immediately([n.pk for n in Notification.objects.all()])
    assert post.pk and Notification.objects.get().emailed_at is None


def test_people_who_chose_no_email_get_none_and_no_digest_waits(cast, forum, django_capture_on_commit_callbacks):
    choose(cast.teacher, "off")
    thread = start(forum, cast.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=cast.coach, body="Жауап")
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is not None
    call_command("send_forum_digests", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_daily_digest_sends_the_unsent_once(cast, forum, django_capture_on_commit_callbacks):
    thread = start(forum, cast.teacher)  # the teacher never chose: the daily digest is the default
    choose(cast.director, "immediate")
    actions.follow(cast.director, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=cast.coach, body="Бірінші жауап")
        actions.reply(thread, by=cast.leader, body="Екінші жауап")
    assert [m.to for m in mail.outbox] == [["director@example.kz"], ["director@example.kz"]]
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_forum_digests", stdout=out)
    # The coach follows the thread since replying, and heard of the leader's reply.
    assert sorted(m.to[0] for m in mail.outbox) == ["coach@example.kz", "teacher@example.kz"]
    digest = next(m for m in mail.outbox if m.to == ["teacher@example.kz"])
    assert "Бірінші жауап" in digest.body and "Екінші жауап" in digest.body and thread.title in digest.body
    assert "/forum/unsubscribe/" in digest.body and "List-Unsubscribe" in digest.extra_headers
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert "sent: 2" in out.getvalue()

    call_command("send_forum_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_the_digest_leaves_out_what_was_read_on_the_site(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Оқылған жауап")
    as_user(cast.teacher).get(thread.get_absolute_url())
    call_command("send_forum_digests", stdout=io.StringIO())
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is not None


def test_switching_to_the_digest_does_not_send_old_news(cast, forum):
    choose(cast.teacher, "off")
    thread = start(forum, cast.teacher)
    ForumPreference.objects.filter(user=cast.teacher).update(email_mode="immediate")  # a stale choice…
    Notification.objects.create(recipient=cast.teacher, kind="reply", thread=thread, actor=cast.coach)
    response = as_user(cast.teacher).post(reverse("forums:preferences"), {"email_mode": "daily"})
    assert response.status_code == 302
    call_command("send_forum_digests", stdout=io.StringIO())
    assert mail.outbox == []
    assert ForumPreference.objects.get(user=cast.teacher).email_mode == "daily"


def test_the_unsubscribe_link_works_without_signing_in(cast, forum):
    link = emails.unsubscribe_url(cast.teacher).removeprefix("http://127.0.0.1:8000")
    client = Client()
    page = client.get(link)
    assert page.status_code == 200 and "teacher@example.kz" in page.content.decode()
    assert ForumPreference.for_user(cast.teacher).email_mode == "daily"  # looking changes nothing
    response = client.post(link)
    assert response.status_code == 200 and response.context["done"]
    assert ForumPreference.objects.get(user=cast.teacher).email_mode == "off"


def test_a_forged_unsubscribe_link_is_refused(cast):
    token = emails.unsubscribe_token(cast.teacher)
    assert Client().post(reverse("forums:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    assert Client().get(reverse("forums:unsubscribe", args=["12"])).status_code == 404
    assert ForumPreference.for_user(cast.teacher).email_mode == "daily"


def test_the_preferences_page_saves_the_choice(cast):
    client = as_user(cast.teacher)
    assert client.post(reverse("forums:preferences"), {"email_mode": "immediate"}).status_code == 302
    assert ForumPreference.objects.get(user=cast.teacher).email_mode == "immediate"
    response = client.post(reverse("forums:preferences"), {"email_mode": "sometimes"})
    assert response.status_code == 400 and response.context["form"].errors["email_mode"]


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_send_each_digest_once(cast, monkeypatch):
    """Cron started twice (two servers, or a slow run overlapping the next): one e-mail
    per person all the same."""
    import time

    forum = Forum.objects.create(network=cast.network)
    Category.objects.create(forum=forum, name="Бағалау", position=1)
    thread = start(forum, cast.teacher)
    for person in (cast.director, cast.leader, cast.coordinator):
        actions.follow(person, thread=thread)
    actions.reply(thread, by=cast.coach, body="Жауап")
    sent_to: list[str] = []
    send_digest = emails.send_digest

    def slow_send(user, news):
        time.sleep(0.3)  # the other run reaches the same people meanwhile
        if send_digest(user, news):
            sent_to.append(user.email)
            return True
        return False

    monkeypatch.setattr(emails, "send_digest", slow_send)

    errors = run_at_once(lambda: call_command("send_forum_digests", stdout=io.StringIO()))

    assert errors == []
    assert sent_to and len(sent_to) == len(set(sent_to))
    assert len(mail.outbox) == len(sent_to)


def test_following_with_htmx_changes_the_button_alone_so_a_reply_being_typed_stays(cast, forum):
    thread = start(forum, cast.teacher)

    response = as_user(cast.coach).post(
        reverse("forums:thread_follow", args=[thread.pk]), {"follow": "1"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<form") and "<textarea" not in html
    assert 'name="follow" value="0"' in html and 'role="status"' in html
    assert thread.subscriptions.filter(user=cast.coach).exists()
