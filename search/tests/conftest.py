from __future__ import annotations

from typing import Any

import pytest

from search import index
from search.tests.helpers import document


@pytest.fixture
def put():
    """Puts a document in the index: put(kind, **fields) -> the document."""

    def put_document(kind: str = "thread", **fields: Any) -> dict[str, Any]:
        doc = document(kind, **fields)
        index.put(doc)
        return doc

    return put_document


@pytest.fixture
def sources(monkeypatch):
    """An empty registry of sources for the test; whatever it registers is
    disconnected afterwards, and the real sources (if the apps exist) come back."""
    monkeypatch.setattr(index, "_sources", {})
    yield index
    for kind in list(index._sources):
        index.unregister_source(kind)
