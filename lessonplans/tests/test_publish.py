"""Publishing a series puts it in the network's library as a collection: the whole
medium-term plan as one DOCX material and each lesson's ҚМЖ as a material, in order,
with the authors, the objective codes and a link back; done again, new versions."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from lessonplans.models import Series
from lessonplans.tests.factories import make_lesson, make_series
from materials.models import Material
from notifications.models import Notice
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_it_publishes_the_series_as_a_collection_of_materials(cast):
    series = make_series(cast)
    make_lesson(series, cast, topic="Бөлшектерді қосу")
    response = as_user(cast.teacher).post(reverse("lessonplans:series_publish", args=[series.pk]))
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.status == Series.Status.PUBLISHED and series.published_at is not None
    collection = series.collection
    assert collection is not None
    materials = [item.material for item in collection.items.select_related("material")]
    assert [m.kind for m in materials] == ["medium_term_plan", "lesson_plan", "lesson_plan"]
    assert materials[0] == series.material
    assert [m.title for m in materials[1:]] == ["1. Бөлшектерді салыстыру", "2. Бөлшектерді қосу"]
    assert list(materials[1].objectives.values_list("code", flat=True)) == ["6.1.2.7", "6.1.2.8"]
    assert set(materials[0].authors.all()) >= {cast.coach, cast.teacher}
    assert series.get_absolute_url() in materials[0].description
    assert materials[0].grades == [6] and materials[0].subject == series.subject
    version = materials[1].current_version
    assert version is not None
    stored = version.files.get()
    assert stored.name.endswith(".docx")
    with stored.file.open("rb") as handle:
        text = "\n".join(
            cell.text
            for table in Document(io.BytesIO(handle.read())).tables
            for row in table.rows
            for cell in row.cells
        )
    assert "Бөлшектерді салыстыру" in text and "Сабақтың тақырыбы" in text
    # The network reads the library's collection.
    assert as_user(cast.director).get(collection.get_absolute_url()).status_code == 200


def test_it_publishes_again_as_new_versions_and_adds_new_lessons(cast):
    series = make_series(cast, published=True)
    before = Material.objects.count()
    make_lesson(series, cast, topic="Жаңа сабақ")
    as_user(cast.coach).post(reverse("lessonplans:series_publish", args=[series.pk]))
    series.refresh_from_db()
    assert Material.objects.count() == before + 1
    assert series.material is not None and series.material.versions.count() == 2
    assert series.collection is not None and series.collection.items.count() == 3


def test_it_refuses_to_publish_a_series_without_lessons(cast):
    series = make_series(cast)
    series.lessons.all().delete()
    response = as_user(cast.coach).post(reverse("lessonplans:series_publish", args=[series.pk]))
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.status == "draft" and series.collection is None


def test_it_tells_the_group_and_the_organisers_once_when_first_published(cast):
    series = make_series(cast)
    as_user(cast.coach).post(reverse("lessonplans:series_publish", args=[series.pk]))
    told = set(Notice.objects.filter(kind="lessonplans.published").values_list("recipient__email", flat=True))
    assert told == {cast.teacher.email, cast.leader.email, cast.coordinator.email}  # not the one who published
    as_user(cast.coach).post(reverse("lessonplans:series_publish", args=[series.pk]))
    assert Notice.objects.filter(kind="lessonplans.published").count() == 3


def test_it_tells_a_person_added_as_an_author(cast):
    from lessonplans import actions

    series = make_series(cast)
    actions.save_series(series, version=None, by=cast.coach, authors=[cast.coach, cast.director])
    notice = Notice.objects.get(kind="lessonplans.author")
    assert notice.recipient == cast.director and notice.url == series.get_absolute_url()
    actions.save_series(series, version=None, by=cast.coach, authors=[cast.coach, cast.director])
    assert Notice.objects.filter(kind="lessonplans.author").count() == 1
