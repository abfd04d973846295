"""Searching: the public interface for views and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import F
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import SafeString

from search import engine
from search.models import SearchDocument, SearchDocumentQuerySet, grade_mask
from search.text import Term, highlight, parse_query, snippet

if TYPE_CHECKING:
    from accounts.models import User

MAX_LIMIT = 100
# The snippet is cut from the first characters of the text; no need to fetch a whole book.
SNIPPET_SOURCE_CHARS = 5000


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    title_html: SafeString
    snippet: SafeString
    url: str
    rank: float
    date: datetime.datetime
    network_name: str

    @property
    def kind_label(self) -> str:
        return SearchDocument.Kind(self.kind).label


@dataclass(frozen=True)
class Results:
    query: str
    terms: list[Term] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    has_next: bool = False
    # Nothing matched exactly; these are titles with similar words (PostgreSQL only).
    is_fuzzy: bool = False
    offset: int = 0

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


def search(
    user: User,
    q: str,
    *,
    kinds: Iterable[str] | None = None,
    network_id: int | None = None,
    subject_id: int | None = None,
    grade: int | None = None,
    material_kind: str | None = None,
    language: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """The documents the person may see that contain every word of ``q`` (as a
    prefix), best first, with the words highlighted. Filters narrow it; ``date_to``
    includes its whole day. Takes two queries: the page's ids by rank, then their
    rows (near misses on PostgreSQL take one more)."""
    terms = parse_query(q)
    if not terms:
        return Results(query=q)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    documents = filtered(
        SearchDocument.objects.visible_to(user),
        kinds=kinds,
        network_id=network_id,
        subject_id=subject_id,
        grade=grade,
        material_kind=material_kind,
        language=language,
        date_from=date_from,
        date_to=date_to,
    )
    page = engine.ranked(documents, terms, offset=offset, limit=limit + 1)
    is_fuzzy = False
    if not page and offset == 0:
        page = engine.near_misses(documents, terms, limit=limit)
        is_fuzzy = bool(page)
    rows = {
        row["pk"]: row
        for row in SearchDocument.objects.filter(pk__in=[pk for pk, _rank in page[:limit]])
        .annotate(network_name=F("network__name"), text=Substr("body", 1, SNIPPET_SOURCE_CHARS))
        .values("pk", "kind", "title", "url", "created_at", "network_name", "text")
    }
    return Results(
        query=q,
        terms=terms,
        hits=[hit(rows[pk], rank, terms) for pk, rank in page[:limit] if pk in rows],
        has_next=len(page) > limit,
        is_fuzzy=is_fuzzy,
        offset=offset,
    )


def filtered(
    documents: SearchDocumentQuerySet,
    *,
    kinds: Iterable[str] | None = None,
    network_id: int | None = None,
    subject_id: int | None = None,
    grade: int | None = None,
    material_kind: str | None = None,
    language: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> SearchDocumentQuerySet:
    if kinds:
        documents = documents.filter(kind__in=list(kinds))
    if network_id:
        documents = documents.filter(network_id=network_id)
    if subject_id:
        documents = documents.filter(subject_id=subject_id)
    if grade is not None:
        bit = grade_mask([grade])
        documents = documents.alias(grade_bit=F("grades").bitand(bit)).filter(grade_bit=bit)
    if material_kind:
        documents = documents.filter(material_kind=material_kind)
    if language:
        documents = documents.filter(language=language)
    if date_from:
        documents = documents.filter(created_at__gte=start_of(date_from))
    if date_to:
        documents = documents.filter(created_at__lt=start_of(date_to + datetime.timedelta(days=1)))
    return documents


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day, in the site's time zone (Almaty)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def hit(row: dict[str, Any], rank: float, terms: list[Term]) -> Hit:
    return Hit(
        kind=row["kind"],
        title=row["title"],
        title_html=highlight(row["title"], terms),
        snippet=snippet(row["text"] or "", terms),
        url=row["url"],
        rank=float(rank or 0),
        date=row["created_at"],
        network_name=row["network_name"] or "",
    )
