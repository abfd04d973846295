from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def search_documents() -> Iterator[dict[str, Any]]:
    """Every visible thread and reply as a search document (see forums/search_source.py).
    Imported lazily: this package is loaded before the models are ready."""
    from forums.search_source import search_documents as documents

    yield from documents()
