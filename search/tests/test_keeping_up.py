"""The index follows the forums and the library through their real workflows: what is
written is found, what is edited is found by its new words, what is hidden,
deleted or narrowed leaves the results of those who may no longer see it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from forums import actions as forum_actions
from forums.models import Forum
from materials import actions as material_actions
from materials.tests.factories import publish
from networks.audiences import Visibility
from search.models import SearchDocument
from search.query import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a workflow and then what waits for its commit (the index update)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def titles(user, query: str) -> list[str]:
    return [hit.title for hit in search(user, query)]


def urls(user, query: str) -> list[str]:
    """The addresses of the documents found: a result's own, if it matched, then its replies'."""
    return [
        url for hit in search(user, query) for url in ([hit.url] if hit.matched else []) + [r.url for r in hit.replies]
    ]


def test_a_new_thread_and_its_reply_are_found_at_once(cast, committed):
    forum = Forum.objects.create(network=cast.network)
    thread = committed(
        forum_actions.start_thread,
        forum,
        by=cast.teacher,
        title="Кері байланыс туралы",
        body="Оқушыларға **кері байланыс** қалай беремін?",
    )
    reply = committed(forum_actions.reply, thread, by=cast.coach, body="Мұғалімдердің тәжірибесінде бағдарлау жақсы.")
    # The reply shows its thread's title but is not found by it: only the thread is.
    assert [hit.url for hit in search(cast.director, "кері байланыс")] == [thread.get_absolute_url()]
    # The reply is found by its own words and leads straight to itself, shown under its thread.
    assert urls(cast.director, "МҰҒАЛІМ бағдарла") == [thread.post_url(reply.number)]
    (result,) = search(cast.director, "МҰҒАЛІМ бағдарла")
    assert (result.url, result.matched, result.title) == (thread.get_absolute_url(), False, "Кері байланыс туралы")
    assert thread.post_url(reply.number).endswith(f"#post-{reply.number}")


def test_an_edit_is_found_by_its_new_words_and_not_its_old_ones(cast, committed):
    forum = Forum.objects.create(network=cast.network)
    thread = committed(forum_actions.start_thread, forum, by=cast.teacher, title="Сұрақ", body="Дескрипторлар жазу")
    committed(forum_actions.edit_post, thread.posts.get(number=1), by=cast.teacher, body="Рубрикалар құрастыру")
    assert titles(cast.teacher, "рубрика") == ["Сұрақ"]
    assert titles(cast.teacher, "дескриптор") == []


def test_a_hidden_thread_takes_its_replies_out_and_comes_back_with_them(cast, committed):
    forum = Forum.objects.create(network=cast.network)
    thread = committed(forum_actions.start_thread, forum, by=cast.teacher, title="Инклюзия", body="Ерекше қажеттілік")
    reply = committed(forum_actions.reply, thread, by=cast.coach, body="Ерекше білім беру қажеттілігі бар оқушы")
    found = [thread.get_absolute_url(), thread.post_url(reply.number)]
    assert urls(cast.director, "ерекше") == found

    committed(forum_actions.hide_thread, thread, True, by=cast.leader)
    assert titles(cast.director, "ерекше") == []
    assert not SearchDocument.objects.filter(kind__in=["thread", "post"]).exists()

    committed(forum_actions.hide_thread, thread, False, by=cast.leader)
    assert urls(cast.director, "ерекше") == found


def test_a_deleted_or_hidden_reply_is_not_found(cast, committed):
    forum = Forum.objects.create(network=cast.network)
    thread = committed(forum_actions.start_thread, forum, by=cast.teacher, title="Сабақ", body="Бірінші")
    deleted = committed(forum_actions.reply, thread, by=cast.coach, body="Жоюға арналған жауап")
    hidden = committed(forum_actions.reply, thread, by=cast.coach, body="Жасыруға арналған жауап")
    committed(forum_actions.delete_post, deleted, by=cast.coach)
    committed(forum_actions.hide_post, hidden, True, by=cast.leader)
    assert titles(cast.director, "арналған") == []


def test_a_group_forum_is_found_only_by_the_group_and_the_organisers(cast, committed):
    forum = Forum.objects.create(network=cast.network, group=cast.group)
    committed(forum_actions.start_thread, forum, by=cast.teacher, title="Зерттеу тобы", body="Жоспар")
    assert titles(cast.teacher, "зерттеу") == ["Зерттеу тобы"]
    assert titles(cast.leader, "зерттеу") == ["Зерттеу тобы"]
    assert titles(cast.director, "зерттеу") == []
    assert titles(cast.outsider, "зерттеу") == []


def test_a_material_narrowed_from_public_leaves_the_visitors_results(cast, committed):
    material = committed(publish, cast, title="Диалогтық оқыту", visibility=Visibility.PUBLIC)
    assert titles(AnonymousUser(), "диалог") == ["Диалогтық оқыту"]
    assert titles(cast.outsider, "диалог") == ["Диалогтық оқыту"]

    material.visibility = Visibility.NETWORK
    committed(material_actions.update_material, material)
    assert titles(AnonymousUser(), "диалог") == []
    assert titles(cast.outsider, "диалог") == []
    assert titles(cast.director, "диалог") == ["Диалогтық оқыту"]


def test_a_hidden_or_deleted_material_is_not_found(cast, committed):
    hidden = committed(publish, cast, title="Жасырын жоспар")
    deleted = committed(publish, cast, title="Жойылған жоспар")
    committed(material_actions.hide_material, hidden, by=cast.leader, hidden=True)
    committed(material_actions.delete_material, deleted)
    assert titles(cast.leader, "жоспар") == []
    assert not SearchDocument.objects.exists()


def test_the_rebuild_command_repairs_a_broken_index(cast, committed, capsys):
    forum = Forum.objects.create(network=cast.network)
    committed(forum_actions.start_thread, forum, by=cast.teacher, title="Бағалау", body="Критерийлер")
    committed(publish, cast, title="Бағалау рубрикасы", objective_codes=["7.2.1.1"])
    SearchDocument.objects.filter(kind="material").delete()  # as if an update had been lost
    assert titles(cast.teacher, "бағалау") == ["Бағалау"]

    call_command("rebuild_search_index")
    assert sorted(titles(cast.teacher, "бағалау")) == ["Бағалау", "Бағалау рубрикасы"]
    assert titles(cast.teacher, "7.2.1.1") == ["Бағалау рубрикасы"]
    assert "2 documents indexed" in capsys.readouterr().out
