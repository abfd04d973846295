"""Two people editing one message: the second save is refused with both texts, never
silently put over the first (ortaq/lib/editing.py)."""

from __future__ import annotations

from django.urls import reverse

from forums.models import Post
from forums.tests.factories import start
from ortaq.testing import as_user, hidden_value, save_twice, stale_section


def test_it_refuses_the_second_of_two_saves_and_shows_both_texts(cast, forum):
    thread = start(forum, cast.teacher, title="Рубрика туралы")
    post = thread.posts.get()
    url = reverse("forums:post_edit", args=[post.pk])
    moderator = as_user(cast.coordinator)
    author_text = {"title": "Рубрика: үш деңгей", "body": "Автордың түзетуі"}
    moderator_text = {"title": "Рубрика туралы", "body": "Модератордың түзетуі"}

    response = save_twice(url, as_user(cast.teacher), moderator, author_text, moderator_text)

    section = stale_section(response)
    assert "Автордың түзетуі" in section and "Модератордың түзетуі" in section
    assert "Рубрика: үш деңгей" in section  # the title, edited with the opening post
    assert "Жұмабеков Ерлан" in section  # who saved it
    form = response.context["form"]
    assert form["body"].value() == "Модератордың түзетуі" and form["title"].value() == "Рубрика туралы"
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.body == "Автордың түзетуі" and thread.title == "Рубрика: үш деңгей"
    assert hidden_value(response, "version") == str(post.version) == "2"

    # Saving again, knowingly, on top of the new version.
    again = moderator.post(url, {**moderator_text, "version": hidden_value(response, "version")})
    assert again.status_code == 302
    post.refresh_from_db()
    assert post.body == "Модератордың түзетуі" and post.version == 3


def test_it_saves_an_edit_and_moves_the_version_on(cast, forum):
    thread = start(forum, cast.teacher)
    post = thread.posts.get()
    client = as_user(cast.teacher)
    url = reverse("forums:post_edit", args=[post.pk])
    version = hidden_value(client.get(url), "version")
    response = client.post(url, {"title": thread.title, "body": "Жаңа мәтін", "version": version})
    assert response.status_code == 302
    post = Post.objects.get(pk=post.pk)
    assert post.body == "Жаңа мәтін" and post.version == 2


def test_it_refuses_a_form_that_came_without_its_version(cast, forum):
    thread = start(forum, cast.teacher)
    post = thread.posts.get()
    response = as_user(cast.teacher).post(
        reverse("forums:post_edit", args=[post.pk]), {"title": thread.title, "body": "Қайдан келгені белгісіз"}
    )
    assert "Қайдан келгені белгісіз" in stale_section(response)
    assert Post.objects.get(pk=post.pk).body == post.body
