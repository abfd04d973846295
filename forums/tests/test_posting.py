"""Writing in the forum: starting discussions, replying, previewing, quoting,
attaching files, editing with a kept history, deleting."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums import actions
from forums.models import Attachment, Category, Post, PostRevision, Thread
from forums.tests.factories import PDF, png_bytes, start
from networks.models import Membership
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db

XSS = (
    '<script>alert("x")</script> [сілтеме](javascript:alert(1)) <img src=x onerror="alert(1)"> '
    '<a href="JaVaScRiPt:alert(2)">басыңыз</a>'
)


def new_thread_data(forum, **extra) -> dict:
    return {
        "category": forum.categories.first().pk,
        "title": "Диалогтық оқытудағы сұрақтар",
        "body": "Ашық сұрақтарды қалай қоямыз?",
        **extra,
    }


def test_a_member_starts_a_discussion(cast, forum):
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]), new_thread_data(forum)
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.author == cast.teacher and thread.last_number == 1 and thread.reply_count == 0
    opening = thread.posts.get()
    assert opening.number == 1 and "<p>Ашық сұрақтарды қалай қоямыз?</p>" in opening.body_html
    assert Category.objects.get(pk=forum.categories.first().pk).thread_count == 1
    assert thread.subscriptions.filter(user=cast.teacher).exists()  # the author follows it


def test_a_discussion_without_a_title_keeps_what_was_typed(cast, forum):
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]),
        new_thread_data(forum, title="   ", body="Менің ұзақ жазған мәтінім"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert "Менің ұзақ жазған мәтінім" in response.content.decode()
    assert not Thread.objects.exists()


def test_an_empty_text_is_refused_with_a_message(cast, forum):
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]), new_thread_data(forum, body="  \n ")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["body"]
    assert "Диалогтық оқытудағы сұрақтар" in response.content.decode()
    assert not Thread.objects.exists()


def test_replies_are_numbered_in_order_and_counted(cast, forum):
    thread = start(forum, cast.teacher)
    client = as_user(cast.coach)
    for text in ("Бірінші жауап", "Екінші жауап"):
        response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": text})
        assert response.status_code == 302
    thread.refresh_from_db()
    assert list(thread.posts.values_list("number", "body")) == [
        (1, "Дескрипторларды оқушыға түсінікті етіп жазу керек пе?"),
        (2, "Бірінші жауап"),
        (3, "Екінші жауап"),
    ]
    assert thread.last_number == 3 and thread.reply_count == 2 and thread.last_poster == cast.coach
    assert response["Location"] == f"{thread.get_absolute_url()}#post-3"


def test_scripts_handlers_and_javascript_links_are_neutralised(cast, forum):
    thread = start(forum, cast.teacher, body=XSS)
    actions.reply(thread, by=cast.coach, body=XSS)
    body = as_user(cast.leader).get(reverse("forums:thread", args=[thread.pk])).content.decode().lower()
    assert "<script>alert" not in body and "javascript:" not in body and "onerror" not in body
    for post in Post.objects.all():
        html = post.body_html.lower()
        assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_the_preview_renders_sanitized_html_with_mentions(cast, forum):
    response = as_user(cast.teacher).post(
        reverse("forums:preview", args=[cast.network.pk]),
        {"body": f"**Маңызды** @[{cast.coach.full_name}]({cast.coach.pk}) {XSS}"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Маңызды</strong>" in html
    assert f'href="{reverse("networks:person", args=[cast.coach.pk])}"' in html
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert not Post.objects.exists()


def test_the_preview_without_javascript_keeps_the_text_and_saves_nothing(cast, forum):
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]), new_thread_data(forum, body="*көлбеу*", preview="1")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>көлбеу</em>" in html and "*көлбеу*" in html
    assert not Thread.objects.exists()


def test_quoting_fills_the_reply_with_the_quoted_lines_and_author(cast, forum):
    thread = start(forum, cast.teacher, body="Бірінші жол\nЕкінші жол")
    opening = thread.posts.get()
    client = as_user(cast.coach)
    response = client.get(reverse("forums:reply", args=[thread.pk]), {"quote": opening.pk})
    body = response.context["form"]["body"].value()
    assert body.startswith(f"> **{cast.teacher.full_name}** (#1):\n> Бірінші жол\n> Екінші жол\n")
    partial = client.get(reverse("forums:reply", args=[thread.pk]), {"quote": opening.pk}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert 'id="reply-form"' in html and "<html" not in html and "&gt; Бірінші жол" in html


def test_quoting_a_message_of_another_thread_is_not_found(cast, forum):
    thread = start(forum, cast.teacher)
    other = start(forum, cast.teacher, title="Басқа тақырып")
    response = as_user(cast.coach).get(reverse("forums:reply", args=[thread.pk]), {"quote": other.posts.get().pk})
    assert response.status_code == 404


def test_images_and_documents_are_attached_with_a_thumbnail_and_served_to_readers(cast, forum):
    files = [SimpleUploadedFile("сурет.png", png_bytes((900, 600))), SimpleUploadedFile("жоспар.pdf", PDF)]
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]), new_thread_data(forum, attachments=files)
    )
    assert response.status_code == 302
    image, document = Attachment.objects.order_by("pk")
    assert image.is_image and image.thumbnail and image.content_type == "image/png"
    assert image.original_name == "сурет.png" and image.file.name.startswith("forums/")
    assert document.family == "document" and not document.thumbnail

    reader = as_user(cast.methodologist)
    response = reader.get(reverse("forums:attachment", args=[image.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    response = reader.get(reverse("forums:attachment", args=[document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert reader.get(reverse("forums:attachment_thumbnail", args=[image.pk]))["Content-Type"] == "image/jpeg"
    assert as_user(cast.outsider).get(reverse("forums:attachment", args=[image.pk])).status_code == 404


def test_a_renamed_program_is_refused_with_a_message_and_nothing_is_saved(cast, forum, media):
    program = SimpleUploadedFile("сабақ.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    image = SimpleUploadedFile("сурет.png", png_bytes())
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]),
        new_thread_data(forum, body="Менің мәтінім сақталсын", attachments=[image, program]),
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "«сабақ.pdf»" in errors
    assert "Менің мәтінім сақталсын" in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists() and not Attachment.objects.exists()
    # Only the valid image is stored, kept for the next sending (ortaq/lib/kept_uploads.py).
    assert [p.parent.name for p in media.rglob("*") if p.is_file()] == ["kept-uploads"]
    assert [kept.name for kept in response.context["form"].kept_files["attachments"]] == ["сурет.png"]


def test_a_file_chosen_for_a_discussion_without_a_title_is_kept_for_the_next_sending(cast, forum, media):
    url = reverse("forums:thread_create", args=[cast.network.pk])
    client = as_user(cast.teacher)
    image = SimpleUploadedFile("сурет.png", png_bytes())

    refused = client.post(url, new_thread_data(forum, title="", attachments=[image]))
    [kept] = refused.context["form"].kept_files["attachments"]
    assert refused.status_code == 400 and 'name="attachments-kept"' in refused.content.decode()
    started = client.post(url, new_thread_data(forum, **{"attachments-kept": kept.token}))

    assert started.status_code == 302
    assert [file.original_name for file in Thread.objects.get().posts.get().attachments.all()] == ["сурет.png"]
    assert not (media / kept.stored).exists()


def test_someone_elses_kept_file_is_refused_for_a_discussion(cast, forum, media):
    url = reverse("forums:thread_create", args=[cast.network.pk])
    theirs = as_user(cast.coach).post(
        url, new_thread_data(forum, title="", attachments=[SimpleUploadedFile("a.pdf", PDF)])
    )
    [kept] = theirs.context["form"].kept_files["attachments"]

    response = as_user(cast.teacher).post(url, new_thread_data(forum, **{"attachments-kept": kept.token}))

    assert response.status_code == 400 and response.context["form"].errors["attachments"]
    assert not Thread.objects.exists() and (media / kept.stored).exists()


def test_a_preview_without_javascript_keeps_the_files_of_the_reply(cast, forum, media):
    thread = start(forum, cast.leader)
    url = reverse("forums:reply", args=[thread.pk])
    client = as_user(cast.teacher)

    previewed = client.post(
        url, {"body": "Менің жауабым", "preview": "1", "attachments": [SimpleUploadedFile("a.pdf", PDF)]}
    )
    [kept] = previewed.context["form"].kept_files["attachments"]
    sent = client.post(url, {"body": "Менің жауабым", "attachments-kept": kept.token})

    assert sent.status_code == 302
    reply = thread.posts.get(number=2)
    assert [file.original_name for file in reply.attachments.all()] == ["a.pdf"]


def test_a_failed_save_removes_the_files_already_written(cast, forum, media, monkeypatch):
    from ortaq.lib import uploads

    upload = SimpleUploadedFile("сурет.png", png_bytes())
    detected = uploads.detect(upload, {"image"})

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("forums.actions.Subscription.objects.get_or_create", broken)
    with pytest.raises(RuntimeError):
        actions.start_thread(forum, by=cast.teacher, title="Сурет", body="Мәтін", attachments=[(upload, detected)])
    assert not Thread.objects.exists() and not Attachment.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


def test_too_many_files_are_refused(cast, forum):
    files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(6)]
    response = as_user(cast.teacher).post(
        reverse("forums:thread_create", args=[cast.network.pk]), new_thread_data(forum, attachments=files)
    )
    assert response.status_code == 400 and response.context["form"].errors["attachments"]
    assert not Thread.objects.exists()


def test_files_of_a_deleted_message_are_no_longer_served_to_members(cast, forum):
    thread = start(forum, cast.teacher)
    upload = SimpleUploadedFile("жоспар.pdf", PDF)
    response = as_user(cast.coach).post(
        reverse("forums:reply", args=[thread.pk]), {"body": "Файл", "attachments": [upload]}
    )
    assert response.status_code == 302
    post = Post.objects.get(number=2)
    attachment = post.attachments.get()
    actions.delete_post(post, by=cast.coach)
    assert as_user(cast.teacher).get(reverse("forums:attachment", args=[attachment.pk])).status_code == 404
    assert as_user(cast.leader).get(reverse("forums:attachment", args=[attachment.pk])).status_code == 200


def test_editing_marks_the_message_and_keeps_the_history_for_moderators(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Бірінші нұсқа")
    client = as_user(cast.coach)
    response = client.post(reverse("forums:post_edit", args=[post.pk]), {"body": "Түзетілген нұсқа", "version": "1"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Түзетілген нұсқа" and post.edited_at is not None
    assert list(PostRevision.objects.values_list("body", flat=True)) == ["Бірінші нұсқа"]
    page = as_user(cast.teacher).get(reverse("forums:thread", args=[thread.pk])).content.decode()
    assert "Түзетілген нұсқа" in page and "Бірінші нұсқа" not in page
    assert client.get(reverse("forums:post_history", args=[post.pk])).status_code == 403
    history = as_user(cast.coordinator).get(reverse("forums:post_history", args=[post.pk]))
    assert history.status_code == 200 and "Бірінші нұсқа" in history.content.decode()


def test_saving_the_same_text_keeps_no_revision(cast, forum):
    thread = start(forum, cast.teacher)
    post = thread.posts.get()
    actions.edit_post(post, by=cast.teacher, body=post.body, title=thread.title, is_question=False)
    post.refresh_from_db()
    assert post.edited_at is None and not PostRevision.objects.exists()


def test_editing_the_opening_post_changes_the_title(cast, forum):
    thread = start(forum, cast.teacher)
    response = as_user(cast.teacher).post(
        reverse("forums:post_edit", args=[thread.posts.get().pk]),
        {"title": "Жаңа тақырып", "body": "Жаңа мәтін", "is_question": "on", "version": "1"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "Жаңа тақырып" and thread.is_question
    assert PostRevision.objects.get().title == "Бағалау критерийлерін қалай құрастырамыз?"


def test_nobody_edits_another_members_message(cast, forum):
    thread = start(forum, cast.teacher)
    response = as_user(cast.coach).post(reverse("forums:post_edit", args=[thread.posts.get().pk]), {"body": "Бұзу"})
    assert response.status_code == 403
    assert thread.posts.get().body != "Бұзу"


def test_an_author_deletes_a_reply_and_others_see_a_placeholder(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Қате жаздым")
    response = as_user(cast.coach).post(reverse("forums:post_delete", args=[post.pk]), {"confirmed": "yes"})
    assert response.status_code == 302
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.deleted_at is not None and thread.reply_count == 0 and thread.last_number == 2
    page = as_user(cast.teacher).get(reverse("forums:thread", args=[thread.pk])).content.decode()
    assert "Қате жаздым" not in page and 'id="post-2"' in page
    assert "Қате жаздым" in as_user(cast.leader).get(reverse("forums:thread", args=[thread.pk])).content.decode()
    as_user(cast.leader).post(reverse("forums:post_restore", args=[post.pk]))
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.deleted_at is None and thread.reply_count == 1


def test_an_author_cannot_delete_a_discussion_others_replied_to(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Жауап")
    response = as_user(cast.teacher).post(
        reverse("forums:post_delete", args=[thread.posts.get(number=1).pk]), {"confirmed": "yes"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.deleted_at is None
    assert Category.objects.get(pk=thread.category_id).thread_count == 1


def test_a_moderator_deletes_a_discussion_and_it_leaves_the_list(cast, forum):
    thread = start(forum, cast.teacher)
    actions.reply(thread, by=cast.coach, body="Жауап")
    response = as_user(cast.leader).post(
        reverse("forums:post_delete", args=[thread.posts.get(number=1).pk]), {"confirmed": "yes"}
    )
    assert response["Location"] == forum.get_absolute_url()
    thread.refresh_from_db()
    assert thread.deleted_at is not None
    assert Category.objects.get(pk=thread.category_id).thread_count == 0
    assert as_user(cast.teacher).get(reverse("forums:thread", args=[thread.pk])).status_code == 404
    assert not as_user(cast.teacher).get(forum.get_absolute_url()).context["rows"]


def test_the_rules_are_shown_before_the_first_message_in_the_network(cast, forum):
    client = as_user(cast.teacher)
    url = reverse("forums:thread_create", args=[cast.network.pk])
    assert "Әркімнің пікірі құнды." in client.get(url).content.decode()
    thread = start(forum, cast.teacher)
    assert "Әркімнің пікірі құнды." not in client.get(url).content.decode()
    assert "Әркімнің пікірі құнды." in as_user(cast.coach).get(thread.get_absolute_url()).content.decode()
    assert "Әркімнің пікірі құнды." not in client.get(thread.get_absolute_url()).content.decode()


def test_a_locked_discussion_takes_replies_only_from_moderators(cast, forum):
    thread = start(forum, cast.teacher)
    actions.lock_thread(thread, True, by=cast.leader)
    response = as_user(cast.coach).post(reverse("forums:reply", args=[thread.pk]), {"body": "Тағы бір сөз"})
    assert response.status_code == 302 and thread.posts.count() == 1
    assert (
        as_user(cast.leader).post(reverse("forums:reply", args=[thread.pk]), {"body": "Қорытынды"}).status_code == 302
    )
    assert thread.posts.count() == 2
    with pytest.raises(Exception, match="locked"):
        actions.reply(thread, by=cast.coach, body="Айналып өту")


def test_a_member_can_write_in_a_group_forum_only_as_a_group_member(cast, group_forum):
    response = as_user(cast.teacher).post(
        reverse("forums:group_thread_create", args=[cast.network.pk, cast.group.pk]),
        {"title": "Топ жоспары", "body": "Талқылайық"},
    )
    assert response.status_code == 302
    assert Thread.objects.get().forum == group_forum


def test_a_first_reply_in_a_group_forum_counts_for_the_network(cast, forum, group_forum):
    """The rules are the network's: a first message in one of its group forums is a
    first message in the network. The membership keeps when it was written."""
    thread = start(forum, cast.coach)
    assert Membership.objects.get(network=cast.network, user=cast.teacher).first_posted_at is None
    group_thread = start(group_forum, cast.coach)
    actions.reply(group_thread, by=cast.teacher, body="Топта бірінші рет жазамын")
    first = Membership.objects.get(network=cast.network, user=cast.teacher).first_posted_at
    assert first is not None
    actions.reply(thread, by=cast.teacher, body="Екінші хабар")
    assert Membership.objects.get(network=cast.network, user=cast.teacher).first_posted_at == first
    page = as_user(cast.teacher).get(thread.get_absolute_url()).content.decode()
    assert "Әркімнің пікірі құнды." not in page


def test_an_administrator_who_is_no_member_is_shown_the_rules_until_they_write(cast, forum, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.kz", password="x", full_name="Әкімші")
    thread = start(forum, cast.teacher)
    assert "Әркімнің пікірі құнды." in as_user(admin).get(thread.get_absolute_url()).content.decode()
    actions.reply(thread, by=admin, body="Әкімшінің жауабы")
    assert "Әркімнің пікірі құнды." not in as_user(admin).get(thread.get_absolute_url()).content.decode()


def test_the_migration_marks_the_first_messages_already_written(cast, forum, group_forum):
    """networks/migrations/0004 fills first_posted_at from the messages in the database."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("networks.migrations.0004_first_post")
    thread = start(forum, cast.coach)
    reply = actions.reply(thread, by=cast.teacher, body="Бірінші")
    actions.reply(start(group_forum, cast.coach), by=cast.teacher, body="Екінші")
    Membership.objects.update(first_posted_at=None)
    with connection.cursor() as cursor:
        cursor.execute(migration.FIRST_POSTS)
    marks = dict(Membership.objects.filter(network=cast.network).values_list("user__email", "first_posted_at"))
    assert marks[cast.teacher.email] == reply.created_at
    assert marks[cast.coach.email] == thread.posts.get(number=1).created_at
    assert marks[cast.leader.email] is None
