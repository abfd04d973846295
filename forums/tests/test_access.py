"""Who may read and write in the forums: every view refuses outsiders with 404,
sends anonymous visitors to sign in, and answers 403 to read-only people who try to
write or to moderate."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from forums import actions
from forums.models import Post, Report, Thread
from forums.tests.factories import PDF, start
from notifications.models import Notice
from ortaq.lib import uploads
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def forum_urls(cast, forum) -> list[tuple[str, str]]:
    """Every page of one network forum, with a thread, a reply, a file and a report."""
    n = cast.network.pk
    upload = SimpleUploadedFile("жоспар.pdf", PDF)
    thread = start(forum, cast.leader, is_question=True, attachments=[(upload, uploads.detect(upload, {"document"}))])
    post = actions.reply(thread, by=cast.coach, body="Критерийлерді оқушылармен бірге құрастырамыз.")
    actions.edit_post(post, by=cast.coach, body="Критерийлерді оқушылармен бірге құрастырамыз!")
    report = actions.report_post(post, by=cast.director, reason="Тақырыпқа қатысы жоқ")
    category = forum.categories.first()
    attachment = thread.posts.get(number=1).attachments.get()
    return [
        ("get", reverse("forums:index", args=[n])),
        ("get", reverse("forums:thread_create", args=[n])),
        ("post", reverse("forums:thread_create", args=[n])),
        ("get", reverse("forums:categories", args=[n])),
        ("post", reverse("forums:preview", args=[n])),
        ("get", reverse("forums:member_picker", args=[n])),
        ("get", reverse("forums:reports", args=[n])),
        ("get", reverse("forums:thread", args=[thread.pk])),
        ("get", reverse("forums:reply", args=[thread.pk])),
        ("post", reverse("forums:reply", args=[thread.pk])),
        ("post", reverse("forums:thread_follow", args=[thread.pk])),
        ("post", reverse("forums:thread_moderate", args=[thread.pk])),
        ("post", reverse("forums:thread_move", args=[thread.pk])),
        ("get", reverse("forums:post", args=[post.pk])),
        ("get", reverse("forums:post_edit", args=[post.pk])),
        ("post", reverse("forums:post_delete", args=[post.pk])),
        ("post", reverse("forums:post_restore", args=[post.pk])),
        ("post", reverse("forums:post_hide", args=[post.pk])),
        ("post", reverse("forums:post_solution", args=[post.pk])),
        ("get", reverse("forums:post_history", args=[post.pk])),
        ("get", reverse("forums:post_report", args=[post.pk])),
        ("post", reverse("forums:report_resolve", args=[report.pk])),
        ("get", reverse("forums:category_edit", args=[category.pk])),
        ("post", reverse("forums:category_delete", args=[category.pk])),
        ("post", reverse("forums:category_follow", args=[category.pk])),
        ("get", reverse("forums:attachment", args=[attachment.pk])),
    ]


PERSONAL_URLS = [
    ("get", "forums:notifications"),
    ("post", "forums:everything_read"),
    ("get", "forums:preferences"),
]

# What a reader who may not write (the district methodologist) may open.
READABLE = {"forums:index", "forums:thread", "forums:post", "forums:attachment"}


def test_it_answers_404_to_an_outsider_on_every_forum_page(cast, forum):
    client = as_user(cast.outsider)
    for method, url in forum_urls(cast, forum):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    assert Thread.objects.count() == 1 and Post.objects.filter(is_hidden=False, deleted_at=None).count() == 2
    assert Report.objects.filter(resolved_at=None).count() == 1


def test_it_sends_anonymous_visitors_to_sign_in(cast, forum):
    client = Client()
    urls = forum_urls(cast, forum) + [(method, reverse(name)) for method, name in PERSONAL_URLS]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_district_methodologist_reads_the_network_forum_but_cannot_write(cast, forum):
    client = as_user(cast.methodologist)
    for method, url in forum_urls(cast, forum):
        name = f"forums:{resolve(url).url_name}"
        response = getattr(client, method)(url)
        expected = 403
        if method == "get" and name in READABLE:
            expected = 302 if name == "forums:post" else 200  # a post's link leads to its page
        assert response.status_code == expected, (method, url, response.status_code)
    assert Post.objects.count() == 2
    assert not Thread.objects.filter(is_pinned=True).exists()


def test_a_teacher_cannot_moderate_or_edit_others_messages(cast, forum):
    client = as_user(cast.teacher)
    allowed = {
        "forums:index",
        "forums:thread_create",
        "forums:preview",
        "forums:member_picker",
        "forums:thread",
        "forums:reply",
        "forums:thread_follow",
        "forums:post",
        "forums:post_report",
        "forums:category_follow",
        "forums:attachment",
    }
    for method, url in forum_urls(cast, forum):
        name = f"forums:{resolve(url).url_name}"
        response = getattr(client, method)(url)
        if name in allowed:
            assert response.status_code in {200, 302, 400}, (method, url, response.status_code)
        else:
            assert response.status_code == 403, (method, url, response.status_code)
    assert not Thread.objects.filter(is_pinned=True).exists()
    assert Report.objects.filter(resolved_at=None).count() == 1


def test_personal_pages_open_for_anyone_signed_in(cast, forum):
    client = as_user(cast.outsider)
    assert client.get(reverse("forums:notifications"))["Location"] == reverse("notifications:index")
    assert client.get(reverse("forums:preferences")).status_code == 200


def test_a_group_forum_is_private_to_the_group_and_the_network_organisers(cast, group_forum):
    thread = start(group_forum, cast.coach, title="Тізбектелген сабақтар жоспары", category=None)
    reply = actions.reply(thread, by=cast.teacher, body="Келісемін")
    urls = [
        reverse("forums:group_index", args=[cast.network.pk, cast.group.pk]),
        reverse("forums:group_thread_create", args=[cast.network.pk, cast.group.pk]),
        reverse("forums:thread", args=[thread.pk]),
        reverse("forums:post", args=[reply.pk]),
        reverse("forums:reply", args=[thread.pk]),
    ]
    for person in (cast.director, cast.methodologist, cast.outsider):
        client = as_user(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert not Thread.objects.visible_to(person).exists()
    for person in (cast.coach, cast.teacher, cast.leader, cast.coordinator):
        client = as_user(person)
        for url in urls:
            assert client.get(url).status_code in {200, 302}, (person, url)
        assert list(Thread.objects.visible_to(person)) == [thread]


def test_the_network_forum_lists_only_the_group_forums_one_may_enter(cast, forum):
    from networks.models import Group

    other = Group.objects.create(network=cast.network, name="Зерттеуші топ", kind=Group.Kind.RESEARCH)
    response = as_user(cast.teacher).get(reverse("forums:index", args=[cast.network.pk]))
    assert [g.pk for g in response.context["group_forums"]] == [cast.group.pk]
    response = as_user(cast.leader).get(reverse("forums:index", args=[cast.network.pk]))
    assert {g.pk for g in response.context["group_forums"]} == {cast.group.pk, other.pk}
    response = as_user(cast.methodologist).get(reverse("forums:index", args=[cast.network.pk]))
    assert response.context["group_forums"] == []


def test_leaving_the_group_hides_its_forum_and_its_notifications(cast, group_forum):
    thread = start(group_forum, cast.coach, title="Коучинг жоспары", category=None)
    actions.follow(cast.teacher, thread=thread)
    actions.reply(thread, by=cast.coach, body="Жаңа жоспар дайын")
    assert Notice.objects.for_user(cast.teacher).count() == 1
    cast.group.members.remove(cast.teacher)
    assert Notice.objects.for_user(cast.teacher).count() == 0
    assert as_user(cast.teacher).get(reverse("forums:thread", args=[thread.pk])).status_code == 404
    response = as_user(cast.teacher).get(reverse("notifications:index"))
    assert thread.title not in response.content.decode()


def test_a_missing_forum_is_the_same_404_as_a_forbidden_one(cast, forum):
    client = as_user(cast.teacher)
    assert client.get(reverse("forums:index", args=[999999])).status_code == 404
    assert client.get(reverse("forums:group_index", args=[cast.network.pk, 999999])).status_code == 404
    assert client.get(reverse("forums:thread", args=[999999])).status_code == 404
