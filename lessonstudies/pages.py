"""What the discussion page reads and shows beside the lesson's table (comparison.py):
the saved discussion, whether a later lesson exists, and the interviews as plain rows
(their links' words translated once), so that the page stays within issue 20's budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from lessonstudies.comparison import LessonTable
from lessonstudies.models import Discussion, ResearchLesson
from ortaq.lib.prepared import prepared

# Asked on every visit of the discussion: their SQL is built once (ortaq/lib/prepared.py).


@prepared
def discussion_of(lesson_id: int) -> QuerySet[Discussion]:
    return Discussion.objects.filter(research_lesson=lesson_id)[:1]


@prepared
def later_lesson(cycle_id: int, number: int) -> QuerySet[ResearchLesson, Any]:
    return ResearchLesson.objects.filter(cycle=cycle_id, number__gt=number).order_by().values("pk")[:1]


def is_last(lesson: ResearchLesson) -> bool:
    return not later_lesson(lesson.cycle_id, lesson.number)


@dataclass(frozen=True)
class InterviewRow:
    code: str
    profile: str  # cut to 90 characters
    interviewed: bool
    answers: list[tuple[str, str]]  # the questions answered
    url: str
    link: str  # the link's words: to interview, or to edit the interview


def interview_rows(table: LessonTable) -> list[InterviewRow]:
    """Each case pupil with their interview's answered questions."""
    edit, start = _("Edit the interview"), _("Interview")
    rows = []
    for pupil in table.pupils:
        interview = table.interviews.get(pupil.pk)
        answers = (
            [(question, answer) for question, answer in interview.answers() if answer] if interview is not None else []
        )
        rows.append(
            InterviewRow(
                code=pupil.code,
                profile=Truncator(pupil.profile).chars(90),
                interviewed=interview is not None,
                answers=answers,
                url=interview_url(table.lesson.pk, pupil.pk),
                link=edit if interview is not None else start,
            )
        )
    return rows


def interview_url(lesson_id: int, pupil_id: int) -> str:
    return reverse("lessonstudies:interview", args=[lesson_id, pupil_id])
