"""Two organisers editing one event: the second save is refused with both versions,
never silently put over the first (ortaq/lib/editing.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from events import actions
from events.models import Event
from events.tests.factories import at, make_event
from ortaq.testing import as_user, hidden_value, save_twice, stale_section


def edit_data(event: Event, **changes: str) -> dict[str, str]:
    start = event.local_start
    return {
        "kind": "meeting",
        "title": event.title,
        "location": event.location,
        "date": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": str(event.duration_minutes),
        **changes,
    }


def test_it_refuses_the_second_of_two_saves_and_shows_both_versions(cast):
    event = make_event(cast, title="Бетпе-бет кездесу")
    url = reverse("events:edit", args=[event.pk])
    leader = as_user(cast.leader)
    first = edit_data(event, title="Кездесу: рефлексия", start="16:00")
    second = edit_data(event, description="Күн тәртібі: рефлексия")

    response = save_twice(url, as_user(cast.coordinator), leader, first, second)

    section = stale_section(response)
    assert "Кездесу: рефлексия" in section and "Бетпе-бет кездесу" in section
    assert "16:00" in section and "15:00" in section
    assert "Күн тәртібі: рефлексия" in section
    assert response.context["form"]["description"].value() == "Күн тәртібі: рефлексия"
    event = Event.objects.get(pk=event.pk)
    assert event.title == "Кездесу: рефлексия" and event.description == ""
    assert event.local_start.hour == 16
    assert hidden_value(response, "version") == str(event.version) == "2"

    again = leader.post(url, {**second, "version": hidden_value(response, "version")})
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.description == "Күн тәртібі: рефлексия" and event.local_start.hour == 15 and event.version == 3


def test_it_saves_an_edit_and_moves_the_version_on(cast):
    event = make_event(cast)
    client = as_user(cast.leader)
    url = reverse("events:edit", args=[event.pk])
    version = hidden_value(client.get(url), "version")
    response = client.post(url, {**edit_data(event, title="Жаңа атауы"), "version": version})
    assert response.status_code == 302
    event = Event.objects.get(pk=event.pk)
    assert event.title == "Жаңа атауы" and event.version == 2 and event.sequence == 1


def test_it_refuses_an_edit_opened_before_the_event_was_moved(cast):
    """The form shows the old date: saving it would move the event back unseen."""
    event = make_event(cast)
    client = as_user(cast.leader)
    url = reverse("events:edit", args=[event.pk])
    version = hidden_value(client.get(url), "version")
    new_start = at(event.local_date + datetime.timedelta(days=1), 15)
    actions.move_event(event, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=1), by=cast.leader)

    response = client.post(url, {**edit_data(event, title="Жаңа атауы"), "version": version})

    assert "Жаңа атауы" in stale_section(response)
    assert Event.objects.get(pk=event.pk).starts_at == new_start


def test_it_keeps_a_cancellation_made_while_an_edit_was_being_saved(cast):
    """The edit form does not show the status: a save must not write back the one it read."""
    event = make_event(cast)
    read_before = Event.objects.get(pk=event.pk)
    actions.cancel_event(event, by=cast.coordinator, reason="Карантин")

    actions.update_event(read_before, version=read_before.version, title="Жаңа атауы")

    event = Event.objects.get(pk=event.pk)
    assert event.title == "Жаңа атауы" and event.is_cancelled and event.sequence == 2
