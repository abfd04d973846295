"""Calling off an event or a series, removing a record's file and giving up a place
that goes to the waiting list ask first (issue 15, point 2): the first click shows
what follows and changes nothing; only the confirmation acts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from events import actions
from events.models import Event, EventSeries, Participation
from events.tests.factories import make_event, online_series
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


def test_cancelling_an_event_says_who_is_told_and_keeps_the_reason(cast):
    event = make_event(cast, title="Бетпе-бет кездесу")
    for person in (cast.teacher, cast.coach):
        actions.register(event, person)
    page = asks_first(
        as_user(cast.coordinator),
        reverse("events:cancel", args=[event.pk]),
        lambda: Event.objects.get(pk=event.pk).status,
        data={"reason": "Карантин"},
        shows=["Cancel «Бетпе-бет кездесу» on", "2 people invited or registered are told at once."],
    )
    assert 'value="Карантин"' in page  # what was typed beside the button is on the page, to correct
    assert Event.objects.get(pk=event.pk).cancel_reason == "Карантин"


def test_cancelling_a_series_counts_the_dates_ahead(cast):
    series = online_series(cast)
    ahead = series.occurrences.filter(starts_at__gt=timezone.now(), status=Event.Status.PLANNED).count()
    # The suite runs on any day (conftest.py): late in May no date may be left.
    said = {0: "No dates are ahead", 1: "1 date ahead is called off:"}.get(
        ahead, f"{ahead} dates ahead are called off:"
    )
    asks_first(
        as_user(cast.leader),
        reverse("events:series_cancel", args=[series.pk]),
        lambda: EventSeries.objects.get(pk=series.pk).cancelled_at is not None,
        shows=["Cancel the series «Онлайн сұхбат»?", said, "What already happened"],
    )


def test_giving_up_a_place_that_goes_to_the_waiting_list_asks_first(cast):
    event = make_event(cast, capacity=1)
    actions.register(event, cast.coach)
    actions.register(event, cast.teacher)  # waiting
    asks_first(
        as_user(cast.coach),
        reverse("events:decline", args=[event.pk]),
        lambda: sorted(event.participations.values_list("status", flat=True)),
        data={"reason": "illness"},
        shows=["Give up your place at", "Your place goes at once to the first of the 1 person waiting."],
    )
    assert event.participations.get(user=cast.teacher).status == Participation.Status.REGISTERED


def test_saying_one_cannot_come_acts_at_once_when_no_place_is_lost(cast):
    event = make_event(cast)
    response = as_user(cast.teacher).post(reverse("events:decline", args=[event.pk]), {"reason": "illness"})
    assert response.status_code == 302
    assert event.participations.get(user=cast.teacher).status == Participation.Status.DECLINED
