"""Morning and afternoon conflicts: will the invited teachers be teaching then?

Kazakh schools teach in one, two or three shifts (School.shifts). A teacher of a
one-shift school teaches in the first. At a school with more shifts, a teacher's
own shift is taken from ``ShiftAssignment`` when someone recorded it; otherwise we
cannot know, and the teacher is counted as *possibly* busy in every shift of the
school. The hours below are the usual ones; a school's exact bell schedule is not
modelled (simple on purpose: the planner needs a warning, not a timetable).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from calendars.models import Holidays
from events.models import Event

SHIFT_HOURS: dict[int, tuple[datetime.time, datetime.time]] = {
    1: (datetime.time(8, 0), datetime.time(13, 30)),
    2: (datetime.time(13, 30), datetime.time(18, 30)),
    3: (datetime.time(18, 30), datetime.time(21, 0)),
}
SCHOOL_DAYS = {0, 1, 2, 3, 4}  # Monday to Friday; Saturday classes vary too much to warn about


@dataclass
class SchoolConflict:
    school_name: str
    busy: list[str] = field(default_factory=list)  # names of teachers surely teaching then
    maybe: list[str] = field(default_factory=list)  # names of teachers whose shift is unknown


@dataclass
class Conflicts:
    busy: int = 0
    maybe: int = 0
    schools: list[SchoolConflict] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.busy or self.maybe)


def shifts_overlapping(start: datetime.datetime, end: datetime.datetime) -> set[int]:
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.weekday() not in SCHOOL_DAYS:
        return set()
    overlapping = set()
    for shift, (first, last) in SHIFT_HOURS.items():
        shift_start = start.replace(hour=first.hour, minute=first.minute, second=0, microsecond=0)
        shift_end = start.replace(hour=last.hour, minute=last.minute, second=0, microsecond=0)
        if start < shift_end and end > shift_start:
            overlapping.add(shift)
    return overlapping


def conflicts_for(event: Event, people: Iterable) -> Conflicts:
    """``people`` are users with ``school`` and ``shift`` (ShiftAssignment) loaded."""
    result = Conflicts()
    if Holidays(event.local_date, event.local_date).on(event.local_date):
        return result  # nobody teaches in the holidays
    overlapping = shifts_overlapping(event.starts_at, event.ends_at)
    if not overlapping:
        return result
    by_school: dict[int, SchoolConflict] = {}
    for person in people:
        school = person.school
        if school is None:
            continue
        assignment = getattr(person, "shift", None)  # a missing one-to-one raises AttributeError
        if school.shifts <= 1:
            own, known = {1}, True
        elif assignment is not None:
            own, known = {assignment.shift}, True
        else:
            own, known = set(range(1, school.shifts + 1)), False
        if not own & overlapping:
            continue
        row = by_school.setdefault(school.pk, SchoolConflict(school.name))
        if known:
            row.busy.append(person.full_name)
            result.busy += 1
        else:
            row.maybe.append(person.full_name)
            result.maybe += 1
    result.schools = sorted(by_school.values(), key=lambda r: -(len(r.busy) + len(r.maybe)))
    return result
