"""The cycle, discussion and comparison pages read their rows through
ortaq/lib/prepared.py and keep the discussion's form of decisions in the cache
(ortaq/lib/fragments.py): they show the same with the helpers on and off, and a
change of what the form shows shows at once."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from lessonstudies import actions
from lessonstudies.models import Discussion
from lessonstudies.tests.factories import add_pupils, fill_lesson, make_cycle, make_lesson
from ortaq.testing import as_user

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]
# What differs from one response to the next whatever the helpers do.
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[\w-]{22,64}')


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return TOKEN.sub(r"\1…", response.content.decode())


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
    for client in (as_user(cast.coach), as_user(cast.teacher)):
        settings.SPEED_HELPERS = False
        plain = [page(client, url) for url in urls]
        settings.SPEED_HELPERS = True
        cache.clear()
        cold = [page(client, url) for url in urls]
        warm = [page(client, url) for url in urls]
        for url, a, b, c in zip(urls, plain, cold, warm, strict=True):
            assert a == b == c, url


def version_field(lesson) -> str:
    return f'name="version" value="{Discussion.objects.get(research_lesson=lesson).version}"'


def test_the_decisions_show_at_once_as_saved_with_the_version_they_open_at(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    url = reverse("lessonstudies:discussion", args=[lesson.pk])
    client = as_user(cast.teacher)
    before = page(client, url)
    assert "Жұптағы диалогқа 5 минут қосу</textarea>" in before and version_field(lesson) in before

    version = Discussion.objects.get(research_lesson=lesson).version
    actions.save_discussion(lesson, by=cast.coach, version=version, decisions="Сұрақ карточкаларын қосу", records={})
    after = page(client, url)
    assert "Сұрақ карточкаларын қосу</textarea>" in after and "5 минут қосу</textarea>" not in after
    assert version_field(lesson) in after and version_field(lesson) not in before

    # Another text at the same version (as a restore would write it).
    Discussion.objects.filter(research_lesson=lesson).update(decisions="Жұптағы диалогқа 5 минут қосу")
    again = page(client, url)
    assert "Жұптағы диалогқа 5 минут қосу</textarea>" in again and version_field(lesson) in again

    # The same text saved again: a new version, which the form must open at.
    version = Discussion.objects.get(research_lesson=lesson).version
    actions.save_discussion(
        lesson, by=cast.coach, version=version, decisions="Жұптағы диалогқа 5 минут қосу", records={}
    )
    last = page(client, url)
    assert version_field(lesson) in last and version_field(lesson) not in again
