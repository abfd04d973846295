"""Full-text search on the database at hand. Everything that differs between SQLite
and PostgreSQL is in this module, chosen by ``connection.vendor``; index.py and
query.py call these functions and never ask which database they run on.

Both databases read a document the same way (search/text.py): words are runs of
letters and digits, case folded, «ё» read as «е», objective codes as one word each
(«7.2.1.1» → «7x2x1x1»).

SQLite (the default): an FTS5 table, ``search_fts``, over the view
``search_fts_source`` (migrations 0002 and 0003), which does the «ё» and code
rewriting and writes the facets; the ``unicode61`` tokenizer does the rest. It is an
external-content table: it keeps only the index and reads the words from the rows
through the view. So a row must
leave the index *before* it changes or goes (``unindex``) and enter it *after*
(``index``); index.py does both in one transaction, and nothing else writes rows.

PostgreSQL: ``search_vector`` on the row, written with it (``prepare``) from the
words Python reads, with a GIN index; and a trigram index on the titles for near
misses when nothing matches exactly.

Facets: what a search filters on (kind, public, network, group, subject, grades,
language, kind of material) is also written into the index as words, and ANDed into
the match, so the index narrows instead of the database reading the row of every
document with a common word. They only narrow: the SQL filters and ``visible_to``
still decide. SQLite: a fourth column, ``facets``, made in SQL by the view
(migration 0003). PostgreSQL: lexemes of the row's vector marked «~» (which no word
of a query can hold), written by ``facet_words``. Both are named by ``facet``; the
tests check that they agree with the filters.

Cost at size L (2.7 million documents, SQLite): finding the newest 2,000 matches
takes 1–7 ms thanks to the prefix indexes (migration 0003); bm25 then costs about
50 ms whatever the limit, because it counts every document with each word to weigh
it. That count is the next thing to cut if searches must get faster still.

Cost at size L on PostgreSQL: the index finds a prefix as one entry (the «^» words)
and narrows by facets: filtered, anonymous and multi-word searches take 60–140 ms
(p50). A word in 200,000 of the documents a person may see (a member of a network
holding half of 2.7 million) takes about 170 ms: PostgreSQL walks the primary key
backwards and tests each row's vector (about 5 µs a row, the vector read from TOAST)
until it has RANKED matches — 28,000 rows when documents are written in the order a
live site writes them (measured 2026-11-23). The walk grows where a common word is
rare among the newest documents (a topic of last year): the bench once wrote all
materials after all posts, and the same search read 100,000 rows in 0.9 s. Tried and
measured then, not the way out: a GIN index on (search_vector, id) with btree_gin and a
window of the newest ids — the id range inside GIN alone took 0.5 s for 100,000 ids,
and the planner kept the backward walk. What would bound it: a much smaller thing to
test per row — the «^» prefixes make each vector several times larger; kept in a
column of their own for the GIN index, a row could be tested against its words alone
with a «:*» prefix query — or a partial index over the recent documents.

A search takes two steps (query.py): ``ranked`` finds the page's ids and ranks,
then the page's twenty rows are read. Ranking is the costly part (bm25 or ts_rank
reads every matching document), so it looks at the ``RANKED`` newest visible
matches: every search with fewer matches than that is ranked in full, and a
search for the most common words ranks the newest of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQueryField, SearchRank, TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from search.text import Term, code_token, words

RANKED = 2000
# SQLite's bm25 weights are set in migration 0002: title 10, body 1, codes 5.
# PostgreSQL weighs the title and the codes as A, the body as D.
# pg_trgm word similarity for near misses; its default, 0.6, misses «кәсби» for «кәсіби».
NEAR_MISS_THRESHOLD = 0.4

# PostgreSQL keeps at most 256 positions of a word, and positions up to 16383.
PG_MAX_POSITIONS = 256
PG_MAX_POSITION = 16383


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Writing ---------------------------------------------------------------------------


def prepare(fields: dict[str, Any]) -> dict[str, Any]:
    """The row's fields, with PostgreSQL's vector: its text form, which the column
    casts on the way in, so it costs no expression per row."""
    if not is_postgresql():
        return fields
    title = indexed_title(fields["kind"], fields["title"])
    vector = tsvector(title, fields["objective_codes"], fields["body"], facet_words(fields))
    return {**fields, "search_vector": vector}


def indexed_title(kind: str, title: str) -> str:
    """A reply shows its thread's title but is found by its own words only; else
    every reply of a thread would match the words of its title (as the SQLite view
    in migration 0002 does too)."""
    return "" if kind == "post" else title


def tsvector(title: str, codes: str, body: str, facets: Sequence[str] = ()) -> str:
    """``'мұғалім':1A,7D 'сабақ':2A … '~kpost' '~n12'``: the words Python reads
    (text.words), so that PostgreSQL's own parser, which keeps «7.2.1.1» or
    «бірін-бірі» whole, has no say. Title and codes weigh A, the body D. The facets
    follow, marked with «~», which no word of a query can hold, and without
    positions, so they take no part in the rank."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in ((title, "A"), (code_token(codes), "A"), (body, "D")):
        for word in words(text):
            position = min(position + 1, PG_MAX_POSITION)
            seen = positions.setdefault(word, [])
            if len(seen) < PG_MAX_POSITIONS:
                seen.append(f"{position}{weight}")
    # Words hold only letters and digits: nothing to escape inside the quotes.
    lexemes = [f"'{word}':{','.join(at)}" for word, at in positions.items()]
    prefixes = sorted(
        {
            word[:length] + PG_PREFIX_MARK
            for word in positions
            for length in range(PG_PREFIXES_FROM, min(len(word), PG_PREFIXES_TO) + 1)
        }
    )
    return " ".join([*lexemes, *(f"'{p}'" for p in prefixes), *(f"'{PG_FACET_MARK}{facet}'" for facet in facets)])


def _ids_sql(rows: QuerySet) -> tuple[str, tuple[Any, ...]]:
    sql, params = rows.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


def index(rows: QuerySet) -> None:
    """Adds these rows, as they are now, to SQLite's full-text table. (PostgreSQL's
    vector was written with the row.)"""
    if is_postgresql():
        return
    sql, params = _ids_sql(rows)
    statement = (
        "INSERT INTO search_fts (rowid, title, body, codes, facets)"
        " SELECT id, title, body, codes, facets FROM search_fts_source"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} WHERE id IN ({sql})", params)  # sql: a compiled queryset


def unindex(rows: QuerySet) -> None:
    """Takes these rows out of SQLite's full-text table, before they change or go.
    They must be in it, with the values they were indexed with: FTS5 reads them to
    know which words to drop. (PostgreSQL's vector goes with the row.)"""
    if is_postgresql():
        return
    sql, params = _ids_sql(rows)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({sql})", params)  # noqa: S608 (a compiled queryset)


def index_all() -> None:
    """Indexes every row again, in one pass (after ``rebuild`` has written them)."""
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")


def check_index() -> None:
    """Raises if the index differs from the rows. SQLite: FTS5's integrity check,
    which compares the index with the content. PostgreSQL: every row's vector is
    the one its title, codes and body give."""
    if not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
        return
    from search.models import SearchDocument

    for fields in SearchDocument.objects.values().iterator():
        expected_vector = tsvector(
            indexed_title(fields["kind"], fields["title"]),
            fields["objective_codes"],
            fields["body"],
            facet_words(fields),
        )
        pk, vector = fields["id"], fields["search_vector"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::tsvector::text", [expected_vector])
            (expected,) = cursor.fetchone()
        if vector != expected:
            raise AssertionError(f"search document {pk} has a stale search vector")


# --- Reading ---------------------------------------------------------------------------


def _string(text: str) -> str:
    # Terms hold only letters, digits and dots (text.parse_query); dropping quotes is a second guard.
    return '"' + text.replace('"', "") + '"'


def _lexeme(text: str) -> str:
    return "'" + text.replace("'", "").replace("\\", "") + "'"


def fts5_query(terms: list[Term]) -> str:
    """``"мұғалім"* AND ("7x2x1x1" OR "7x2x1x1x"* OR "7 2 1 1")``: every word a quoted
    string (so nothing in it is syntax), prefixes starred, all of them required."""
    parts = []
    for term in terms:
        if term.is_code:
            token = code_token(term.text)
            parts.append(f"({_string(token)} OR {_string(token + 'x')}* OR {_string(' '.join(term.parts))})")
        elif term.prefix:
            forms = [_string(form) + "*" for form in term.forms]
            parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
        else:
            parts.append(_string(term.text))
    return " AND ".join(parts)


# --- Facets ----------------------------------------------------------------------------

# Each value is one word of the facets column: letters and digits only (unicode61
# would split at anything else). PUBLIC is the word of a public document.
PUBLIC = "pub"
FACET_PREFIXES = {
    "kind": "k",
    "network": "n",
    "group": "g",
    "subject": "s",
    "grade": "gr",
    "language": "l",
    "material_kind": "m",
}


# On PostgreSQL the facets are lexemes of the row's own vector, marked so that no
# query word can reach them (tsvector above; migration 0003 adds them to older rows).
PG_FACET_MARK = "~"
# …and so are the prefixes of its words, 2 to 10 letters («мұ^» … «мұғалімдер^»),
# as SQLite's prefix indexes: GIN finds «сабақ»* as one entry, where matching the
# prefix reads the lists of every word that starts so (300–400 ms at size L).
PG_PREFIX_MARK = "^"
PG_PREFIXES_FROM, PG_PREFIXES_TO = 2, 10


def facet(name: str, value: Any) -> str:
    """The facets column's word for a value: ``facet("network", 12)`` → ``n12``,
    ``facet("material_kind", "lesson_plan")`` → ``mlessonplan``, ``facet("group", None)`` → ``g0``."""
    text = "0" if value is None else str(value).replace("_", "").replace("-", "")
    if not text.isalnum():
        raise ValueError(f"a facet value must be letters and digits: {value!r}")
    return FACET_PREFIXES[name] + text.lower()


def facet_words(fields: dict[str, Any]) -> list[str]:
    """A row's facet words, as the SQLite view of migration 0003 writes them."""
    words_ = [
        facet("kind", fields["kind"]),
        facet("network", fields.get("network_id")),
        facet("group", fields.get("group_id")),
    ]
    if fields.get("is_public"):
        words_.append(PUBLIC)
    if fields.get("subject_id") is not None:
        words_.append(facet("subject", fields["subject_id"]))
    if fields.get("language"):
        words_.append(facet("language", fields["language"]))
    if fields.get("material_kind"):
        words_.append(facet("material_kind", fields["material_kind"]))
    grades = fields.get("grades") or 0
    words_.extend(facet("grade", grade) for grade in range(13) if grades & (1 << grade))
    return words_


def match_expression(terms: list[Term], facets: Sequence[Sequence[str]] = ()) -> str:
    """The MATCH for ``terms`` in the text columns (a word of the query never
    matches a facet), AND, for each list of facet words, one of them."""
    expression = f"{{title body codes}} : ({fts5_query(terms)})"
    for words_ in facets:
        if not words_:
            raise ValueError("an empty list of facet words would match nothing")
        expression += " AND facets : (" + " OR ".join(_string(word) for word in words_) + ")"
    return expression


def tsquery(terms: list[Term], prefix_words: bool = False) -> str:
    """The same for PostgreSQL: ``'мұғалім':* & ('7x2x1x1' | '7x2x1x1x':* | '7' <-> '2' <-> …)``.
    With ``prefix_words``, a prefix of 2 to 10 letters is the vector's prefix word
    (``'мұғалім^'``, one entry of the index) instead of a scan of every word that
    starts so; ranking needs the real words, and asks without."""
    parts = []
    for term in terms:
        if term.is_code:
            token = code_token(term.text)
            phrase = " <-> ".join(_lexeme(part) for part in term.parts)
            parts.append(f"({_lexeme(token)} | {_lexeme(token + 'x')}:* | ({phrase}))")
        elif term.prefix:
            forms = [
                _lexeme(form + PG_PREFIX_MARK)
                if prefix_words and PG_PREFIXES_FROM <= len(form) <= PG_PREFIXES_TO
                else _lexeme(form) + ":*"
                for form in term.forms
            ]
            parts.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
        else:
            parts.append(_lexeme(term.text))
    return " & ".join(parts)


def ranked(
    documents: QuerySet, terms: list[Term], *, facets: Sequence[Sequence[str]] = (), offset: int, limit: int
) -> list[tuple[int, float]]:
    """(id, rank) of the documents that contain every term, best first (rank: higher
    is better, comparable within one search), from ``offset``, at most ``limit``.
    Ranks the ``RANKED`` newest matches. One query. ``facets`` narrow the full-text
    matches, on either database, to those with one word of each list; ``documents``
    must already be filtered to the same effect."""
    if is_postgresql():
        # Cast, not to_tsquery: no parser may split the facets' «~» off (the words
        # are read by Python, as in the vectors).
        words_query = Cast(Value(tsquery(terms)), SearchQueryField())
        match = Cast(Value(tsquery_with_facets(terms, facets)), SearchQueryField())
        newest = documents.filter(Matches(F("search_vector"), match)).order_by("-pk").values("pk")[:RANKED]
        page = (
            documents.model.objects.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), words_query, normalization=1))
            .order_by("-rank", "-pk")
            .values_list("pk", "rank")
        )
        # work_mem (settings, PG_WORK_MEM) must hold an exact bitmap of a common word's
        # matches: a lossy one makes PostgreSQL read every row of each page again.
        return list(page[offset : offset + limit])
    # SQLite computes a result column only for the rows it returns, so bm25 runs on
    # the newest RANKED rows only; FTS5 reads its matches newest first by itself.
    newest = (
        documents.filter(fts__match=match_expression(terms, facets))
        .annotate(rank=ExpressionWrapper(-F("fts__rank"), output_field=FloatField()))
        .order_by(RawSQL('"search_fts"."rowid"', []).desc())
        .values("pk", "rank")[:RANKED]
    )
    sql, params = newest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pk, rank FROM ({sql}) ORDER BY rank DESC, pk DESC LIMIT %s OFFSET %s",  # noqa: S608 (compiled)
            (*params, limit, offset),
        )
        return [(pk, rank) for pk, rank in cursor.fetchall()]


class Matches(Func):
    """``vector @@ query``."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def tsquery_with_facets(terms: list[Term], facets: Sequence[Sequence[str]] = ()) -> str:
    """The words' tsquery AND, for each list of facet words, one of them."""
    parts = [f"({tsquery(terms, prefix_words=True)})"]
    for words_ in facets:
        if not words_:
            raise ValueError("an empty list of facet words would match nothing")
        parts.append("(" + " | ".join(_lexeme(PG_FACET_MARK + word) for word in words_) + ")")
    return " & ".join(parts)


class TitleHasWordLike(Func):
    """pg_trgm's ``text <% title``: the title has a stretch similar to the text (uses
    the trigram index)."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def near_misses(documents: QuerySet, terms: list[Term], *, limit: int) -> list[tuple[int, float]]:
    """When nothing matches exactly: (id, similarity) of the documents whose titles
    have words like the query's («кәсби» for «кәсіби»), most similar first.
    PostgreSQL only (pg_trgm); an empty list on SQLite."""
    if not is_postgresql():
        return []
    text = " ".join(term.text for term in terms)
    rows = (
        documents.exclude(kind="post")  # a reply's title is its thread's
        .filter(TitleHasWordLike(Value(text), F("title")))
        .annotate(rank=TrigramWordSimilarity(Value(text), "title"))
        .order_by("-rank", "-pk")
        .values_list("pk", "rank")[:limit]
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # For this transaction only: the operator reads its threshold from this setting.
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(NEAR_MISS_THRESHOLD)])
        return list(rows)
