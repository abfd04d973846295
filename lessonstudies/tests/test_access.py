"""Who may open what, and the firewall between development and evaluation: the team
sees and writes everything; network readers see that a cycle exists; the school's
director and the network's leader, not on the team, are told the team's pages do not
exist (404), and do not find its research lessons in any list."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lessonstudies.models import Note, ResearchLesson
from lessonstudies.tests.factories import add_pupils, fill_lesson, make_cycle, make_lesson
from observations.models import Lesson
from observations.permissions import lessons_visible_to
from ortaq.testing import api_as, as_user

pytestmark = pytest.mark.django_db


def urls(cast) -> dict[str, list[tuple[str, str]]]:
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    c, n, r = cycle.pk, cast.network.pk, lesson.pk
    read = [
        ("get", reverse("lessonstudies:network", args=[n])),
        ("get", reverse("lessonstudies:cycle", args=[c])),
    ]
    team = [
        ("get", reverse("lessonstudies:pupils", args=[c])),
        ("get", reverse("lessonstudies:schedule", args=[c])),
        ("get", reverse("lessonstudies:compare", args=[c])),
        ("get", reverse("lessonstudies:report", args=[c])),
        ("get", reverse("lessonstudies:report_file", args=[c, "pdf"])),
        ("get", reverse("lessonstudies:lesson", args=[r])),
        ("get", reverse("lessonstudies:sheet", args=[r])),
        ("get", reverse("lessonstudies:discussion", args=[r])),
        ("get", reverse("lessonstudies:interview", args=[r, pupils[0].pk])),
        ("post", reverse("lessonstudies:notes", args=[r])),
        ("post", reverse("lessonstudies:predictions", args=[r])),
        ("get", reverse("observations:lesson", args=[lesson.lesson_id])),
    ]
    edit = [
        ("get", reverse("lessonstudies:edit", args=[c])),
        ("post", reverse("lessonstudies:publish", args=[c])),
    ]
    return {"read": read, "team": team, "edit": edit}


def call(client: Client, method: str, url: str) -> int:
    return int(getattr(client, method)(url).status_code)


def test_it_refuses_outsiders_with_404_everywhere(cast):
    client = as_user(cast.outsider)
    for group in urls(cast).values():
        for method, url in group:
            assert call(client, method, url) == 404, (method, url)


def test_it_sends_visitors_to_sign_in(cast):
    client = Client()
    for group in urls(cast).values():
        for method, url in group:
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("who", ["director", "leader", "coordinator", "methodologist"])
def test_it_keeps_the_teams_work_from_the_director_and_the_leader(cast, who):
    groups = urls(cast)
    client = as_user(getattr(cast, who))
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    for method, url in groups["team"]:
        assert call(client, method, url) == 404, (who, method, url)
    for method, url in groups["edit"]:
        assert call(client, method, url) in (403, 404), (who, method, url)
    cycle_id = Note.objects.select_related("research_lesson")[0].research_lesson.cycle_id
    assert call(client, "get", reverse("lessonstudies:edit", args=[cycle_id])) == 403
    page = client.get(groups["read"][1][1]).content.decode()
    assert "Бақылау:" not in page and "Болжам:" not in page and "Мәтіннің негізгі ойын" not in page


def test_it_lets_the_team_see_and_write_everything(cast):
    groups = urls(cast)
    for person in (cast.coach, cast.teacher):
        client = as_user(person)
        for method, url in groups["read"] + groups["team"]:
            if method == "get":
                assert call(client, method, url) == 200, url
        assert call(client, "get", groups["edit"][0][1]) == 200


def test_it_hides_the_research_lessons_from_lists_for_everyone_but_the_team(cast):
    urls(cast)
    lesson = Lesson.objects.get(research_lesson__isnull=False)
    assert lesson in lessons_visible_to(cast.coach)
    assert lesson in lessons_visible_to(cast.teacher)
    for person in (cast.director, cast.leader, cast.coordinator, cast.methodologist):
        assert lesson not in lessons_visible_to(person), person


def test_it_keeps_notes_out_of_the_person_record_and_the_api(cast):
    urls(cast)
    lesson = Lesson.objects.get(research_lesson__isnull=False)
    # The leader reads the teacher's record (an organiser), without the research lesson.
    record = as_user(cast.leader).get(reverse("portfolios:record", args=[cast.teacher.pk]))
    assert record.status_code == 200
    assert reverse("observations:lesson", args=[lesson.pk]) not in record.content.decode()
    assert (
        reverse("observations:lesson", args=[lesson.pk])
        in as_user(cast.teacher).get(reverse("portfolios:record", args=[cast.teacher.pk])).content.decode()
    )
    api = api_as(cast.leader)
    assert api.get(f"/api/v1/lesson-studies/lessons/{ResearchLesson.objects.get(lesson=lesson).pk}/").status_code == 404
    assert api.get(f"/api/v1/lessons/{lesson.pk}/").status_code == 404
    listed = api.get("/api/v1/lesson-studies/notes/").json()
    assert listed["results"] == [] if isinstance(listed, dict) else listed == []


def test_it_keeps_the_research_lessons_out_of_search_and_goes_with_its_cycle(cast):
    urls(cast)
    lesson = Lesson.objects.get(research_lesson__isnull=False)
    found = as_user(cast.leader).get(reverse("search:results") + "?q=Диалогтық").content.decode()
    assert "/lesson-studies/lessons/" not in found and f"/lessons/{lesson.pk}/" not in found
    Note.objects.get_queryset()[0].research_lesson.cycle.delete()
    assert not Lesson.objects.filter(pk=lesson.pk).exists()


def test_a_published_report_is_read_by_the_network(cast):
    groups = urls(cast)
    cycle_pk = int(groups["read"][1][1].rstrip("/").split("/")[-1])
    assert as_user(cast.coach).post(reverse("lessonstudies:publish", args=[cycle_pk])).status_code == 302
    director = as_user(cast.director)
    assert director.get(reverse("lessonstudies:report", args=[cycle_pk])).status_code == 200
    assert director.get(reverse("lessonstudies:report_file", args=[cycle_pk, "docx"])).status_code == 200
    # The notes and the discussion stay with the team.
    assert director.get(reverse("lessonstudies:compare", args=[cycle_pk])).status_code == 404
    assert director.post(reverse("lessonstudies:report", args=[cycle_pk]), {"conclusions": "x"}).status_code == 403
