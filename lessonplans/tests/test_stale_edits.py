"""Two people editing the same ҚМЖ or the same series: the second save is refused with
what is saved beside what they typed, and nothing they typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lessonplans.models import LessonPlan, Series
from lessonplans.tests.factories import make_series
from lessonplans.tests.test_lessons import form_data
from ortaq.testing import as_user, hidden_value, stale_section

pytestmark = pytest.mark.django_db


def test_it_refuses_a_stale_lesson_plan_with_both_texts(cast):
    lesson = make_series(cast).lessons.get()
    url = reverse("lessonplans:lesson_edit", args=[lesson.pk])
    coach, teacher = as_user(cast.coach), as_user(cast.teacher)
    first = form_data(coach, lesson, objectives="Коучтың мақсаты")
    second = form_data(teacher, lesson, objectives="Мұғалімнің мақсаты", **{"stage-0-teacher_actions": "Мұғалім"})
    assert first["version"] == second["version"]
    assert coach.post(url, first).status_code == 302
    response = teacher.post(url, second)
    shown = stale_section(response)
    assert "Коучтың мақсаты" in shown and "Мұғалімнің мақсаты" in shown
    page = response.content.decode()
    assert "The stages saved now" in page or "Қазір сақталған кезеңдер" in page
    assert "Мұғалім</textarea>" in page  # the rows typed are still in the form
    assert LessonPlan.objects.get(pk=lesson.pk).objectives == "Коучтың мақсаты"
    # Saving again is a choice made knowing what it replaces: it goes through.
    again = second | {"version": hidden_value(response, "version")}
    assert teacher.post(url, again).status_code == 302
    assert LessonPlan.objects.get(pk=lesson.pk).objectives == "Мұғалімнің мақсаты"


def test_it_refuses_a_stale_series(cast):
    series = make_series(cast)
    url = reverse("lessonplans:series_edit", args=[series.pk])
    coach, teacher = as_user(cast.coach), as_user(cast.teacher)
    opened = [hidden_value(client.get(url), "version") for client in (coach, teacher)]
    base = {"subject": series.subject_id, "grade": "6", "group": cast.group.pk, "language": "kk"}
    assert coach.post(url, base | {"title": "Бірінші атау", "version": opened[0]}).status_code == 302
    response = teacher.post(url, base | {"title": "Екінші атау", "version": opened[1]})
    shown = stale_section(response)
    assert "Бірінші атау" in shown and "Екінші атау" in shown
    assert Series.objects.get(pk=series.pk).title == "Бірінші атау"
