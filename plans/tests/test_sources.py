"""The live figures Ortaq holds (plans/sources.py) count a school's plan over its
school's people and a network's plan over everyone, within the plan's days."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import Participation
from events.tests.factories import make_event, make_lesson
from observations.models import Observation
from plans import actions, sources
from plans.indicators import Span
from plans.tests.factories import academic_year, make_plan, rubric

pytestmark = pytest.mark.django_db


def span_of(plan) -> Span:
    return Span(plan.starts_on, timezone.localdate())


def test_it_counts_attendance_lessons_and_observations_of_the_school_and_of_the_network(cast):
    school_plan, network_plan = make_plan(cast), make_plan(cast, school=None)
    today = timezone.localdate()
    held = make_event(cast, today - datetime.timedelta(days=10))
    coming = make_event(cast, today + datetime.timedelta(days=5))
    Participation.objects.filter(event__in=[held, coming]).delete()
    for event, person, attendance in [
        (held, cast.teacher, "present"),
        (held, cast.coach, "present"),
        (held, cast.leader, "present"),
        (held, cast.director, "absent"),
        (coming, cast.director, "present"),  # after the span
    ]:
        Participation.objects.create(event=event, user=person, status="registered", attendance=attendance)
    ours = make_lesson(cast, held, teacher=cast.teacher)
    make_lesson(cast, held, teacher=cast.leader)
    make_lesson(cast, coming, teacher=cast.teacher)  # after the span
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Observation.objects.create(lesson=ours, observer=cast.coach, submitted_at=yesterday)
    Observation.objects.create(lesson=ours, observer=cast.leader, submitted_at=yesterday)
    Observation.objects.create(lesson=ours, observer=cast.director)  # a draft

    school, network = span_of(school_plan), span_of(network_plan)
    assert sources.attendance(school_plan, school) == 2  # the teacher and the coach
    assert sources.attendance(network_plan, network) == 3
    assert sources.teachers_attending(school_plan, school) == Decimal("66.7")  # 2 of the school's 3
    assert sources.teachers_attending(network_plan, network) == Decimal("60.0")  # 3 of the network's 5
    assert sources.lessons_given(school_plan, school) == 1
    assert sources.lessons_given(network_plan, network) == 2
    assert sources.observations_done(school_plan, school) == 1
    assert sources.observations_done(network_plan, network) == 2
    before = Span(school_plan.starts_on, today - datetime.timedelta(days=11))
    assert sources.attendance(school_plan, before) == 0 and sources.lessons_given(school_plan, before) == 0


def test_it_takes_the_latest_stage_of_each_area_with_the_moderators_proposal(cast):
    plan = make_plan(cast)
    areas, stages = rubric()

    def place(year, area, stage):
        return actions.place_school(
            cast.network, cast.attached_school, year=year, area=area, stage=stage, evidence="Хаттама",
            by=cast.director, version=None,
        )  # fmt: skip

    this_year, last_year, next_year = academic_year(), academic_year(-1), academic_year(1)
    place(this_year, areas[0], stages[1])
    proposed = place(this_year, areas[1], stages[2])
    actions.moderate(
        proposed, agree=False, proposed_stage=stages[0], reason="Дәлел жеткіліксіз", by=cast.leader,
        version=proposed.version,
    )  # fmt: skip
    place(last_year, areas[1], stages[3])
    place(last_year, areas[2], stages[3])
    place(next_year, areas[0], stages[3])  # after the span
    # 2, then 1 (proposed) over last year's 4, and last year's 4
    assert sources.rubric_stage(plan, span_of(plan)) == Decimal("2.33")
    assert sources.rubric_stage(make_plan(cast, school=None), span_of(plan)) is None
