"""The library shipped with Ortaq: questionnaires written for it (surveys/library/*.json,
every text as [Kazakh, Russian, English]), loaded by ``ortaq load_survey_library`` and
by the demo. Loading is idempotent: a file that has not changed changes nothing; a
changed file rewrites its latest version, or — when a survey already runs on that
version — adds the next one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from surveys.models import Instrument, InstrumentVersion, Item, Scale, ScalePoint, Section

LIBRARY = Path(__file__).resolve().parent / "library"
SCALES = "scales.json"


def texts(value: Any) -> dict[str, str]:
    """[kk, ru, en] as {"kk": …, "ru": …, "en": …}."""
    if not value:
        return {}
    kk, ru, en = value
    return {"kk": kk, "ru": ru, "en": en}


def options(values: list[Any]) -> list[dict[str, Any]]:
    return [{"value": value, "label": texts(label)} for value, label in values]


def load_scales(path: Path | None = None) -> dict[str, Scale]:
    data = json.loads((path or LIBRARY / SCALES).read_text(encoding="utf-8"))
    scales = {}
    for code, spec in data.items():
        if code.startswith("_"):
            continue
        scale, _created = Scale.objects.update_or_create(code=code, defaults={"title": texts(spec["title"])})
        for value, label in spec["points"]:
            ScalePoint.objects.update_or_create(scale=scale, value=value, defaults={"label": texts(label)})
        scale.points.exclude(value__in=[value for value, _label in spec["points"]]).delete()
        scales[code] = scale
    return scales


def load_instrument(path: Path, scales: dict[str, Scale]) -> tuple[Instrument, bool]:
    """Returns the instrument and whether anything changed."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    spec = json.loads(raw)
    instrument, created = Instrument.objects.update_or_create(
        code=spec["code"],
        network=None,
        defaults={"kind": spec["kind"], "title": texts(spec["title"]), "description": texts(spec.get("description"))},
    )
    latest = instrument.latest_version()
    if latest is not None and latest.source_digest == digest:
        return instrument, created
    if latest is None or latest.is_frozen:
        number = latest.number + 1 if latest else 1
        version = InstrumentVersion.objects.create(instrument=instrument, number=number, source_digest=digest)
        version.subscales = {code: texts(name) for code, name in spec.get("subscales", {}).items()}
        version.save(update_fields=["subscales"])
    else:
        version = latest
        version.sections.all().delete()
        version.source_digest = digest
        version.subscales = {code: texts(name) for code, name in spec.get("subscales", {}).items()}
        version.save(update_fields=["source_digest", "subscales"])
    for position, section_spec in enumerate(spec["sections"]):
        section = Section.objects.create(
            version=version,
            position=position,
            title=texts(section_spec["title"]),
            intro=texts(section_spec.get("intro")),
        )
        for item_position, item_spec in enumerate(section_spec["items"]):
            parent = add_item(section, item_spec, item_position, scales)
            for row_position, row_spec in enumerate(item_spec.get("rows", [])):
                row = {"kind": "likert", "scale": item_spec["scale"], "required": item_spec.get("required", False)}
                add_item(section, {**row, **row_spec}, row_position, scales, parent=parent)
    return instrument, True


def add_item(
    section: Section, spec: dict[str, Any], position: int, scales: dict[str, Scale], parent: Item | None = None
) -> Item:
    item = Item(
        section=section,
        parent=parent,
        position=position,
        code=spec["code"],
        kind=spec["kind"],
        text=texts(spec["text"]),
        help=texts(spec.get("help")),
        translation={"ru": "reviewed", "en": "reviewed"},
        required=spec.get("required", False),
        scale=scales[spec["scale"]] if spec.get("scale") else None,
        options=options(spec.get("options", [])),
        number_min=spec.get("number_min"),
        number_max=spec.get("number_max"),
        show_if=spec.get("show_if", {}),
        construct=spec.get("construct", ""),
        subscale=spec.get("subscale", ""),
        reverse_keyed=spec.get("reverse_keyed", False),
        breakdown=spec.get("breakdown", ""),
    )
    item.full_clean(exclude=["section", "parent"])
    item.save()
    return item


@transaction.atomic
def load_library(folder: Path | None = None) -> list[tuple[Instrument, bool]]:
    folder = folder or LIBRARY
    scales = load_scales(folder / SCALES)
    return [load_instrument(path, scales) for path in sorted(folder.glob("*.json")) if path.name != SCALES]
