"""Questions and the replies that solved them: the library of solved problems."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import actions
from forums.tests.factories import start
from notifications.models import Notice
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(cast, forum):
    thread = start(forum, cast.teacher, title="Дескрипторды қалай жазамыз?", is_question=True)
    answer = actions.reply(thread, by=cast.coach, body="Әр критерийге 2–3 дескриптор жазыңыз.")
    return thread, answer


def solve_url(post) -> str:
    return reverse("forums:post_solution", args=[post.pk])


def test_the_author_of_the_question_marks_the_solution(cast, question):
    thread, answer = question
    response = as_user(cast.teacher).post(solve_url(answer))
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.solution == answer and thread.is_solved
    page = as_user(cast.director).get(thread.get_absolute_url())
    assert "#post-2" in page.context["solution_url"]
    assert Notice.objects.filter(
        recipient=cast.coach, kind="forums.solution", url=answer.thread.post_url(answer.number)
    ).exists()


def test_another_member_cannot_mark_the_solution(cast, question):
    thread, answer = question
    assert as_user(cast.director).post(solve_url(answer)).status_code == 403
    assert as_user(cast.coach).post(solve_url(answer)).status_code == 403  # not even the one who answered
    thread.refresh_from_db()
    assert thread.solution is None


def test_a_moderator_marks_and_unmarks_the_solution(cast, question):
    thread, answer = question
    client = as_user(cast.coordinator)
    client.post(solve_url(answer))
    thread.refresh_from_db()
    assert thread.solution == answer
    client.post(solve_url(answer), {"unmark": "1"})
    thread.refresh_from_db()
    assert thread.solution is None


def test_a_discussion_that_is_not_a_question_cannot_be_solved(cast, forum):
    thread = start(forum, cast.teacher)
    answer = actions.reply(thread, by=cast.coach, body="Жауап")
    response = as_user(cast.teacher).post(solve_url(answer), follow=True)
    thread.refresh_from_db()
    assert thread.solution is None
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_only_a_shown_reply_of_the_same_question_can_be_the_solution(cast, forum, question):
    thread, answer = question
    other = start(forum, cast.teacher, title="Басқа сұрақ", is_question=True)
    foreign = actions.reply(other, by=cast.coach, body="Басқа жауап")
    with pytest.raises(Exception, match="reply of this discussion"):
        actions.mark_solution(thread, foreign, by=cast.teacher)
    with pytest.raises(Exception, match="reply of this discussion"):
        actions.mark_solution(thread, thread.posts.get(number=1), by=cast.teacher)
    actions.hide_post(answer, True, by=cast.leader)
    answer.refresh_from_db()
    with pytest.raises(Exception, match="hidden or deleted"):
        actions.mark_solution(thread, answer, by=cast.teacher)
    thread.refresh_from_db()
    assert thread.solution is None


def test_hiding_or_deleting_the_solution_unmarks_the_question(cast, question):
    thread, answer = question
    actions.mark_solution(thread, answer, by=cast.teacher)
    actions.delete_post(answer, by=cast.coach)
    thread.refresh_from_db()
    assert thread.solution is None


def test_solved_questions_are_found_in_the_library(cast, forum, question):
    thread, answer = question
    open_question = start(forum, cast.director, title="Ашық сұрақ", is_question=True)
    start(forum, cast.director, title="Жай әңгіме")
    actions.mark_solution(thread, answer, by=cast.teacher)
    client = as_user(cast.methodologist)
    solved = client.get(forum.get_absolute_url(), {"show": "solved"})
    assert [r["thread"] for r in solved.context["rows"]] == [thread]
    questions = client.get(forum.get_absolute_url(), {"show": "questions"})
    assert [r["thread"] for r in questions.context["rows"]] == [open_question]
