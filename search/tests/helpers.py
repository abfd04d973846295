"""Documents as the forums and the library will provide them, for the tests."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

_ids = itertools.count(1)


def document(kind: str = "thread", **fields: Any) -> dict[str, Any]:
    """A document as the forums and the library will provide it (search/index.py)."""
    object_id = fields.pop("object_id", next(_ids))
    doc = {
        "kind": kind,
        "object_id": object_id,
        "network_id": None,
        "group_id": None,
        "is_public": False,
        "title": "Сабақ жоспары",
        "body": "",
        "url": f"/{kind}/{object_id}/",
        "created_at": timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0)),
        "is_visible": True,
    }
    if kind == "material":
        doc.update(subject_id=None, grades=[], language="kk", material_kind="lesson_plan", objective_codes=[])
    doc.update(fields)
    return doc


# Queries that must never break a search.
HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "OR",
    "a:b",
    ")",
    "",
    "   ",
    '"мұғалім',
    "мұғалім*",
    "NEAR(мұғалім сабақ, 2)",
    "мұғалім OR сабақ NOT AND",
    "title:мұғалім",
    "^мұғалім",
    "{title body}: мұғалім",
    "'; DROP TABLE search_searchdocument; --",
    "\\'\\\\",
    "%_%",
    "мұғалім\x00сабақ",
    "мұғалім-сабақ",
    "::* & | ! <-> ()",
    "🙂 мұғалім 🙂",
    "ا ب",
    "x" * 10_000,
]
