"""A reply or a discussion sent again (a phone whose connection dropped) is made once,
and the retry leads to it (accounts/submissions.py)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import submissions
from accounts.submissions import AlreadySubmitted, Submission
from forums import actions
from forums.models import Attachment, Forum, Post, Thread
from forums.tests.factories import PDF, start
from ortaq.lib import uploads
from ortaq.testing import as_user, hidden_value, send_twice, side_by_side


def test_it_makes_one_reply_of_a_retried_send_and_leads_to_it(cast, forum):
    thread = start(forum, cast.teacher)
    first, again = send_twice(
        as_user(cast.coach), thread.get_absolute_url(), {"body": "Бір рет"}, reverse("forums:reply", args=[thread.pk])
    )
    post = Post.objects.get(thread=thread, number=2)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == post.get_absolute_url()
    assert Post.objects.filter(thread=thread).count() == 2
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_it_makes_two_replies_of_two_forms(cast, forum):
    thread = start(forum, cast.teacher)
    client = as_user(cast.coach)
    for body in ("Бірінші", "Екінші"):
        key = hidden_value(client.get(thread.get_absolute_url()), "submission_key")
        response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": body, "submission_key": key})
        assert response.status_code == 302
    assert list(thread.posts.values_list("body", flat=True)) == [thread.posts.get(number=1).body, "Бірінші", "Екінші"]


def test_it_makes_a_new_reply_of_other_words_sent_from_a_page_the_browser_kept(cast, forum):
    """Back to a page with its old key, and a new reply typed into it: not a retry."""
    thread = start(forum, cast.teacher)
    client = as_user(cast.coach)
    key = hidden_value(client.get(thread.get_absolute_url()), "submission_key")
    for body in ("Бірінші", "Екінші"):
        client.post(reverse("forums:reply", args=[thread.pk]), {"body": body, "submission_key": key})
    assert list(thread.posts.values_list("body", flat=True))[1:] == ["Бірінші", "Екінші"]


def test_it_makes_one_discussion_of_a_retried_send(cast, forum):
    url = reverse("forums:thread_create", args=[cast.network.pk])
    data = {"title": "Бір рет қана", "body": "Мәтін", "category": forum.categories.first().pk}
    first, again = send_twice(as_user(cast.teacher), url, data)
    thread = Thread.objects.get()
    assert first["Location"] == again["Location"] == thread.get_absolute_url()


def test_a_key_another_person_used_does_not_lead_to_their_reply(cast, forum):
    thread = start(forum, cast.teacher)
    key = hidden_value(as_user(cast.coach).get(thread.get_absolute_url()), "submission_key")
    url = reverse("forums:reply", args=[thread.pk])
    coach_reply = as_user(cast.coach).post(url, {"body": "Коучтың жауабы", "submission_key": key})

    response = as_user(cast.director).post(url, {"body": "Директордың жауабы", "submission_key": key})

    director_post = Post.objects.get(author=cast.director)
    assert response["Location"] == director_post.get_absolute_url() != coach_reply["Location"]


def test_a_retry_that_arrives_while_the_first_is_saved_keeps_nothing(cast, forum, media):
    """Two sends at once both pass the check for a used key; the later one's INSERT of
    the key fails, and its reply and file go with its transaction."""
    thread = start(forum, cast.teacher)
    submission = Submission(cast.coach.pk, "k" * 22, "the same words")
    actions.reply(thread, by=cast.coach, body="Бірінші жеткені", submission=submission)
    upload = SimpleUploadedFile("жоспар.pdf", PDF, "application/pdf")

    with pytest.raises(AlreadySubmitted):
        actions.reply(
            thread,
            by=cast.coach,
            body="Қайталанғаны",
            attachments=[(upload, uploads.detect(upload, {uploads.DOCUMENT}))],
            submission=submission,
        )

    assert list(thread.posts.values_list("body", flat=True))[1:] == ["Бірінші жеткені"]
    assert not Attachment.objects.exists() and not [path for path in media.rglob("*") if path.is_file()]


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_key_at_once_make_one_reply(cast, monkeypatch):
    """Both pass the check for a used key before either has committed: the unique key
    lets one through, and the other's transaction keeps nothing."""
    forum = Forum.objects.create(network=cast.network)
    thread = start(forum, cast.teacher, category=None)
    submission = Submission(cast.coach.pk, "k" * 22, "the same words")
    first_holds = threading.Event()
    record = submissions.record

    def slow_record(submission: Submission | None, url: str) -> None:
        record(submission, url)
        if not first_holds.is_set():
            first_holds.set()
            time.sleep(0.3)  # the first reply is made and keyed, not yet committed

    monkeypatch.setattr(submissions, "record", slow_record)

    def send() -> Post:
        return actions.reply(thread, by=cast.coach, body="Бір рет", submission=submission)

    outcomes = side_by_side(send, send, first_holds)

    assert isinstance(outcomes[0], Post) and isinstance(outcomes[1], AlreadySubmitted)
    assert list(thread.posts.values_list("body", flat=True))[1:] == ["Бір рет"]
    assert submission.earlier_result() == outcomes[0].get_absolute_url()
