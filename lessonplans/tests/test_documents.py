"""The ҚМЖ as DOCX and PDF, read back: the header table, the stages table and the
closing tables carry the lesson's Kazakh text under the usual Kazakh headings; the
series is one DOCX with a lesson a page; the language is the page's."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from lessonplans.tests.factories import make_lesson, make_series
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def cells(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def flat(document) -> str:
    return "\n".join(" | ".join(row) for row in cells(document))


def test_it_writes_a_lesson_in_the_usual_kazakh_table_layout(cast):
    series = make_series(cast)
    lesson = series.lessons.get()
    response = as_user(cast.coach).get(reverse("lessonplans:lesson_file", args=[lesson.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    rows = cells(document)
    header = {row[0]: row[-1] for row in rows if len(set(row)) == 2}
    assert header["Бөлім"] == "Жай бөлшектер"
    assert header["Педагогтің аты-жөні"] == cast.teacher.full_name
    assert header["Сабақтың тақырыбы"] == "Бөлшектерді салыстыру"
    assert header["Оқу бағдарламасына сәйкес оқу мақсаттары"] == "6.1.2.7, 6.1.2.8"
    assert header["Бағалау критерийлері"] == "Ортақ бөлімге келтіреді; бөлшектерді салыстырады"
    assert "Сынып" in rows[3] and "6 «Ә»" in rows[3] and "Қатысқандар саны" in rows[3]
    stage_header = ["Сабақтың кезеңі / уақыты", "Педагогтің әрекеті", "Оқушының әрекеті", "Бағалау", "Ресурстар"]
    assert stage_header in rows
    middle = rows[rows.index(stage_header) + 2]
    assert middle[0] == "сабақтың ортасы\n30 мин" or middle[0].startswith("сабақтың ортасы")
    assert middle[1:] == ["Бөлшектерді салыстыруды түсіндіреді", "Жұпта жұмыс", "Бағдаршам", "Оқулық"]
    text = flat(document)
    assert "Саралау – оқушыларға қалай көбірек қолдау" in text
    assert "Қолдау: тірек сызбасы; қосымша тапсырма" in text
    assert "Сабақ бойынша рефлексия" in text
    section = document.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # across the page


def test_it_writes_the_series_a_lesson_a_page(cast):
    series = make_series(cast)
    make_lesson(series, cast, topic="Бөлшектерді қосу")
    response = as_user(cast.teacher).get(reverse("lessonplans:series_file", args=[series.pk, "docx"]))
    document = Document(io.BytesIO(response.content))
    xml = document.element.xml
    assert xml.count('w:type="page"') == 2
    text = flat(document)
    assert sum(1 for row in cells(document) if row[0] == "Сабақтың тақырыбы") == 2  # each lesson's header
    assert "Бөлшектерді қосу" in text and "Бөлшектерді салыстыру" in text
    assert "Орта мерзімді жоспар" in "\n".join(p.text for p in document.paragraphs)


def test_it_writes_in_the_language_of_the_page(cast):
    lesson = make_series(cast).lessons.get()
    cast.coach.language = "ru"
    cast.coach.save(update_fields=["language"])
    client = as_user(cast.coach)
    response = client.get(reverse("lessonplans:lesson_file", args=[lesson.pk, "docx"]))
    text = flat(Document(io.BytesIO(response.content)))
    assert "Тема урока" in text and "Сабақтың тақырыбы" not in text
    assert "Бөлшектерді салыстыру" in text


def test_it_prints_the_same_as_a_pdf_with_kazakh_letters(cast):
    series = make_series(cast)
    response = as_user(cast.coach).get(reverse("lessonplans:series_file", args=[series.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF")
    assert b"DejaVu" in content  # the embedded font has every Kazakh letter
    try:
        import fitz  # PyMuPDF, where installed
    except ImportError:
        return
    text = "".join(page.get_text() for page in fitz.open(stream=content, filetype="pdf"))
    assert "Сабақтың барысы" in text and "Бөлшектерді салыстыру" in text
