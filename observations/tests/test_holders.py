"""A lesson's pages ask what holds it through ``observations.holders``: a lesson nothing
holds is not shown; any holder that registers (a Lesson Study cycle, a coaching visit)
gets the pages, with its organisers releasing the feedback; an event's lesson goes with
its event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import EventLesson
from events.tests.factories import make_lesson
from observations.models import Lesson, Observation
from observations.tests.factories import bare_lesson
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_it_does_not_show_a_lesson_nothing_holds(cast):
    lesson = bare_lesson(cast)
    assert as_user(cast.leader).get(reverse("observations:lesson", args=[lesson.pk])).status_code == 404


def test_it_shows_a_lesson_to_any_holder_that_registers(cast, research_holder):
    lesson = bare_lesson(cast)
    page = as_user(cast.leader).get(reverse("observations:lesson", args=[lesson.pk]))
    assert page.status_code == 200
    assert "Lesson Study: 7 сынып" in page.content.decode()
    Observation.objects.create(lesson=lesson, observer=cast.leader, submitted_at=lesson.created_at)
    # The holder says who organises: the coach releases, the leader (not its organiser) may not.
    assert as_user(cast.leader).post(reverse("observations:release", args=[lesson.pk])).status_code == 403
    assert as_user(cast.coach).post(reverse("observations:release", args=[lesson.pk])).status_code == 302
    assert Observation.objects.get(lesson=lesson).released_at is not None
    # Outsiders still do not learn the lesson exists: the network's rule comes first.
    assert as_user(cast.outsider).get(reverse("observations:lesson", args=[lesson.pk])).status_code == 404


def test_an_events_lessons_and_their_observations_go_with_the_event(cast):
    lesson = make_lesson(cast)
    Observation.objects.create(lesson=lesson, observer=cast.coach)
    event = EventLesson.objects.get(lesson=lesson).event
    event.delete()
    assert not Lesson.objects.filter(pk=lesson.pk).exists()
    assert not Observation.objects.filter(lesson_id=lesson.pk).exists()


# --- A holder that keeps its lessons private (the firewall of issue 20) -----------------


def test_it_keeps_a_privately_held_lesson_from_the_leader_and_the_director(cast, private_holder):
    lesson = bare_lesson(cast, topic="Коучинг: сабаққа қатысу")
    url = reverse("observations:lesson", args=[lesson.pk])
    assert as_user(cast.coach).get(url).status_code == 200
    assert as_user(cast.teacher).get(url).status_code == 200
    # The network's leader reads every open lesson of the network, but not this one.
    assert as_user(cast.leader).get(url).status_code == 404
    assert as_user(cast.director).get(url).status_code == 404
    assert lesson not in Lesson.objects.visible_to(cast.leader)
    assert lesson not in Lesson.objects.visible_to(cast.director)
    assert lesson in Lesson.objects.visible_to(cast.coach)
    assert lesson in Lesson.objects.visible_to(cast.teacher)


def test_it_leaves_lessons_of_other_holders_alone(cast, private_holder):
    open_lesson = make_lesson(cast)
    assert open_lesson in Lesson.objects.visible_to(cast.leader)
    page = as_user(cast.leader).get(reverse("observations:lesson", args=[open_lesson.pk]))
    assert page.status_code == 200


def test_it_keeps_a_privately_held_lesson_out_of_a_persons_record(cast, private_holder):
    from portfolios.record import record_of

    lesson = bare_lesson(cast, topic="Коучинг: сабаққа қатысу")
    Observation.objects.create(lesson=lesson, observer=cast.coach, submitted_at=lesson.created_at)
    assert lesson not in record_of(cast.teacher, viewer=cast.leader).lessons
    assert list(record_of(cast.coach, viewer=cast.leader).observations) == []
    # The teacher's own record keeps all of it; the coach's own record keeps their visit.
    assert lesson in record_of(cast.teacher, viewer=cast.teacher).lessons
    assert [o.lesson for o in record_of(cast.coach, viewer=cast.coach).observations] == [lesson]


def test_it_keeps_a_privately_held_lesson_from_a_visitor(cast, private_holder):
    from django.contrib.auth.models import AnonymousUser

    lesson = bare_lesson(cast, topic="Коучинг: сабаққа қатысу")
    assert lesson not in Lesson.objects.visible_to(AnonymousUser())  # type: ignore[arg-type]
