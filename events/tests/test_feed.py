"""The private iCalendar feeds: valid for calendar clients, and a series expands to
the dates in the database, moved and cancelled occurrences included."""

from __future__ import annotations

import datetime

import icalendar
import pytest
import recurring_ical_events
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import actions
from events.models import FeedToken
from events.tests.factories import at, make_event, online_series
from ortaq.testing import as_user

# The feed is checked against the days of 2026–2027 (test_recurrence.py says why).
pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-23")]
D = datetime.date


def fetch(token: FeedToken) -> icalendar.Calendar:
    response = Client().get(reverse("events:feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def expanded(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(recurring_ical_events.of(calendar).between(D(2026, 8, 1), D(2027, 7, 1)))


def test_the_network_feed_is_a_valid_calendar(cast):
    make_event(cast, D(2026, 11, 12), hour=9, title="Семинар", kind="seminar")

    calendar = fetch(actions.feed_token(cast.teacher, cast.network))

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Almaty"]
    (event,) = calendar.walk("VEVENT")
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL", "STATUS"):
        assert prop in event, prop
    assert str(event["SUMMARY"]) == "Семинар"
    start = event.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=5)  # Asia/Almaty since 2024
    assert start.astimezone(datetime.UTC) == at(D(2026, 11, 12), 9).astimezone(datetime.UTC)


def test_a_series_expands_to_its_dates_with_moves_and_cancellations(cast):
    series = online_series(cast)
    december = series.occurrences.get(original_date=D(2026, 12, 16))
    actions.move_event(december, starts_at=at(D(2026, 12, 23), 16), ends_at=at(D(2026, 12, 23), 17), by=cast.leader)
    january = series.occurrences.get(original_date=D(2027, 1, 20))
    actions.cancel_event(january, by=cast.leader)
    series.occurrences.filter(original_date=D(2027, 2, 17)).delete()  # removed by hand in the admin

    calendar = fetch(actions.feed_token(cast.teacher, cast.network))

    masters = [c for c in calendar.walk("VEVENT") if "RRULE" in c]
    assert len(masters) == 1 and masters[0]["RRULE"]["FREQ"] == ["MONTHLY"]
    overrides = [c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" in c]
    assert {str(c["STATUS"]) for c in overrides} == {"CONFIRMED", "CANCELLED"}
    occurrences = expanded(calendar)
    confirmed = sorted(o.decoded("DTSTART").date() for o in occurrences if str(o.get("STATUS")) != "CANCELLED")
    cancelled = [o.decoded("DTSTART").date() for o in occurrences if str(o.get("STATUS")) == "CANCELLED"]
    database = sorted(e.local_date for e in series.occurrences.filter(status="planned"))
    assert confirmed == database
    assert D(2026, 12, 23) in confirmed and D(2026, 12, 16) not in confirmed
    assert D(2027, 2, 17) not in confirmed
    assert cancelled == [D(2027, 1, 20)]
    assert all(o.decoded("DTSTART").hour == 16 for o in occurrences)


def test_the_rrule_gives_the_same_dates_as_dateutil(cast):
    series = online_series(cast, week=-1, weekday=4, interval=2, kind="meeting", location="Жетекші мектеп")

    calendar = fetch(actions.feed_token(cast.teacher, cast.network))

    dates = sorted(o.decoded("DTSTART").date() for o in expanded(calendar))
    assert dates == series.dates() == [D(2026, 9, 25), D(2026, 11, 27), D(2027, 1, 29), D(2027, 3, 26), D(2027, 5, 28)]


def test_the_personal_feed_has_the_persons_events_only(cast):
    mine = make_event(cast, D(2026, 12, 2), title="Коучинг", target_schools=[cast.attached_school])
    make_event(cast, D(2026, 12, 3), title="Басқа мектептің коучингі", target_schools=[cast.leading_school])

    calendar = fetch(actions.feed_token(cast.teacher))

    assert [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")] == [mine.title]


def test_a_wrong_token_is_404_and_no_session_is_needed(cast):
    make_event(cast)
    token = actions.feed_token(cast.teacher, cast.network)

    assert Client().get(reverse("events:feed", args=["not-the-token"])).status_code == 404
    assert Client().get(reverse("events:feed", args=[token.token[:-1] + "x"])).status_code == 404
    assert Client().get(reverse("events:feed", args=[token.token])).status_code == 200


def test_the_network_feed_stops_when_the_person_leaves(cast):
    token = actions.feed_token(cast.teacher, cast.network)
    cast.network.memberships.filter(user=cast.teacher).delete()

    assert Client().get(reverse("events:feed", args=[token.token])).status_code == 404


def test_resetting_the_addresses_makes_the_old_ones_fail(cast):
    old = actions.feed_token(cast.teacher)
    client = as_user(cast.teacher)

    assert client.get(reverse("events:subscriptions")).status_code == 200
    client.post(reverse("events:subscriptions"), follow=True)

    assert Client().get(reverse("events:feed", args=[old.token])).status_code == 404
    new = FeedToken.objects.get(user=cast.teacher, network=None)
    assert new.token != old.token
    assert Client().get(reverse("events:feed", args=[new.token])).status_code == 200


def test_one_event_comes_as_its_own_calendar_file_for_those_who_may_see_it(cast):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=3), title="Ашық сабақ апталығы")
    url = reverse("events:ics", args=[event.pk])

    response = as_user(cast.teacher).get(url)

    calendar = icalendar.Calendar.from_ical(response.content)
    [component] = [c for c in calendar.walk("VEVENT")]
    assert response["Content-Type"].startswith("text/calendar")
    assert str(component["summary"]) == "Ашық сабақ апталығы"
    assert as_user(cast.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302
