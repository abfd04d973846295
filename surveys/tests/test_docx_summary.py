"""The results as a Word document, in the reader's language: the figures are
results.py's, and nothing the results page hides is in it."""

from __future__ import annotations

import io
import time

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from docx import Document

from ortaq.testing import as_user
from surveys import results, summary
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db

SATISFACTION = ("js_overall", "js_again", "js_regret", "js_school", "js_leave")


def satisfied(level: int) -> dict[str, int]:
    return {"js_overall": level, "js_again": level, "js_regret": 5 - level, "js_school": level, "js_leave": 5 - level}


def read(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The document's paragraphs and its tables (rows of cell texts)."""
    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def row_of(tables: list[list[list[str]]], first: str) -> list[str]:
    return next(row for table in tables for row in table if row[0] == first)


def in_kazakh(client_user) -> None:
    client_user.language = "kk"
    client_user.save(update_fields=["language"])


@pytest.mark.any_language
def test_it_writes_the_results_in_kazakh_with_the_figures_of_the_results_page(cast, library):
    survey = make_survey(cast, library["teacher-questionnaire"], wave="қыркүйек")
    levels = [4, 3, 3, 2, 4, 1, 2]
    for n, level in enumerate(levels):
        answer(survey, satisfied(level) | {"school": str(cast.attached_school.pk), "wish": f"Коучинг керек {n}"})
    in_kazakh(cast.leader)
    response = as_user(cast.leader).get(reverse("surveys:export_docx", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == summary.DOCX
    assert f"survey-{survey.pk}-summary.docx" in response["Content-Disposition"]
    paragraphs, tables = read(response.content)
    text = "\n".join(paragraphs)
    assert paragraphs[0] == survey.title
    assert "Шкалалар" in text and "Сұрақтар" in text  # the headings in Kazakh
    assert "Коучинг керек 6" in text  # seven written answers: shown, as on the page
    assert row_of(tables, "Жіберілген жауап")[1] == "7"
    assert row_of(tables, "Кезең")[1] == "қыркүйек"
    with translation.override("kk"):
        report = results.report(survey)
        scale = next(s for s in report.scales if s.code == "satisfaction")
        regret = next(r for r in report.items if r.item.code == "js_regret")
        assert row_of(tables, scale.name)[2:] == [
            "7",
            str(floatformat(scale.mean, 2)),
            str(floatformat(scale.sd, 2)),
        ]
        regret_row = row_of(tables, f"{regret.text} (кері бағытталған)")
        assert regret_row[1:3] == ["7", str(floatformat(regret.mean, 2))]
        assert "," in regret_row[2]  # the Kazakh decimal comma, as the page writes it
        assert regret_row[3:] == [f"{share.count} ({floatformat(share.percent, 1)}%)" for share in regret.shares]


@pytest.mark.any_language
@pytest.mark.parametrize(
    ("language", "heading", "answers"),
    [("ru", "Шкалы", "Отправлено ответов"), ("en", "Scales", "Answers sent")],
)
def test_it_speaks_the_readers_language(cast, library, language, heading, answers):
    survey = make_survey(cast, library["teacher-questionnaire"])
    for level in (1, 2, 3, 4, 2):
        answer(survey, satisfied(level))
    cast.leader.language = language
    cast.leader.save(update_fields=["language"])
    paragraphs, tables = read(as_user(cast.leader).get(reverse("surveys:export_docx", args=[survey.pk])).content)
    assert heading in paragraphs
    assert row_of(tables, answers)[1] == "5"


def test_it_shows_nothing_the_page_hides(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    client = as_user(cast.leader)
    for n in range(4):
        answer(survey, {"useful": 4, "will_use": f"Жасырын жауап {n}"})
    refused = client.get(reverse("surveys:export_docx", args=[survey.pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("surveys:results", args=[survey.pk])
    answer(survey, {"useful": 3})  # five answers, but only four written ones
    paragraphs, tables = read(client.get(reverse("surveys:export_docx", args=[survey.pk])).content)
    text = "\n".join(paragraphs)
    assert "Жасырын жауап" not in text
    assert "4 answers: too few to show." in text
    useful = next(r for r in results.report(survey).items if r.item.code == "useful")
    assert row_of(tables, useful.text)[1:3] == ["5", str(floatformat(useful.mean, 2))]


def test_it_compares_the_waves_as_the_page_does(cast, library):
    before = make_survey(cast, library["teacher-questionnaire"], asks_match_code=True, wave="before")
    after = make_survey(cast, library["teacher-questionnaire"], asks_match_code=True, wave="after", repeats=before)
    codes = [{"match_mother": letter, "match_day": str(n), "match_place": "А"} for n, letter in enumerate("ӘБВГДЕ")]
    for level, code in zip([2, 2, 3, 1, 2, 3], codes, strict=True):
        answer(before, satisfied(level) | code)
    for level, code in zip([3, 2, 3, 2, 4, 4], codes, strict=True):
        answer(after, satisfied(level) | code)
    paragraphs, tables = read(as_user(cast.leader).get(reverse("surveys:export_docx", args=[after.pk])).content)
    assert "Change since the previous wave" in paragraphs
    comparison = results.compare(after)
    assert comparison is not None
    change = next(c for c in comparison.changes if c.code == "satisfaction")
    assert change.independent and change.paired
    g = change.independent
    row = next(r for t in tables if t[0][3:4] == ["g [95% CI]"] for r in t if r[0] == change.name)
    assert row[3] == f"{floatformat(g.g, 2)} [{floatformat(g.low, 2)}; {floatformat(g.high, 2)}]"
    assert row[4:] == ["6", str(floatformat(change.paired.d, 2)), str(floatformat(change.paired.p, 3))]


def test_only_those_who_run_the_survey_download_it(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    for _n in range(5):
        answer(survey, {"useful": 4})
    url = reverse("surveys:export_docx", args=[survey.pk])
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.teacher).get(url).status_code == 403
    assert as_user(cast.leader).post(url).status_code == 405
    page = as_user(cast.leader).get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert url in page


def test_forty_questions_and_two_thousand_answers_are_summarised_in_well_under_two_seconds(cast, library):
    survey = make_survey(cast, library["teacher-questionnaire"])
    for level in (1, 2, 3, 4, 3):
        answer(survey, satisfied(level))
    report = results.report(survey)
    # The document's size follows the questions, not the answers: results.py has
    # counted them already. Forty questions of five points, each answered 2,000 times.
    many = [r for r in report.items if r.item.scale_id][:1] * 40
    for result in many:
        result.n = 2000
    report.items = many
    report.respondents = 2000
    started = time.perf_counter()
    content = summary.build(report)
    elapsed = time.perf_counter() - started
    _paragraphs, tables = read(content)
    assert sum(len(table) for table in tables) > 40
    assert elapsed < 1.0, elapsed


def test_it_groups_as_the_page_did_and_holds_back_the_same_groups(cast, library):
    from schools.tests.factories import SchoolFactory

    survey = make_survey(cast, library["needs-assessment"])
    small = SchoolFactory.create(name="Шағын мектеп")
    big, middle = cast.attached_school, cast.leading_school
    cast.network.school_links.create(school=small)
    for school, count, level in ((big, 8, 4), (middle, 6, 1), (small, 2, 2)):
        for _n in range(count):
            answer(survey, {"school": str(school.pk), "role": "teacher", "need_ict": level, "need_parents": 3})
    client = as_user(cast.leader)
    page = client.get(reverse("surveys:results", args=[survey.pk]) + "?by=school").content.decode()
    url = reverse("surveys:export_docx", args=[survey.pk]) + "?by=school"
    assert url in page
    paragraphs, tables = read(client.get(url).content)
    text = "\n".join(paragraphs) + "\n".join(cell for table in tables for row in table for cell in row)
    # The small school alone would be 16 − 8 − 6: the middle one is held back too, as on the page.
    assert big.name in text and small.name not in text and middle.name not in text
    assert "2 groups are too small to show" in text
    report = results.report(survey, by="school")
    ict = next(scale for scale in report.scales if scale.code == "ict")
    scales = next(table for table in tables if table[0][:2] == ["Scale", "Statements"])
    assert scales[0][5:] == [f"{big.name} (n=8)"]
    assert row_of([scales], ict.name)[5] == str(floatformat(ict.by_group[str(big.pk)], 2)) == "4.00"
    assert any(line.startswith(f"{big.name} (n=8): ICT (4.00)") for line in paragraphs)
    plain = read(client.get(reverse("surveys:export_docx", args=[survey.pk]) + "?by=nonsense").content)[1]
    assert next(table[0] for table in plain if table[0][:2] == ["Scale", "Statements"])[5:] == []
