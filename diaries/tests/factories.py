"""Diary entries for the tests, on the fixed cast of ortaq/testing.py: the teacher's."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from diaries import actions
from diaries.models import Entry
from events.models import Event, Participation
from events.tests.factories import make_event


def write(author: Any, *, tried: str = "Ойлан — жұптас — бөліс", days_ago: int = 1, **fields: Any) -> Entry:
    return actions.write_entry(
        author,
        written_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        tried=tried,
        pupils=fields.pop("pupils", "Үнсіз оқушылар сөйледі"),
        next_steps=fields.pop("next_steps", "Жұптарды ауыстыру"),
        **fields,
    )


def past_event(cast: Any, person: Any, *, days_ago: int = 3, present: bool = True) -> Event:
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=days_ago), title="Бетпе-бет кездесу")
    Participation.objects.create(
        event=event,
        user=person,
        status=Participation.Status.REGISTERED,
        attendance=Participation.Attendance.PRESENT if present else Participation.Attendance.ABSENT,
    )
    return event
