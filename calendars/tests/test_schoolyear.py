"""Any academic year's quarters, holidays and school days, computed (calendars/schoolyear.py),
and the year people mean on a given day."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars.models import AcademicYear, current_year
from calendars.schoolyear import SchoolYear, is_school_day, school_day, years_between

D = datetime.date
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2060, 12, 31))


def test_it_computes_the_2026_2027_year_as_the_ministrys_pattern_gives_it():
    year = SchoolYear.of(D(2026, 12, 4))

    assert year.name == "2026–2027"
    assert [(q.number, q.starts_on, q.ends_on) for q in year.quarters] == [
        (1, D(2026, 9, 1), D(2026, 10, 25)),
        (2, D(2026, 11, 2), D(2026, 12, 28)),
        (3, D(2027, 1, 8), D(2027, 3, 19)),
        (4, D(2027, 3, 30), D(2027, 5, 25)),
    ]
    holidays = {h.name: (h.starts_on, h.ends_on) for h in year.holidays}
    assert holidays["Күзгі демалыс"] == (D(2026, 10, 26), D(2026, 11, 1))
    assert holidays["Қысқы демалыс"] == (D(2026, 12, 29), D(2027, 1, 7))
    assert holidays["Көктемгі демалыс (Наурыз мейрамы)"] == (D(2027, 3, 20), D(2027, 3, 29))
    assert holidays["Тәуелсіздік күні"] == (D(2026, 12, 16), D(2026, 12, 16))
    # Saturday 1 May 2027 and Sunday 9 May 2027 give their days off on the Mondays after.
    assert holidays["Қазақстан халқының бірлігі мерекесі"] == (D(2027, 5, 1), D(2027, 5, 3))
    assert holidays["Жеңіс күні"] == (D(2027, 5, 9), D(2027, 5, 10))


@pytest.mark.parametrize(
    ("day", "school"),
    [
        (D(2026, 12, 4), True),  # a Friday of the second quarter
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 16), False),  # Independence Day
        (D(2027, 1, 5), False),  # winter holidays
        (D(2027, 3, 24), False),  # spring holidays
        (D(2027, 5, 3), False),  # the day off for 1 May, a Saturday
        (D(2027, 5, 25), True),  # the last day of lessons
        (D(2027, 5, 26), False),  # summer
        (D(2027, 8, 20), False),
        (D(2028, 2, 29), True),  # a leap day, a Tuesday
    ],
)
def test_it_knows_a_school_day(day, school):
    assert is_school_day(day) is school


@pytest.mark.parametrize(
    ("today", "meant"),
    [
        (D(2026, 9, 1), "2026–2027"),
        (D(2027, 1, 1), "2026–2027"),
        (D(2027, 6, 30), "2026–2027"),  # lessons are over, the year is not
        (D(2027, 7, 1), "2027–2028"),  # in July and August, the year that is starting
        (D(2027, 8, 20), "2027–2028"),
    ],
)
def test_it_knows_the_year_people_mean(today, meant):
    assert SchoolYear.current(today).name == meant


@given(days)
def test_every_year_has_four_quarters_in_order_without_a_gap_of_lessons_in_a_holiday(day):
    year = SchoolYear.of(day)
    quarters = year.quarters
    assert [q.number for q in quarters] == [1, 2, 3, 4]
    assert all(a.ends_on < b.starts_on for a, b in itertools.pairwise(quarters))
    assert quarters[0].starts_on == year.starts_on and quarters[-1].ends_on == year.ends_on
    # Between two quarters there are holidays, never lessons.
    for quarter in quarters[:-1]:
        gap = quarter.ends_on + datetime.timedelta(days=1)
        assert year.holiday_on(gap) is not None
    assert 160 <= len(list(year.school_days())) <= 175


@given(days, st.integers(-200, 200), st.integers(-200, 200))
def test_counting_school_days_lands_on_school_days_and_adds_up(day, a, b):
    first = school_day(day)
    assert is_school_day(first) and first >= day
    assert is_school_day(school_day(day, a)) or a == 0
    assert school_day(school_day(first, a), b) == school_day(first, a + b)
    if a > 0:
        assert school_day(day, a) > day
    if a < 0:
        assert school_day(day, a) < day


def test_it_lists_the_years_between_two_days():
    assert [y.name for y in years_between(D(2026, 5, 20), D(2026, 9, 1))] == ["2025–2026", "2026–2027"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "chosen"),
    [
        (D(2026, 12, 4), "2026–2027"),
        (D(2027, 6, 30), "2026–2027"),
        (D(2027, 8, 20), "2027–2028"),
        (D(2029, 1, 10), "2027–2028"),  # no row for the year: the newest that began
    ],
)
def test_the_plan_opens_on_the_year_people_mean(today, chosen):
    for first in (2025, 2026, 2027):
        year = SchoolYear(first)
        AcademicYear.objects.create(name=year.name, starts_on=year.starts_on, ends_on=year.ends_on)

    meant = current_year(list(AcademicYear.objects.all()), today)
    assert meant is not None and meant.name == chosen
    assert current_year([], today) is None
