"""Views and downloads, counted without writing to the database on every request.

A page view adds one to a counter in the cache (``incr``: atomic in Redis and in the
local-memory cache); ``flush_material_counters``, run every few minutes by cron or
the task worker, moves the counts into ``Material.view_count`` and
``download_count``. A popular lesson read by a thousand teachers in an evening costs
a few UPDATEs, not a thousand, and readers never wait on the database's writer.

The cache cannot list its keys, so the flush has to know where to look. Materials
are grouped in blocks of ``BLOCK`` ids, and counting also sets its block's «dirty»
mark. The flush reads the marks (one ``get_many`` for a thousand blocks), and only
the counters of the dirty blocks. It clears a block's mark *before* reading the
block's counters, while counting sets the mark *after* incrementing, so a count made
during a flush is either read by it or leaves the mark for the next run. The flush
subtracts what it read (``decr``) instead of resetting, keeping what arrived
meanwhile. If the cache loses a key (a restart of the local-memory cache, an
eviction), the counts since the last flush are lost: acceptable for popularity
figures, and the reason this is not used for anything that must add up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from materials.models import Material

logger = logging.getLogger(__name__)

VIEWS = "views"
DOWNLOADS = "downloads"
COLUMNS = {VIEWS: "view_count", DOWNLOADS: "download_count"}
BLOCK = 1000
PREFIX = "materials:counter"


def counter_key(kind: str, material_id: int) -> str:
    return f"{PREFIX}:{kind}:{material_id}"


def block_key(block: int) -> str:
    return f"{PREFIX}:dirty:{block}"


def count(kind: str, material_id: int) -> None:
    """One more view or download; never touches the database."""
    key = counter_key(kind, material_id)
    try:
        cache.incr(key)
    except ValueError:  # no counter yet, or the cache dropped it
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)  # someone else created it meanwhile
    cache.set(block_key(material_id // BLOCK), 1, timeout=None)


def pending(material_id: int) -> dict[str, int]:
    """Counts not yet flushed, to add to the stored ones on the material's page."""
    keys = {counter_key(kind, material_id): kind for kind in COLUMNS}
    found = cache.get_many(list(keys))
    return {kind: int(found.get(key) or 0) for key, kind in keys.items()}


def _chunks(items: Iterable[int], size: int) -> Iterator[list[int]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def flush() -> int:
    """Moves the counts from the cache to the database; returns how many were moved."""
    last = Material.objects.order_by("-pk").values_list("pk", flat=True).first()
    if last is None:
        return 0
    moved = 0
    for blocks in _chunks(range(last // BLOCK + 1), 1000):
        marks = cache.get_many([block_key(block) for block in blocks])
        for block in blocks:
            if block_key(block) in marks:
                cache.delete(block_key(block))  # before reading: see the module's docstring
                moved += _flush_block(block)
    return moved


def _flush_block(block: int) -> int:
    ids = range(block * BLOCK, (block + 1) * BLOCK)
    keys = {counter_key(kind, pk): (kind, pk) for kind in COLUMNS for pk in ids}
    counts: dict[int, dict[str, int]] = {}
    for key, value in cache.get_many(list(keys)).items():
        if int(value or 0) > 0:
            kind, pk = keys[key]
            counts.setdefault(pk, {})[kind] = int(value)
    if not counts:
        return 0
    with transaction.atomic():
        for pk, by_kind in counts.items():
            Material.objects.filter(pk=pk).update(
                **{COLUMNS[kind]: F(COLUMNS[kind]) + n for kind, n in by_kind.items()}
            )
    # After the commit: had the UPDATEs failed, the counts would still be in the cache.
    for pk, by_kind in counts.items():
        for kind, n in by_kind.items():
            try:
                cache.decr(counter_key(kind, pk), n)
            except ValueError:  # the cache lost the key meanwhile: nothing left to subtract from
                logger.warning("Material counter %s for %s vanished while flushing", kind, pk)
    return sum(sum(by_kind.values()) for by_kind in counts.values())
