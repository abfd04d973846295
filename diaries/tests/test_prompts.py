"""«Write about…» reads its two queries through ortaq/lib/prepared.py (their SQL built
once per process): each person still gets their own prompts whoever asked first, a
person in no network and an administrator too, and the same as the plain ORM gives."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from diaries.prompts import prompts_for
from diaries.tests.factories import past_event, write
from events.tests.factories import make_event, make_lesson
from ortaq.testing import as_user

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def pks(prompts) -> tuple[list[int], list[int]]:
    return [event.pk for event in prompts.events], [lesson.pk for lesson in prompts.lessons]


def seminar(cast, days_ago: int = 4):
    return make_event(cast, timezone.localdate() - datetime.timedelta(days=days_ago), kind="seminar", title="Семинар")


def test_each_person_gets_their_own_prompts_whoever_asked_first(cast):
    theirs = past_event(cast, cast.coach, days_ago=5)
    mine = past_event(cast, cast.teacher)
    lesson = make_lesson(cast, event=seminar(cast))
    assert pks(prompts_for(cast.coach)) == ([theirs.pk], [])
    assert pks(prompts_for(cast.teacher)) == ([mine.pk], [lesson.pk])
    write(cast.teacher, event=mine)
    assert pks(prompts_for(cast.teacher)) == ([], [lesson.pk])
    assert pks(prompts_for(cast.outsider)) == ([], [])


def test_the_fortnight_moves_with_the_clock(cast, time_machine):
    event = past_event(cast, cast.teacher, days_ago=3)
    assert pks(prompts_for(cast.teacher)) == ([event.pk], [])
    time_machine.move_to(timezone.now() + datetime.timedelta(days=12))
    assert pks(prompts_for(cast.teacher)) == ([], [])


def test_the_prompts_are_the_same_without_the_helpers(cast, settings):
    admin = UserFactory(is_superuser=True, is_staff=True)
    past_event(cast, cast.teacher)
    make_lesson(cast, event=seminar(cast))
    make_lesson(cast, event=seminar(cast, days_ago=6), teacher=cast.coach)
    administered = make_lesson(cast, event=seminar(cast, days_ago=7), teacher=admin)  # in no network of theirs
    people = [cast.teacher, cast.coach, cast.outsider, admin]
    helped = [pks(prompts_for(person)) for person in people]
    assert helped[-1] == ([], [administered.pk])
    settings.SPEED_HELPERS = False
    assert [pks(prompts_for(person)) for person in people] == helped


def test_a_lesson_without_an_event_prompts_once_its_observation_is_handed_in(cast, time_machine, settings):
    # A coaching visit has no event: its day is when the coach hands the observation in.
    from coaching.tests.factories import make_plan, make_visit
    from observations import actions as observations

    lesson = make_visit(cast, make_plan(cast)).lesson
    assert pks(prompts_for(cast.teacher)) == ([], []) and pks(prompts_for(cast.coach)) == ([], [])
    assert lesson.form is not None
    scores = {c.pk: c.levels.order_by("score")[0].score for c in lesson.form.criteria.all()}
    observations.save_observation(lesson, cast.coach, scores=scores, submit=True)
    for helpers in (True, False):
        settings.SPEED_HELPERS = helpers
        assert pks(prompts_for(cast.teacher)) == ([], [lesson.pk])
        assert pks(prompts_for(cast.coach)) == ([], [lesson.pk])
        # Held privately by the visit: nobody else is asked about it, not even the director.
        assert pks(prompts_for(cast.director)) == ([], [])
    page = as_user(cast.teacher).get(reverse("diaries:mine")).content.decode()
    assert f"?lesson={lesson.pk}" in page and timezone.localdate().strftime("%d.%m.%Y") in page
    time_machine.move_to(timezone.now() + datetime.timedelta(days=15))
    assert pks(prompts_for(cast.teacher)) == ([], [])
