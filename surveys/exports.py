"""A survey's answers as a table (CSV or XLSX) with its codebook, for those who run it.

The export keeps the results page's promises:
- nothing at all below ``MIN_GROUP`` respondents;
- a school or role chosen by fewer than five (or the one that would give such a group
  away, results.suppress) is written as «–»;
- an anonymous survey's rows carry no day and come in a shuffled order, so a row's
  place says nothing of when it was sent;
- every cell a spreadsheet could read as a formula (= + - @, a tab or a return first)
  is written as text, with an apostrophe before it.
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from surveys.answering import Questionnaire
from surveys.models import MIN_GROUP, Answer, Item, ItemKind, Survey, in_language
from surveys.results import NO_GROUP, suppress

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """A cell as a spreadsheet will not run it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(item: Item, answer: Answer) -> Any:
    if answer.number is not None:
        return int(answer.number) if float(answer.number).is_integer() else answer.number
    if item.kind == ItemKind.RANKING:
        return ">".join(answer.choices)
    if answer.choices:
        return ";".join(str(choice) for choice in answer.choices)
    return answer.text


class TooFew(Exception):
    """Fewer respondents than anything is shown for."""


def table(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    questionnaire = Questionnaire.of(survey)
    items = list(questionnaire.answerable())
    responses = list(survey.responses.order_by("pk").values("pk", "submitted_on", "school_id", "role", "match_code"))
    if len(responses) < MIN_GROUP:
        raise TooFew
    answers: dict[int, dict[int, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(response__survey=survey).only(
        "response_id", "item_id", "number", "choices", "text"
    ):
        answers[answer.response_id][answer.item_id] = answer
    schools = suppress(count(str(r["school_id"]) if r["school_id"] else NO_GROUP for r in responses))
    roles = suppress(count(r["role"] or NO_GROUP for r in responses))
    if survey.anonymous:
        random.SystemRandom().shuffle(responses)
    header = ["respondent"] + ([] if survey.anonymous else ["sent_on"]) + ["school", "role"]
    header += ["match_code"] if survey.asks_match_code else []
    header += [item.code for item in items]
    rows = []
    for number, response in enumerate(responses, start=1):
        school = str(response["school_id"]) if response["school_id"] else NO_GROUP
        role = response["role"] or NO_GROUP
        row: list[Any] = [number]
        if not survey.anonymous:
            row.append(response["submitted_on"].strftime("%d.%m.%Y"))
        row += [school if school in schools else NO_GROUP, role if role in roles else NO_GROUP]
        if survey.asks_match_code:
            row.append(response["match_code"])
        given = answers.get(response["pk"], {})
        row += [safe(cell(item, given[item.pk])) if item.pk in given else "" for item in items]
        rows.append(row)
    return header, rows


def count(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    return dict(counts)


def codebook(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """What each column means, in the reader's language."""
    questionnaire = Questionnaire.of(survey)
    header = ["code", "section", "question", "kind", "values", "subscale", "reverse_keyed", "required", "show_if"]
    sections = {section.pk: in_language(section.title) for section in questionnaire.sections}
    stems = {item.pk: in_language(item.text) for items in questionnaire.items.values() for item in items}
    schools = ";".join(f"{s.pk}={s.name}" for s in survey.network.schools.order_by("pk"))
    rows: list[list[Any]] = [
        ["school", "", _("school"), "", schools, "", "", "", ""],
        ["role", "", _("role"), "", "", "", "", "", ""],
    ]
    for item in questionnaire.answerable():
        text = in_language(item.text)
        if item.parent_id:
            text = f"{stems.get(item.parent_id, '')} {text}".strip()
        if item.scale is not None:
            values = ";".join(f"{point.value}={point.tr('label')}" for point in item.scale.points.all())
        elif item.kind == ItemKind.SCHOOL:
            values = schools
        else:
            values = ";".join(f"{option['value']}={in_language(option['label'])}" for option in item.options)
        condition = item.show_if or {}
        rows.append(
            [
                item.code,
                sections.get(item.section_id, ""),
                text,
                item.get_kind_display(),
                values,
                item.subscale,
                "1" if item.reverse_keyed else "0",
                "1" if item.required else "0",
                f"{condition.get('item', '')} {condition}" if condition else "",
            ]
        )
    return header, [[safe(value) for value in row] for row in rows]


def as_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()  # the mark lets Excel read the Cyrillic as UTF-8


def as_xlsx(survey: Survey) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "answers"
    header, rows = table(survey)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    codes = book.create_sheet("codebook")
    header, rows = codebook(survey)
    codes.append(header)
    for row in rows:
        codes.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
