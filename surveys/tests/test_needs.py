"""Needs → plan: the needs assessment ranked for the network and each school (nothing
of a school under five), the events of the work plan that say which need they serve,
and the network's home showing what nothing planned serves yet."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from networks.models import NetworkSchool, Role
from networks.tests.factories import member
from ortaq.testing import api_as, as_user
from schools.tests.factories import SchoolFactory
from surveys import actions, needs
from surveys.models import NeedServed
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db

AREAS = {
    "assessment": "need_assessment",
    "dialogic": "need_dialogue",
    "inclusive": "need_inclusion",
    "curriculum": "need_curriculum",
    "ict": "need_ict",
    "parents": "need_parents",
    "mentoring": "need_mentoring",
    "research": "need_research",
    "differentiation": "need_differentiation",
    "reflection": "need_reflection",
}


def needs_answers(school: Any, **scores: int) -> dict[str, Any]:
    """A respondent of the school: 2 in every area unless given (by the area's key)."""
    values: dict[str, Any] = {"school": str(school.pk), "role": "teacher"}
    for area, code in AREAS.items():
        values[code] = scores.get(area, 2)
    return values


def answer_many(survey: Any, school: Any, rows: list[dict[str, int]]) -> None:
    for scores in rows:
        answer(survey, needs_answers(school, **scores))


def add_school(cast: Any, name: str) -> Any:
    school: Any = SchoolFactory(name=name)
    NetworkSchool.objects.create(network=cast.network, school_id=school.pk, role=NetworkSchool.Role.ATTACHED)
    return school


def make_event(cast: Any, *, days: int, title: str = "Семинар") -> Event:
    starts = timezone.now() + datetime.timedelta(days=days)
    ends = starts + datetime.timedelta(hours=2)
    return Event.objects.create(network=cast.network, title=title, kind="seminar", starts_at=starts, ends_at=ends)


@pytest.fixture
def assessed(cast, library):
    """The network's needs assessment: the leading school (6) needs criteria-based
    assessment most, the attached school (5) ICT; both 1 in inclusive teaching."""
    survey = make_survey(cast, library["needs-assessment"])
    answer_many(
        survey,
        cast.leading_school,
        [{"assessment": 4, "ict": 2, "inclusive": 1}] * 4 + [{"assessment": 3, "ict": 3, "inclusive": 1}] * 2,
    )
    answer_many(survey, cast.attached_school, [{"assessment": 2, "ict": 4, "inclusive": 1}] * 5)
    return survey


def test_it_ranks_the_needs_of_the_network_and_of_each_school_from_the_answers(cast, assessed):
    report = needs.report(cast.network)
    overall = report.overall
    assert overall.n == 11 and not overall.suppressed
    scores = {need.key: need for need in overall.needs}
    # (4·4 + 3·2 + 2·5) / 11 and (2·4 + 3·2 + 4·5) / 11
    assert scores["assessment"].score == pytest.approx(32 / 11)
    assert scores["ict"].score == pytest.approx(34 / 11)
    assert scores["inclusive"].score == pytest.approx(1.0)
    assert [need.key for need in overall.needs[:2]] == ["ict", "assessment"]
    assert overall.needs[-1].key == "inclusive" and overall.needs[-1].rank == 10
    assert scores["ict"].n == 11 and scores["ict"].name == "ICT"
    leading = report.school(cast.leading_school.pk)
    attached = report.school(cast.attached_school.pk)
    assert leading is not None and attached is not None
    assert (leading.n, attached.n) == (6, 5)
    assert leading.needs[0].key == "assessment" and leading.needs[0].score == pytest.approx(22 / 6)
    assert attached.needs[0].key == "ict" and attached.needs[0].score == pytest.approx(4.0)


def test_a_school_surveyed_again_counts_with_its_latest_answers_only(cast, library, assessed):
    again = make_survey(cast, library["needs-assessment"], wave="again")
    answer_many(again, cast.attached_school, [{"parents": 4}] * 5)
    report = needs.report(cast.network)
    attached = report.school(cast.attached_school.pk)
    assert attached is not None and attached.needs[0].key == "parents"
    assert report.school(cast.leading_school.pk).needs[0].key == "assessment"  # type: ignore[union-attr]
    assert report.overall.n == 11
    assert {survey.pk for survey in report.surveys} == {assessed.pk, again.pk}


def test_nothing_of_a_school_under_five_is_shown_nor_of_the_next_smallest(cast, library, assessed):
    small = add_school(cast, "№3 мектеп")
    answer_many(assessed, small, [{"parents": 4}] * 3)
    report = needs.report(cast.network)
    rows = {row.school_id: row for row in report.schools}
    assert rows[small.pk].suppressed and rows[small.pk].needs == [] and rows[small.pk].n == 3
    assert "Fewer than five answered here" in rows[small.pk].why_suppressed
    # The attached school (5) would give the small one away as the network less the others.
    assert rows[cast.attached_school.pk].suppressed and rows[cast.attached_school.pk].needs == []
    assert "Held back" in rows[cast.attached_school.pk].why_suppressed
    assert not rows[cast.leading_school.pk].suppressed
    assert report.overall.n == 14 and report.overall.needs


def test_under_five_in_all_nothing_is_ranked(cast, library):
    survey = make_survey(cast, library["needs-assessment"])
    answer_many(survey, cast.attached_school, [{"ict": 4}] * 4)
    report = needs.report(cast.network)
    assert report.overall.suppressed and report.overall.needs == []
    assert all(row.suppressed for row in report.schools)
    assert needs.unserved(report) == []


def test_a_survey_not_yet_sent_counts_for_nothing(cast, library):
    make_survey(cast, library["needs-assessment"], send=False)
    report = needs.report(cast.network)
    assert not report.has_answers and report.surveys == []


# --- The page -----------------------------------------------------------------------------------


def test_the_needs_page_shows_the_ranked_lists_with_n_the_score_and_the_events(cast, assessed):
    event = make_event(cast, days=10, title="АКТ семинары")
    actions.serve_needs(event, ["ict"])
    response = as_user(cast.leader).get(reverse("surveys:needs", args=[cast.network.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The whole network «Шуақ»" in html and "11 respondents" in html
    assert html.index("ICT") < html.index("Criteria-based assessment") < html.index("Inclusive teaching")
    assert "3.09" in html and "АКТ семинары" in html and "nothing planned" in html
    assert cast.attached_school.name in html and 'class="stack-on-phone"' in html


def test_the_school_filter_shows_one_school(cast, assessed):
    url = reverse("surveys:needs", args=[cast.network.pk])
    html = as_user(cast.leader).get(url, {"school": cast.attached_school.pk}).content.decode()
    assert "The whole network" not in html
    assert f'<h2 id="needs-1">{cast.attached_school.name}</h2>' in html
    assert "4.00" in html


def test_a_suppressed_school_is_named_with_the_reason(cast, library, assessed):
    small = add_school(cast, "№3 мектеп")
    answer_many(assessed, small, [{"parents": 4}] * 3)
    html = as_user(cast.leader).get(reverse("surveys:needs", args=[cast.network.pk])).content.decode()
    assert "№3 мектеп" in html and "Fewer than five answered here" in html


def test_the_needs_page_without_an_assessment_says_how_to_start(cast, library):
    html = as_user(cast.leader).get(reverse("surveys:needs", args=[cast.network.pk])).content.decode()
    assert "No answers to a needs assessment yet" in html


def test_the_needs_page_refuses_outsiders_with_404_and_read_only_members_with_403(cast, assessed):
    url = reverse("surveys:needs", args=[cast.network.pk])
    assert as_user(cast.outsider).get(url).status_code == 404
    for person in (cast.teacher, cast.director, cast.coach):
        assert as_user(person).get(url).status_code == 403
    for person in (cast.leader, cast.coordinator):
        assert as_user(person).get(url).status_code == 200
    assert as_user(cast.outsider).get(reverse("surveys:needs", args=[999999])).status_code == 404


def queries_of(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_needs_page_reads_a_constant_number_of_queries(cast, library, assessed, django_assert_num_queries):
    client = as_user(cast.leader)
    url = reverse("surveys:needs", args=[cast.network.pk])
    client.get(url)
    few = queries_of(client, url)
    assert few <= 14
    for n in range(4):
        school = add_school(cast, f"№{n + 10} мектеп")
        answer_many(assessed, school, [{"research": 4}] * 5)
        actions.serve_needs(make_event(cast, days=5 + n), ["research", "ict"])
    with django_assert_num_queries(few):
        client.get(url)


# --- Events say which need they serve -----------------------------------------------------------


def event_post(**changes: Any) -> dict[str, Any]:
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


def test_an_organiser_ticks_the_needs_an_event_serves_when_planning_it(cast, assessed):
    client = as_user(cast.leader)
    url = reverse("events:create", args=[cast.network.pk])
    form = client.get(url).content.decode()
    assert 'name="needs-needs"' in form and "Criteria-based assessment" in form
    response = client.post(url, event_post(**{"needs-needs": ["ict", "assessment"]}))
    assert response.status_code == 302
    event = Event.objects.get()
    assert sorted(needs.needs_of(event)) == ["assessment", "ict"]
    assert NeedServed.objects.filter(event=event, network=cast.network).count() == 2


def test_the_event_form_keeps_the_ticked_needs_on_a_validation_error(cast, assessed):
    client = as_user(cast.leader)
    url = reverse("events:create", args=[cast.network.pk])
    response = client.post(url, event_post(title="", **{"needs-needs": ["ict"]}))
    html = response.content.decode()
    assert response.status_code == 200 and not Event.objects.exists()
    assert 'value="ict" id="id_needs-needs_4" checked' in html or ('value="ict"' in html and "checked" in html)
    ticked = [line for line in html.splitlines() if 'name="needs-needs"' in line and "checked" in line]
    assert len(ticked) == 1 and 'value="ict"' in ticked[0]


def test_editing_an_event_changes_the_needs_it_serves(cast, assessed):
    event = make_event(cast, days=10)
    actions.serve_needs(event, ["ict", "parents"])
    client = as_user(cast.leader)
    url = reverse("events:edit", args=[event.pk])
    page = client.get(url).content.decode()
    assert page.count("checked") >= 2
    data = event_post(title="Семинар", kind="seminar", online_url="", location="№7 мектеп", version=event.version)
    response = client.post(url, {**data, "needs-needs": ["parents", "reflection"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted(needs.needs_of(event)) == ["parents", "reflection"]


def test_a_network_without_a_needs_assessment_shows_no_needs_on_the_event_form(cast, library):
    html = as_user(cast.leader).get(reverse("events:create", args=[cast.network.pk])).content.decode()
    assert "needs-needs" not in html


def test_the_event_page_names_the_needs_it_serves(cast, assessed):
    event = make_event(cast, days=3)
    actions.serve_needs(event, ["dialogic"])
    html = as_user(cast.teacher).get(event.get_absolute_url()).content.decode()
    assert "Needs it serves" in html and "Dialogic teaching" in html


# --- The network's home ----------------------------------------------------------------------


def test_the_network_home_shows_the_needs_nothing_planned_serves(cast, assessed):
    actions.serve_needs(make_event(cast, days=10), ["ict"])
    # A past event and a cancelled one serve nothing any more.
    actions.serve_needs(make_event(cast, days=-10), ["assessment"])
    cancelled = make_event(cast, days=12)
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    actions.serve_needs(cancelled, ["parents"])
    html = as_user(cast.leader).get(cast.network.get_absolute_url()).content.decode()
    start = html.index("Needs nothing planned serves yet")
    panel = html[start : html.index("</section>", start)]
    assert "Criteria-based assessment" in panel and "Working with parents" in panel
    assert "ICT" not in panel
    assert reverse("surveys:needs", args=[cast.network.pk]) in panel


def test_only_those_who_read_survey_results_see_the_unserved_needs(cast, assessed):
    for person in (cast.teacher, cast.director, cast.methodologist):
        html = as_user(person).get(cast.network.get_absolute_url()).content.decode()
        assert "Needs nothing planned serves yet" not in html


def test_the_network_home_with_the_needs_panel_reads_a_constant_number_of_queries(
    cast, library, assessed, django_assert_num_queries
):
    client = as_user(cast.leader)
    url = cast.network.get_absolute_url()
    client.get(url)
    few = queries_of(client, url)
    # The page's own (session, person, access, indicators kept, join requests, the bell,
    # groups), the needs panel's seven (the development plans' goals among them) and the
    # mentoring panel's one.
    assert few <= 15
    for n in range(3):
        school = add_school(cast, f"№{n + 20} мектеп")
        member(cast.network, Role.TEACHER, school=school)
        answer_many(assessed, school, [{"mentoring": 4}] * 5)
        actions.serve_needs(make_event(cast, days=5 + n), ["mentoring"])
    client.get(url)  # the network's indicators are counted again once, then kept
    with django_assert_num_queries(few):
        client.get(url)


# --- The API -------------------------------------------------------------------------------------


def test_the_api_gives_the_ranked_needs_with_the_events_that_serve_them(cast, library, assessed):
    small = add_school(cast, "№3 мектеп")
    answer_many(assessed, small, [{"parents": 4}] * 3)
    event = make_event(cast, days=10, title="АКТ семинары")
    actions.serve_needs(event, ["ict"])
    data = api_as(cast.leader).get(f"/api/v1/networks/{cast.network.pk}/needs/").json()
    assert data["surveys"] == [assessed.pk]
    network = data["network"]
    assert network["n"] == 14 and not network["suppressed"] and network["school"] is None
    ict = next(need for need in network["needs"] if need["key"] == "ict")
    assert ict["n"] == 14 and ict["planned_events"] == [
        {"id": event.pk, "title": "АКТ семинары", "starts_at": timezone.localtime(event.starts_at).isoformat()}
    ]
    rows = {row["school"]: row for row in data["schools"]}
    assert rows[small.pk]["suppressed"] and rows[small.pk]["needs"] == [] and rows[small.pk]["why_suppressed"]
    assert rows[cast.leading_school.pk]["needs"][0]["key"] == "assessment"
    one = api_as(cast.leader).get(f"/api/v1/networks/{cast.network.pk}/needs/", {"school": small.pk}).json()
    assert [row["school"] for row in one["schools"]] == [small.pk]


def test_the_api_lists_the_needs_events_serve(cast, assessed):
    event = make_event(cast, days=10, title="АКТ семинары")
    actions.serve_needs(event, ["ict", "parents"])
    data = api_as(cast.teacher).get(f"/api/v1/networks/{cast.network.pk}/needs-served/").json()
    assert sorted((row["need"], row["event"]) for row in data["results"]) == [("ict", event.pk), ("parents", event.pk)]
    assert data["results"][0]["event_title"] == "АКТ семинары"


def test_the_needs_api_refuses_outsiders_with_404_and_read_only_members_with_403(cast, assessed):
    needs_url = f"/api/v1/networks/{cast.network.pk}/needs/"
    served_url = f"/api/v1/networks/{cast.network.pk}/needs-served/"
    for url in (needs_url, served_url):
        response = api_as(cast.outsider).get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json", url
    assert api_as(cast.teacher).get(needs_url).status_code == 403
    assert api_as(cast.leader).get(needs_url).status_code == 200
    assert api_as(None).get(needs_url).status_code == 401


@pytest.mark.any_language
@pytest.mark.parametrize(
    ("language", "heading", "filter_label"),
    [
        ("kk", "Жоспарда әлі ешнәрсе қызмет етпейтін қажеттіліктер", "Мектеп"),
        ("ru", "Потребности, которым пока не служит ничто из запланированного", "Школа"),
        ("en", "Needs nothing planned serves yet", "School"),
    ],
)
def test_the_needs_words_are_in_kazakh_russian_and_english(cast, assessed, language, heading, filter_label):
    cast.leader.language = language
    cast.leader.save(update_fields=["language"])
    client = as_user(cast.leader)
    with translation.override(language):
        home = client.get(cast.network.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        page = client.get(
            reverse("surveys:needs", args=[cast.network.pk]), HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
    assert heading in home
    assert f'<label for="school">{filter_label}</label>' in page


def test_the_networks_surveys_page_leads_to_the_needs_and_keeps_its_questionnaires_out_of_the_title(cast, library):
    url = reverse("surveys:needs", args=[cast.network.pk])
    html = as_user(cast.leader).get(reverse("surveys:network", args=[cast.network.pk])).content.decode()
    assert url in html
    title = html[html.index("<title>") : html.index("</title>")]
    assert "<section" not in title and "SurveyJS" in html[html.index("</title>") :]
    assert url not in as_user(cast.teacher).get(reverse("surveys:network", args=[cast.network.pk])).content.decode()
