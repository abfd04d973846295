"""Keyset («cursor») pages for lists ordered newest first by (created_at, id).

A page starts after the last row of the previous one instead of at an OFFSET, so
page 500 costs what page 1 costs, a material published meanwhile does not shift
every row to the next page, and no COUNT(*) is needed: we ask for one row more than
a page holds to know whether there is a next one.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet


@dataclass
class KeysetPage:
    items: list[Any] = field(default_factory=list)
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor or not self.is_first)

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def cursor_of(row: Model) -> str:
    key = f"{row.created_at.isoformat()}|{row.pk}"  # type: ignore[attr-defined]
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def parse_cursor(cursor: str | None) -> tuple[datetime.datetime, int] | None:
    """The key in a cursor, or None for anything that is not one (an old bookmark,
    a hand-edited link): the list then simply starts from the newest."""
    if not cursor or len(cursor) > 100:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = text.split("|")
        created_at = datetime.datetime.fromisoformat(moment)
        if created_at.tzinfo is None:
            return None
        return created_at, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def keyset_page(
    rows: QuerySet[Any], *, after: str | None = None, before: str | None = None, size: int = 20
) -> KeysetPage:
    """A page of ``rows`` (which must not be ordered yet) newest first."""
    older = parse_cursor(after)
    newer = parse_cursor(before) if older is None else None
    if newer is not None:
        moment, pk = newer
        # «created_at >= t» first: a plain range the index can seek to; the OR only
        # sorts out the few rows published in the same microsecond.
        found = list(
            rows.filter(Q(created_at__gte=moment) & (Q(created_at__gt=moment) | Q(pk__gt=pk))).order_by(
                "created_at", "id"
            )[: size + 1]
        )
        if len(found) <= size:  # back at the start: show the first page as it is now
            return keyset_page(rows, size=size)
        items = list(reversed(found[:size]))
        return KeysetPage(items, next_cursor=cursor_of(items[-1]), previous_cursor=cursor_of(items[0]), is_first=False)
    query = rows.order_by("-created_at", "-id")
    if older is not None:
        moment, pk = older
        query = query.filter(Q(created_at__lte=moment) & (Q(created_at__lt=moment) | Q(pk__lt=pk)))
    found = list(query[: size + 1])
    items = found[:size]
    return KeysetPage(
        items,
        next_cursor=cursor_of(items[-1]) if len(found) > size else None,
        previous_cursor=cursor_of(items[0]) if older is not None and items else None,
        is_first=older is None,
    )
