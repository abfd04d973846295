"""Answering on a phone: one section per screen, saved on each, resumed from the same
address, conditions shown by drawing the page again, nothing typed lost, a language
switch keeping the answers, and a Submit sent twice making one response."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from accounts.models import SubmissionKey
from ortaq.testing import as_user
from surveys import actions
from surveys.models import Draft, Receipt, Response, Survey
from surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db

FEEDBACK = {"q-useful": "4", "q-will_use": "Кері байланыс беру", "q-improve": ""}


def screen_of(response: Any) -> int:
    found = re.search(r'name="screen" value="(\d+)"', response.content.decode())
    assert found, response.content.decode()[:2000]
    return int(found[1])


def shown(response: Any) -> list[str]:
    """The questions the page showed, as its form sends them back."""
    return re.findall(r'name="shown" value="([^"]+)"', response.content.decode())


def step(client: Client, url: str, data: dict[str, Any], go: str = "next") -> Any:
    """Opens the current screen and sends it, as the browser does."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**data, "screen": screen_of(page), "go": go, "shown": shown(page)})


def test_a_teacher_answers_an_anonymous_survey_screen_by_screen(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    intro = client.get(url)
    assert "Your answers are anonymous" in intro.content.decode()
    assert step(client, url, {}).status_code == 302  # the promise read, the questions next
    sent = step(client, url, FEEDBACK, go="send")
    assert sent.status_code == 302 and sent["Location"] == reverse("surveys:done", args=[survey.pk])
    response = Response.objects.get(survey=survey)
    assert response.user_id is None and response.school_id is None and response.role == ""
    assert {a.item.code: a.value for a in response.answers.select_related("item")} == {
        "useful": 4.0,
        "will_use": "Кері байланыс беру",
    }
    assert Receipt.objects.filter(survey=survey, user=cast.teacher).exists()
    assert not Draft.objects.exists()
    assert not SubmissionKey.objects.filter(user=cast.teacher).exists()  # it would tie the person to the moment
    # Answered: the address leads to the thanks, and nothing more is taken.
    assert client.get(url)["Location"] == reverse("surveys:done", args=[survey.pk])
    assert client.post(url, {**FEEDBACK, "screen": 1, "go": "send"}).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_send_pressed_twice_makes_one_response(cast, library):
    survey = make_survey(cast, library["event-feedback"], anonymous=False)
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    step(client, url, {})
    page = client.get(url)
    found = re.search(r'name="submission_key" value="([^"]+)"', page.content.decode())
    assert found
    key = found[1]
    data = {**FEEDBACK, "screen": screen_of(page), "go": "send", "submission_key": key, "shown": shown(page)}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    response = Response.objects.get(survey=survey)
    assert response.user == cast.teacher and response.school == cast.attached_school and response.role == "teacher"


def test_a_refused_screen_keeps_every_answer(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    step(client, url, {})
    page = step(client, url, {"q-will_use": "Жоба әдісі", "q-improve": "Уақыт аз болды"}, go="send")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Please answer this question." in html
    assert "Жоба әдісі" in html and "Уақыт аз болды" in html
    assert not Response.objects.exists()
    # What was typed is saved in the draft, too.
    assert Draft.objects.get(survey=survey).answers["will_use"] == "Жоба әдісі"


def test_a_condition_shows_its_question_by_drawing_the_page_again(cast, library):
    survey = make_survey(cast, library["needs-assessment"])
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    step(client, url, {})
    step(client, url, {"q-school": str(cast.attached_school.pk), "q-role": "teacher"})
    rows = {f"q-need_{area}": "3" for area in ("assessment", "dialogue", "inclusion", "curriculum", "ict")}
    rows |= {f"q-need_{area}": "2" for area in ("parents", "mentoring", "research", "differentiation", "reflection")}
    step(client, url, rows)
    page = client.get(url)
    assert "What else gets in the way?" not in page.content.decode()
    again = client.post(
        url, {"screen": screen_of(page), "go": "send", "q-barriers": ["time", "other"], "shown": shown(page)}
    )
    assert again.status_code == 200
    assert "What else gets in the way?" in again.content.decode()
    assert "Your answer opened more questions below." in again.content.decode()
    assert not Response.objects.exists()
    done = client.post(
        url,
        {
            "screen": screen_of(page),
            "go": "send",
            "q-barriers": ["time", "other"],
            "q-barrier_other": "Жол алыс",
            "shown": shown(again),
        },
    )
    assert done.status_code == 302
    answers = {a.item.code: a.value for a in Response.objects.get().answers.select_related("item")}
    assert answers["barrier_other"] == "Жол алыс" and answers["barriers"] == ["time", "other"]
    assert answers["need_ict"] == 3.0


def test_a_language_switch_keeps_the_answers(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    step(client, url, {})
    page = client.get(url)
    switched = client.post(
        url, {"screen": screen_of(page), "q-useful": "3", "q-will_use": "Топтық жұмыс", "language": "ru"}
    )
    assert switched.status_code == 302
    russian = client.get(switched["Location"]).content.decode()
    assert "Насколько мероприятие полезно для вашей работы?" in russian
    assert "Топтық жұмыс" in russian
    assert re.search(r'value="3" checked', russian)


def test_a_parent_answers_through_a_printed_link_without_an_account(cast, library):
    survey = make_survey(cast, library["parents-engagement"], audience="link")
    link = actions.create_links(survey, count=2, single_use=True)[0]
    parent = Client()
    url = link.get_absolute_url()
    intro = parent.get(url)
    assert intro.status_code == 200 and "You need no account." in intro.content.decode()
    step(parent, url, {})
    # Half answered, the phone is put away; the same link resumes where it stopped.
    page = parent.get(url)
    parent.post(url, {"screen": screen_of(page), "go": "next", "q-grade": "7", "q-pa_glad": "2"})
    elsewhere = Client().get(url)
    assert 'value="7"' in elsewhere.content.decode()
    rows = {"q-pa_glad": "2", "q-pa_tells": "3", "q-pa_homework": "2", "q-pa_lost": "3"}
    rows |= {"q-pa_informed": "3", "q-pa_heard": "2", "q-grade": "7"}
    sent = parent.post(url, {**rows, "screen": screen_of(page), "go": "send", "shown": shown(page)})
    assert sent.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1
    link.refresh_from_db()
    assert link.used
    assert Client().get(url).status_code == 410


def test_a_screen_is_light(cast, library):
    survey = make_survey(cast, library["teacher-questionnaire"], anonymous=False)
    client = as_user(cast.teacher)
    url = reverse("surveys:answer", args=[survey.pk])
    step(client, url, {})
    Draft.objects.filter(survey=survey, user=cast.teacher).update(screen=4)
    page = client.get(f"{url}?screen=4")  # the widest screen: nine statements on one scale
    html = page.content.decode()
    assert "se_think" in html
    assert len(page.content) < 30_000, len(page.content)
    # One small script, cached after the first screen: the answers kept on the device.
    assert re.findall(r"<script[^>]*>", html) == [f'<script src="{static("surveys/device_draft.js")}" defer>']
    script = finders.find("surveys/device_draft.js")
    assert isinstance(script, str) and Path(script).stat().st_size < 5_000


def test_someone_outside_the_audience_cannot_answer(cast, library):
    survey = make_survey(cast, library["event-feedback"], audience="group", group=cast.group)
    url = reverse("surveys:answer", args=[survey.pk])
    assert as_user(cast.director).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.teacher).get(url).status_code == 200


def test_a_sent_surveys_questions_are_read_once_per_process(cast, library, django_assert_num_queries):
    from surveys.answering import Questionnaire

    sent = make_survey(cast, library["teacher-questionnaire"])
    first = Questionnaire.of(Survey.objects.get(pk=sent.pk))
    fresh = Survey.objects.get(pk=sent.pk)
    with django_assert_num_queries(1):  # the version, to know it is still the frozen one
        again = Questionnaire.of(fresh)
    assert again is first
    # A version not yet frozen is read as it is now: its questions may still change.
    draft = actions.editable_version(library["parents-engagement"])
    unsent = Survey(version=draft)
    item = Questionnaire.of(unsent).by_code["grade"]
    item.required = not item.required
    item.save()
    assert Questionnaire.of(unsent).by_code["grade"].required == item.required
