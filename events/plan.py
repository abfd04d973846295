"""The work plan page: a year's events shown a quarter at a time, each row written here.

A busy network plans about two hundred events a year. The page shows one quarter
(with the holidays after it, so no event falls between two views), and reads each
event's people, schools and groups as plain names in one query per kind instead of
building model objects for them: the rows are what the page costs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format

from calendars.models import AcademicYear, Holidays, Term
from events.models import Event


@dataclass(frozen=True)
class Period:
    """A quarter of the plan page: from its first day to the day before the next one
    starts (the first from the start of the year, the last to its end)."""

    term: Term | None
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def number(self) -> int:
        return self.term.number if self.term else 0


def periods(year: AcademicYear, terms: list[Term]) -> list[Period]:
    if not terms:
        return [Period(None, year.starts_on, year.ends_on)]
    ordered = sorted(terms, key=lambda term: term.starts_on)
    result = []
    for index, term in enumerate(ordered):
        start = year.starts_on if index == 0 else term.starts_on
        end = ordered[index + 1].starts_on - datetime.timedelta(days=1) if index + 1 < len(ordered) else year.ends_on
        result.append(Period(term, min(start, term.starts_on), max(end, term.ends_on)))
    return result


def chosen_period(choices: list[Period], wanted: str, today: datetime.date) -> Period:
    """The quarter asked for (``?term=2``), else the one today is in, else the nearest."""
    for period in choices:
        if wanted and str(period.number) == wanted:
            return period
    for period in choices:
        if period.starts_on <= today <= period.ends_on:
            return period
    return choices[0] if today < choices[0].starts_on else choices[-1]


@dataclass
class PlanRow:
    pk: int
    url: str
    title: str
    kind: str
    day: str
    time: str
    goal: str
    is_cancelled: bool
    moved_from: str
    holiday: str
    series_url: str
    responsible: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


@dataclass
class PlanMonth:
    first: datetime.date
    rows: list[PlanRow]


def names_by_event(rows: QuerySet) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for event_id, name in rows:
        found[event_id].append(name)
    return found


def plan_months(events: QuerySet[Event], holidays: Holidays) -> list[PlanMonth]:
    """The events as rows by month: four queries whatever their number."""
    chosen = list(
        events.select_related("organiser").only(
            "pk",
            "title",
            "kind",
            "goal",
            "starts_at",
            "status",
            "series_id",
            "original_date",
            "organiser__full_name",
        )
    )
    ids = [event.pk for event in chosen]
    through = Event.responsible.through.objects.filter(event_id__in=ids)
    responsible = names_by_event(through.order_by("pk").values_list("event_id", "user__full_name"))
    schools = names_by_event(
        Event.target_schools.through.objects.filter(event_id__in=ids)
        .order_by("school__name", "pk")
        .values_list("event_id", "school__name")
    )
    groups = names_by_event(
        Event.target_groups.through.objects.filter(event_id__in=ids)
        .order_by("group__name", "pk")
        .values_list("event_id", "group__name")
    )
    kinds = dict(Event._meta.get_field("kind").flatchoices)
    event_url = reverse("events:detail", args=[0]).removesuffix("0/")
    series_url = reverse("events:series", args=[0]).removesuffix("0/")
    months: dict[datetime.date, list[PlanRow]] = {}
    for event in chosen:
        start = event.local_start
        holiday = holidays.on(start.date())
        people = ([event.organiser.full_name] if event.organiser else []) + responsible.get(event.pk, [])
        row = PlanRow(
            pk=event.pk,
            url=f"{event_url}{event.pk}/",
            title=event.title,
            kind=str(kinds.get(event.kind, event.kind)),
            day=date_format(start.date(), "SHORT_DATE_FORMAT"),
            time=start.strftime("%H:%M"),
            goal=event.goal,
            is_cancelled=event.is_cancelled,
            moved_from=date_format(event.original_date, "SHORT_DATE_FORMAT")
            if event.is_moved and event.original_date
            else "",
            holiday=holiday.name if holiday else "",
            series_url=f"{series_url}{event.series_id}/" if event.series_id else "",
            responsible=people,
            targets=schools.get(event.pk, []) + groups.get(event.pk, []),
        )
        months.setdefault(start.date().replace(day=1), []).append(row)
    return [PlanMonth(first, rows) for first, rows in sorted(months.items())]
