"""Where a cycle stands, computed from what the team has written (nothing to keep in
step by hand): the steps of Dudley's cycle for the current research lesson, each done
or not, the first undone one being what is due next, and the stage it belongs to.
A handful of queries, whatever the size of the cycle."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lessonstudies.models import LESSONS_IN_A_CYCLE, Cycle, PlanVersion, ResearchLesson, Stage, Step


@dataclass
class LessonState:
    lesson: ResearchLesson
    plan: PlanVersion | None = None
    activities: int = 0
    predictions: int = 0
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


def lesson_states(cycle: Cycle) -> list[LessonState]:
    lessons = list(
        cycle.lessons.select_related("teacher", "school", "discussion")
        .annotate(
            note_count=Count("notes", distinct=True),
            interview_count=Count("interviews", distinct=True),
        )
        .order_by("number")
    )
    plans: dict[int, Any] = {}
    for version in (
        PlanVersion.objects.filter(research_lesson__cycle=cycle)
        .annotate(
            activity_count=Count("activities", distinct=True),
            prediction_count=Count("activities__predictions", distinct=True),
        )
        .order_by("research_lesson_id", "number")
    ):
        plans[version.research_lesson_id] = version  # the last version wins
    states = []
    for lesson in lessons:
        plan = plans.get(lesson.pk)
        discussion = getattr(lesson, "discussion", None) if _has_discussion(lesson) else None
        states.append(
            LessonState(
                lesson=lesson,
                plan=plan,
                activities=getattr(plan, "activity_count", 0),
                predictions=getattr(plan, "prediction_count", 0),
                notes=lesson.note_count,
                interviews=lesson.interview_count,
                discussed=discussion is not None and discussion.ready_at is not None,
            )
        )
    return states


def _has_discussion(lesson: ResearchLesson) -> bool:
    try:
        lesson.discussion  # noqa: B018  (select_related: no query)
    except ResearchLesson.discussion.RelatedObjectDoesNotExist:
        return False
    return True


def progress_of(cycle: Cycle, today: datetime.date) -> Progress:
    pupils = cycle.pupils.count()
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
