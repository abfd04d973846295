"""Events for the tests, on the fixed cast of ortaq/testing.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from events import actions
from events.demo import academic_year
from events.models import Criterion, CriterionLevel, Event, ObservationForm, OpenLesson


def at(day: datetime.date, hour: int = 15, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


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


def make_form(cast: Any, criteria: int = 2) -> ObservationForm:
    form = ObservationForm.objects.create(network=cast.network, name="Сабақты бақылау парағы")
    for position, title in enumerate(["Оқу мақсаттарының айқындығы", "Диалогтық оқыту", "Саралау"][:criteria], 1):
        criterion = Criterion.objects.create(form=form, position=position, title=title)
        for score in range(1, 5):
            CriterionLevel.objects.create(criterion=criterion, score=score, descriptor=f"{score}-деңгей")
    return form


def make_lesson(cast: Any, event: Event | None = None, **fields: Any) -> OpenLesson:
    event = event or make_event(cast, kind="seminar", title="Желілік қоғамдастық – нәтижеге бағытталған іс-әрекет")
    fields.setdefault("form", make_form(cast))
    return OpenLesson.objects.create(
        event=event,
        teacher=fields.pop("teacher", cast.teacher),
        school=cast.attached_school,
        grade=9,
        topic="Квадрат теңдеулерді шешу",
        **fields,
    )


__all__ = ["academic_year", "as_user", "at", "make_event", "make_form", "make_lesson"]
