"""Questionnaires that travel: a version as SurveyJS JSON and back.

SurveyJS («pages» of «elements») is the form format most survey tools read. Each of
our sections is a page; an item becomes the element of its kind (``KINDS``), its texts
SurveyJS's localisable strings ({"default": kk, "ru": …, "en": …}), a show-if
condition a ``visibleIf`` expression, a matrix a ``matrix`` with its statements as
rows. What SurveyJS has no word for — construct, subscale, reverse-keyed, the groups
of the results, the scale's code — travels in properties of our own prefixed
``ortaq``, which other tools keep and ignore. Import makes a network's own
questionnaire (kind «other») from such a document; what it cannot read it refuses.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from networks.models import Network
from surveys.answering import Questionnaire
from surveys.models import Instrument, InstrumentKind, InstrumentVersion, Item, ItemKind, Scale, Section

KINDS = {
    ItemKind.SINGLE: "radiogroup",
    ItemKind.MULTIPLE: "checkbox",
    ItemKind.LIKERT: "rating",
    ItemKind.MATRIX: "matrix",
    ItemKind.NUMBER: "text",
    ItemKind.SHORT_TEXT: "text",
    ItemKind.LONG_TEXT: "comment",
    ItemKind.RANKING: "ranking",
    ItemKind.SCHOOL: "dropdown",
}


def localised(texts: dict[str, str]) -> dict[str, str] | str:
    """Our {"kk", "ru", "en"} as SurveyJS's localisable string (Kazakh the default)."""
    if not texts:
        return ""
    out = {"default": texts.get("kk", "")}
    out.update({language: text for language, text in texts.items() if language != "kk" and text})
    return out


def unlocalised(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"kk": value} if value else {}
    if isinstance(value, dict):
        texts = {language: str(text) for language, text in value.items() if language != "default" and text}
        if value.get("default"):
            texts["kk"] = str(value["default"])
        return texts
    return {}


def condition(show_if: dict[str, Any]) -> str:
    if not show_if:
        return ""
    name = show_if["item"]
    if "in" in show_if:
        values = ", ".join(f"'{value}'" for value in show_if["in"])
        return f"{{{name}}} anyof [{values}]"
    parts = []
    if "gte" in show_if:
        parts.append(f"{{{name}}} >= {show_if['gte']}")
    if "lte" in show_if:
        parts.append(f"{{{name}}} <= {show_if['lte']}")
    return " and ".join(parts)


def points(item: Item) -> list[dict[str, Any]]:
    return [{"value": p.value, "text": localised(p.label)} for p in item.scale.points.all()] if item.scale else []


def element(item: Item, rows: list[Item]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": KINDS[ItemKind(item.kind)], "name": item.code, "title": localised(item.text)}
    if item.required:
        out["isRequired"] = True
    if item.show_if:
        out["visibleIf"] = condition(item.show_if)
    if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.RANKING):
        out["choices"] = [{"value": o["value"], "text": localised(o["label"])} for o in item.options]
    if item.kind == ItemKind.LIKERT:
        out["rateValues"] = points(item)
    if item.kind == ItemKind.NUMBER:
        out["inputType"] = "number"
        out |= {key: value for key, value in (("min", item.number_min), ("max", item.number_max)) if value is not None}
    if item.kind == ItemKind.MATRIX:
        out["columns"] = points(item)
        out["rows"] = [
            {"value": row.code, "text": localised(row.text)}
            | ours(row)
            | ({"visibleIf": condition(row.show_if)} if row.show_if else {})
            for row in rows
        ]
    out |= ours(item)
    return {key: value for key, value in out.items() if value is not None}


def ours(item: Item) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if item.construct:
        extra["ortaqConstruct"] = item.construct
    if item.subscale:
        extra["ortaqSubscale"] = item.subscale
    if item.reverse_keyed:
        extra["ortaqReverseKeyed"] = True
    if item.breakdown:
        extra["ortaqBreakdown"] = item.breakdown
    if item.scale is not None:
        extra["ortaqScale"] = item.scale.code
    if item.kind == ItemKind.SCHOOL:
        extra["ortaqKind"] = "school"
    return extra


def export(version: InstrumentVersion) -> dict[str, Any]:
    """The version as a SurveyJS document."""
    from surveys.models import Survey

    questionnaire = Questionnaire.of(Survey(version=version))
    instrument = version.instrument
    return {
        "title": localised(instrument.title),
        "description": localised(instrument.description),
        "locale": "kk",
        "ortaqKind": instrument.kind,
        "ortaqVersion": version.number,
        "pages": [
            {
                "name": f"section{section.position}",
                "title": localised(section.title),
                "description": localised(section.intro),
                "elements": [
                    element(item, questionnaire.rows.get(item.pk, [])) for item in questionnaire.items[section.pk]
                ],
            }
            for section in questionnaire.sections
        ],
    }


CONDITION = re.compile(r"^\{(?P<item>[\w-]+)\}\s*(?:anyof|=)\s*\[?(?P<values>[^\]]*)\]?$")
BOUND = re.compile(r"\{(?P<item>[\w-]+)\}\s*(?P<op>>=|<=)\s*(?P<value>-?\d+(?:\.\d+)?)")


def parse_condition(text: str) -> dict[str, Any]:
    if not text:
        return {}
    bounds = BOUND.findall(text)
    if bounds:
        out: dict[str, Any] = {"item": bounds[0][0]}
        for _item, op, value in bounds:
            out["gte" if op == ">=" else "lte"] = float(value)
        return out
    found = CONDITION.match(text.strip())
    if not found:
        raise ValidationError(_("A condition cannot be read: %(text)s") % {"text": text})
    values = [value.strip().strip("'\"") for value in found["values"].split(",") if value.strip()]
    return {"item": found["item"], "in": values}


KIND_OF = {
    "radiogroup": ItemKind.SINGLE,
    "dropdown": ItemKind.SINGLE,
    "checkbox": ItemKind.MULTIPLE,
    "rating": ItemKind.LIKERT,
    "matrix": ItemKind.MATRIX,
    "comment": ItemKind.LONG_TEXT,
    "ranking": ItemKind.RANKING,
}


@transaction.atomic
def import_document(document: dict[str, Any], *, network: Network, by: User) -> Instrument:
    """A network's own questionnaire from a SurveyJS document (its scales must be ours)."""
    kind = str(document.get("ortaqKind", ""))
    instrument = Instrument.objects.create(
        network=network,
        kind=kind if kind in InstrumentKind.values else InstrumentKind.CUSTOM,
        title=unlocalised(document.get("title")) or {"kk": _("Imported questionnaire")},
        description=unlocalised(document.get("description")),
        created_by=by,
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    scales = {scale.code: scale for scale in Scale.objects.all()}
    for position, page in enumerate(document.get("pages", [])):
        section = Section.objects.create(
            version=version,
            position=position,
            title=unlocalised(page.get("title")),
            intro=unlocalised(page.get("description")),
        )
        for number, spec in enumerate(page.get("elements", [])):
            parent = add(section, spec, number, scales)
            for row_number, row in enumerate(spec.get("rows", []) if parent.kind == ItemKind.MATRIX else []):
                add(
                    section,
                    {
                        **row,
                        "type": "rating",
                        "name": row.get("value"),
                        "title": row.get("text"),
                        "isRequired": spec.get("isRequired"),
                        "ortaqScale": spec.get("ortaqScale"),
                    },
                    row_number,
                    scales,
                    parent=parent,
                )
    return instrument


def add(
    section: Section, spec: dict[str, Any], position: int, scales: dict[str, Scale], parent: Item | None = None
) -> Item:
    kind_name = spec.get("type", "")
    if spec.get("ortaqKind") == "school":
        kind = ItemKind.SCHOOL
    elif kind_name == "text":
        kind = ItemKind.NUMBER if spec.get("inputType") == "number" else ItemKind.SHORT_TEXT
    elif kind_name in KIND_OF:
        kind = KIND_OF[kind_name]
    else:
        raise ValidationError(_("A question of a kind Ortaq does not ask: %(kind)s") % {"kind": kind_name})
    scale = scales.get(spec.get("ortaqScale", ""))
    if kind in (ItemKind.LIKERT, ItemKind.MATRIX) and scale is None:
        raise ValidationError(_("A question on a scale names a scale Ortaq does not have."))
    item = Item(
        section=section,
        parent=parent,
        position=position,
        code=str(spec.get("name", ""))[:40],
        kind=kind,
        text=unlocalised(spec.get("title")),
        required=bool(spec.get("isRequired")),
        scale=scale,
        options=[
            {"value": str(c["value"]), "label": unlocalised(c.get("text") or str(c["value"]))}
            for c in spec.get("choices", [])
        ],
        number_min=spec.get("min"),
        number_max=spec.get("max"),
        show_if=parse_condition(spec.get("visibleIf", "")),
        construct=spec.get("ortaqConstruct", ""),
        subscale=spec.get("ortaqSubscale", ""),
        reverse_keyed=bool(spec.get("ortaqReverseKeyed")),
        breakdown=spec.get("ortaqBreakdown", ""),
        translation={"ru": "draft", "en": "draft"},
    )
    item.full_clean(exclude=["section", "parent"])
    item.save()
    return item
