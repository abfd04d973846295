"""The series page and a lesson's page read their rows through ortaq/lib/prepared.py
(with the reader's standing towards the series in the same query): they show the same
with the helpers on and off, for an author, a member of the developing group and a
reader of a published series."""

from __future__ import annotations

import pytest

from lessonplans.tests.factories import make_lesson, make_series
from ortaq.testing import as_user, same_with_and_without_speed_helpers

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def test_the_pages_are_the_same_with_the_speed_helpers_on_and_off(cast, settings):
    draft = make_series(cast)
    make_lesson(draft, cast, topic="Бөлшектерді қосу")
    published = make_series(cast, title="Жарияланған топтама", published=True)
    draft_lessons = list(draft.lessons.order_by("order"))
    urls = [draft.get_absolute_url(), *(lesson.get_absolute_url() for lesson in draft_lessons)]
    public_urls = [published.get_absolute_url(), published.lessons.get().get_absolute_url()]
    # The coach wrote both; the teacher is in the developing group; the director reads
    # the published one only.
    for person, shown in ((cast.coach, urls), (cast.teacher, urls), (cast.director, public_urls)):
        same_with_and_without_speed_helpers(settings, [as_user(person)], shown)
    assert as_user(cast.director).get(draft.get_absolute_url()).status_code == 404
