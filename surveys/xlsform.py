"""Questionnaires that travel as XLSForm: the spreadsheet KoboToolbox and ODK read.

XLSForm is written from, and read into, the same SurveyJS document surveys/surveyjs.py
makes and imports, so a questionnaire has one way in (``surveyjs.import_document``:
the same checks, the same network questionnaire) and one way out
(``surveyjs.export``); this module only changes the spreadsheet's shape:

- a section is a ``begin_group``/``end_group``; a matrix a group inside it whose rows
  are ``select_one`` on the scale's list (``field-list``, as ODK draws a table);
- a point on a scale is a ``select_one`` on the scale's list (``scale_<code>``), one
  choice and several ``select_one``/``select_multiple``, an order ``rank``, a number
  ``decimal`` (an ``integer`` is read as a number too) with its bounds as a
  ``constraint``, text ``text`` (a long one with the ``multiline`` appearance);
- the three languages are ``label::Kazakh (kk)``, ``label::Russian (ru)``,
  ``label::English (en)`` columns (also ``hint::`` and the choices' labels), Kazakh the
  default language;
- show-if conditions are ``relevant`` expressions (``selected(${q}, 'a')``,
  ``${q} >= 3``); ``required`` is ``yes``;
- what XLSForm has no column for (construct, subscale, reverse-keyed, what groups
  the results, the scale, the respondent's school) travels in ``ortaq_*`` columns,
  which other tools ignore.

Reading refuses a question kind Ortaq does not ask (a photo, a place, a date…) with
its name; the form's metadata (start, end, device…) is skipped, since Ortaq keeps
none of it about a respondent.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from surveys.surveyjs import parse_condition, unlocalised

LANGUAGES = {"kk": "Kazakh (kk)", "ru": "Russian (ru)", "en": "English (en)"}
SURVEY_COLUMNS = ["type", "name", "required", "relevant", "constraint", "appearance"]
OURS = {
    "ortaqConstruct": "ortaq_construct",
    "ortaqSubscale": "ortaq_subscale",
    "ortaqReverseKeyed": "ortaq_reverse_keyed",
    "ortaqBreakdown": "ortaq_breakdown",
    "ortaqScale": "ortaq_scale",
    "ortaqKind": "ortaq_kind",
}
# The form's metadata: what a phone records about the person answering. Ortaq keeps
# none of it, so a form that asks for it is read without it.
METADATA = frozenset(
    {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit"}
)
# Languages named without their code, as some tools write them («label::English»).
LANGUAGE_NAMES = {"kazakh": "kk", "қазақша": "kk", "russian": "ru", "русский": "ru", "english": "en"}
MAX_ROWS = 2000  # a questionnaire is a few hundred rows at most; more is not one
SCHOOLS_LIST = "ortaq_schools"


def columns(kind: str) -> list[str]:
    return [f"{kind}::{name}" for name in LANGUAGES.values()]


def texts(value: Any) -> list[str]:
    """A SurveyJS localisable string as the three language columns (kk, ru, en)."""
    found = unlocalised(value)
    return [found.get(language, "") for language in LANGUAGES]


def relevant(visible_if: str) -> str:
    """A SurveyJS ``visibleIf`` as XLSForm's ``relevant``."""
    if not visible_if:
        return ""
    condition = parse_condition(visible_if)
    name = condition["item"]
    if "in" in condition:
        return " or ".join(f"selected(${{{name}}}, '{value}')" for value in condition["in"])
    parts = []
    for key, op in (("gte", ">="), ("lte", "<=")):
        if key in condition:
            value = condition[key]
            parts.append(f"${{{name}}} {op} {int(value) if float(value).is_integer() else value}")
    return " and ".join(parts)


def constraint(element: dict[str, Any]) -> str:
    parts = []
    if element.get("min") is not None:
        parts.append(f". >= {element['min']}")
    if element.get("max") is not None:
        parts.append(f". <= {element['max']}")
    return " and ".join(parts)


def ours(element: dict[str, Any]) -> list[Any]:
    """The ``ortaq_*`` cells of a question."""
    return [("yes" if element.get(key) else "") if key == "ortaqReverseKeyed" else element.get(key, "") for key in OURS]


# --- Writing ----------------------------------------------------------------------------------


def write(document: dict[str, Any], *, schools: list[tuple[str, str]] | None = None) -> bytes:
    """The XLSForm workbook of a SurveyJS document (surveyjs.export). ``schools``:
    (id, name) of the network's schools, the choices of a «which school» question."""
    from openpyxl import Workbook

    survey_rows: list[list[Any]] = []
    choice_rows: list[list[Any]] = []
    lists: set[str] = set()

    def choices(name: str, values: list[dict[str, Any]]) -> None:
        if name in lists:
            return
        lists.add(name)
        choice_rows.extend([name, str(value["value"]), *texts(value.get("text") or str(value["value"]))]
                           for value in values)  # fmt: skip

    def question(element: dict[str, Any], *, kind: str, appearance: str = "", hint: Any = None) -> None:
        survey_rows.append(
            [
                kind,
                element["name"],
                "yes" if element.get("isRequired") and kind != "begin_group" else "",
                relevant(element.get("visibleIf", "")),
                constraint(element),
                appearance,
                *texts(element.get("title")),
                *texts(hint or element.get("description")),
                *ours(element),
            ]
        )

    def scale_list(element: dict[str, Any], values: list[dict[str, Any]]) -> str:
        name = f"scale_{element.get('ortaqScale') or element['name']}"
        choices(name, values)
        return name

    for page in document.get("pages", []):
        question(
            {"name": page["name"], "title": page.get("title")},
            kind="begin_group",
            hint=page.get("description"),
        )
        for element in page.get("elements", []):
            kind = element.get("type")
            if element.get("ortaqKind") == "school":
                choices(SCHOOLS_LIST, [{"value": pk, "text": name} for pk, name in schools or [("0", "–")]])
                question(element, kind=f"select_one {SCHOOLS_LIST}")
            elif kind in ("radiogroup", "dropdown"):
                choices(f"{element['name']}_choices", element.get("choices", []))
                question(element, kind=f"select_one {element['name']}_choices")
            elif kind == "checkbox":
                choices(f"{element['name']}_choices", element.get("choices", []))
                question(element, kind=f"select_multiple {element['name']}_choices")
            elif kind == "ranking":
                choices(f"{element['name']}_choices", element.get("choices", []))
                question(element, kind=f"rank {element['name']}_choices")
            elif kind == "rating":
                question(element, kind=f"select_one {scale_list(element, element.get('rateValues', []))}")
            elif kind == "text" and element.get("inputType") == "number":
                question(element, kind="decimal")
            elif kind == "text":
                question(element, kind="text")
            elif kind == "comment":
                question(element, kind="text", appearance="multiline")
            elif kind == "matrix":
                listed = scale_list(element, element.get("columns", []))
                question(element, kind="begin_group", appearance="field-list")
                for row in element.get("rows", []):
                    question(
                        {
                            **row,
                            "name": row["value"],
                            "title": row.get("text"),
                            "isRequired": element.get("isRequired"),
                            "ortaqScale": element.get("ortaqScale"),
                        },
                        kind=f"select_one {listed}",
                    )
                survey_rows.append(["end_group", element["name"]])
        survey_rows.append(["end_group", page["name"]])

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(SURVEY_COLUMNS + columns("label") + columns("hint") + list(OURS.values()))
    for row in survey_rows:
        sheet.append(row)
    choices_sheet = book.create_sheet("choices")
    choices_sheet.append(["list_name", "name", *columns("label")])
    for row in choice_rows:
        choices_sheet.append(row)
    title = unlocalised(document.get("title"))
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language", "ortaq_kind",
                     "ortaq_title_ru", "ortaq_title_en"])  # fmt: skip
    settings.append(
        [
            title.get("kk") or next(iter(title.values()), ""),
            f"ortaq_{re.sub(r'[^a-z0-9_]', '_', str(document.get('ortaqKind', 'custom')))}",
            str(document.get("ortaqVersion", 1)),
            LANGUAGES["kk"],
            document.get("ortaqKind", ""),
            title.get("ru", ""),
            title.get("en", ""),
        ]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Reading ----------------------------------------------------------------------------------


class NotAForm(ValueError):
    """The file is not an XLSForm (no «survey» sheet with «type» and «name»)."""


def language_of(header: str) -> str | None:
    """The language of a «label::…» column: «Kazakh (kk)», «kk», or none (the default, Kazakh)."""
    if "::" not in header:
        return "kk"
    name = header.split("::", 1)[1].strip()
    found = re.search(r"\((\w\w)\)\s*$", name)
    code = (found.group(1) if found else LANGUAGE_NAMES.get(name.lower(), name)).lower()
    return code if code in LANGUAGES else None


def sheet_rows(book: Any, name: str) -> list[dict[str, Any]]:
    if name not in book.sheetnames:
        return []
    rows = book[name].iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    out = []
    for number, row in enumerate(rows):
        if number >= MAX_ROWS:
            raise ValidationError(_("The questionnaire has too many rows."))
        values = {key: value for key, value in zip(header, row, strict=False) if key and value not in (None, "")}
        if values:
            out.append(values)
    return out


def localised(row: dict[str, Any], kind: str) -> dict[str, str]:
    """The row's label (or hint) in each language, as SurveyJS's localisable string."""
    found: dict[str, str] = {}
    for key, value in row.items():
        if key == kind or key.startswith(f"{kind}::"):
            language = language_of(key)
            if language and str(value).strip():
                found.setdefault(language, str(value).strip())
    out = {"default": found.get("kk", "")} if found.get("kk") else {}
    out |= {language: text for language, text in found.items() if language != "kk"}
    return out


RELEVANT_SELECTED = re.compile(r"^selected\(\s*\$\{(?P<item>[\w-]+)\}\s*,\s*'(?P<value>[^']*)'\s*\)$")
RELEVANT_EQUALS = re.compile(r"^\$\{(?P<item>[\w-]+)\}\s*=\s*'(?P<value>[^']*)'$")
RELEVANT_BOUND = re.compile(r"^\$\{(?P<item>[\w-]+)\}\s*(?P<op>>=|<=)\s*(?P<value>-?\d+(?:\.\d+)?)$")


def visible_if(text: str) -> str:
    """XLSForm's ``relevant`` as a SurveyJS ``visibleIf``: the forms Ortaq writes (one
    question's values, or its bounds); any other is refused by name."""
    text = " ".join(str(text or "").split())
    if not text:
        return ""
    values, bounds, names = [], [], set()
    for part in re.split(r"\s+or\s+", text):
        found = RELEVANT_SELECTED.match(part) or RELEVANT_EQUALS.match(part)
        if found is None:
            break
        names.add(found["item"])
        values.append(found["value"])
    else:
        if len(names) == 1:
            joined = ", ".join(f"'{value}'" for value in values)
            return f"{{{names.pop()}}} anyof [{joined}]"
    for part in re.split(r"\s+and\s+", text):
        found = RELEVANT_BOUND.match(part)
        if found is None:
            break
        names.add(found["item"])
        bounds.append(f"{{{found['item']}}} {found['op']} {found['value']}")
    else:
        if len(names) == 1:
            return " and ".join(bounds)
    raise ValidationError(_("A condition cannot be read: %(text)s") % {"text": text})


def bounds(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for op, value in re.findall(r"\.\s*(>=|<=)\s*(-?\d+)", str(text or "")):
        out["min" if op == ">=" else "max"] = int(value)
    return out


def read(content: bytes) -> dict[str, Any]:
    """The SurveyJS document of an XLSForm workbook, for surveyjs.import_document."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise NotAForm from error
    survey_rows = sheet_rows(book, "survey")
    if not survey_rows or not all("type" in row or "name" in row for row in survey_rows[:1]):
        raise NotAForm
    lists: dict[str, list[dict[str, Any]]] = {}
    for row in sheet_rows(book, "choices"):
        name = str(row.get("list_name") or row.get("list name") or "").strip()
        if name and "name" in row:
            lists.setdefault(name, []).append({"value": str(row["name"]), "text": localised(row, "label")})
    settings = next(iter(sheet_rows(book, "settings")), {})
    title = {"default": str(settings.get("form_title", "")), "ru": settings.get("ortaq_title_ru", ""),
             "en": settings.get("ortaq_title_en", "")}  # fmt: skip
    pages = list(read_pages(iter(survey_rows), lists))
    return {
        "title": {key: value for key, value in title.items() if value},
        "ortaqKind": str(settings.get("ortaq_kind", "")),
        "pages": pages,
    }


def read_pages(rows: Iterator[dict[str, Any]], lists: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """Top-level groups are pages; questions outside any group make pages of their own."""
    loose: list[dict[str, Any]] = []
    pages = 0
    for row in rows:
        kind = str(row.get("type", "")).strip()
        if kind in ("begin_group", "begin group"):
            if loose:
                yield {"name": f"page{pages}", "elements": loose}
                loose, pages = [], pages + 1
            pages += 1
            yield {
                "name": str(row.get("name", "")),
                "title": localised(row, "label"),
                "description": localised(row, "hint"),
                "elements": list(read_group(rows, lists)),
            }
        elif kind in ("end_group", "end group"):
            continue
        else:
            loose.extend(read_question(row, rows, lists))
    if loose:
        yield {"name": f"page{pages}", "elements": loose}


def read_group(rows: Iterator[dict[str, Any]], lists: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        kind = str(row.get("type", "")).strip()
        if kind in ("end_group", "end group"):
            return
        yield from read_question(row, rows, lists)


def read_question(
    row: dict[str, Any], rows: Iterator[dict[str, Any]], lists: dict[str, list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    kind, _space, list_name = " ".join(str(row.get("type", "")).split()).partition(" ")
    name = str(row.get("name", "")).strip()
    if not kind or kind in METADATA:
        return
    element: dict[str, Any] = {"name": name, "title": localised(row, "label")}
    if str(row.get("required", "")).strip().lower() in ("yes", "true", "true()", "1"):
        element["isRequired"] = True
    if row.get("relevant"):
        element["visibleIf"] = visible_if(str(row["relevant"]))
    for key, column in OURS.items():
        value = row.get(column)
        if value not in (None, ""):
            element[key] = True if key == "ortaqReverseKeyed" else str(value).strip()
    choices = lists.get(list_name.strip(), [])
    if kind in ("begin_group", "begin group"):
        yield matrix(element, list(read_group(rows, lists)))
        return
    if element.get("ortaqKind") == "school":
        element["type"] = "dropdown"
    elif kind == "select_one" and element.get("ortaqScale"):
        element |= {"type": "rating", "rateValues": [{"value": number(c["value"]), "text": c["text"]} for c in choices]}
    elif kind in ("select_one", "select_multiple", "rank"):
        if not choices:
            raise ValidationError(_("A question names a list of choices the file does not have: %(name)s")
                                  % {"name": name})  # fmt: skip
        element["type"] = {"select_one": "radiogroup", "select_multiple": "checkbox", "rank": "ranking"}[kind]
        element["choices"] = choices
    elif kind in ("integer", "decimal"):
        element |= {"type": "text", "inputType": "number", **bounds(str(row.get("constraint", "")))}
    elif kind == "text":
        element["type"] = "comment" if "multiline" in str(row.get("appearance", "")) else "text"
    else:
        raise ValidationError(_("A question of a kind Ortaq does not ask: %(kind)s") % {"kind": kind})
    yield element


def matrix(element: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A group inside a section: statements on one scale."""
    if not rows or any(row.get("type") != "rating" for row in rows):
        raise ValidationError(_("A group inside a section must hold statements on one scale."))
    first = rows[0]
    return element | {
        "type": "matrix",
        **({"isRequired": True} if first.get("isRequired") else {}),
        "ortaqScale": first.get("ortaqScale"),
        "columns": first["rateValues"],
        "rows": [
            {"value": row["name"], "text": row["title"]}
            | {key: value for key, value in row.items() if key.startswith("ortaq") and key != "ortaqScale"}
            | ({"visibleIf": row["visibleIf"]} if row.get("visibleIf") else {})
            for row in rows
        ],
    }


def number(value: str) -> int | str:
    return int(value) if value.lstrip("-").isdigit() else value
