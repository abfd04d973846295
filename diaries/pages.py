"""The diary's list of entries, computed as plain values.

A teacher's diary lists twenty entries a page. Through model instances with their
event, lesson and prefetched shares, and a ``|date`` filter per row, it cost the
server several times the one-query baseline (README, «Benchmarks»). Here the page
reads only the columns it shows, in two queries besides the paginator's count, and
the template only prints.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.paginator import Page, Paginator

from diaries.models import Entry, Share, opening
from ortaq.lib.dates import short_date

if TYPE_CHECKING:
    from accounts.models import User


class EntryRow(NamedTuple):
    pk: int
    written_on: datetime.date
    written: str  # the date as ``|date:"SHORT_DATE_FORMAT"`` writes it
    about: str | None  # the event's title, or else the lesson's topic
    shared_with: list[str]
    opening: str


def entry_page(author: User, number: str | None, per_page: int) -> tuple[Page[tuple[Any, ...]], list[EntryRow]]:
    """A page of the person's entries, newest first, with whom each is shared."""
    entries = Entry.objects.filter(author=author).values_list(
        "pk", "written_on", "event__title", "lesson__topic", "tried", "pupils", "next_steps"
    )
    page = Paginator(entries, per_page).get_page(number)
    rows = {
        # Titles and topics are never null: None is an entry about no event or lesson.
        pk: EntryRow(
            pk,
            written_on,
            short_date(written_on),
            event if event is not None else lesson,
            [],
            opening(tried, pupils, next_steps),
        )
        for pk, written_on, event, lesson, tried, pupils, next_steps in page.object_list
    }
    shares = Share.objects.filter(entry__in=list(rows)).values_list("entry_id", "shared_with__full_name")
    for entry_id, name in shares:
        rows[entry_id].shared_with.append(name)
    return page, list(rows.values())
