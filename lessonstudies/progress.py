"""Where a cycle stands, computed from what the team has written (nothing to keep in
step by hand): the steps of Dudley's cycle for the current research lesson, each done
or not, the first undone one being what is due next, and the stage it belongs to.
A handful of queries, whatever the size of the cycle."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from lessonstudies.models import (
    LESSONS_IN_A_CYCLE,
    Activity,
    CasePupil,
    Cycle,
    Interview,
    Note,
    PlanVersion,
    Prediction,
    ResearchLesson,
    Stage,
    Step,
)
from ortaq.lib.prepared import prepared


@dataclass
class LessonState:
    lesson: ResearchLesson
    activities: int = 0  # of its last plan version
    predictions: int = 0  # of its last plan version
    notes: int = 0
    interviews: int = 0
    discussed: bool = False


@dataclass
class Progress:
    stage: str
    steps: list[Step]
    lessons: list[LessonState] = field(default_factory=list)
    pupils: int = 0

    @property
    def next(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


def _count(rows: QuerySet[Any, Any], column: str) -> Coalesce:
    """How many of ``rows`` (tied to the outer row through ``column``): a subquery each,
    where joining notes, interviews and predictions to the lessons at once would count
    their product."""
    return Coalesce(Subquery(rows.order_by().values(column).annotate(n=Count("pk")).values("n")), 0)


# The cycle's page asks these on every visit: their SQL is built once (ortaq/lib/prepared.py).


@prepared
def lessons_counted(cycle_id: int) -> QuerySet[ResearchLesson]:
    """The cycle's research lessons with their teacher, discussion and counts."""
    last_plan = PlanVersion.objects.filter(research_lesson=OuterRef("pk")).order_by("-number").values("pk")[:1]
    return (
        ResearchLesson.objects.filter(cycle=cycle_id)
        .select_related("teacher", "discussion")
        .annotate(
            note_count=_count(Note.objects.filter(research_lesson=OuterRef("pk")), "research_lesson"),
            interview_count=_count(Interview.objects.filter(research_lesson=OuterRef("pk")), "research_lesson"),
            last_plan=Subquery(last_plan),
            activity_count=_count(Activity.objects.filter(plan=OuterRef("last_plan")), "plan"),
            prediction_count=_count(Prediction.objects.filter(activity__plan=OuterRef("last_plan")), "activity__plan"),
        )
        .order_by("number")
    )


@prepared
def pupil_ids(cycle_id: int) -> QuerySet[CasePupil, Any]:
    return CasePupil.objects.filter(cycle=cycle_id).order_by().values_list("pk", flat=True)


def lesson_states(cycle: Cycle) -> list[LessonState]:
    lessons: list[Any] = lessons_counted(cycle.pk)  # with the counts annotated
    return [
        LessonState(
            lesson=lesson,
            activities=lesson.activity_count,
            predictions=lesson.prediction_count,
            notes=lesson.note_count,
            interviews=lesson.interview_count,
            discussed=_has_discussion(lesson) and lesson.discussion.ready_at is not None,
        )
        for lesson in lessons
    ]


def _has_discussion(lesson: ResearchLesson) -> bool:
    try:
        lesson.discussion  # noqa: B018  (select_related: no query)
    except ResearchLesson.discussion.RelatedObjectDoesNotExist:
        return False
    return True


def progress_of(cycle: Cycle, today: datetime.date) -> Progress:
    pupils = len(pupil_ids(cycle.pk))
    states = lesson_states(cycle)
    pk = cycle.pk
    steps = [
        Step(_("Choose the case pupils and their observers"), pupils > 0, reverse("lessonstudies:pupils", args=[pk]))
    ]
    stage = Stage.PLANNING
    if not states:
        steps.append(Step(_("Schedule research lesson 1"), False, reverse("lessonstudies:schedule", args=[pk])))
    else:
        current = states[-1]
        lesson_url = current.lesson.get_absolute_url()
        number = current.lesson.number
        wanted = current.activities * pupils
        steps += [
            Step(_("Plan research lesson %(number)s") % {"number": number}, current.activities > 0, lesson_url),
            Step(
                _("Predict what each case pupil will do"),
                current.activities > 0 and pupils > 0 and current.predictions >= wanted,
                lesson_url + "#predictions",
            ),
            Step(
                _("Teach research lesson %(number)s (%(date)s)")
                % {"number": number, "date": current.lesson.date.strftime("%d.%m.%Y")},
                current.lesson.is_taught(today),
                reverse("lessonstudies:sheet", args=[current.lesson.pk]),
            ),
            Step(
                _("Observe the case pupils: notes"),
                current.notes > 0,
                reverse("lessonstudies:sheet", args=[current.lesson.pk]),
            ),
            Step(
                _("Interview the case pupils"),
                pupils > 0 and current.interviews >= pupils,
                reverse("lessonstudies:discussion", args=[current.lesson.pk]) + "#interviews",
            ),
            Step(
                _("Post-lesson discussion"),
                current.discussed,
                reverse("lessonstudies:discussion", args=[current.lesson.pk]),
            ),
        ]
        if number < LESSONS_IN_A_CYCLE:
            steps.append(
                Step(
                    _("Revise the plan: research lesson %(number)s") % {"number": number + 1},
                    False,
                    reverse("lessonstudies:schedule", args=[pk]),
                )
            )
        steps.append(
            Step(_("Write and publish the report"), cycle.is_published, reverse("lessonstudies:report", args=[pk]))
        )
        first = next((index for index, step in enumerate(steps) if not step.done), None)
        if cycle.is_published:
            stage = Stage.DONE
        elif first is None or first <= 2:
            stage = Stage.PLANNING
        elif first <= 4:
            stage = Stage.LESSON
        elif first <= 6:
            stage = Stage.DISCUSSION
        elif number < LESSONS_IN_A_CYCLE and first == 7:
            stage = Stage.PLANNING
        else:
            stage = Stage.REPORT
    if cycle.is_published:
        stage = Stage.DONE
        steps = [Step(step.label, True, step.url) if not step.done else step for step in steps]
    return Progress(stage=stage, steps=steps, lessons=states, pupils=pupils)


def stage_filter(stage: str) -> Q:
    """Published cycles, for lists (the other stages need the whole computation)."""
    return Q(published_at__isnull=(stage != Stage.DONE))
