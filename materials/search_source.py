"""The library's documents for the search index (see materials.models.Material.search_document)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from materials.models import Authorship, Material

CHUNK = 2000


def search_documents() -> Iterator[dict[str, Any]]:
    """Every material's document, read in chunks with their authors, codes and tags
    (four queries per chunk, however many materials)."""
    materials = Material.objects.order_by("pk").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("user")), "objectives", "tags"
    )
    for material in materials.iterator(chunk_size=CHUNK):
        document = material.search_document()
        if document is not None:
            yield document
