"""Sending a survey tells its audience; reminders reach only those without a receipt,
once a day whoever runs the command at the same time, and never say who answered."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notice
from ortaq.testing import as_user, run_at_once, send_twice
from surveys import actions
from surveys.models import Draft, Reminder, Survey
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


def test_sending_freezes_the_questionnaire_and_tells_the_audience(cast, library):
    survey = make_survey(cast, library["event-feedback"], audience="group", group=cast.group, send=False)
    assert not survey.version.is_frozen
    client = as_user(cast.leader)
    assert client.post(reverse("surveys:send", args=[survey.pk])).status_code == 302
    survey.refresh_from_db()
    assert survey.is_sent and survey.version.is_frozen
    told = set(Notice.objects.filter(kind="surveys.new").values_list("recipient_id", flat=True))
    assert told == {cast.coach.pk, cast.teacher.pk}  # the group's members, nobody else


def test_reminders_go_to_those_who_have_not_answered(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    answer(survey, {"useful": 4}, user=cast.teacher)
    assert actions.remind(survey) > 0
    reminded = set(Notice.objects.filter(kind="surveys.reminder").values_list("recipient_id", flat=True))
    assert cast.teacher.pk not in reminded and cast.coach.pk in reminded
    notice = Notice.objects.filter(kind="surveys.reminder").first()
    assert notice is not None
    assert cast.teacher.full_name not in notice.title + notice.excerpt
    assert actions.remind(survey) == 0  # once a day


@pytest.mark.django_db(transaction=True)
def test_the_command_is_safe_to_run_twice_at_once(cast, library):
    from surveys.shipped import load_library

    instruments = {i.code: i for i, _changed in load_library()}
    survey = make_survey(cast, instruments["event-feedback"])
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + datetime.timedelta(days=2))
    errors = run_at_once(lambda: call_command("send_survey_reminders", stdout=io.StringIO()))
    assert errors == []
    assert Reminder.objects.filter(survey=survey).count() == 1
    per_person = Notice.objects.filter(kind="surveys.reminder").values_list("recipient_id", flat=True)
    assert len(per_person) == len(set(per_person)) > 0


def test_a_survey_created_twice_by_a_retry_is_created_once(cast, library):
    client = as_user(cast.leader)
    page = reverse("surveys:create", args=[cast.network.pk])
    today = timezone.localdate()
    data = {
        "instrument": library["needs-assessment"].pk,
        "title": "Қажеттіліктер",
        "audience": "schools",
        "schools": [cast.attached_school.pk],
        "anonymous": "on",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
    }
    first, second = send_twice(client, page, data)
    assert first.status_code == second.status_code == 302
    assert Survey.objects.filter(title="Қажеттіліктер").count() == 1


def test_a_refused_form_keeps_what_was_typed(cast, library):
    client = as_user(cast.leader)
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:create", args=[cast.network.pk]),
        {"instrument": library["needs-assessment"].pk, "title": "Күзгі сауалнама", "audience": "schools",
         "opens_on": today.isoformat(), "closes_on": (today - datetime.timedelta(days=1)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Күзгі сауалнама" in html and "Choose the schools." in html and "A survey must close after it opens." in html


def test_drafts_of_closed_surveys_are_pruned(cast, library):
    open_survey = make_survey(cast, library["event-feedback"])
    closed = make_survey(cast, library["event-feedback"])
    kept = actions.start_draft(open_survey)
    actions.start_draft(closed)
    Survey.objects.filter(pk=closed.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    assert actions.prune_drafts() == 1
    assert list(Draft.objects.all()) == [kept]
