"""@mentions: members of the forum are linked and notified; nobody else is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from forums import actions
from forums.mentions import render_post
from forums.tests.factories import start
from networks.models import Membership
from notifications.models import Notice

pytestmark = pytest.mark.django_db


def code(person) -> str:
    return f"@[{person.full_name}]({person.pk})"


def person_link(person) -> str:
    return f'href="{reverse("networks:person", args=[person.pk])}"'


def mentioned(kind="forums.mention") -> set:
    return set(Notice.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_a_member_mentioned_by_the_picker_code_is_linked_and_notified(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body=f"{code(cast.director)} не дейсіз?")
    assert person_link(cast.director) in post.body_html
    assert f"@{cast.director.full_name}" in post.body_html
    assert mentioned() == {"director@example.kz"}


def test_a_member_mentioned_by_the_email_local_part_is_linked_and_notified(cast, forum):
    thread = start(forum, cast.teacher, body="Сұрақ @coach, сізге. Ал @director.")
    opening = thread.posts.get()
    assert person_link(cast.coach) in opening.body_html and person_link(cast.director) in opening.body_html
    assert opening.body_html.count("href=") == 2
    assert mentioned() == {"coach@example.kz", "director@example.kz"}


def test_outsiders_and_methodologists_are_never_linked_nor_notified(cast, forum):
    thread = start(forum, cast.teacher)
    body = f"{code(cast.outsider)} {code(cast.methodologist)} @outsider @methodologist"
    post = actions.reply(thread, by=cast.coach, body=body)
    assert "href=" not in post.body_html
    assert f"@{cast.outsider.full_name}" in post.body_html  # the name stays as text
    assert mentioned() == set()
    assert set(Notice.objects.values_list("recipient", flat=True)) == {cast.teacher.pk}  # the follower


def test_a_made_up_number_links_nowhere(cast, forum):
    html = render_post("@[Біреу](999999) және [@](javascript:alert(1))", forum).html
    assert "href" not in html and "999999" not in html


def test_an_ambiguous_local_part_mentions_nobody(cast, forum):
    twin = UserFactory(email="coach@other-school.kz", full_name="Екінші Коуч")
    Membership.objects.create(network=cast.network, user=twin)
    rendered = render_post("@coach көмектесіңіз", forum)
    assert rendered.mentioned == [] and "href" not in rendered.html
    rendered = render_post(code(twin), forum)
    assert rendered.mentioned == [twin]


def test_mentions_in_code_and_email_addresses_are_left_alone(cast, forum):
    rendered = render_post("`@coach` және teacher@example.kz және\n```\n@director\n```", forum)
    assert rendered.mentioned == [] and 'href="/accounts' not in rendered.html


def test_in_a_group_forum_only_the_group_and_the_organisers_are_mentioned(cast, group_forum):
    thread = start(group_forum, cast.coach, category=None)
    actions.reply(thread, by=cast.coach, body="@teacher @director @leader")
    assert mentioned() == {"teacher@example.kz", "leader@example.kz"}


def test_the_author_is_not_notified_of_their_own_mention(cast, forum):
    start(forum, cast.coach, body="Мен @coach өзім")
    assert not Notice.objects.exists()


def test_an_edit_notifies_only_the_newly_mentioned(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="@director қараңызшы")
    actions.edit_post(post, by=cast.coach, body="@director және @leader қараңыздаршы")
    assert sorted(Notice.objects.filter(kind="forums.mention").values_list("recipient__email", flat=True)) == [
        "director@example.kz",
        "leader@example.kz",
    ]


def test_a_mentioned_follower_gets_one_notification(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="@teacher міне жауап")
    assert list(Notice.objects.values_list("recipient__email", "kind")) == [("teacher@example.kz", "forums.mention")]


def test_the_member_picker_lists_people_who_can_be_mentioned(cast, group_forum):
    from ortaq.testing import as_user

    client = as_user(cast.coach)
    url = reverse("forums:group_member_picker", args=[cast.network.pk, cast.group.pk])
    response = client.get(url, {"q": "ЖҰМА"}, HTTP_HX_REQUEST="true")
    assert response.context["people"] == [(cast.teacher.pk, cast.teacher.full_name)]
    assert code(cast.teacher) in response.content.decode()
    names = [name for _pk, name in client.get(url, HTTP_HX_REQUEST="true").context["people"]]
    assert cast.director.full_name not in names and cast.leader.full_name in names
    assert "<html" in client.get(url).content.decode()  # without htmx: a whole page
