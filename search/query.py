"""Searching: the public interface for views and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from networks.models import visible_network_ids
from search import engine
from search.models import SearchDocument, SearchDocumentQuerySet, Word, grade_mask
from search.text import (
    KAZAKH_LETTERS,
    SNIPPET_WORDS,
    Term,
    highlight,
    is_plain_latin,
    parse_query,
    skeleton,
    snippet,
    word_keys,
)

if TYPE_CHECKING:
    from accounts.models import User

MAX_LIMIT = 100
# The snippet is cut from the first characters of the text; no need to fetch a whole book.
SNIPPET_SOURCE_CHARS = 5000
# Beyond this many networks (a methodologist of a region), the index is not narrowed by network.
MAX_FACET_NETWORKS = 50
# A thread's matching replies shown under it (the others are counted), each with a
# snippet of this many words.
REPLIES_SHOWN = 3
REPLY_SNIPPET_WORDS = 20


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
    # A result's matching replies, best first (a thread's result only), and how many
    # more matched than are shown.
    replies: tuple[Hit, ...] = ()
    more_replies: int = 0
    # False for a thread shown only for its replies' sake.
    matched: bool = True
    # The thread's, reply's or material's own id (what an API lists by).
    object_id: int = 0

    @property
    def kind_label(self) -> str:
        return SearchDocument.Kind(self.kind).label


@dataclass(frozen=True)
class Results:
    query: str
    terms: list[Term] = field(default_factory=list)
    # One hit per result: a material, or a thread with its matching replies beneath.
    hits: list[Hit] = field(default_factory=list)
    # The number of results; ``capped``: counted among the newest engine.RANKED
    # matching documents, and there are more.
    count: int = 0
    capped: bool = False
    has_next: bool = False
    # Words of the index near those of a query that found little (``suggest``).
    suggestion: str = ""
    # Nothing matched the query: the hits are the suggestion's.
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
    """The results the person may see that contain every word of ``q`` (by its
    beginning, its stem or its keyboard skeleton: search/text.py), best first, with
    the words highlighted, narrowed by ``filters``; a thread's matching replies come
    as one result with it. Takes two queries: the page's results by rank, then their
    rows (one more for the networks a signed-in person sees, unless this request has
    read them already; one more when a Latin word may be English; and, when the
    search finds little, one for the suggestion and two for its results)."""
    terms = known_latin(parse_query(q))
    if not terms:
        return Results(query=q)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    documents = filters.apply(SearchDocument.objects.visible_to(user))
    facets = filters.facets()
    visible = visibility_facets(user)
    if visible is not None:
        facets.append(visible)

    def ranked(terms: list[Term]) -> engine.Ranked:
        return engine.ranked(documents, terms, facets=facets, offset=offset, limit=limit)

    found = ranked(terms)
    suggestion = ""
    is_fuzzy = False
    if offset == 0 and found.count < FEW:
        suggestion = suggest(terms)
        if suggestion and not found.results:
            # The suggestion's words are the index's, as written: no Latin word in it is Kazakh.
            terms = [replace(term, spellings=()) for term in parse_query(suggestion)]
            found = ranked(terms)
            is_fuzzy = bool(found.results)
    return Results(
        query=q,
        terms=terms,
        hits=results_of(found, terms),
        count=found.count,
        capped=found.capped,
        has_next=found.count > offset + limit,
        suggestion=suggestion,
        is_fuzzy=is_fuzzy,
        offset=offset,
    )


def results_of(found: engine.Ranked, terms: list[Term]) -> list[Hit]:
    """The hits of the results, read in one query: each result's thread or material,
    matched or not (whoever may see a reply may see its thread: a thread's replies
    share its network and group, and leave the index with it), and its newest
    matching replies."""
    if not found.results:
        return []
    pages = [result.page for result in found.results]
    replies = [pk for result in found.results for pk in result.replies[:REPLIES_SHOWN]]
    rows = {
        row["pk"]: row
        for row in SearchDocument.objects.filter(
            Q(pk__in=replies) | Q(page__in=pages) & ~Q(kind=SearchDocument.Kind.POST)
        )
        .annotate(network_name=F("network__name"), text=Substr("body", 1, SNIPPET_SOURCE_CHARS))
        .values("pk", "kind", "object_id", "title", "url", "created_at", "network_name", "text", "page")
    }
    heads = {row["page"]: row for row in rows.values() if row["kind"] != SearchDocument.Kind.POST}
    hits = []
    for result in found.results:
        shown = [pk for pk in result.replies[:REPLIES_SHOWN] if pk in rows]
        head = heads.get(result.page)
        if head is None:  # no thread to show them under: the newest reply leads
            if not shown:
                continue
            head, shown = rows[shown[0]], shown[1:]
        hits.append(
            replace(
                hit(head, result.rank, terms, matched=head["pk"] == result.head),
                replies=tuple(hit(rows[pk], result.rank, terms, reply=True) for pk in shown),
                more_replies=max(0, len(result.replies) - REPLIES_SHOWN),
            )
        )
    return hits


# --- Latin words, and words near those of a query -----------------------------------------

# A search with fewer results than this suggests words near the query's.
FEW = 3
# Words of the index looked at for a suggestion, the most common first.
MAX_CANDIDATES = 2000


def _prefix_range(prefix: str) -> tuple[str, str]:
    """The words that begin with ``prefix``: from it to the next string of its length
    (Word.word compares by code points on both databases: migration 0005)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def known_latin(terms: list[Term]) -> list[Term]:
    """The terms, with the Kazakh spellings left out of the ASCII words the index
    holds as they are («Lesson», «Holidays»): one query, when there are such words."""
    plain = [term for term in terms if term.spellings and is_plain_latin(term.text)]
    if not plain:
        return terms
    table = connection.ops.quote_name(Word._meta.db_table)
    check = f"EXISTS (SELECT 1 FROM {table} WHERE word >= %s AND word < %s)"  # noqa: S608 (our table's name)
    checks = ", ".join(check for _term in plain)
    with connection.cursor() as cursor:
        bounds = [bound for term in plain for bound in _prefix_range(term.text)]
        cursor.execute(f"SELECT {checks}", bounds)
        known = {term.text for term, exists in zip(plain, cursor.fetchone(), strict=True) if exists}
    return [replace(term, spellings=()) if term.text in known else term for term in terms]


def _near(term: Term) -> tuple[str, ...]:
    """How a term is compared with the words of the index: as written, and a Latin
    word also in its Cyrillic spellings and their skeletons."""
    return tuple(dict.fromkeys([term.text, *term.spellings, *(skeleton(text) for text in term.spellings)]))


def suggest(terms: list[Term]) -> str:
    """The query with each word that the index does not know, or knows in few
    documents, replaced by a word of the index near it and in at least twice as many
    (one or two letters added, dropped, changed or swapped, after the first two; the
    nearest, then the most common), or "" when there is none. A word is known by the
    words of the index that begin with it (as written, or as skeletons) or share a key
    (stem, skeleton) with it. One query."""
    words_ = [term for term in terms if term.prefix and not term.is_code and len(term.text) >= MIN_SUGGESTED]
    conditions = Q(pk__in=[])
    for term in words_:
        for text in _near(term):
            for beginning in beginnings(text):
                start, stop = _prefix_range(beginning)
                conditions |= Q(word__gte=start, word__lt=stop)
    if not words_:
        return ""
    candidates = list(
        Word.objects.filter(conditions).order_by("-documents", "word").values_list("word", "documents")[:MAX_CANDIDATES]
    )
    replaced = {}
    for term in words_:
        near = _near(term)
        known = max(
            (
                documents
                for word, documents in candidates
                if any(word.startswith(text) for text in near)
                or term.keys & word_keys(word)
                or any(skeleton(word).startswith(text) for text in term.skeletons)
            ),
            default=0,
        )
        folding = (False, True) if not set(term.text) & KAZAKH_LETTERS else (False,)
        # A beginning further than two letters from the text is too far: words that
        # begin alike are compared once, as their most common word.
        beginnings_: dict[str, int] = {}
        for word, documents in candidates:
            if documents >= 2 * known and not any(word.startswith(text) for text in near):
                beginnings_.setdefault(word[: len(term.text) + 2], documents)
        best = min(
            (
                (distance, -documents, beginning[:end])
                for beginning, documents in beginnings_.items()
                for distance, end in [
                    min(typos(text, beginning, skeletons=folds) for text in near for folds in folding)
                ]
                if distance <= max_typos(term.text)
            ),
            default=None,
        )
        if best is not None:
            replaced[term.text] = best[2]
    if not replaced:
        return ""
    return " ".join(replaced.get(term.text, term.text) for term in terms)


MIN_SUGGESTED = 3


def max_typos(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def initials(letter: str) -> tuple[str, ...]:
    """The letters a word of the index may have where a query word has ``letter``:
    itself, and the Kazakh letters a Russian keyboard types so."""
    return (letter, *(kazakh for kazakh in KAZAKH_LETTERS if skeleton(kazakh) == letter))


def beginnings(text: str) -> set[str]:
    """The first two letters a word near ``text`` may have: its own, as a Russian
    keyboard may have typed them, or swapped."""
    first, second = text[0], text[1]
    return {a + b for x, y in ((first, second), (second, first)) for a in initials(x) for b in initials(y)}


def typos(text: str, word: str, *, skeletons: bool = False) -> tuple[int, int]:
    """The fewest letters added, dropped, changed or swapped with their neighbour
    (optimal string alignment) that make a beginning of ``word`` of ``text`` — a
    query word is a beginning —, and the length of that beginning; compared as
    keyboard skeletons when ``skeletons``. Stops counting past two (3, 0)."""
    if skeletons:
        word = skeleton(word)
    if len(word) < len(text) - 2:
        return 3, 0
    previous2: list[int] = []
    previous = list(range(len(word) + 1))
    for i, a in enumerate(text, 1):
        current = [i] + [0] * len(word)
        for j, b in enumerate(word, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == word[j - 2] and text[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > 2:
            return 3, 0
        previous2, previous = previous, current
    distance = min(previous)
    # The shortest beginning at that distance, at least as long as the text less two.
    end = next(j for j in range(len(word) + 1) if previous[j] == distance)
    return distance, end


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day, in the site's time zone (Almaty)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def hit(row: Mapping[str, Any], rank: float, terms: list[Term], *, matched: bool = True, reply: bool = False) -> Hit:
    """A result, or (``reply``) a reply shown under its thread: with a shorter
    snippet, and its title (the thread's) not marked, as it is not shown."""
    return Hit(
        kind=row["kind"],
        title=row["title"],
        title_html=conditional_escape(row["title"]) if reply else highlight(row["title"], terms),
        snippet=snippet(row["text"] or "", terms, length=REPLY_SNIPPET_WORDS if reply else SNIPPET_WORDS)
        if matched
        else mark_safe(""),
        url=row["url"],
        rank=float(rank or 0),
        date=row["created_at"],
        network_name=row["network_name"] or "",
        matched=matched,
        object_id=row["object_id"],
    )
