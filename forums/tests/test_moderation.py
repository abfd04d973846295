"""Moderators pin, lock, move and hide; members report; categories are the leader's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import actions
from forums.models import Category, Forum, Report, Thread
from forums.tests.factories import start
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def moderate(client, thread, action: str):
    return client.post(reverse("forums:thread_moderate", args=[thread.pk]), {"action": action})


def test_a_pinned_thread_comes_first(cast, forum):
    old = start(forum, cast.teacher, title="Ережелер")
    start(forum, cast.teacher, title="Жаңа тақырып")
    moderate(as_user(cast.coordinator), old, "pin")
    rows = as_user(cast.teacher).get(forum.get_absolute_url()).context["rows"]
    assert [r["thread"].title for r in rows] == ["Ережелер", "Жаңа тақырып"]
    moderate(as_user(cast.coordinator), old, "unpin")
    rows = as_user(cast.teacher).get(forum.get_absolute_url()).context["rows"]
    assert [r["thread"].title for r in rows] == ["Жаңа тақырып", "Ережелер"]


def test_a_locked_thread_shows_no_reply_form_to_members(cast, forum):
    thread = start(forum, cast.teacher)
    moderate(as_user(cast.leader), thread, "lock")
    thread.refresh_from_db()
    assert thread.is_locked
    response = as_user(cast.teacher).get(thread.get_absolute_url())
    assert response.context["form"] is None and not response.context["can_reply"]
    assert as_user(cast.leader).get(thread.get_absolute_url()).context["can_reply"]
    # …and its author can no longer edit it
    assert as_user(cast.teacher).get(reverse("forums:post_edit", args=[thread.posts.get().pk])).status_code == 403


def test_an_unknown_moderation_verb_changes_nothing(cast, forum):
    thread = start(forum, cast.teacher)
    response = moderate(as_user(cast.leader), thread, "explode")
    assert response.status_code == 302
    thread.refresh_from_db()
    assert not (thread.is_pinned or thread.is_locked or thread.is_hidden)


def test_moving_a_thread_keeps_the_category_counts(cast, forum):
    first, second = forum.categories.all()
    thread = start(forum, cast.teacher, category=first)
    response = as_user(cast.coordinator).post(reverse("forums:thread_move", args=[thread.pk]), {"category": second.pk})
    assert response.status_code == 302
    thread.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert thread.category == second and (first.thread_count, second.thread_count) == (0, 1)


def test_a_thread_cannot_move_to_another_forums_category(cast, forum, group_forum):
    foreign = Category.objects.create(forum=group_forum, name="Топтың санаты")
    thread = start(forum, cast.teacher)
    as_user(cast.leader).post(reverse("forums:thread_move", args=[thread.pk]), {"category": foreign.pk})
    thread.refresh_from_db()
    assert thread.category != foreign
    with pytest.raises(Exception, match="its own forum"):
        actions.move_thread(thread, foreign, by=cast.leader)


def test_a_hidden_thread_is_seen_by_moderators_only(cast, forum):
    thread = start(forum, cast.teacher)
    moderate(as_user(cast.leader), thread, "hide")
    thread.refresh_from_db()
    assert thread.is_hidden
    assert Category.objects.get(pk=thread.category_id).thread_count == 0
    for person in (cast.teacher, cast.methodologist, cast.director):
        assert as_user(person).get(thread.get_absolute_url()).status_code == 404
        assert as_user(person).get(forum.get_absolute_url()).context["rows"] == []
        assert not Thread.objects.visible_to(person).exists()
    assert as_user(cast.coordinator).get(thread.get_absolute_url()).status_code == 200
    assert list(Thread.objects.visible_to(cast.coordinator)) == [thread]
    moderate(as_user(cast.leader), thread, "unhide")
    assert as_user(cast.teacher).get(thread.get_absolute_url()).status_code == 200
    assert Category.objects.get(pk=thread.category_id).thread_count == 1


def test_a_hidden_post_is_gone_for_members_and_its_link_is_not_found(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Орынсыз сөз")
    as_user(cast.leader).post(reverse("forums:post_hide", args=[post.pk]), {"hidden": "1"})
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.is_hidden and thread.reply_count == 0
    assert "Орынсыз сөз" not in as_user(cast.teacher).get(thread.get_absolute_url()).content.decode()
    assert as_user(cast.teacher).get(reverse("forums:post", args=[post.pk])).status_code == 404
    assert "Орынсыз сөз" in as_user(cast.leader).get(thread.get_absolute_url()).content.decode()


def test_a_member_reports_and_a_moderator_hides_the_post(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Жарнама: арзан курстар!")
    client = as_user(cast.director)
    response = client.post(reverse("forums:post_report", args=[post.pk]), {"reason": "Жарнама"})
    assert response.status_code == 302
    client.post(reverse("forums:post_report", args=[post.pk]), {"reason": "Тағы да жарнама"})
    as_user(cast.teacher).post(reverse("forums:post_report", args=[post.pk]), {"reason": "Спам"})
    assert Report.objects.count() == 2  # one open report per person and post

    page = as_user(cast.leader).get(reverse("forums:reports", args=[cast.network.pk]))
    assert [r.reason for r in page.context["reports"]] == ["Спам", "Жарнама"]
    report = Report.objects.get(reporter=cast.director)
    as_user(cast.leader).post(reverse("forums:report_resolve", args=[report.pk]), {"decision": "hide"})
    post.refresh_from_db()
    assert post.is_hidden
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert set(Report.objects.values_list("outcome", flat=True)) == {"hidden"}
    assert as_user(cast.leader).get(reverse("forums:reports", args=[cast.network.pk])).context["reports"].count() == 0


def test_a_report_without_a_reason_is_refused_and_ones_own_post_cannot_be_reported(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Жауап")
    response = as_user(cast.director).post(reverse("forums:post_report", args=[post.pk]), {"reason": "  "})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    response = as_user(cast.coach).post(reverse("forums:post_report", args=[post.pk]), {"reason": "Өзім"})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert not Report.objects.exists()


def test_keeping_a_reported_post_closes_the_report(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="Сын пікір")
    report = actions.report_post(post, by=cast.director, reason="Ұнамады")
    as_user(cast.coordinator).post(reverse("forums:report_resolve", args=[report.pk]), {"decision": "keep"})
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.outcome == "kept" and report.resolved_by == cast.coordinator and not post.is_hidden


def test_the_group_leader_moderates_the_group_forum_only(cast, forum, group_forum):
    group_thread = start(group_forum, cast.teacher, category=None)
    network_thread = start(forum, cast.teacher)
    client = as_user(cast.coach)  # leads «Дамытушы топ»
    assert moderate(client, group_thread, "pin").status_code == 302
    assert moderate(client, network_thread, "pin").status_code == 403
    reply = actions.reply(group_thread, by=cast.teacher, body="Топтағы сөз")
    report = actions.report_post(reply, by=cast.leader, reason="Тексеріңіз")
    network_reply = actions.reply(network_thread, by=cast.director, body="Желідегі сөз")
    actions.report_post(network_reply, by=cast.teacher, reason="Тексеріңіз")
    page = client.get(reverse("forums:reports", args=[cast.network.pk]))
    assert list(page.context["reports"]) == [report]
    assert as_user(cast.director).get(reverse("forums:reports", args=[cast.network.pk])).status_code == 403


def test_the_leader_sets_the_categories(cast, forum):
    client = as_user(cast.leader)
    url = reverse("forums:categories", args=[cast.network.pk])
    response = client.post(url, {"name": "  Инклюзивті   оқыту ", "description": "", "position": 3})
    assert response.status_code == 302
    assert forum.categories.filter(name="Инклюзивті оқыту").exists()
    response = client.post(url, {"name": "инклюзивті оқыту", "description": "", "position": 4})
    assert response.status_code == 400 and response.context["form"].errors["name"]
    assert "инклюзивті оқыту" in response.content.decode()
    assert as_user(cast.coordinator).get(url).status_code == 403


def test_a_category_with_threads_is_not_deleted(cast, forum):
    category = forum.categories.first()
    start(forum, cast.teacher, category=category)
    as_user(cast.leader).post(reverse("forums:category_delete", args=[category.pk]), {"confirmed": "yes"})
    assert Category.objects.filter(pk=category.pk).exists()
    empty = forum.categories.last()
    as_user(cast.leader).post(reverse("forums:category_delete", args=[empty.pk]), {"confirmed": "yes"})
    assert not Category.objects.filter(pk=empty.pk).exists()


def test_a_category_is_edited(cast, forum):
    category = forum.categories.first()
    response = as_user(cast.leader).post(
        reverse("forums:category_edit", args=[category.pk]),
        {"name": "Бағалау", "description": "Критериалды бағалау туралы", "position": 1},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Бағалау"


def test_the_group_leader_sets_the_categories_of_the_group_forum(cast, group_forum):
    url = reverse("forums:group_categories", args=[cast.network.pk, cast.group.pk])
    assert as_user(cast.coach).post(url, {"name": "Жоспарлар", "position": 1}).status_code == 302
    assert Forum.objects.get(group=cast.group).categories.get().name == "Жоспарлар"
    assert as_user(cast.teacher).get(url).status_code == 403
