"""Feedback after an event (seed 003: poor reflection after events): once it has ended,
its organisers ask the participants the shipped three questions in one click — once,
whoever clicks again — and the participants find «give feedback» on its page and a
notice in the notifications centre."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Participation
from notifications.models import Notice
from ortaq.testing import as_user
from surveys import actions
from surveys.models import Audience, InstrumentKind, Survey
from surveys.tests.factories import answer

pytestmark = pytest.mark.django_db


def make_event(cast, *, hours: int) -> Event:
    """An event that ends ``hours`` from now (a negative number: it has ended)."""
    ends = timezone.now() + datetime.timedelta(hours=hours)
    event = Event.objects.create(
        network=cast.network,
        title="Диалогтық оқыту семинары",
        kind="seminar",
        starts_at=ends - datetime.timedelta(hours=2),
        ends_at=ends,
        organiser=cast.coach,
    )
    for person in (cast.teacher, cast.director):
        Participation.objects.create(
            event=event,
            user=person,
            status=Participation.Status.REGISTERED,
            attendance=Participation.Attendance.PRESENT,
        )
    return event


@pytest.fixture
def ended(cast, library):
    return make_event(cast, hours=-1)


def ask(client, event):
    return client.post(reverse("surveys:event_feedback", args=[event.pk]))


def test_an_organiser_asks_for_feedback_in_one_click_and_the_participants_are_told(cast, ended):
    page = as_user(cast.coach).get(ended.get_absolute_url()).content.decode()
    assert "Ask for feedback" in page and reverse("surveys:event_feedback", args=[ended.pk]) in page
    response = ask(as_user(cast.coach), ended)
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert survey.audience == Audience.EVENT and survey.event_id == ended.pk and survey.anonymous
    assert survey.version.instrument.kind == InstrumentKind.EVENT_FEEDBACK and survey.is_open()
    assert survey.closes_at - survey.opens_at == datetime.timedelta(days=actions.FEEDBACK_DAYS)
    told = set(Notice.objects.filter(kind="surveys.new").values_list("recipient_id", flat=True))
    assert told == {cast.teacher.pk, cast.director.pk}


def test_asking_again_leads_to_the_survey_already_made(cast, ended):
    first = ask(as_user(cast.coach), ended)
    again = ask(as_user(cast.leader), ended)
    assert Survey.objects.count() == 1
    assert first["Location"] == again["Location"] == Survey.objects.get().get_absolute_url()
    assert Notice.objects.filter(kind="surveys.new").count() == 2
    page = as_user(cast.coach).get(ended.get_absolute_url()).content.decode()
    assert "Ask for feedback" not in page and "The participants are asked for feedback." in page


def test_the_action_makes_one_survey_however_often_it_is_called(cast, ended):
    survey, made = actions.ask_for_feedback(ended, by=cast.coach)
    again, made_again = actions.ask_for_feedback(ended, by=cast.leader)
    assert made and not made_again and again == survey


def test_feedback_is_not_asked_before_the_event_has_ended_nor_of_a_cancelled_one(cast, library):
    ahead = make_event(cast, hours=1)
    assert "Ask for feedback" not in as_user(cast.coach).get(ahead.get_absolute_url()).content.decode()
    assert ask(as_user(cast.coach), ahead).status_code == 302
    cancelled = make_event(cast, hours=-1)
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    ask(as_user(cast.coach), cancelled)
    assert not Survey.objects.exists()


def test_a_participant_gives_feedback_while_it_is_open(cast, ended, time_machine):
    survey, _made = actions.ask_for_feedback(ended, by=cast.coach)
    client = as_user(cast.teacher)
    page = client.get(ended.get_absolute_url()).content.decode()
    assert "Give feedback" in page and reverse("surveys:answer", args=[survey.pk]) in page
    answer(survey, {"useful": 4, "will_use": "Сұрақтар қоюды"}, user=cast.teacher)
    assert "Give feedback" not in client.get(ended.get_absolute_url()).content.decode()
    time_machine.shift(datetime.timedelta(days=actions.FEEDBACK_DAYS, hours=1))
    assert "Give feedback" not in as_user(cast.director).get(ended.get_absolute_url()).content.decode()


def test_someone_who_did_not_take_part_is_not_offered_feedback(cast, ended):
    actions.ask_for_feedback(ended, by=cast.coach)
    page = as_user(cast.coordinator).get(ended.get_absolute_url()).content.decode()
    assert "Give feedback" not in page


def test_asking_for_feedback_refuses_outsiders_with_404_and_non_organisers_with_403(cast, ended):
    assert ask(as_user(cast.outsider), ended).status_code == 404
    assert ask(as_user(cast.teacher), ended).status_code == 403
    assert ask(as_user(cast.methodologist), ended).status_code == 403
    assert as_user(cast.teacher).get(reverse("surveys:event_feedback", args=[ended.pk])).status_code == 405
    assert not Survey.objects.exists()
    assert ask(as_user(cast.outsider), Event(pk=999999)).status_code == 404


def test_the_event_page_with_its_feedback_reads_few_queries(cast, ended, django_assert_max_num_queries):
    actions.ask_for_feedback(ended, by=cast.coach)
    client = as_user(cast.teacher)
    client.get(ended.get_absolute_url())
    with django_assert_max_num_queries(26):
        client.get(ended.get_absolute_url())


@pytest.mark.any_language
@pytest.mark.parametrize(
    ("language", "organiser", "participant"),
    [
        ("kk", "Кері байланыс сұрау", "Кері байланыс беру"),
        ("ru", "Попросить отзыв", "Оставить отзыв"),
        ("en", "Ask for feedback", "Give feedback"),
    ],
)
def test_the_feedback_buttons_are_in_kazakh_russian_and_english(cast, ended, language, organiser, participant):
    for person in (cast.coach, cast.teacher):
        person.language = language
        person.save(update_fields=["language"])
    with translation.override(language):
        assert organiser in as_user(cast.coach).get(ended.get_absolute_url()).content.decode()
        actions.ask_for_feedback(ended, by=cast.coach)
        assert participant in as_user(cast.teacher).get(ended.get_absolute_url()).content.decode()
