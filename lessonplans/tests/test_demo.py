"""The demo's series lives in the present: whatever day it is seeded, «Дамытушы топ» has
its medium-term plan on assessment for learning, five ҚМЖ with objective codes and
stages, four of them taught before today, published to the library; a second run
changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from lessonplans.demo import TITLE
from lessonplans.models import LessonPlan, Series, Stage

pytestmark = pytest.mark.django_db

DAYS = ["2026-09-01", "2027-08-20"]


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.today(d), id=d) for d in DAYS])
def test_it_seeds_the_developing_groups_series_around_today(day):
    call_command("demo", stdout=io.StringIO())
    today = timezone.localdate()
    series = Series.objects.get(title=TITLE)
    assert series.group is not None and series.group.kind == "developing"
    assert series.status == "published" and "assessment" in series.modules
    lessons = list(series.lessons.order_by("order"))
    assert [lesson.order for lesson in lessons] == [1, 2, 3, 4, 5]
    assert all(lesson.objective_codes and lesson.objectives and lesson.success_criteria for lesson in lessons)
    dates = [lesson.date or today for lesson in lessons]
    assert all(day < today for day in dates[:4]) and all(lesson.reflection for lesson in lessons[:4])
    assert dates[4] > today and not lessons[4].reflection
    assert Stage.objects.filter(lesson__series=series).count() == 15
    assert series.collection is not None and series.collection.items.count() == 6
    assert all(lesson.material_id for lesson in lessons)
    counts = (Series.objects.count(), LessonPlan.objects.count(), Stage.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Series.objects.count(), LessonPlan.objects.count(), Stage.objects.count()) == counts
