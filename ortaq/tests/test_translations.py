"""The catalogues are complete, keep their placeholders, and are compiled.

The .mo files are committed (a fresh machine may lack gettext), so a .po edited
without recompiling would silently serve the old texts."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")
COMPLETION = "ortaq/conf/locale/kk/LC_MESSAGES"


def po_file(relative: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.BASE_DIR, relative)))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def translations(catalogue: polib.POFile | polib.MOFile) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
    """(msgctxt, msgid) -> msgstr, or the tuple of plural forms, for every translated entry."""
    mapping = {}
    for entry in catalogue:
        if not entry.msgid or getattr(entry, "obsolete", False) or "fuzzy" in getattr(entry, "flags", []):
            continue
        forms = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)) if entry.msgid_plural else None
        if (forms and all(forms)) or (not forms and entry.msgstr):
            mapping[(entry.msgctxt, entry.msgid)] = forms or entry.msgstr
    return mapping


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_kazakh_and_russian_message_is_translated(lang):
    po = po_file(f"locale/{lang}/LC_MESSAGES/django.po")
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    for entry in po:
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        for msgstr in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert placeholders(msgstr) == expected, (entry.msgid, msgstr)


@pytest.mark.parametrize(
    "po_path",
    [
        "locale/kk/LC_MESSAGES/django.po",
        "locale/ru/LC_MESSAGES/django.po",
        "locale/en/LC_MESSAGES/django.po",
        f"{COMPLETION}/django.po",
        f"{COMPLETION}/djangojs.po",
    ],
)
def test_the_compiled_catalogues_match_their_sources(po_path):
    mo_path = Path(settings.BASE_DIR, po_path).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run msgfmt --check -o {mo_path} {po_path}"
    assert translations(polib.mofile(str(mo_path))) == translations(po_file(po_path)), (
        f"{mo_path} is stale: run msgfmt --check -o {mo_path} {po_path}"
    )


def test_the_django_completion_catalogue_is_complete():
    po = po_file(f"{COMPLETION}/django.po")
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
