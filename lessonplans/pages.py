"""What the series page and a lesson's page read, as plain rows: the series' lessons
(their links, dates and summaries written once here, not by a filter each in the
template), the authors' names, a lesson's stages and its neighbours. Each query's SQL
is built once (ortaq/lib/prepared.py): these pages are read far more often than
written (issue 20)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.template.defaultfilters import linebreaksbr, truncatewords
from django.utils.safestring import SafeString

from accounts.models import User
from lessonplans.models import LessonPlan, Stage
from ortaq.lib.prepared import prepared
from ortaq.lib.urls import id_url


@prepared
def lessons_in(series_id: int) -> QuerySet[LessonPlan, Any]:
    return (
        LessonPlan.objects.filter(series=series_id)
        .order_by("order", "pk")
        .values_list("pk", "order", "topic", "date", "objective_codes", "objectives")
    )


@prepared
def author_names(series_id: int) -> QuerySet[User, Any]:
    return User.objects.filter(lesson_series=series_id).order_by("full_name").values_list("full_name", flat=True)


@prepared
def neighbours_of(series_id: int) -> QuerySet[LessonPlan, Any]:
    return LessonPlan.objects.filter(series=series_id).order_by("order", "pk").values_list("pk", "order", "topic")


@prepared
def stages_of(lesson_id: int) -> QuerySet[Stage]:
    return Stage.objects.filter(lesson=lesson_id).order_by("order", "pk")


@dataclass(frozen=True)
class LessonRow:
    pk: int
    order: int
    topic: str
    url: str
    date: str  # as ``|date:"d.m.Y"``, or empty
    codes: list[str]
    summary: SafeString | str  # the objectives' first 30 words, or «—»
    move_url: str


def lesson_rows(series_id: int) -> list[LessonRow]:
    return [
        LessonRow(
            pk=pk,
            order=order,
            topic=topic,
            url=id_url("lessonplans:lesson", pk),
            date=_day(date),
            codes=list(codes),
            # As the template's ``objectives|truncatewords:30|linebreaksbr|default:"—"``.
            summary=linebreaksbr(truncatewords(objectives, 30)) or "—",
            move_url=id_url("lessonplans:lesson_move", pk),
        )
        for pk, order, topic, date, codes, objectives in lessons_in(series_id)
    ]


def _day(value: datetime.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""
