"""The notifications centre: a notice reaches the people a workflow concerns, as each
chose for its kind (at once by e-mail, in a daily digest, on the site only, or not at
all); the bell counts the unread; a notice is read only by its recipient and only while
they may still read its network or group; one click stops a kind of e-mail."""

from __future__ import annotations

import io
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks import actions as networks
from networks.models import Membership
from notifications import actions, emails, kinds
from notifications.kinds import Channel, Kind
from notifications.models import Notice, Preference
from ortaq.testing import as_user, run_at_once

pytestmark = pytest.mark.django_db

KIND = Kind("tests.news", "news for tests", "%(person)s wrote about «%(title)s»", Channel.DAILY)
URGENT = Kind("tests.urgent", "urgent news for tests", "Urgent: «%(title)s»", Channel.IMMEDIATE)


@pytest.fixture(autouse=True)
def _test_kinds(monkeypatch):
    """Two kinds of notice for these tests only: the settings page of other tests
    (the Kazakh crawl) must not list them."""
    for kind in (KIND, URGENT):
        monkeypatch.setitem(kinds._kinds, kind.key, kind)


def send(cast, people, key=KIND.key, **fields):
    fields = {"title": "Семинар", "url": "/events/", "actor": cast.leader, "network_id": cast.network.pk, **fields}
    return actions.notify(people, key, **fields)


def test_it_leaves_a_notice_to_each_person_concerned_but_the_one_who_acted(cast):
    send(cast, [cast.teacher, cast.coach, cast.leader, cast.teacher])

    assert sorted(Notice.objects.values_list("recipient__email", flat=True)) == [cast.coach.email, cast.teacher.email]
    assert Notice.objects.get(recipient=cast.teacher).sentence() == "Әлиева Гүлназ wrote about «Семинар»"


def test_it_keeps_or_emails_a_notice_as_each_person_chose(cast, django_capture_on_commit_callbacks):
    Preference.objects.create(user=cast.teacher, kind=URGENT.key, channel=Channel.OFF)
    Preference.objects.create(user=cast.coach, kind=URGENT.key, channel=Channel.SITE)
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, [cast.teacher, cast.coach, cast.director], key=URGENT.key)

    assert not Notice.objects.filter(recipient=cast.teacher).exists()
    assert Notice.objects.get(recipient=cast.coach).emailed_at is not None  # nothing to e-mail
    assert [message.to for message in mail.outbox] == [[cast.director.email]]
    assert mail.outbox[0].subject == "Urgent: «Семинар»"
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_bell_counts_the_unread_and_the_list_marks_them_read(cast):
    send(cast, [cast.teacher], title="Бірінші")
    send(cast, [cast.teacher], title="Екінші")
    client = as_user(cast.teacher)

    home = client.get(reverse("notifications:index")).content.decode()
    assert 'class="bell__count">2<' in home and "Екінші" in home
    first = Notice.objects.get(title="Бірінші")
    opened = client.get(reverse("notifications:open", args=[first.pk]))
    assert opened.status_code == 302 and opened["Location"] == "/events/"
    assert Notice.objects.unread().count() == 1
    client.post(reverse("notifications:read_all"))
    assert not Notice.objects.unread().exists()
    assert "bell__count" not in client.get(reverse("notifications:index")).content.decode()


def test_a_notice_is_its_recipients_and_only_while_they_may_read_its_network_or_group(cast):
    network_news = send(cast, [cast.teacher], title="Желі")[0]
    group_news = send(cast, [cast.teacher, cast.director], title="Топ", group_id=cast.group.pk)

    # The director is not in the group: its notice is not theirs to read.
    assert group_news[0].recipient == cast.teacher and len(group_news) == 2
    director_notice = Notice.objects.get(recipient=cast.director)
    assert as_user(cast.director).get(reverse("notifications:open", args=[director_notice.pk])).status_code == 404
    assert as_user(cast.coach).get(reverse("notifications:open", args=[network_news.pk])).status_code == 404

    networks.set_group_members(cast.group, [cast.coach])
    teacher = as_user(cast.teacher)
    page = teacher.get(reverse("notifications:index")).content.decode()
    assert "Желі" in page and "Топ" not in page
    assert 'class="bell__count">1<' in page  # the group's notice no longer counts
    networks.remove_member(Membership.objects.get(user=cast.teacher))
    assert teacher.get(reverse("notifications:open", args=[network_news.pk])).status_code == 404
    page = teacher.get(reverse("notifications:index")).content.decode()
    assert "Желі" not in page and "bell__count" not in page


def test_anonymous_visitors_are_sent_to_sign_in(cast):
    notice = send(cast, [cast.teacher])[0]
    for url in (
        reverse("notifications:index"),
        reverse("notifications:open", args=[notice.pk]),
        reverse("notifications:settings"),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert Client().post(reverse("notifications:read_all")).status_code == 302
    assert Notice.objects.unread().count() == 1


def test_one_click_stops_one_kind_of_email_and_a_scanner_opening_the_link_stops_nothing(cast):
    link = reverse("notifications:unsubscribe", args=[emails.unsubscribe_token(cast.teacher, URGENT.key)])
    send(cast, [cast.teacher], key=URGENT.key)

    shown = Client().get(link)
    assert shown.status_code == 200 and not Preference.objects.exists()
    Client(enforce_csrf_checks=True).post(link)

    assert Preference.objects.get(user=cast.teacher, kind=URGENT.key).channel == Channel.SITE
    assert Notice.objects.get(recipient=cast.teacher).emailed_at is not None  # nothing more goes out
    assert Client().get(reverse("notifications:unsubscribe", args=["forged"])).status_code == 404


def test_the_settings_page_keeps_a_choice_per_kind(cast):
    client = as_user(cast.teacher)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "news for tests" in page

    client.post(reverse("notifications:settings"), {KIND.key: Channel.IMMEDIATE, URGENT.key: Channel.DAILY})

    chosen = dict(Preference.objects.filter(user=cast.teacher).values_list("kind", "channel"))
    assert chosen[KIND.key] == Channel.IMMEDIATE and chosen[URGENT.key] == Channel.DAILY


@pytest.mark.django_db(transaction=True)
def test_the_daily_digest_gathers_a_persons_notices_in_their_language_once(cast, monkeypatch):
    cast.teacher.language = "ru"
    cast.teacher.save(update_fields=["language"])
    send(cast, [cast.teacher, cast.coach], title="Бірінші")
    send(cast, [cast.teacher], title="Екінші")
    read = send(cast, [cast.coach], title="Оқылған")[0]
    actions.mark_read(read)

    send_digest = emails.send_digest

    def slow_send(user, news):
        time.sleep(0.3)  # the other run reaches the same people meanwhile
        return send_digest(user, news)

    monkeypatch.setattr(emails, "send_digest", slow_send)
    errors = run_at_once(lambda: call_command("send_notice_digests", stdout=io.StringIO()))

    assert errors == []
    by_person = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_person) == sorted([cast.teacher.email, cast.coach.email])  # one each, though two runs
    assert len(mail.outbox) == 2
    assert "Бірінші" in by_person[cast.teacher.email].body and "Екінші" in by_person[cast.teacher.email].body
    assert by_person[cast.teacher.email].subject == "Ortaq: новых уведомлений — 2"  # the teacher reads Russian
    assert "Оқылған" not in by_person[cast.coach.email].body
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()


def test_the_list_reads_a_constant_number_of_queries(cast):
    client = as_user(cast.teacher)
    send(cast, [cast.teacher])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:index"))
    for index in range(25):
        send(cast, [cast.teacher], title=f"Хабар {index}", actor=cast.coach if index % 2 else cast.leader)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("notifications:index"))
    assert len(few.captured_queries) == len(many.captured_queries) <= 10


def test_an_email_at_once_leaves_from_the_task_worker_with_ids_for_arguments(
    cast, settings, django_capture_on_commit_callbacks
):
    from typing import cast as as_type

    from django_tasks import default_task_backend
    from django_tasks.backends.dummy import DummyBackend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = as_type(DummyBackend, default_task_backend)
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(cast, [cast.teacher], key=URGENT.key)[0]
    assert mail.outbox == []
    (result,) = backend.results
    assert result.task.module_path == "notifications.tasks.email_notices"
    assert list(result.args) == [[notice.pk]]  # ids, not objects: the task may run elsewhere
    result.task.call(*result.args, **result.kwargs)  # what the worker does
    assert [m.to for m in mail.outbox] == [[cast.teacher.email]]
    assert Notice.objects.get().emailed_at is not None


def test_a_deleted_groups_notices_no_longer_count_as_unread(cast):
    send(cast, [cast.teacher], title="Топ жаңалығы", group_id=cast.group.pk)

    networks.delete_group(cast.group)

    assert not Notice.objects.filter(recipient=cast.teacher).unread().exists()
    assert "bell__count" not in as_user(cast.teacher).get(reverse("notifications:index")).content.decode()
