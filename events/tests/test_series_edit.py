"""Editing a whole series (issue 15, point 11): its texts and time apply to the series
and to every date ahead, a date moved or changed on its own keeps what was changed on
it, dates that have passed never change; a new rule removes the dates ahead nobody
took up, keeps those someone did and adds the new ones, and the organiser sees what
will happen, counted, before it is saved."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from events import actions
from events.models import Event, EventSeries
from events.tests.factories import at, online_series
from notifications.models import Notice
from ortaq.testing import as_user, hidden_value, save_twice, stale_section

# The rule's dates are those of 2026–2027: three of them (September to November) have
# passed on 23.11.2026, six are ahead (16.12.2026 to 19.05.2027).
pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-23")]
D = datetime.date
AHEAD = [D(2026, 12, 16), D(2027, 1, 20), D(2027, 2, 17), D(2027, 3, 17), D(2027, 4, 21), D(2027, 5, 19)]


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts."""


def edit_url(series: EventSeries) -> str:
    return reverse("events:series_edit", args=[series.pk])


def form_data(client: Client, series: EventSeries, **changes: object) -> dict[str, object]:
    """The edit form as it was opened now, with ``changes`` typed."""
    series.refresh_from_db()
    data: dict[str, object] = {
        "version": hidden_value(client.get(edit_url(series)), "version"),
        "kind": series.kind,
        "title": series.title,
        "interval": series.interval,
        "rule_kind": "month_day" if series.month_day else "weekday",
        "week": series.week if series.week is not None else "",
        "weekday": series.weekday if series.weekday is not None else "",
        "month_day": series.month_day or "",
        "starts_on": series.starts_on.isoformat(),
        "ends_on": series.ends_on.isoformat(),
        "start_time": series.start_time.strftime("%H:%M"),
        "duration": series.duration,
        "goal": series.goal,
        "description": series.description,
        "location": series.location,
        "online_url": series.online_url,
        "capacity": series.capacity or "",
    }
    return {**data, **changes}


def by_date(series: EventSeries) -> dict[datetime.date, Event]:
    return {event.original_date: event for event in series.occurrences.all()}  # type: ignore[misc]


def test_new_texts_reach_every_date_ahead_but_not_the_past_nor_what_a_date_changed_alone(cast):
    series = online_series(cast)
    january = by_date(series)[D(2027, 1, 20)]
    actions.update_event(january, title="Қаңтардағы ерекше сұхбат", version=january.version)
    december = by_date(series)[D(2026, 12, 16)]
    actions.move_event(december, starts_at=at(D(2026, 12, 23), 16), ends_at=at(D(2026, 12, 23), 17), by=cast.leader)
    client = as_user(cast.leader)

    response = client.post(
        edit_url(series),
        form_data(client, series, title="Онлайн сұхбат: бағалау", description="Критериалды бағалау туралы"),
    )

    assert response.status_code == 302  # no date goes, comes or moves: saved at once
    dates = by_date(series)
    assert EventSeries.objects.get().title == "Онлайн сұхбат: бағалау"
    assert [dates[day].title for day in sorted(dates)[:3]] == ["Онлайн сұхбат"] * 3  # passed
    assert {dates[day].title for day in AHEAD if day != D(2027, 1, 20)} == {"Онлайн сұхбат: бағалау"}
    assert dates[D(2027, 1, 20)].title == "Қаңтардағы ерекше сұхбат"  # its own title
    assert dates[D(2027, 1, 20)].description == "Критериалды бағалау туралы"  # but the new description
    assert dates[D(2026, 12, 16)].local_date == D(2026, 12, 23)  # moved: keeps its day, takes the texts
    assert dates[D(2026, 12, 16)].title == "Онлайн сұхбат: бағалау"
    message = unescape(client.get(series.get_absolute_url()).content.decode())
    assert "6 dates ahead take the changes." in message
    assert "1 date moved or changed on its own keeps what was changed on it: 20.01.2027." in message


def test_a_new_time_asks_first_then_moves_the_dates_ahead_and_tells_those_going(cast):
    series = online_series(cast)
    dates = by_date(series)
    actions.register(dates[D(2027, 2, 17)], cast.teacher)
    moved = dates[D(2026, 12, 16)]
    actions.move_event(moved, starts_at=at(D(2026, 12, 23), 16), ends_at=at(D(2026, 12, 23), 17), by=cast.leader)
    actions.register(moved, cast.coach)
    client = as_user(cast.leader)
    data = form_data(client, series, start_time="15:00", duration=90)

    asked = client.post(edit_url(series), data)

    page = unescape(asked.content.decode())
    assert asked.status_code == 200 and "confirm.html" in [t.name for t in asked.templates]
    assert "5 dates ahead move to the new time: 20.01.2027, 17.02.2027, 17.03.2027, 21.04.2027, 19.05.2027." in page
    assert "1 person invited or registered is told at once." in page
    assert "1 date moved or changed on its own keeps what was changed on it: 23.12.2026." in page
    assert "3 dates that have passed stay as they were." in page
    assert "btn--danger" not in page  # moving dates loses nothing: no red button
    assert by_date(series)[D(2027, 2, 17)].local_start.hour == 16  # asking changed nothing
    assert EventSeries.objects.get().start_time == datetime.time(16, 0)

    saved = client.post(edit_url(series), {**data, "confirmed": "yes"})

    assert saved.status_code == 302
    dates = by_date(series)
    assert dates[D(2027, 2, 17)].starts_at == at(D(2027, 2, 17), 15)
    assert dates[D(2027, 2, 17)].ends_at == at(D(2027, 2, 17), 16, 30)
    assert dates[D(2026, 12, 16)].starts_at == at(D(2026, 12, 23), 16)  # moved on its own
    assert dates[D(2026, 11, 18)].starts_at == at(D(2026, 11, 18), 16)  # passed
    moved_notices = Notice.objects.filter(kind="events.moved")
    assert [(n.recipient, n.title) for n in moved_notices] == [(cast.teacher, "Онлайн сұхбат → 17.02.2027 15:00")]


def test_a_new_rule_removes_the_dates_nobody_took_up_keeps_the_others_and_adds_its_own(cast):
    series = online_series(cast)
    dates = by_date(series)
    actions.register(dates[D(2027, 1, 20)], cast.teacher)
    actions.invite(dates[D(2027, 2, 17)], by=cast.leader, people=[cast.coach])
    actions.save_record(dates[D(2027, 3, 17)], by=cast.leader, agenda="Күн тәртібі", notes="", decisions="")
    client = as_user(cast.leader)
    # The second Tuesday instead of the third Wednesday.
    data = form_data(client, series, week=2, weekday=1)

    asked = client.post(edit_url(series), data)

    page = unescape(asked.content.decode())
    assert "4 dates ahead that nobody has taken up are removed: 16.12.2026, 17.02.2027, 21.04.2027, 19.05.2027." in (
        page
    )
    assert "6 new dates are added: 08.12.2026, 12.01.2027, 09.02.2027, 09.03.2027, 13.04.2027, 11.05.2027." in page
    assert (
        "2 dates the new rule does not give stay, as someone has taken them up (registered, or they have a record "
        "or files): 20.01.2027, 17.03.2027." in page
    )
    assert "1 person invited or registered is told at once." in page
    assert Event.objects.count() == 9  # asking changed nothing

    assert client.post(edit_url(series), {**data, "confirmed": "yes"}).status_code == 302

    dates = by_date(series)
    ahead = sorted(day for day in dates if day > D(2026, 11, 23))
    assert ahead == [
        D(2026, 12, 8), D(2027, 1, 12), D(2027, 1, 20), D(2027, 2, 9), D(2027, 3, 9), D(2027, 3, 17),
        D(2027, 4, 13), D(2027, 5, 11),
    ]  # fmt: skip
    assert sorted(day for day in dates if day < D(2026, 11, 23)) == [D(2026, 9, 16), D(2026, 10, 21), D(2026, 11, 18)]
    assert dates[D(2027, 1, 20)].participations.get().user == cast.teacher
    cancelled = Notice.objects.get(kind="events.cancelled")
    assert cancelled.recipient == cast.coach and cancelled.url == series.get_absolute_url()
    assert cancelled.title == "Онлайн сұхбат, 17.02.2027 16:00"
    assert series.occurrences.count() == 11


def test_an_earlier_end_removes_the_last_dates_and_the_first_click_removes_nothing(cast):
    series = online_series(cast)
    client = as_user(cast.leader)
    data = form_data(client, series, ends_on="2027-02-28")

    first = client.post(edit_url(series), data)

    assert "3 dates ahead that nobody has taken up are removed: 17.03.2027, 21.04.2027, 19.05.2027." in unescape(
        first.content.decode()
    )
    assert series.occurrences.count() == 9 and EventSeries.objects.get().ends_on != D(2027, 2, 28)
    assert 'name="revise" value="yes"' in first.content.decode()  # «Change it», not a link that drops the form
    revised = client.post(edit_url(series), {**data, "revise": "yes"})
    assert revised.status_code == 200 and revised.context["form"]["ends_on"].value() == "2027-02-28"
    assert series.occurrences.count() == 9 and "confirm.html" not in [t.name for t in revised.templates]
    client.post(edit_url(series), {**data, "confirmed": "yes"})
    assert max(by_date(series)) == D(2027, 2, 17) and series.occurrences.count() == 6


def test_two_organisers_saving_the_series_the_second_is_refused_with_both_texts(cast):
    series = online_series(cast)
    leader, coordinator = as_user(cast.leader), as_user(cast.coordinator)
    first = form_data(leader, series, title="Бірінші атау")
    second = form_data(coordinator, series, title="Екінші атау")
    first.pop("version")
    second.pop("version")

    response = save_twice(edit_url(series), leader, coordinator, first, second)

    section = stale_section(response)
    assert "Бірінші атау" in section and "Екінші атау" in section
    assert EventSeries.objects.get().title == "Бірінші атау"
    assert {event.title for event in series.occurrences.filter(original_date__in=AHEAD)} == {"Бірінші атау"}


def test_a_cancelled_series_is_not_edited(cast):
    series = online_series(cast)
    actions.cancel_series(series, by=cast.leader)
    client = as_user(cast.leader)

    response = client.post(edit_url(series), {"title": "Жаңа"})

    assert response.status_code == 302 and EventSeries.objects.get().title == "Онлайн сұхбат"


def test_its_page_opens_with_the_series_as_it_is(cast):
    series = online_series(cast, week=None, weekday=None, month_day=15, ends_on=D(2027, 5, 31))

    response = as_user(cast.leader).get(edit_url(series))

    form = response.context["form"]
    assert (form["rule_kind"].value(), form["month_day"].value(), form["title"].value()) == (
        "month_day",
        15,
        "Онлайн сұхбат",
    )
    assert f'href="{edit_url(series)}"' in as_user(cast.leader).get(series.get_absolute_url()).content.decode()
    assert f'href="{edit_url(series)}"' not in as_user(cast.teacher).get(series.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("teacher", 403), ("methodologist", 403)])
def test_it_is_refused_to_those_who_do_not_organise(cast, who, status):
    series = online_series(cast)
    client = as_user(getattr(cast, who))

    assert client.get(edit_url(series)).status_code == status
    assert client.post(edit_url(series), {"title": "Бөгде", "confirmed": "yes"}).status_code == status
    assert EventSeries.objects.get().title == "Онлайн сұхбат"


def test_it_paints_the_button_red_only_when_dates_go(cast):
    series = online_series(cast)
    client = as_user(cast.leader)

    asked = client.post(edit_url(series), form_data(client, series, ends_on="2027-02-28"))

    page = asked.content.decode()
    assert "confirm.html" in [t.name for t in asked.templates]
    assert 'class="btn btn--danger" type="submit" name="confirmed"' in page


def test_a_visitor_is_sent_to_sign_in(cast):
    series = online_series(cast)
    response = Client().get(edit_url(series))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.any_language
def test_its_pages_are_kazakh_in_kazakh(cast):
    from ortaq.testing import english_words

    series = online_series(cast)
    client = as_user(cast.leader)
    pages = [
        client.get(edit_url(series)),
        client.post(edit_url(series), form_data(client, series, ends_on="2027-02-28", start_time="15:00")),
    ]
    assert "confirm.html" in [t.name for t in pages[1].templates]
    for response in pages:
        assert response.status_code == 200
        assert english_words(response.content.decode()) == set()
