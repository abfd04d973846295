"""Posts and forum rows are rendered once and read from the cache after
(ortaq/lib/fragments.py): whatever changes, each reader still sees the page as it is
now, with their own rights and their own CSRF token."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from forums import actions
from forums.tests.factories import start
from ortaq.lib.fragments import csrf_placeholder
from ortaq.testing import as_user

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def page(user, url: str) -> str:
    response = as_user(user).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert csrf_placeholder() not in html
    return html


def post_card(html: str, number: int) -> str:
    match = re.search(rf'<article class="card" id="post-{number}".*?</article>', html, re.S)
    assert match, f"no post {number}"
    return match.group(0)


def test_each_reader_sees_their_own_rights_whoever_read_the_post_first(cast, forum):
    thread = start(forum, cast.teacher, is_question=True)
    actions.reply(thread, by=cast.coach, body="Дескриптор — қадам.")
    url = thread.get_absolute_url()
    moderator_view = post_card(page(cast.leader, url), 2)  # fills the cache first
    assert "Hide" in moderator_view and "Report" in moderator_view
    member_view = post_card(page(cast.director, url), 2)
    assert "Hide" not in member_view and "Edit" not in member_view and "Mark as the solution" not in member_view
    assert "Report" in member_view
    author_view = post_card(page(cast.coach, url), 2)
    assert "Edit" in author_view and "Report" not in author_view
    asker_view = post_card(page(cast.teacher, url), 2)
    assert "Mark as the solution" in asker_view


def test_an_edit_a_hide_a_solution_and_a_rename_show_at_once(cast, forum):
    thread = start(forum, cast.teacher, is_question=True)
    answer = actions.reply(thread, by=cast.coach, body="Бірінші нұсқа.")
    url = thread.get_absolute_url()
    page(cast.director, url)
    page(cast.leader, url)

    actions.edit_post(answer, by=cast.coach, body="Түзетілген нұсқа.")
    card = post_card(page(cast.director, url), 2)
    assert "Түзетілген нұсқа." in card and "Бірінші нұсқа." not in card and "edited" in card

    actions.mark_solution(thread, answer, by=cast.teacher)
    assert "solution" in post_card(page(cast.director, url), 2)

    cast.coach.full_name = "Жаңа Есім"
    cast.coach.save()
    assert "Жаңа Есім" in post_card(page(cast.director, url), 2)

    actions.hide_post(answer, True, by=cast.leader)
    assert "post-2" not in page(cast.director, url)
    card = post_card(page(cast.leader, url), 2)
    assert "hidden" in card and "Show again" in card


def test_a_deleted_post_shows_its_placeholder_to_members_and_its_text_to_moderators(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Қате жазылған.")
    url = thread.get_absolute_url()
    page(cast.director, url)
    actions.delete_post(post, by=cast.coach)
    card = post_card(page(cast.director, url), 2)
    assert "This message was deleted." in card and "Қате жазылған." not in card
    card = post_card(page(cast.leader, url), 2)
    assert "Қате жазылған." in card and "Restore" in card


@pytest.mark.any_language
def test_each_language_has_its_own_rendering(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Жауап.")
    url = thread.get_absolute_url()
    cast.director.language = "en"
    cast.director.save()
    assert "Report" in post_card(page(cast.director, url), 2)
    cast.director.language = "kk"
    cast.director.save()
    kazakh = post_card(page(cast.director, url), 2)
    assert "Report" not in kazakh and "Шағым" in kazakh


def test_a_form_inside_a_cached_post_carries_the_readers_own_valid_token(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Өшіретін жауап.")
    url = thread.get_absolute_url()
    page(cast.leader, url)  # the post's forms are in the cache now, rendered for someone else
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coach)
    card = post_card(client.get(url).content.decode(), 2)
    token = re.search(
        r'action="[^"]*/delete/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', card
    )
    assert token, card
    response = client.post(
        reverse("forums:post_delete", args=[post.pk]), {"csrfmiddlewaretoken": token.group(1), "confirmed": "yes"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_the_forum_list_shows_new_replies_and_renames_at_once(cast, forum):
    thread = start(forum, cast.teacher, title="Топтық жұмыс")
    url = forum.get_absolute_url()
    assert "0 replies" in page(cast.director, url)
    actions.reply(thread, by=cast.coach, body="Жауап.")
    html = page(cast.director, url)
    assert "1 reply" in html and cast.coach.full_name in html
    cast.teacher.full_name = "Басқа Есім"
    cast.teacher.save()
    assert "Басқа Есім" in page(cast.director, url)
    actions.lock_thread(thread, True, by=cast.leader)
    assert "locked" in page(cast.director, url)
