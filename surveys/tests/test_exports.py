"""Exports keep the results page's promises: nothing below five, small groups as «–»,
no day and no order on an anonymous survey's rows, no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ortaq.testing import as_user
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_exports_answers_with_a_codebook_and_neutralises_formulas(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    texts = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "Жақсы"]
    for n, text in enumerate(texts):
        answer(survey, {"useful": 1 + n % 4, "will_use": text})
    client = as_user(cast.leader)
    rows = rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))
    header = rows[0]
    assert header[:3] == ["respondent", "school", "role"] and "sent_on" not in header  # anonymous: no day
    written = sorted(row[header.index("will_use")] for row in rows[1:])
    assert written == sorted(['\'=HYPERLINK("http://x")', "'+1+2", "'-3", "'@SUM(A1)", "Жақсы"])
    book = load_workbook(io.BytesIO(client.get(reverse("surveys:export_xlsx", args=[survey.pk])).content))
    assert book.sheetnames == ["answers", "codebook"]
    cells = [c.value for row in book["answers"].iter_rows(min_row=2) for c in row]
    assert not any(isinstance(value, str) and value.startswith("=") for value in cells)
    codes = rows_of(client.get(reverse("surveys:codebook", args=[survey.pk])))
    useful = next(row for row in codes if row[0] == "useful")
    assert "4=Very useful" in useful[4]


def test_it_exports_nothing_below_five_and_hides_small_groups(cast, library):
    survey = make_survey(cast, library["needs-assessment"], anonymous=False)
    client = as_user(cast.leader)
    for person in (cast.teacher, cast.coach, cast.director):
        answer(survey, {"school": str(cast.attached_school.pk), "role": "teacher", "need_ict": 3}, user=person)
    refused = client.get(reverse("surveys:export_csv", args=[survey.pk]))
    assert refused.status_code == 302
    for person in (cast.leader, cast.coordinator):
        answer(survey, {"school": str(cast.leading_school.pk), "role": "director", "need_ict": 2}, user=person)
    answer(survey, {"school": str(cast.attached_school.pk), "role": "teacher", "need_ict": 4})
    rows = rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))
    header = rows[0]
    assert "sent_on" in header  # a survey with names may say the day
    schools = {row[header.index("school")] for row in rows[1:]}
    assert schools == {"–"}  # four and two: each would give the other away
    assert as_user(cast.teacher).get(reverse("surveys:export_csv", args=[survey.pk])).status_code == 403
