"""/api/v1/lesson-series/ and its lessons (lessonplans/api.py): the same rules as the
pages — outsiders 404, readers 403 on a change, drafts only to their authors and group
— the version check (409) and If-Match (412), and the DOCX."""

from __future__ import annotations

import io

import pytest
from docx import Document

from lessonplans.models import LessonPlan, Series
from lessonplans.tests.factories import make_series
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def calls(series: Series) -> list[tuple[str, str, dict[str, object]]]:
    lesson = series.lessons.get()
    s = series.pk
    return [
        ("get", f"/api/v1/lesson-series/{s}/", {}),
        ("get", f"/api/v1/lesson-series/{s}/docx/", {}),
        ("get", f"/api/v1/lesson-series/{s}/lessons/", {}),
        ("get", f"/api/v1/lesson-series/{s}/lessons/{lesson.pk}/", {}),
        ("get", f"/api/v1/lesson-series/{s}/lessons/{lesson.pk}/docx/", {}),
        ("patch", f"/api/v1/lesson-series/{s}/", {"title": "Өзгертілген"}),
        ("post", f"/api/v1/lesson-series/{s}/lessons/", {"topic": "Жаңа"}),
        ("patch", f"/api/v1/lesson-series/{s}/lessons/{lesson.pk}/", {"objectives": "Өзгертілген"}),
    ]


def state() -> tuple[object, ...]:
    return (
        set(Series.objects.values_list("title", flat=True)),
        LessonPlan.objects.count(),
        set(LessonPlan.objects.values_list("objectives", flat=True)),
    )


@pytest.mark.parametrize("who", ["outsider", "leader", "methodologist"])
def test_it_answers_404_for_a_draft_to_everyone_but_its_authors_and_group(cast, who):
    series = make_series(cast)
    client = api_as(getattr(cast, who))
    before = state()
    for method, url, data in calls(series):
        assert getattr(client, method)(url, data, format="json").status_code == 404, (who, method, url)
    assert state() == before
    assert client.get("/api/v1/lesson-series/").json()["results"] == []


@pytest.mark.parametrize("who", ["leader", "director", "methodologist"])
def test_it_lets_readers_read_a_published_series_and_refuses_changes(cast, who):
    series = make_series(cast, published=True)
    client = api_as(getattr(cast, who))
    before = state()
    for method, url, data in calls(series):
        expected = 200 if method == "get" else 403
        assert getattr(client, method)(url, data, format="json").status_code == expected, (who, method, url)
    assert state() == before
    assert [row["id"] for row in client.get("/api/v1/lesson-series/").json()["results"]] == [series.pk]


def test_it_answers_404_to_an_outsider_for_a_published_series(cast):
    series = make_series(cast, published=True)
    client = api_as(cast.outsider)
    for method, url, data in calls(series):
        assert getattr(client, method)(url, data, format="json").status_code == 404, (method, url)


def test_it_lets_the_group_change_a_lesson_and_its_stages_with_the_version_check(cast):
    series = make_series(cast)
    lesson = series.lessons.get()
    client = api_as(cast.teacher)
    url = f"/api/v1/lesson-series/{series.pk}/lessons/{lesson.pk}/"
    read = client.get(url)
    assert read.status_code == 200
    body = read.json()
    assert body["objective_codes"] == ["6.1.2.7", "6.1.2.8"] and len(body["stages"]) == 3
    assert body["docx"].endswith(f"/lessons/{lesson.pk}/docx/")
    changed = client.patch(
        url,
        {"version": body["version"], "objective_codes": ["6.1.2.9"], "stages": [{"part": "end", "minutes": 10}]},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["objective_codes"] == ["6.1.2.9"] and len(changed.json()["stages"]) == 1
    stale = client.patch(url, {"version": body["version"], "objectives": "Ескі"}, format="json")
    assert stale.status_code == 409
    tagged = client.patch(url, {"objectives": "Ескі"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert tagged.status_code == 412
    wrong = client.patch(url, {"objective_codes": ["жеті"]}, format="json")
    assert wrong.status_code == 400 and "objective_codes" in wrong.json().get("errors", wrong.json()).__str__()
    assert LessonPlan.objects.get(pk=lesson.pk).objective_codes == ["6.1.2.9"]


def test_it_starts_a_series_and_adds_a_lesson(cast):
    client = api_as(cast.teacher)
    created = client.post(
        "/api/v1/lesson-series/",
        {"network": cast.network.pk, "group": cast.group.pk, "subject": "algebra", "grade": 7, "title": "API топтама",
         "modules": ["assessment"], "author_ids": [cast.coach.pk]},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    series = Series.objects.get(title="API топтама")
    assert set(series.authors.all()) == {cast.teacher, cast.coach} and series.status == "draft"
    lesson = client.post(
        f"/api/v1/lesson-series/{series.pk}/lessons/",
        {"topic": "Бірінші", "objective_codes": ["7.2.1.1"], "stages": [{"part": "beginning", "minutes": 5}]},
        format="json",
    )
    assert lesson.status_code == 201, lesson.json()
    assert lesson.json()["order"] == 1 and lesson.json()["stages"][0]["minutes"] == 5
    refused = api_as(cast.methodologist).post(
        "/api/v1/lesson-series/",
        {"network": cast.network.pk, "subject": "algebra", "grade": 7, "title": "Әдіскердікі"},
        format="json",
    )
    assert refused.status_code == 403


def test_it_gives_the_series_as_a_docx(cast):
    series = make_series(cast, published=True)
    response = api_as(cast.director).get(f"/api/v1/lesson-series/{series.pk}/docx/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert any("Бөлшектерді салыстыру" in cell.text for t in document.tables for r in t.rows for cell in r.cells)
