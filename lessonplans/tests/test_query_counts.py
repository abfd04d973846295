"""The series list, the series page and the lesson plan page read a constant number of
queries however many lessons and stages they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessonplans.tests.factories import make_lesson, make_series
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
CEILING = 8


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_it_reads_the_same_number_of_queries_for_more_lessons(cast):
    series = make_series(cast)
    client = as_user(cast.coach)
    lesson = series.lessons.get()
    pages = [
        reverse("lessonplans:network", args=[cast.network.pk]),
        series.get_absolute_url(),
        lesson.get_absolute_url(),
        reverse("lessonplans:lesson_edit", args=[lesson.pk]),
    ]
    few = [queries(client, url) for url in pages]
    for number in range(4):
        make_lesson(series, cast, topic=f"Сабақ {number}")
        make_series(cast, title=f"Топтама {number}")
    many = [queries(client, url) for url in pages]
    assert few == many
    assert max(many) <= CEILING
