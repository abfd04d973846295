"""Predicted against observed, read in a fixed number of queries: for one research
lesson (the post-lesson discussion), and for the cycle's lessons side by side
(research lessons 1, 2, 3 compared per case pupil and activity). Activities of
different lessons are matched by their place in the plan."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Q, QuerySet

from lessonstudies.models import (
    Activity,
    CasePupil,
    Cycle,
    DiscussionRecord,
    Interview,
    Note,
    PlanVersion,
    Prediction,
    ResearchLesson,
)
from ortaq.lib.prepared import prepared


class Seen(NamedTuple):
    """An observer's note as the discussion, the comparison, the report and the API show it."""

    pupil: CasePupil
    noted_at: datetime.datetime
    text: str


@dataclass
class Cell:
    pupil: CasePupil
    activity: Activity | None
    prediction: str = ""
    notes: list[Seen] = field(default_factory=list)
    observed: str = ""
    change: str = ""


@dataclass
class ActivityRow:
    activity: Activity
    cells: list[Cell]


@dataclass
class LessonTable:
    lesson: ResearchLesson
    plan: PlanVersion | None
    pupils: list[CasePupil]
    rows: list[ActivityRow]
    unplaced: list[Seen]  # notes not tied to an activity
    interviews: dict[int, Interview]


# What the discussion and the comparison read, for one research lesson or for a cycle's
# (``by_cycle``): their SQL is built once (ortaq/lib/prepared.py).


def _within(prefix: str, scope_id: int, by_cycle: bool) -> Q:
    """Rows of the research lesson (or the cycle) ``scope_id``; ``prefix`` leads to the lesson's key."""
    return Q(**{f"{prefix}research_lesson__cycle" if by_cycle else f"{prefix}research_lesson": scope_id})


def _later_version(prefix: str) -> Exists:
    """Whether a later plan version of the same lesson exists (``prefix`` leads to a
    version): what is not superseded so belongs to the lesson's last plan."""
    later = PlanVersion.objects.filter(
        research_lesson=OuterRef(f"{prefix}research_lesson"), number__gt=OuterRef(f"{prefix}number")
    )
    return Exists(later)


@prepared
def last_plans(scope_id: int, *, by_cycle: bool) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(_within("", scope_id, by_cycle), ~_later_version("")).order_by()


@prepared
def last_activities(scope_id: int, *, by_cycle: bool) -> QuerySet[Activity]:
    return Activity.objects.filter(_within("plan__", scope_id, by_cycle), ~_later_version("plan__")).order_by(
        "order", "pk"
    )


# Predictions, records and notes come as plain rows: a cycle has a hundred notes and
# more, and a model instance each would cost more than the rest of its page.


@prepared
def last_predictions(scope_id: int, *, by_cycle: bool) -> QuerySet[Prediction, Any]:
    return (
        Prediction.objects.filter(_within("activity__plan__", scope_id, by_cycle), ~_later_version("activity__plan__"))
        .order_by()
        .values_list("activity_id", "pupil_id", "text")
    )


@prepared
def last_records(scope_id: int, *, by_cycle: bool) -> QuerySet[DiscussionRecord, Any]:
    return (
        DiscussionRecord.objects.filter(
            _within("activity__plan__", scope_id, by_cycle), ~_later_version("activity__plan__")
        )
        .order_by()
        .values_list("activity_id", "pupil_id", "observed", "change")
    )


@prepared
def notes_within(scope_id: int, *, by_cycle: bool) -> QuerySet[Note, Any]:
    return (
        Note.objects.filter(_within("", scope_id, by_cycle))
        .order_by("noted_at", "pk")
        .values_list("research_lesson_id", "activity_id", "pupil_id", "noted_at", "text")
    )


@prepared
def interviews_within(scope_id: int, *, by_cycle: bool) -> QuerySet[Interview]:
    return Interview.objects.filter(_within("", scope_id, by_cycle)).order_by()


@prepared
def pupils_of(cycle_id: int) -> QuerySet[CasePupil]:
    return CasePupil.objects.filter(cycle=cycle_id).order_by("code")


@prepared
def lessons_of(cycle_id: int) -> QuerySet[ResearchLesson]:
    return ResearchLesson.objects.filter(cycle=cycle_id).order_by("number")


def cells_for(
    scope_id: int, pupils: list[CasePupil], *, by_cycle: bool
) -> tuple[dict[int, PlanVersion], dict[int, list[Activity]], dict[tuple[int, int], Cell], dict[int, list[Seen]]]:
    """Each research lesson's last plan, its activities, a cell per activity and case
    pupil (the prediction, the notes, what the discussion recorded), and the notes tied
    to no activity; for the lesson ``scope_id`` or every lesson of the cycle ``scope_id``."""
    plans = {plan.research_lesson_id: plan for plan in last_plans(scope_id, by_cycle=by_cycle)}
    activities: dict[int, list[Activity]] = defaultdict(list)
    for activity in last_activities(scope_id, by_cycle=by_cycle):
        activities[activity.plan_id].append(activity)
    pupil_by_pk = {p.pk: p for p in pupils}
    cells: dict[tuple[int, int], Cell] = {}
    for rows in activities.values():
        for activity in rows:
            for pupil in pupils:
                cells[(activity.pk, pupil.pk)] = Cell(pupil, activity)
    for activity_id, pupil_id, text in last_predictions(scope_id, by_cycle=by_cycle):
        if (cell := cells.get((activity_id, pupil_id))) is not None:
            cell.prediction = text
    unplaced: dict[int, list[Seen]] = defaultdict(list)
    for lesson_id, activity_id, pupil_id, noted_at, text in notes_within(scope_id, by_cycle=by_cycle):
        cell = cells.get((activity_id or 0, pupil_id))
        if cell is not None:
            cell.notes.append(Seen(cell.pupil, noted_at, text))
        elif pupil_id in pupil_by_pk:
            unplaced[lesson_id].append(Seen(pupil_by_pk[pupil_id], noted_at, text))
    for activity_id, pupil_id, observed, change in last_records(scope_id, by_cycle=by_cycle):
        if (cell := cells.get((activity_id, pupil_id))) is not None:
            cell.observed, cell.change = observed, change
    return plans, activities, cells, unplaced


def lesson_table(lesson: ResearchLesson) -> LessonTable:
    pupils = pupils_of(lesson.cycle_id)
    plans, activities, cells, unplaced = cells_for(lesson.pk, pupils, by_cycle=False)
    plan = plans.get(lesson.pk)
    rows = [
        ActivityRow(activity, [cells[(activity.pk, pupil.pk)] for pupil in pupils])
        for activity in (activities.get(plan.pk, []) if plan else [])
    ]
    interviews = {i.pupil_id: i for i in interviews_within(lesson.pk, by_cycle=False)}
    return LessonTable(lesson, plan, pupils, rows, unplaced.get(lesson.pk, []), interviews)


@dataclass
class ComparedRow:
    """One place in the plan, for one case pupil: each lesson's cell (or None)."""

    order: int
    pupil: CasePupil
    cells: list[Cell | None]


@dataclass
class Comparison:
    lessons: list[ResearchLesson]
    pupils: list[CasePupil]
    rows: list[ComparedRow]

    def by_pupil(self) -> list[tuple[CasePupil, list[ComparedRow]]]:
        return [(pupil, [row for row in self.rows if row.pupil.pk == pupil.pk]) for pupil in self.pupils]


def compare(cycle: Cycle) -> Comparison:
    lessons = lessons_of(cycle.pk)
    pupils = pupils_of(cycle.pk)
    plans, activities, cells, _unplaced = cells_for(cycle.pk, pupils, by_cycle=True)
    per_lesson = [activities.get(plans[lesson.pk].pk, []) if lesson.pk in plans else [] for lesson in lessons]
    places = max((len(items) for items in per_lesson), default=0)
    rows = [
        ComparedRow(
            place + 1,
            pupil,
            [cells[(items[place].pk, pupil.pk)] if place < len(items) else None for items in per_lesson],
        )
        for pupil in pupils
        for place in range(places)
    ]
    return Comparison(lessons, pupils, rows)
