"""The month grid: Monday-first weeks, as Kazakhstan counts them (FIRST_DAY_OF_WEEK
of the kk formats), five or six rows as the month needs."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

from calendars.models import Holiday, Holidays
from events.models import Event

# A title longer than this is cut in a day's cell (with «…»).
GRID_TITLE_CHARS = 24


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    holiday: Holiday | None
    events: list[Event] = field(default_factory=list)
    # Written once per column rather than per cell: the grid's 42 cells share 7 names.
    weekday_name: str = ""

    @property
    def is_quiet(self) -> bool:
        return not self.in_month or not (self.events or self.is_today)


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[Day]]

    @property
    def weekday_abbreviations(self) -> list[str]:
        return [date_format(day.date, "D") for day in self.weeks[0]]

    @property
    def previous(self) -> str:
        return (self.first - datetime.timedelta(days=1)).strftime("%Y-%m")

    @property
    def next(self) -> str:
        return (self.first + datetime.timedelta(days=32)).replace(day=1).strftime("%Y-%m")

    @property
    def key(self) -> str:
        return self.first.strftime("%Y-%m")

    def parts(self) -> tuple[object, ...]:
        """Everything the month grid shows (ortaq/lib/fragments.py)."""
        return (
            self.first,
            *(
                (
                    *(day.date, day.in_month, day.is_today, day.holiday.name if day.holiday else None),
                    day.weekday_name,
                    *((e.pk, e.grid_time, e.grid_title, e.is_cancelled) for e in day.events),
                )
                for week in self.weeks
                for day in week
            ),
        )


def parse_month(value: str | None, today: datetime.date | None = None) -> datetime.date:
    """The first day of the month asked for as YYYY-MM; this month when the value is missing or wrong."""
    today = today or timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def grid_dates(first: datetime.date) -> list[list[datetime.date]]:
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(first.year, first.month)


def grid_range(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    weeks = grid_dates(first)
    return weeks[0][0], weeks[-1][-1]


def flag_holidays(events: list[Event], holidays: Holidays) -> list[Event]:
    for event in events:
        event.holiday = holidays.on(event.local_date)  # type: ignore[attr-defined]
    return events


def month(first: datetime.date, events: list[Event], holidays: Holidays, today: datetime.date | None = None) -> Month:
    """The grid of the month, each day with its events (each with ``grid_time`` and
    ``grid_title`` written for its cell: the grid may hold hundreds)."""
    today = today or timezone.localdate()
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        start = event.local_start
        event.grid_time = start.strftime("%H:%M")  # type: ignore[attr-defined]
        title = event.title
        event.grid_title = title if len(title) <= GRID_TITLE_CHARS else title[: GRID_TITLE_CHARS - 1] + "…"  # type: ignore[attr-defined]
        by_day.setdefault(start.date(), []).append(event)
    dates = grid_dates(first)
    weekday_names = [date_format(day, "l") for day in dates[0]]
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                holiday=holidays.on(day),
                events=by_day.get(day, []),
                weekday_name=weekday_names[column],
            )
            for column, day in enumerate(week)
        ]
        for week in dates
    ]
    return Month(first=first, weeks=weeks)
