"""iCalendar (RFC 5545) feeds that a phone's calendar subscribes to.

A single event is one VEVENT. A series is one VEVENT with the RRULE (so the phone
shows it as a recurring event), an EXDATE for every date of the rule that has no
occurrence any more, and an override VEVENT (same UID, RECURRENCE-ID = the date the
rule gave) for each occurrence that was moved, cancelled (STATUS:CANCELLED) or
edited on its own. Times carry the site's TZID with its VTIMEZONE.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event, EventSeries

PRODID = "-//Ortaq//Events//KK"


def uid_of(uid: object) -> str:
    return f"{uid}@ortaq"


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))


def describe(event: Event | EventSeries) -> str:
    parts = [event.goal.strip(), event.description.strip()]
    if event.online_url:
        parts.append(event.online_url)
    return "\n\n".join(p for p in parts if p)


def base_component(item: Event | EventSeries, *, stamp: datetime.datetime, uid: object = None) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", uid_of(uid or item.uid))
    component.add("dtstamp", stamp)
    component.add("summary", item.title)
    description = describe(item)
    if description:
        component.add("description", description)
    location = item.location or item.online_url
    if location:
        component.add("location", location)
    component.add("categories", [str(item.get_kind_display())])
    component.add("last-modified", item.updated_at.astimezone(datetime.UTC))
    return component


def event_component(
    event: Event, *, stamp: datetime.datetime, recurrence_id: datetime.datetime | None = None
) -> icalendar.Event:
    # An override shares the series' UID: that is how a client ties it to the rule.
    uid = event.series.uid if recurrence_id is not None and event.series is not None else None
    component = base_component(event, stamp=stamp, uid=uid)
    component.add("dtstart", local(event.starts_at))
    component.add("dtend", local(event.ends_at))
    component.add("url", settings.SITE_URL + event.get_absolute_url())
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("sequence", event.sequence)
    if recurrence_id is not None:
        component.add("recurrence-id", local(recurrence_id))
    return component


def series_component(
    series: EventSeries, rule_dates: list[datetime.date], existing: set[datetime.date], *, stamp: datetime.datetime
) -> icalendar.Event:
    component = base_component(series, stamp=stamp)
    # RFC 5545: DTSTART is the first instance, so it must be a date of the rule.
    first = series.start_on(rule_dates[0])
    component.add("dtstart", local(first))
    component.add("dtend", local(first + datetime.timedelta(minutes=series.duration)))
    component.add("rrule", series.ical_rule())
    component.add("url", settings.SITE_URL + series.get_absolute_url())
    component.add("status", "CONFIRMED")
    missing = [local(series.start_on(day)) for day in rule_dates if day not in existing]
    if missing:
        component.add("exdate", missing)
    return component


def new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def build_one(event: Event) -> bytes:
    """One event on its own, to add to a calendar once (an occurrence of a series
    alone, with its own time)."""
    calendar = new_calendar(event.title)
    calendar.add_component(event_component(event, stamp=timezone.now().astimezone(datetime.UTC).replace(microsecond=0)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build(events: Iterable[Event], *, name: str) -> bytes:
    """The calendar of the given events; occurrences of a series are folded into it."""
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = new_calendar(name)

    singles: list[Event] = []
    occurrences: dict[int, list[Event]] = defaultdict(list)
    series_by_id: dict[int, EventSeries] = {}
    for event in events:
        if event.series_id is None:
            singles.append(event)
        else:
            occurrences[event.series_id].append(event)
            series_by_id[event.series_id] = event.series  # type: ignore[assignment]

    existing: dict[int, set[datetime.date]] = defaultdict(set)
    for series_id, day in Event.objects.filter(series__in=list(series_by_id)).values_list("series_id", "original_date"):
        existing[series_id].add(day)

    for event in singles:
        calendar.add_component(event_component(event, stamp=stamp))
    for series_id, series in series_by_id.items():
        rule_dates = series.dates()
        if not rule_dates:
            continue
        calendar.add_component(series_component(series, rule_dates, existing[series_id], stamp=stamp))
        for event in occurrences[series_id]:
            if event.detached and event.original_date in rule_dates:
                override = event_component(event, stamp=stamp, recurrence_id=series.start_on(event.original_date))
                calendar.add_component(override)
            elif event.original_date not in rule_dates:
                # The rule no longer gives this date (edited in the admin): keep it as its own event.
                calendar.add_component(event_component(event, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_name(*, network_name: str | None, person_name: str, language: str) -> str:
    with translation.override(language):
        if network_name:
            return _("%(network)s — events") % {"network": network_name}
        return _("My events — %(person)s") % {"person": person_name}
