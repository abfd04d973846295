"""How a questionnaire is answered, screen by screen: which items a screen shows (the
show-if conditions, evaluated here on the server, so a page without JavaScript hides
what does not apply by being drawn again), reading what was sent, and checking it.

Answers travel as a plain dict {item code: value}: a number for a point on a scale or
a number, the chosen value for one choice, a list for several choices or an order,
text for text, a school's id (as text) for the school.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from surveys.models import InstrumentVersion, Item, ItemKind, Section, Survey, in_language

Answers = dict[str, Any]
TEXT_LIMITS = {ItemKind.SHORT_TEXT: 300, ItemKind.LONG_TEXT: 5000}

# The three questions a respondent answers to make their matching code (asked only of
# surveys that pair before and after). Only they know the answers; the code is a hash.
MATCH_QUESTIONS = ("match_mother", "match_day", "match_place")


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def shown(item: Item, answers: Mapping[str, Any]) -> bool:
    """Whether the item applies, given the answers so far."""
    condition = item.show_if or {}
    if not condition:
        return True
    value = answers.get(str(condition.get("item", "")))
    if is_empty(value):
        return False
    if "in" in condition:
        values = value if isinstance(value, list) else [value]
        wanted = {str(v) for v in condition["in"]}
        return any(str(v) in wanted for v in values)
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return False
    if "gte" in condition and number < float(condition["gte"]):
        return False
    return not ("lte" in condition and number > float(condition["lte"]))


# The frozen versions' questions this process has read (Questionnaire.of), at most
# FROZEN_KEPT of them: a network runs a handful of surveys at a time.
FROZEN: dict[tuple[int, Any], Questionnaire] = {}
FROZEN_KEPT = 64


@dataclass
class Questionnaire:
    """A version's sections and items, read once (three queries) and walked in memory."""

    sections: list[Section]
    items: dict[int, list[Item]]  # section id -> its top-level items in order
    rows: dict[int, list[Item]]  # matrix id -> its statements in order
    by_code: dict[str, Item] = field(default_factory=dict)

    @classmethod
    def of(cls, survey: Survey) -> Questionnaire:
        """The questions of the survey's version. A frozen version's never change (a
        survey was sent on it; editing makes a new version), so each process keeps them
        once read: a respondent's every screen would read them all again otherwise."""
        version = survey.version
        if version.frozen_at is None:
            return cls.read(version)
        key = (version.pk, version.frozen_at)
        found = FROZEN.get(key)
        if found is None:
            if len(FROZEN) >= FROZEN_KEPT:
                FROZEN.clear()
            found = FROZEN[key] = cls.read(version)
        return found

    @classmethod
    def read(cls, version: InstrumentVersion) -> Questionnaire:
        sections = list(version.sections.order_by("position", "pk"))
        every = list(
            Item.objects.filter(section__version=version.pk)
            .select_related("scale")
            .prefetch_related("scale__points")
            .order_by("section__position", "position", "pk")
        )
        items: dict[int, list[Item]] = {section.pk: [] for section in sections}
        rows: dict[int, list[Item]] = {}
        for item in every:
            if item.parent_id is None:
                items[item.section_id].append(item)
            else:
                rows.setdefault(item.parent_id, []).append(item)
        return cls(sections, items, rows, {item.code: item for item in every})

    def answerable(self) -> Iterable[Item]:
        """Every item that takes an answer (a matrix's statements, not the matrix)."""
        for section in self.sections:
            for item in self.items[section.pk]:
                if item.kind == ItemKind.MATRIX:
                    yield from self.rows.get(item.pk, [])
                else:
                    yield item

    def scored(self) -> list[Item]:
        return [item for item in self.answerable() if item.is_scored]


def read_screen(items: list[Item], rows: dict[int, list[Item]], data: Mapping[str, Any]) -> Answers:
    """What a screen's form sent, as values (nothing checked yet but the shape)."""
    sent: Answers = {}
    for item in items:
        targets = rows.get(item.pk, []) if item.kind == ItemKind.MATRIX else [item]
        for target in targets:
            sent[target.code] = read_value(target, data)
    return sent


def read_value(item: Item, data: Any) -> Any:
    name = f"q-{item.code}"
    getlist = getattr(data, "getlist", lambda key: data.get(key, []))
    if item.kind == ItemKind.MULTIPLE:
        allowed = {option["value"] for option in item.options}
        return [value for value in getlist(name) if value in allowed]
    if item.kind == ItemKind.RANKING:
        ranks = {}
        for option in item.options:
            raw = str(data.get(f"{name}-{option['value']}", "")).strip()
            if raw.isdigit():
                ranks[option["value"]] = int(raw)
        return [value for value, _rank in sorted(ranks.items(), key=lambda pair: pair[1])]
    raw = str(data.get(name, "")).strip()
    if item.kind in (ItemKind.SHORT_TEXT, ItemKind.LONG_TEXT):
        return raw.replace("\r\n", "\n")[: TEXT_LIMITS[ItemKind(item.kind)] + 1]
    if raw == "":
        return None
    if item.kind == ItemKind.LIKERT:
        return int(raw) if raw.lstrip("-").isdigit() else raw
    if item.kind == ItemKind.NUMBER:
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            return raw
        return int(number) if number.is_integer() else number
    return raw


def check(item: Item, value: Any, *, school_ids: set[str]) -> str | None:
    """The message for a wrong or missing answer, or None."""
    if is_empty(value):
        return _("Please answer this question.") if item.required else None
    if item.kind == ItemKind.LIKERT:
        points = {point.value for point in item.scale.points.all()} if item.scale else set()
        return None if isinstance(value, int) and value in points else _("Choose one of the points.")
    if item.kind == ItemKind.NUMBER:
        if not isinstance(value, int | float):
            return _("Write a number.")
        if item.number_min is not None and value < item.number_min:
            return _("The smallest number is %(limit)s.") % {"limit": item.number_min}
        if item.number_max is not None and value > item.number_max:
            return _("The largest number is %(limit)s.") % {"limit": item.number_max}
        return None
    if item.kind == ItemKind.SINGLE:
        return None if value in {option["value"] for option in item.options} else _("Choose one of the answers.")
    if item.kind == ItemKind.SCHOOL:
        return None if value in school_ids else _("Choose one of the schools.")
    if item.kind == ItemKind.RANKING:
        return None if len(set(value)) == len(value) else _("Give each choice a different place.")
    if item.kind in TEXT_LIMITS and len(value) > TEXT_LIMITS[ItemKind(item.kind)]:
        return _("This answer is too long.")
    return None


def check_screen(
    questionnaire: Questionnaire, section: Section, answers: Answers, *, school_ids: set[str]
) -> dict[str, str]:
    """Errors of one screen's shown items, by item code."""
    errors: dict[str, str] = {}
    for item in questionnaire.items[section.pk]:
        if not shown(item, answers):
            continue
        targets = questionnaire.rows.get(item.pk, []) if item.kind == ItemKind.MATRIX else [item]
        for target in targets:
            if not shown(target, answers):
                continue
            message = check(target, answers.get(target.code), school_ids=school_ids)
            if message:
                errors[target.code] = message
    return errors


def shown_codes(questionnaire: Questionnaire, section: Section, answers: Answers) -> set[str]:
    codes = set()
    for item in questionnaire.items[section.pk]:
        if shown(item, answers):
            codes.add(item.code)
            codes.update(row.code for row in questionnaire.rows.get(item.pk, []) if shown(row, answers))
    return codes


def kept_answers(questionnaire: Questionnaire, answers: Answers) -> Answers:
    """The answers that count when sent: those of items that apply, in the end."""
    kept = {}
    for section in questionnaire.sections:
        for item in questionnaire.items[section.pk]:
            if not shown(item, answers):
                continue
            targets = questionnaire.rows.get(item.pk, []) if item.kind == ItemKind.MATRIX else [item]
            for target in targets:
                value = answers.get(target.code)
                if shown(target, answers) and not is_empty(value):
                    kept[target.code] = value
    return kept


# --- The matching code ----------------------------------------------------------------------


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    return "".join(ch for ch in text if ch.isalnum())


def read_match(data: Mapping[str, Any]) -> Answers:
    return {name: str(data.get(f"q-{name}", "")).strip()[:40] for name in MATCH_QUESTIONS}


def check_match(values: Mapping[str, Any]) -> dict[str, str]:
    """All three are optional together: a respondent may make no code, but not half of one."""
    given = [name for name in MATCH_QUESTIONS if normalise(values.get(name, ""))]
    if not given:
        return {}
    errors = {name: _("Answer all three, or none.") for name in MATCH_QUESTIONS if name not in given}
    day = normalise(values.get("match_day", ""))
    if day and (not day.isdigit() or not 1 <= int(day) <= 31):
        errors["match_day"] = _("Write a day of the month, 1 to 31.")
    return errors


def match_code(salt: str, values: Mapping[str, Any]) -> str:
    """The code of a series: a keyed hash of the first letter of the mother's name, the
    day of birth and the first letter of the place the respondent grew up — nothing a
    reader of the results can turn back into a person without those answers."""
    parts = [normalise(values.get(name, "")) for name in MATCH_QUESTIONS]
    if not all(parts):
        return ""
    letter, day, place = parts[0][:1], str(int(parts[1])), parts[2][:1]
    message = f"{letter}|{day}|{place}".encode()
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()[:32]


def label(item: Item, language: str | None = None) -> str:
    return in_language(item.text, language)
