"""/api/v1/surveys/ (surveys/api.py): the pages' rules through the API."""

from __future__ import annotations

import pytest

from ortaq.testing import api_as
from surveys.models import Survey
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


def test_it_answers_404_to_an_outsider_and_403_to_those_who_do_not_run_surveys(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    draft = make_survey(cast, library["event-feedback"], send=False)
    calls = [
        ("get", f"/api/v1/surveys/{survey.pk}/"),
        ("get", f"/api/v1/surveys/{survey.pk}/results/"),
        ("post", f"/api/v1/surveys/{draft.pk}/send/"),
    ]
    for method, url in calls:
        response = getattr(api_as(cast.outsider), method)(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json", url
    teacher = api_as(cast.teacher)
    assert teacher.get(calls[0][1]).status_code == 200
    assert teacher.get(calls[1][1]).status_code == 403
    assert teacher.post(calls[2][1]).status_code == 403
    assert not Survey.objects.get(pk=draft.pk).is_sent
    assert api_as(cast.outsider).get("/api/v1/surveys/").json()["results"] == []


def test_it_gives_the_results_with_small_groups_held_back(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    for n in range(6):
        answer(survey, {"useful": 1 + n % 4, "will_use": f"Идея {n}"})
    data = api_as(cast.leader).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert data["respondents"] == 6 and not data["suppressed"]
    useful = next(item for item in data["items"] if item["code"] == "useful")
    assert useful["n"] == 6 and useful["mean"] == pytest.approx(sum(1 + n % 4 for n in range(6)) / 6)
    few = make_survey(cast, library["event-feedback"])
    answer(few, {"useful": 4, "will_use": "Жалғыз жауап"})
    hidden = api_as(cast.leader).get(f"/api/v1/surveys/{few.pk}/results/")
    assert hidden.json()["suppressed"] and "Жалғыз жауап" not in hidden.content.decode()


def test_those_who_run_surveys_send_them(cast, library):
    draft = make_survey(cast, library["event-feedback"], send=False)
    response = api_as(cast.coordinator).post(f"/api/v1/surveys/{draft.pk}/send/")
    assert response.status_code == 200 and response.json()["told"] > 0
    assert Survey.objects.get(pk=draft.pk).is_sent


def test_an_id_too_long_for_any_key_is_not_found(cast):
    client = api_as(cast.leader)
    for url in ("/api/v1/surveys/57478900452141720867703482/", f"/api/v1/networks/{'9' * 30}/members/"):
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json", url
