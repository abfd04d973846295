"""/api/v1/lesson-studies/: the same rules as the pages, through the API."""

from __future__ import annotations

import uuid

import pytest

from lessonstudies.models import Cycle, Note
from lessonstudies.tests.factories import add_pupils, fill_lesson, make_cycle, make_lesson
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def setup(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    return cycle, pupils, lesson


def test_it_lists_and_reads_cycles_for_network_readers_with_steps_for_the_team_only(cast):
    cycle, _pupils, _lesson = setup(cast)
    listed = api_as(cast.director).get("/api/v1/lesson-studies/")
    assert listed.status_code == 200 and [row["id"] for row in listed.json()["results"]] == [cycle.pk]
    read = api_as(cast.director).get(f"/api/v1/lesson-studies/{cycle.pk}/").json()
    assert read["theme"] == cycle.theme and read["steps"] == [] and read["stage"] == "planning"
    assert api_as(cast.teacher).get(f"/api/v1/lesson-studies/{cycle.pk}/").json()["steps"]
    assert api_as(cast.outsider).get(f"/api/v1/lesson-studies/{cycle.pk}/").status_code == 404


def test_it_starts_and_changes_a_cycle_with_if_match(cast):
    client = api_as(cast.teacher)
    created = client.post(
        "/api/v1/lesson-studies/",
        {"network": cast.network.pk, "theme": "Бағалау", "question": "Қалай?", "grade": 8, "team_ids": [cast.coach.pk]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert Cycle.objects.get(pk=pk).leader == cast.teacher
    read = client.get(f"/api/v1/lesson-studies/{pk}/")
    tag = read["ETag"]
    changed = client.patch(
        f"/api/v1/lesson-studies/{pk}/", {"theme": "Оқыту үшін бағалау"}, format="json", HTTP_IF_MATCH=tag
    )
    assert changed.status_code == 200 and changed.json()["theme"] == "Оқыту үшін бағалау"
    stale = client.patch(f"/api/v1/lesson-studies/{pk}/", {"theme": "Ескі"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    assert (
        api_as(cast.director).patch(f"/api/v1/lesson-studies/{pk}/", {"theme": "x"}, format="json").status_code == 403
    )
    refused = api_as(cast.methodologist).post(
        "/api/v1/lesson-studies/",
        {"network": cast.network.pk, "theme": "x", "question": "y", "grade": 1},
        format="json",
    )
    assert refused.status_code == 403


def test_a_note_posted_twice_is_kept_once_and_only_the_team_posts(cast):
    _cycle, pupils, lesson = setup(cast)
    body = {
        "research_lesson": lesson.pk,
        "pupil": pupils[2].pk,
        "text": "Қолын көтерді",
        "client_id": str(uuid.uuid4()),
    }
    client = api_as(cast.teacher)
    first = client.post("/api/v1/lesson-studies/notes/", body, format="json")
    second = client.post("/api/v1/lesson-studies/notes/", body, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert Note.objects.filter(client_id=body["client_id"]).count() == 1
    for person in (cast.director, cast.leader, cast.outsider):
        other = body | {"client_id": str(uuid.uuid4())}
        assert api_as(person).post("/api/v1/lesson-studies/notes/", other, format="json").status_code == 404
        assert api_as(person).get("/api/v1/lesson-studies/notes/").json()["results"] == []
        assert api_as(person).get("/api/v1/lesson-studies/lessons/").json()["results"] == []


def test_it_gives_the_comparison_to_the_team_only(cast):
    cycle, _pupils, _lesson = setup(cast)
    rows = api_as(cast.coach).get(f"/api/v1/lesson-studies/{cycle.pk}/comparison/")
    assert rows.status_code == 200 and len(rows.json()) == 9
    assert rows.json()[0]["cells"][0]["prediction"].startswith("Болжам")
    assert api_as(cast.director).get(f"/api/v1/lesson-studies/{cycle.pk}/comparison/").status_code == 404
