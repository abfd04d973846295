"""Events for the tests, on the fixed cast of ortaq/testing.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from calendars.actions import add_academic_year
from calendars.models import AcademicYear
from calendars.schoolyear import SchoolYear
from events import actions, lessons
from events.models import Event, EventSeries
from observations.models import Lesson
from observations.tests.factories import make_form


def at(day: datetime.date, hour: int = 15, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def academic_year() -> AcademicYear:
    """The year people mean today, with its quarters and holidays."""
    return add_academic_year(SchoolYear.current(timezone.localdate()))


def online_series(cast: Any, **fields: Any) -> EventSeries:
    """The online meeting of the year people mean today, September to May."""
    year = SchoolYear.current(timezone.localdate())
    values: dict[str, Any] = {
        "title": "Онлайн сұхбат",
        "kind": "online",
        "online_url": "https://meet.example.kz/shuaq",
        "week": 3,
        "weekday": 2,  # Wednesday
        "interval": 1,
        "starts_on": year.starts_on,
        "ends_on": year.ends_on.replace(day=31),
        "start_time": datetime.time(16, 0),
        "duration": 60,
    } | fields
    return actions.create_series(cast.network, by=cast.leader, **values)


def make_event(
    cast: Any, day: datetime.date | None = None, *, hour: int = 15, minutes: int = 90, **fields: Any
) -> Event:
    day = day or timezone.localdate() + datetime.timedelta(days=10)
    start = at(day, hour)
    fields.setdefault("title", "Бетпе-бет кездесу")
    fields.setdefault("kind", "meeting")
    fields.setdefault("location", "Жетекші мектеп")
    return actions.create_event(
        cast.network,
        by=fields.pop("by", cast.leader),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        **fields,
    )


def make_lesson(cast: Any, event: Event | None = None, **fields: Any) -> Lesson:
    """An open lesson held by an event (a seminar of the cast's network unless given)."""
    event = event or make_event(cast, kind="seminar", title="Желілік қоғамдастық – нәтижеге бағытталған іс-әрекет")
    fields.setdefault("form", make_form(cast))
    fields.setdefault("teacher", cast.teacher)
    return lessons.add_lesson(event, school=cast.attached_school, grade=9, topic="Квадрат теңдеулерді шешу", **fields)


__all__ = ["academic_year", "at", "make_event", "make_form", "make_lesson", "online_series"]
