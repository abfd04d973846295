"""Searching: the public interface for views and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import F
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import SafeString

from networks.models import visible_network_ids
from search import engine
from search.models import SearchDocument, SearchDocumentQuerySet, grade_mask
from search.text import Term, highlight, parse_query, snippet

if TYPE_CHECKING:
    from accounts.models import User

MAX_LIMIT = 100
# The snippet is cut from the first characters of the text; no need to fetch a whole book.
SNIPPET_SOURCE_CHARS = 5000
# Beyond this many networks (a methodologist of a region), the index is not narrowed by network.
MAX_FACET_NETWORKS = 50


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


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; ``None`` (or empty) leaves a filter out.
    ``date_to`` includes its whole day."""

    kinds: tuple[str, ...] | None = None
    network_id: int | None = None
    subject_id: int | None = None
    grade: int | None = None
    material_kind: str | None = None
    language: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def apply(self, documents: SearchDocumentQuerySet) -> SearchDocumentQuerySet:
        if self.kinds:
            documents = documents.filter(kind__in=list(self.kinds))
        if self.network_id:
            documents = documents.filter(network_id=self.network_id)
        if self.subject_id:
            documents = documents.filter(subject_id=self.subject_id)
        if self.grade is not None:
            bit = grade_mask([self.grade])
            documents = documents.alias(grade_bit=F("grades").bitand(bit)).filter(grade_bit=bit)
        if self.material_kind:
            documents = documents.filter(material_kind=self.material_kind)
        if self.language:
            documents = documents.filter(language=self.language)
        if self.date_from:
            documents = documents.filter(created_at__gte=start_of(self.date_from))
        if self.date_to:
            documents = documents.filter(created_at__lt=start_of(self.date_to + datetime.timedelta(days=1)))
        return documents

    def facets(self) -> list[list[str]]:
        """The same filters as facet words for the full-text index (dates are not
        facets: the newest-first walk of the index meets them soon enough)."""
        facets = []
        if self.kinds:
            facets.append([engine.facet("kind", kind) for kind in self.kinds])
        # The same tests as apply(): an id or a text of 0 or "" is no filter, a grade of 0 is one.
        values = {
            "network": self.network_id or None,
            "subject": self.subject_id or None,
            "grade": self.grade,
            "material_kind": self.material_kind or None,
            "language": self.language or None,
        }
        facets.extend([engine.facet(name, value)] for name, value in values.items() if value is not None)
        return facets


def visibility_facets(user: User) -> list[str] | None:
    """Facet words of which every document the person may see has one (public, or
    one of the networks they see): a superset of ``visible_to``, for the index to
    narrow with. None when it would not narrow much (a superuser, or someone who
    sees very many networks)."""
    if not user.is_authenticated or not user.is_active:
        return [engine.PUBLIC]
    if user.is_superuser:
        return None
    # The ids visible_to reads once per request (the search form has asked for them).
    networks = visible_network_ids(user)
    if len(networks) > MAX_FACET_NETWORKS:
        return None
    return [engine.PUBLIC, *(engine.facet("network", pk) for pk in sorted(networks))]


def search(user: User, q: str, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> Results:
    """The documents the person may see that contain every word of ``q`` (as a
    prefix), best first, with the words highlighted, narrowed by ``filters``.
    Takes two queries: the page's ids by rank, then their rows (one more for the
    networks a signed-in person sees, unless this request has read them already, and
    near misses on PostgreSQL one more)."""
    terms = parse_query(q)
    if not terms:
        return Results(query=q)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    documents = filters.apply(SearchDocument.objects.visible_to(user))
    facets = filters.facets()
    visible = visibility_facets(user)
    if visible is not None:
        facets.append(visible)
    page = engine.ranked(documents, terms, facets=facets, offset=offset, limit=limit + 1)
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
