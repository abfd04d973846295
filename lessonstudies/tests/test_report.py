"""The report as DOCX and PDF, read back in Kazakh; published to the library with the
team as its authors, after which the cycle is done and the network reads the report."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from lessonstudies import actions, documents
from lessonstudies.models import Stage
from lessonstudies.progress import progress_of
from lessonstudies.tests.factories import add_pupils, fill_lesson, make_cycle, make_lesson
from materials.models import Material
from notifications.models import Notice
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def full_cycle(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    actions.save_conclusions(cycle, version=None, conclusions="Жұптағы диалог С оқушысын сөйлетті")
    cycle.refresh_from_db()
    return cycle


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_it_writes_the_report_as_a_word_file_in_kazakh(cast):
    cycle = full_cycle(cast)
    with translation.override("kk"):
        text = docx_text(documents.report_docx(cycle))
    for expected in (
        cycle.theme,
        cycle.question,
        "Бекова Айгүл",  # the team leader
        "Төмен үлгерімді",  # a case pupil's profile
        "Болжам: С 2-тапсырмада үндемейді",
        "Бақылау: С жұбына сұрақ қойды",
        "Бірінші болып сөйлеу",  # an interview
        "Жұптағы диалогқа 5 минут қосу",  # the decisions
        "Жұптағы диалог С оқушысын сөйлетті",  # the conclusions
        "1-зерттеу сабағы",
    ):
        assert expected in text, expected


def test_it_writes_the_report_as_a_pdf_with_the_kazakh_letters(cast):
    cycle = full_cycle(cast)
    with translation.override("kk"):
        content = documents.report_pdf(cycle)
    assert content.startswith(b"%PDF")
    assert b"DejaVuSans" in content
    assert len(content) > 5000


def test_it_publishes_the_report_with_the_team_as_authors(cast):
    cycle = full_cycle(cast)
    response = as_user(cast.teacher).post(reverse("lessonstudies:publish", args=[cycle.pk]))
    assert response.status_code == 302
    cycle.refresh_from_db()
    material = Material.objects.get()
    assert cycle.material == material and cycle.is_published
    assert set(material.authorships.values_list("user_id", flat=True)) == {cast.coach.pk, cast.teacher.pk}
    assert material.current_version is not None and material.current_version.files.count() == 2
    assert cycle.published_at is not None
    assert progress_of(cycle, cycle.published_at.date()).stage == Stage.DONE
    assert Notice.objects.filter(recipient=cast.coach, kind="lessonstudies.published").exists()
    page = as_user(cast.director).get(cycle.get_absolute_url()).content.decode()
    assert material.get_absolute_url() in page
    # Publishing twice keeps one material.
    as_user(cast.teacher).post(reverse("lessonstudies:publish", args=[cycle.pk]))
    assert Material.objects.count() == 1


def test_it_refuses_the_report_to_readers_until_published(cast):
    cycle = full_cycle(cast)
    assert as_user(cast.director).get(reverse("lessonstudies:report", args=[cycle.pk])).status_code == 404
    assert as_user(cast.teacher).get(reverse("lessonstudies:report_file", args=[cycle.pk, "docx"])).status_code == 200
    assert as_user(cast.teacher).get(reverse("lessonstudies:report_file", args=[cycle.pk, "xls"])).status_code == 404
