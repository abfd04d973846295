"""Series: the rule expands to the right dates, occurrences are rows that can be moved
or cancelled one at a time, and the month grid starts weeks on Monday."""

from __future__ import annotations

import datetime

import pytest

from calendars.models import Holidays
from events import actions
from events.grid import grid_dates, month
from events.models import Event, EventSeries
from events.tests.factories import academic_year, at, online_series

# These tests state the rules on the days of 2026–2027 (the third Wednesday of December
# 2026 is Independence Day), so they live in that year whatever day the suite runs on.
pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-23")]
D = datetime.date


def test_it_expands_a_monthly_third_wednesday_over_the_academic_year(cast):
    series = online_series(cast)

    assert series.dates() == [
        D(2026, 9, 16), D(2026, 10, 21), D(2026, 11, 18), D(2026, 12, 16), D(2027, 1, 20),
        D(2027, 2, 17), D(2027, 3, 17), D(2027, 4, 21), D(2027, 5, 19),
    ]  # fmt: skip
    assert all(day.weekday() == 2 for day in series.dates())
    events = list(series.occurrences.order_by("starts_at"))
    assert [e.original_date for e in events] == series.dates()
    assert events[0].starts_at == at(D(2026, 9, 16), 16)
    assert events[0].ends_at == at(D(2026, 9, 16), 17)
    assert events[0].online_url == "https://meet.example.kz/shuaq"


def test_it_takes_the_fifth_week_for_the_last_friday_every_two_months(cast):
    series = online_series(cast, kind="meeting", location="Жетекші мектеп", week=-1, weekday=4, interval=2)

    # January 2027 has five Fridays: "last" is the fifth; September 2026 has four.
    assert series.dates() == [D(2026, 9, 25), D(2026, 11, 27), D(2027, 1, 29), D(2027, 3, 26), D(2027, 5, 28)]


def test_it_expands_a_day_of_the_month(cast):
    series = online_series(cast, week=None, weekday=None, month_day=15, interval=3, ends_on=D(2027, 5, 31))

    assert series.dates() == [D(2026, 9, 15), D(2026, 12, 15), D(2027, 3, 15)]


def test_materialising_again_adds_nothing(cast):
    series = online_series(cast)

    assert actions.materialise(series) == []
    assert series.occurrences.count() == 9


def test_it_refuses_a_rule_with_both_a_weekday_and_a_day(cast):
    with pytest.raises(Exception, match="not both"):
        online_series(cast, month_day=15)
    assert EventSeries.objects.count() == 0
    assert Event.objects.count() == 0


def test_it_flags_occurrences_that_fall_in_holidays(cast):
    academic_year()
    series = online_series(cast)
    holidays = Holidays(D(2026, 9, 1), D(2027, 5, 31))

    flagged = {
        e.original_date: holidays.on(e.local_date).name for e in series.occurrences.all() if holidays.on(e.local_date)
    }

    assert flagged == {D(2026, 12, 16): "Тәуелсіздік күні"}


def test_moving_one_occurrence_leaves_the_others(cast):
    series = online_series(cast)
    december = series.occurrences.get(original_date=D(2026, 12, 16))

    actions.move_event(december, starts_at=at(D(2026, 12, 23), 16), ends_at=at(D(2026, 12, 23), 17), by=cast.leader)

    december.refresh_from_db()
    assert december.local_date == D(2026, 12, 23)
    assert december.original_date == D(2026, 12, 16)
    assert december.detached and december.is_moved and december.sequence == 1
    others = series.occurrences.exclude(pk=december.pk)
    assert not others.filter(detached=True).exists()
    assert sorted(e.local_date for e in others) == [d for d in series.dates() if d != D(2026, 12, 16)]


def test_cancelling_one_occurrence_leaves_the_others(cast):
    series = online_series(cast)
    january = series.occurrences.get(original_date=D(2027, 1, 20))

    actions.cancel_event(january, by=cast.leader, reason="Семинарға дайындық")

    january.refresh_from_db()
    assert january.is_cancelled and january.detached and january.cancel_reason == "Семинарға дайындық"
    assert series.occurrences.filter(status="cancelled").count() == 1


def test_moving_refuses_an_end_before_the_start(cast):
    series = online_series(cast)
    event = series.occurrences.first()

    with pytest.raises(Exception, match="end after"):
        actions.move_event(event, starts_at=at(D(2026, 9, 17), 16), ends_at=at(D(2026, 9, 17), 15), by=cast.leader)
    event.refresh_from_db()
    assert event.local_date == D(2026, 9, 16) and not event.detached


def test_the_month_grid_starts_on_monday_with_five_or_six_weeks():
    november = grid_dates(D(2026, 11, 1))  # 1 November 2026 is a Sunday
    february = grid_dates(D(2027, 2, 1))  # 1 February 2027 is a Monday

    assert november[0][0] == D(2026, 10, 26) and november[0][0].weekday() == 0
    assert len(november) == 6 and november[-1][-1] == D(2026, 12, 6)
    assert all(week[0].weekday() == 0 and week[-1].weekday() == 6 for week in november)
    assert february[0][0] == D(2027, 2, 1) and len(february) == 4
    assert len(grid_dates(D(2026, 9, 1))) == 5


def test_the_grid_puts_events_and_holidays_on_their_days(cast):
    academic_year()
    series = online_series(cast)
    events = list(series.occurrences.all())

    grid = month(D(2026, 12, 1), events, Holidays(D(2026, 11, 30), D(2027, 1, 3)), today=D(2026, 11, 23))

    days = {day.date: day for week in grid.weeks for day in week}
    assert [e.original_date for e in days[D(2026, 12, 16)].events] == [D(2026, 12, 16)]
    assert days[D(2026, 12, 16)].holiday.name == "Тәуелсіздік күні"
    assert days[D(2026, 12, 30)].holiday.name == "Қысқы демалыс"
    assert not days[D(2026, 12, 15)].events and days[D(2026, 12, 15)].holiday is None
    assert not days[D(2027, 1, 1)].in_month


def test_the_cached_month_grid_shows_a_new_a_renamed_and_a_cancelled_event_at_once(cast):
    from django.urls import reverse

    from events.tests.factories import make_event
    from ortaq.testing import as_user

    day = D(2026, 12, 9)
    url = reverse("events:network", args=[cast.network.pk]) + "?month=2026-12"

    def grid() -> str:
        html = as_user(cast.teacher).get(url).content.decode()
        return html[html.index('<table class="month-grid">') : html.index("</table>")]

    assert "Бетпе-бет" not in grid()
    event = make_event(cast, day, title="Бетпе-бет кездесу")
    assert "15:00 Бетпе-бет кездесу" in grid()
    actions.update_event(event, title="Ашық сабақ талдауы")
    assert "Ашық сабақ талдауы" in grid() and "Бетпе-бет" not in grid()
    actions.cancel_event(event, by=cast.leader)
    assert "cancelled" in grid()
