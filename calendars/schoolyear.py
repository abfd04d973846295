"""Kazakhstan's academic year (оқу жылы) computed for any date: its quarters, school
holidays, the public holidays that fall in it, and which days are school days.

The Ministry sets each year's dates by order, and they keep to one pattern; this module
writes the pattern down so that the demo, the bench and the tests can place themselves
in whatever year "today" is. A real site keeps the years in the database
(``AcademicYear``, ``Term``, ``Holiday``) and corrects them in the admin when an order
differs; nothing at run time reads this module for the truth.

The pattern, for the year that starts on 1 September of year *y*:

- quarter 1 from 1 September to the day before the autumn holidays, which are the
  seven days from the last Monday of October (2026: 26.10–01.11);
- quarter 2 from the day after them to 28 December; winter holidays 29 December –
  7 January (New Year and Christmas fall in them);
- quarter 3 from 8 January to 19 March; spring holidays 20–29 March (Наурыз, 21–23
  March, falls in them);
- quarter 4 from 30 March to 25 May, the last day of lessons.

Public holidays on school days: Republic Day (25 October), Independence Day
(16 December), 8 March, 1 May, 7 May and 9 May. One that falls on a Saturday or a
Sunday moves its day off to the Monday after, as the Labour Code says.

A school day is a Monday to Friday inside a quarter and outside every holiday.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass

SCHOOL = "school"
PUBLIC = "public"

# (name, month, day) of the public holidays that can fall on a school day.
PUBLIC_HOLIDAYS = (
    ("Республика күні", 10, 25),
    ("Тәуелсіздік күні", 12, 16),
    ("Халықаралық әйелдер күні", 3, 8),
    ("Қазақстан халқының бірлігі мерекесі", 5, 1),
    ("Отан қорғаушы күні", 5, 7),
    ("Жеңіс күні", 5, 9),
)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Quarter:
    number: int
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass(frozen=True)
class Break:
    """School holidays or a public holiday: days without lessons."""

    name: str
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def last_monday_of_october(year: int) -> datetime.date:
    day = datetime.date(year, 10, 31)
    return day - datetime.timedelta(days=day.weekday())


def day_off(name: str, day: datetime.date) -> Break:
    """A public holiday; on a weekend, its day off is the Monday after."""
    last = day + datetime.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day
    return Break(name, PUBLIC, day, last)


@dataclass(frozen=True)
class SchoolYear:
    """The academic year that starts on 1 September of ``first``."""

    first: int

    @staticmethod
    def of(day: datetime.date) -> SchoolYear:
        """The year whose 1 September – 31 August holds the day."""
        return year_starting(day.year if day.month >= 9 else day.year - 1)

    @staticmethod
    def current(today: datetime.date) -> SchoolYear:
        """The year people mean on that day: in July and August, the one that is starting."""
        return year_starting(today.year if today.month >= 7 else today.year - 1)

    @property
    def name(self) -> str:
        return f"{self.first}–{self.first + 1}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.first, 9, 1)

    @property
    def ends_on(self) -> datetime.date:
        """The last day of lessons."""
        return datetime.date(self.first + 1, 5, 25)

    @functools.cached_property
    def quarters(self) -> tuple[Quarter, ...]:
        autumn = last_monday_of_october(self.first)
        nxt = self.first + 1
        return (
            Quarter(1, self.starts_on, autumn - DAY),
            Quarter(2, autumn + 7 * DAY, datetime.date(self.first, 12, 28)),
            Quarter(3, datetime.date(nxt, 1, 8), datetime.date(nxt, 3, 19)),
            Quarter(4, datetime.date(nxt, 3, 30), self.ends_on),
        )

    @functools.cached_property
    def holidays(self) -> tuple[Break, ...]:
        autumn = last_monday_of_october(self.first)
        nxt = self.first + 1
        breaks = [
            Break("Күзгі демалыс", SCHOOL, autumn, autumn + 6 * DAY),
            Break("Қысқы демалыс", SCHOOL, datetime.date(self.first, 12, 29), datetime.date(nxt, 1, 7)),
            Break("Көктемгі демалыс (Наурыз мейрамы)", SCHOOL, datetime.date(nxt, 3, 20), datetime.date(nxt, 3, 29)),
        ]
        for name, month, day in PUBLIC_HOLIDAYS:
            breaks.append(day_off(name, datetime.date(self.first if month >= 9 else nxt, month, day)))
        return tuple(sorted(breaks, key=lambda b: (b.starts_on, b.name)))

    def holiday_on(self, day: datetime.date) -> Break | None:
        return next((b for b in self.holidays if day in b), None)

    def is_school_day(self, day: datetime.date) -> bool:
        return (
            day.weekday() < 5
            and any(q.starts_on <= day <= q.ends_on for q in self.quarters)
            and self.holiday_on(day) is None
        )

    def school_days(self) -> Iterator[datetime.date]:
        day = self.starts_on
        while day <= self.ends_on:
            if self.is_school_day(day):
                yield day
            day += DAY


@functools.cache
def year_starting(first: int) -> SchoolYear:
    """One instance per year, so its quarters and holidays are worked out once."""
    return SchoolYear(first)


def is_school_day(day: datetime.date) -> bool:
    return SchoolYear.of(day).is_school_day(day)


def school_day(start: datetime.date, n: int = 0) -> datetime.date:
    """The n-th school day after ``start`` (before it when n is negative); with n = 0,
    ``start`` itself when it is a school day, else the next one. Crosses years and
    summers."""
    step = DAY if n >= 0 else -DAY
    day = start
    if n == 0:
        while not is_school_day(day):
            day += DAY
        return day
    for _ in range(abs(n)):
        day += step
        while not is_school_day(day):
            day += step
    return day


def years_between(first: datetime.date, last: datetime.date) -> list[SchoolYear]:
    """Every academic year that a day from ``first`` to ``last`` falls in."""
    return [year_starting(y) for y in range(SchoolYear.of(first).first, SchoolYear.of(last).first + 1)]
