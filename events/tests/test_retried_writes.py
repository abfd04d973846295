"""An event planned again by a retried send (a phone whose connection dropped) is
planned once, and the retry leads to it (accounts/submissions.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from events.models import Event
from ortaq.testing import as_user, hidden_value, send_twice


def event_data(**changes: str) -> dict[str, str]:
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "kind": "online",
        "title": "Онлайн кездесу",
        "online_url": "https://meet.example.kz/a",
        "date": day.isoformat(),
        "start": "15:00",
        "duration": "60",
        **changes,
    }


def test_it_plans_one_event_of_a_retried_send_and_leads_to_it(cast):
    client = as_user(cast.leader)
    first, again = send_twice(client, reverse("events:create", args=[cast.network.pk]), event_data())
    event = Event.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == event.get_absolute_url()
    assert "This was sent more than once and saved once" in client.get(again["Location"]).content.decode()


def test_it_plans_two_events_of_two_forms(cast):
    client = as_user(cast.leader)
    url = reverse("events:create", args=[cast.network.pk])
    for title in ("Бірінші", "Екінші"):
        key = hidden_value(client.get(url), "submission_key")
        assert client.post(url, {**event_data(title=title), "submission_key": key}).status_code == 302
    assert sorted(Event.objects.values_list("title", flat=True)) == ["Бірінші", "Екінші"]


def test_a_key_another_person_used_does_not_lead_to_their_event(cast):
    url = reverse("events:create", args=[cast.network.pk])
    key = hidden_value(as_user(cast.leader).get(url), "submission_key")
    theirs = as_user(cast.leader).post(url, {**event_data(), "submission_key": key})

    mine = as_user(cast.coordinator).post(url, {**event_data(title="Менікі"), "submission_key": key})

    assert mine["Location"] == Event.objects.get(title="Менікі").get_absolute_url() != theirs["Location"]
