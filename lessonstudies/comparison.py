"""Predicted against observed, read in a fixed number of queries: for one research
lesson (the post-lesson discussion), and for the cycle's lessons side by side
(research lessons 1, 2, 3 compared per case pupil and activity). Activities of
different lessons are matched by their place in the plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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


@dataclass
class Cell:
    pupil: CasePupil
    activity: Activity | None
    prediction: str = ""
    notes: list[Note] = field(default_factory=list)
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
    unplaced: list[Note]  # notes not tied to an activity
    interviews: dict[int, Interview]

    def interviewed(self) -> list[tuple[CasePupil, Interview | None]]:
        return [(pupil, self.interviews.get(pupil.pk)) for pupil in self.pupils]


def latest_plans(lessons: list[ResearchLesson]) -> dict[int, PlanVersion]:
    plans: dict[int, PlanVersion] = {}
    for plan in PlanVersion.objects.filter(research_lesson__in=[lesson.pk for lesson in lessons]).order_by("number"):
        plans[plan.research_lesson_id] = plan
    return plans


def cells_for(
    lessons: list[ResearchLesson], pupils: list[CasePupil]
) -> tuple[dict[int, PlanVersion], dict[int, list[Activity]], dict[tuple[int, int], Cell], dict[int, list[Note]]]:
    plans = latest_plans(lessons)
    activities: dict[int, list[Activity]] = defaultdict(list)
    for activity in Activity.objects.filter(plan__in=[p.pk for p in plans.values()]).order_by("order", "pk"):
        activities[activity.plan_id].append(activity)
    by_pk = {a.pk: a for rows in activities.values() for a in rows}
    pupil_by_pk = {p.pk: p for p in pupils}
    cells: dict[tuple[int, int], Cell] = {}
    for activity in by_pk.values():
        for pupil in pupils:
            cells[(activity.pk, pupil.pk)] = Cell(pupil, activity)
    for prediction in Prediction.objects.filter(activity__in=list(by_pk)):
        if (cell := cells.get((prediction.activity_id, prediction.pupil_id))) is not None:
            cell.prediction = prediction.text
    unplaced: dict[int, list[Note]] = defaultdict(list)
    notes = Note.objects.filter(research_lesson__in=[lesson.pk for lesson in lessons]).order_by("noted_at", "pk")
    for note in notes:
        cell = cells.get((note.activity_id or 0, note.pupil_id))
        if cell is not None:
            cell.notes.append(note)
        elif note.pupil_id in pupil_by_pk:
            unplaced[note.research_lesson_id].append(note)
    for record in DiscussionRecord.objects.filter(activity__in=list(by_pk)):
        if (cell := cells.get((record.activity_id, record.pupil_id))) is not None:
            cell.observed, cell.change = record.observed, record.change
    return plans, activities, cells, unplaced


def lesson_table(lesson: ResearchLesson) -> LessonTable:
    pupils = list(lesson.cycle.pupils.select_related("observer"))
    plans, activities, cells, unplaced = cells_for([lesson], pupils)
    plan = plans.get(lesson.pk)
    rows = [
        ActivityRow(activity, [cells[(activity.pk, pupil.pk)] for pupil in pupils])
        for activity in (activities.get(plan.pk, []) if plan else [])
    ]
    interviews = {i.pupil_id: i for i in Interview.objects.filter(research_lesson=lesson)}
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
    interviews: dict[tuple[int, int], Interview]

    def by_pupil(self) -> list[tuple[CasePupil, list[ComparedRow]]]:
        return [(pupil, [row for row in self.rows if row.pupil.pk == pupil.pk]) for pupil in self.pupils]


def compare(cycle: Cycle) -> Comparison:
    lessons = list(cycle.lessons.select_related("teacher").order_by("number"))
    pupils = list(cycle.pupils.all())
    plans, activities, cells, _unplaced = cells_for(lessons, pupils)
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
    interviews = {(i.research_lesson_id, i.pupil_id): i for i in Interview.objects.filter(research_lesson__cycle=cycle)}
    return Comparison(lessons, pupils, rows, interviews)
