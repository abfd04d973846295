"""The cycle, discussion and comparison pages read their rows through
ortaq/lib/prepared.py and keep the discussion's form of decisions in the cache
(ortaq/lib/fragments.py): they show the same with the helpers on and off, and a
change of what the form shows shows at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lessonstudies import actions
from lessonstudies.models import Discussion
from lessonstudies.tests.factories import add_pupils, fill_lesson, make_cycle, make_lesson
from ortaq.testing import as_user, page_as_shown, same_with_and_without_speed_helpers

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def test_the_pages_are_the_same_with_the_speed_helpers_on_and_off(cast, settings):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    first = make_lesson(cast, cycle, days=-8)
    fill_lesson(cast, first, pupils)
    second = make_lesson(cast, cycle, days=-1)
    urls = [
        cycle.get_absolute_url(),
        reverse("lessonstudies:discussion", args=[first.pk]),
        reverse("lessonstudies:discussion", args=[second.pk]),
        reverse("lessonstudies:compare", args=[cycle.pk]),
    ]
    # The leader is on the team by the cycle's row; the teacher is asked for.
    same_with_and_without_speed_helpers(settings, [as_user(cast.coach), as_user(cast.teacher)], urls)


def version_field(lesson) -> str:
    return f'name="version" value="{Discussion.objects.get(research_lesson=lesson).version}"'


def test_the_decisions_show_at_once_as_saved_with_the_version_they_open_at(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    url = reverse("lessonstudies:discussion", args=[lesson.pk])
    client = as_user(cast.teacher)
    before = page_as_shown(client, url)
    assert "Жұптағы диалогқа 5 минут қосу</textarea>" in before and version_field(lesson) in before

    version = Discussion.objects.get(research_lesson=lesson).version
    actions.save_discussion(lesson, by=cast.coach, version=version, decisions="Сұрақ карточкаларын қосу", records={})
    after = page_as_shown(client, url)
    assert "Сұрақ карточкаларын қосу</textarea>" in after and "5 минут қосу</textarea>" not in after
    assert version_field(lesson) in after and version_field(lesson) not in before

    # Another text at the same version (as a restore would write it).
    Discussion.objects.filter(research_lesson=lesson).update(decisions="Жұптағы диалогқа 5 минут қосу")
    again = page_as_shown(client, url)
    assert "Жұптағы диалогқа 5 минут қосу</textarea>" in again and version_field(lesson) in again

    # The same text saved again: a new version, which the form must open at.
    version = Discussion.objects.get(research_lesson=lesson).version
    actions.save_discussion(
        lesson, by=cast.coach, version=version, decisions="Жұптағы диалогқа 5 минут қосу", records={}
    )
    last = page_as_shown(client, url)
    assert version_field(lesson) in last and version_field(lesson) not in again
