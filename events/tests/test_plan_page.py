"""The work plan page (events/plan.py): a quarter at a time, nothing lost between them."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from calendars.actions import add_academic_year
from calendars.schoolyear import SchoolYear
from events.plan import periods
from events.tests.factories import make_event
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [row.title for month in response.context["months"] for row in month.rows]


def test_it_covers_the_whole_year_with_its_quarters_and_the_holidays_after_each():
    year = add_academic_year(SchoolYear.current(timezone.localdate()))
    quarters = periods(year, list(year.terms.all()))
    assert len(quarters) == 4
    assert quarters[0].starts_on == year.starts_on and quarters[-1].ends_on == year.ends_on
    for before, after in itertools.pairwise(quarters):
        assert before.ends_on + datetime.timedelta(days=1) == after.starts_on
        assert before.term is not None and before.ends_on >= before.term.ends_on


def test_it_opens_on_the_quarter_of_today_and_shows_the_others_on_asking(cast):
    year = add_academic_year(SchoolYear.current(timezone.localdate()))
    today = timezone.localdate()
    first_term = year.terms.get(number=1)
    make_event(cast, first_term.starts_on + datetime.timedelta(days=2), title="Бірінші тоқсан")
    # In the autumn holidays, between two quarters: shown with the quarter before them.
    make_event(cast, first_term.ends_on + datetime.timedelta(days=2), title="Каникулда")
    make_event(cast, today + datetime.timedelta(days=1), title="Осы тоқсан")
    client = as_user(cast.teacher)
    url = reverse("events:plan", args=[cast.network.pk])
    current = client.get(url)
    assert current.context["quarter"].term.starts_on <= today <= current.context["quarter"].ends_on
    assert "Осы тоқсан" in titles(current) and "Бірінші тоқсан" not in titles(current)
    first = client.get(url, {"term": "1"})
    assert titles(first) == ["Бірінші тоқсан", "Каникулда"]
    html = first.content.decode()
    assert 'aria-current="page">' in html and "?year=" in html and "term=2" in html


def test_it_writes_each_row_with_its_people_and_audience(cast):
    year = add_academic_year(SchoolYear.current(timezone.localdate()))
    make_event(
        cast,
        timezone.localdate() + datetime.timedelta(days=1),
        title="Ашық сабақ",
        responsible=[cast.coach],
        target_schools=[cast.attached_school],
        target_groups=[cast.group],
    )
    response = as_user(cast.teacher).get(reverse("events:plan", args=[cast.network.pk]), {"year": year.pk})
    (row,) = [row for month in response.context["months"] for row in month.rows]
    assert row.responsible == [cast.leader.full_name, cast.coach.full_name]
    assert row.targets == [cast.attached_school.name, cast.group.name]
    html = response.content.decode()
    assert f"{cast.leader.full_name}<br>{cast.coach.full_name}" in html
