"""Full-text search on the database at hand. Everything that differs between SQLite
and PostgreSQL is in this module, chosen by ``connection.vendor``; index.py and
query.py call these functions and never ask which database they run on.

Both databases read a document the same way (search/text.py): words are runs of
letters and digits, case folded, «ё» read as «е», objective codes as one word each
(«7.2.1.1» → «7x2x1x1»); and beside the words, the *keys* Python gives them — their
stems and keyboard skeletons (``text.document_keys``) —, which a query matches whole
(or, for a skeleton, by its beginning), where it matches words by their beginnings.

SQLite (the default): an FTS5 table, ``search_fts``, over the view
``search_fts_source`` (migrations 0002, 0003 and 0005), which does the «ё» and code
rewriting, writes the facets and reads the keys Python stored on the row
(``title_keys``, ``body_keys``); the ``unicode61`` tokenizer does the rest. It is an
external-content table: it keeps only the index and reads the words from the rows
through the view. So a row must
leave the index *before* it changes or goes (``unindex``) and enter it *after*
(``index``); index.py does both in one transaction, and nothing else writes rows.

PostgreSQL: ``search_vector`` on the row, written with it (``prepare``) from the
words and keys Python reads, with a GIN index.

Near misses (a word the index does not know) are found the same way on both, from
the list of the index's words (``search.models.Word``, search/query.py ``suggest``).

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
and narrows by facets. A word in 200,000 of the documents a person may see (a member
of a network holding half of 2.7 million) is found by walking the primary key
backwards and testing each row's vector until there are RANKED matches — 28,000 rows
when documents are written in the order a live site writes them (measured
2026-11-23), more where a common word is rare among the newest documents (a topic of
last year). Tried then and not the way out: a GIN index on (search_vector, id) with
btree_gin and a window of the newest ids (the id range inside GIN alone took 0.5 s for
100,000 ids, and the planner kept the backward walk).

So what a row costs to test is what such a search costs, and migration 0007 cut it:
the vector is kept in the row (storage MAIN: the text is moved out first) and
compressed with lz4, where it was compressed with pglz in the TOAST table — each row
tested was a lookup in the TOAST table's index, a second page and the slow pglz.
Measured 2026-12-05 at size L, on copies of the search table written alike (the bench's
2.7 million documents; SQL of the search page, eleven runs each in turns; best and
median ms):

| search (member of the half network) | before the keys | TOAST, pglz | in row, pglz | in row, lz4 |
|---|--:|--:|--:|--:|
| «бағалау» (the walk) | 77 / 86 | 98 / 103 | 75 / 80 | 33 / 42 |
| «сабақ», materials of grade 7 | 38 / 52 | 56 / 59 | 39 / 48 | 33 / 43 |
| «оқушылар топтық жұмыс» (a bitmap) | 47 / 66 | 87 / 89 | 81 / 83 | 57 / 76 |
| «бағалау», anonymous | 3.5 / 3.5 | 4.4 / 4.5 | 4.4 / 4.6 | 4.5 / 4.6 |

(«before the keys»: the vectors and queries as issue 16 found them; the other three
with the keys, their vectors stored as said.)

The three words are the one search still above its time before the keys: their stems
find a quarter more documents (9,877 against 7,892: «оқушылар» finds «оқушыға» by its
stem), and reading those matches from the GIN index is most of that query (39 ms
against 24). Stored vectors average 1,244 bytes before the keys, 1,324 with them and
1,460 with lz4, which compresses less; the table with its indexes grows from 6.2 to
6.9 GB. Through the server (bench, L, p50 ms): one word 119 → 56, three words 81 → 80,
filtered 57 → 50, anonymous 11 → 11.

The keys (stems and skeletons, migration 0005) made each vector about 30% larger
(1.3 → 1.7 KB on average at size S); a beginning that is itself one of the text's words
is not written again as a prefix word (a query looks for it as either), which took
back two thirds of that. What would take more: prefixes from 3 letters (2-letter words
such as «ой», «іс» would then scan), or the prefixes in a column of their own for the
GIN index, the row tested against its words alone with a «:*» query.

A search takes two steps (query.py): ``ranked`` finds the page's results — a thread
with its matching replies is one result, grouped by the page they lead to — with
their ids and ranks, then the page's rows are read. Ranking is the costly part (bm25 or ts_rank
reads every matching document), so it looks at the ``RANKED`` newest visible
matches: every search with fewer matches than that is ranked in full, and a
search for the most common words ranks the newest of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from search.text import RUSSIAN, Term, code_token, document_keys, words

RANKED = 2000
# SQLite's bm25 weights are set in migration 0002: title 10, body 1, codes 5.
# PostgreSQL weighs the title and the codes as A, the body as D.

# PostgreSQL keeps at most 256 positions of a word, and positions up to 16383.
PG_MAX_POSITIONS = 256
PG_MAX_POSITION = 16383


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Writing ---------------------------------------------------------------------------


def prepare(fields: dict[str, Any]) -> dict[str, Any]:
    """The row's fields with what the full-text side reads besides the text:
    SQLite's view reads the keys of the title and of the text (search/text.py,
    ``document_keys``); PostgreSQL's vector holds them, in its text form, which the
    column casts on the way in, so it costs no expression per row."""
    title = indexed_title(fields["kind"], fields["title"])
    if not is_postgresql():
        title_keys, body_keys = document_keys(title, fields["body"], fields.get("language") or "")
        return {**fields, "title_keys": title_keys, "body_keys": body_keys}
    vector = tsvector(
        title, fields["objective_codes"], fields["body"], facet_words(fields), language=fields.get("language") or ""
    )
    return {**fields, "search_vector": vector}


def indexed_title(kind: str, title: str) -> str:
    """A reply shows its thread's title but is found by its own words only; else
    every reply of a thread would match the words of its title (as the SQLite view
    in migration 0002 does too)."""
    return "" if kind == "post" else title


def tsvector(title: str, codes: str, body: str, facets: Sequence[str] = (), *, language: str = "") -> str:
    """``'мұғалім':1A,7D 'сабақ':2A … '=мұғалім':1B,2D … '~kpost' '~n12'``: the words
    Python reads (text.words), so that PostgreSQL's own parser, which keeps
    «7.2.1.1» or «бірін-бірі» whole, has no say. Title and codes weigh A, the body
    D. The keys follow (stems and skeletons, text.document_keys), marked «=», those of
    the title weighing B and of the body D — but not a key that is a word of the vector
    already («мұғалім»: a query looks for a key as either); then the facets, marked
    with «~», which no word of a query can hold, and without positions, so they take
    no part in the rank."""
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
    # A beginning that is itself one of the words is not written again (a query looks
    # for a beginning as either): the vector is a sixth smaller, and PostgreSQL reads it
    # for every row the search of a common word walks.
    prefixes = sorted(
        {
            word[:length] + PG_PREFIX_MARK
            for word in positions
            for length in range(PG_PREFIXES_FROM, min(len(word), PG_PREFIXES_TO) + 1)
            if word[:length] not in positions
        }
    )
    title_keys, body_keys = (set(keys.split()) for keys in document_keys(title, body, language))
    keys = [
        f"'{PG_KEY_MARK}{key}':" + ",".join(at for at, keys_ in (("1B", title_keys), ("2D", body_keys)) if key in keys_)
        for key in sorted((title_keys | body_keys) - positions.keys())
    ]
    return " ".join(
        [*lexemes, *(f"'{p}'" for p in prefixes), *keys, *(f"'{PG_FACET_MARK}{facet}'" for facet in facets)]
    )


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
        "INSERT INTO search_fts (rowid, title, body, codes, facets, title_keys, body_keys)"
        " SELECT id, title, body, codes, facets, title_keys, body_keys FROM search_fts_source"
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
            language=fields["language"],
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
    """``({title body} : ("мұғалім"*) OR {title_keys body_keys} : ("мұғалім")) AND
    {title body codes} : ("7x2x1x1" OR "7x2x1x1x"* OR "7 2 1 1")``: every word a
    quoted string (so nothing in it is syntax), beginnings starred and looked for in
    the text, keys (stems and skeletons) whole in their columns; every term required."""
    parts = []
    for term in terms:
        if term.is_code:
            token = code_token(term.text)
            codes = f"{_string(token)} OR {_string(token + 'x')}* OR {_string(' '.join(term.parts))}"
            parts.append(f"{{title body codes}} : ({codes})")
        elif term.prefix:
            forms = " OR ".join(_string(form) + "*" for form in term.forms)
            keys = " OR ".join(
                [*(_string(key) for key in sorted(term.keys)), *(_string(text) + "*" for text in term.skeletons)]
            )
            keyed = f" OR {{title_keys body_keys}} : ({keys})" if keys else ""
            parts.append(f"({{title body}} : ({forms}){keyed})")
        else:
            parts.append(f"{{title body}} : ({_string(term.text)})")
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
# …and the keys (stems and skeletons of its words, SQLite's title_keys and
# body_keys), marked «=».
PG_KEY_MARK = "="


def facet(name: str, value: Any) -> str:
    """The facets column's word for a value: ``facet("network", 12)`` → ``n12``,
    ``facet("material_kind", "lesson_plan")`` → ``mlessonplan``, ``facet("group", None)`` → ``g0``."""
    text = "0" if value is None else str(value).replace("_", "").replace("-", "")
    if not text.isalnum():
        raise ValueError(f"a facet value must be letters and digits: {value!r}")
    return FACET_PREFIXES[name] + text.lower()


def facet_words(fields: Mapping[str, Any]) -> list[str]:
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
    expression = f"({fts5_query(terms)})"
    for words_ in facets:
        if not words_:
            raise ValueError("an empty list of facet words would match nothing")
        expression += " AND facets : (" + " OR ".join(_string(word) for word in words_) + ")"
    return expression


def tsquery(terms: list[Term], prefix_words: bool = False) -> str:
    """The same for PostgreSQL: ``('мұғалім':* | '=мұғалім' | 'мұғалім') & ('7x2x1x1' | '7x2x1x1x':* | …)``.
    A key is looked for marked or as a word (the vector writes a key that is one of
    its words once: ``tsvector``), a skeleton's beginning among the keys and the words.
    With ``prefix_words``, a prefix of 2 to 10 letters is the vector's prefix word
    (``'мұғалім^'``, one entry of the index) or, where the beginning is a whole word
    of the text, that word (``'мұғалім'``), instead of a scan of every word that starts
    so; ranking needs the real words, and asks without."""

    def beginning(text: str) -> list[str]:
        if prefix_words and PG_PREFIXES_FROM <= len(text) <= PG_PREFIXES_TO:
            return [_lexeme(text + PG_PREFIX_MARK), _lexeme(text)]  # a beginning that is a word is written so
        return [_lexeme(text) + ":*"]

    parts = []
    for term in terms:
        if term.is_code:
            token = code_token(term.text)
            phrase = " <-> ".join(_lexeme(part) for part in term.parts)
            parts.append(f"({_lexeme(token)} | {_lexeme(token + 'x')}:* | ({phrase}))")
        elif term.prefix:
            forms = [alternative for form in term.forms for alternative in beginning(form)]
            for key in sorted(term.keys):
                forms.append(_lexeme(PG_KEY_MARK + key))
                if not key.startswith(RUSSIAN):  # a Russian key is never a word
                    forms.append(_lexeme(key))
            for text in term.skeletons:
                forms.extend((_lexeme(PG_KEY_MARK + text) + ":*", *beginning(text)))
            forms = list(dict.fromkeys(forms))
            parts.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
        else:
            parts.append(_lexeme(term.text))
    return " & ".join(parts)


@dataclass(frozen=True)
class Result:
    """A page that matched: a thread (or a material) and its matching replies, which
    lead to the same page. ``head``: the thread's or material's own document, if it
    matched; ``replies``: the matching replies, newest first; ``rank``: the best of
    its documents'."""

    page: str
    rank: float
    head: int | None
    replies: list[int]


@dataclass(frozen=True)
class Ranked:
    """The results of a page of results, best first; how many results there are,
    and whether the matching documents were more than ``RANKED`` (then the results
    are those of the newest ``RANKED``)."""

    results: list[Result]
    count: int
    capped: bool


# The newest RANKED matches, as results: grouped by the page they lead to, each
# ranked by its best document, with the number of results (a window over the groups).
GROUPED = """
SELECT page, max(rank) AS best, max(pk) AS latest,
       max(CASE WHEN kind <> 'post' THEN pk END),
       {replies},
       count(*) OVER (), sum(count(*)) OVER ()
FROM ({matches}) AS matches
GROUP BY page
ORDER BY best DESC, latest DESC
LIMIT %s OFFSET %s
"""
REPLIES = {
    "sqlite": "group_concat(CASE WHEN kind = 'post' THEN pk END, ',')",
    "postgresql": "string_agg(CASE WHEN kind = 'post' THEN pk::text END, ',')",
}


def ranked(
    documents: QuerySet, terms: list[Term], *, facets: Sequence[Sequence[str]] = (), offset: int, limit: int
) -> Ranked:
    """The results that contain every term, best first, from ``offset``, at most
    ``limit`` (see ``Ranked``): a thread's replies are one result with it. Ranks the
    ``RANKED`` newest matching documents. One query. ``facets`` narrow the full-text
    matches, on either database, to those with one word of each list; ``documents``
    must already be filtered to the same effect."""
    if is_postgresql():
        words_query = Cast(Value(tsquery(terms)), SearchQueryField())
        newest = matching(documents, terms, facets=facets).order_by("-pk").values("pk")[:RANKED]
        # work_mem (settings, PG_WORK_MEM) must hold an exact bitmap of a common word's
        # matches: a lossy one makes PostgreSQL read every row of each page again.
        matches = (
            documents.model.objects.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), words_query, normalization=1))
            .values("pk", "rank", "page", "kind")
        )
    else:
        # SQLite computes a result column only for the rows it returns, so bm25 runs on
        # the newest RANKED rows only; FTS5 reads its matches newest first by itself.
        matches = (
            matching(documents, terms, facets=facets)
            .annotate(rank=ExpressionWrapper(-F("fts__rank"), output_field=FloatField()))
            .order_by(RawSQL('"search_fts"."rowid"', []).desc())
            .values("pk", "rank", "page", "kind")[:RANKED]
        )
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(GROUPED.format(matches=sql, replies=REPLIES[connection.vendor]), (*params, limit, offset))
        rows = cursor.fetchall()
    if not rows:
        return Ranked([], 0, False)
    return Ranked(
        [
            Result(
                page,
                float(rank or 0),
                head,
                sorted(map(int, (replies or "").split(",") if replies else ()), reverse=True),
            )
            for page, rank, _latest, head, replies, _count, _matches in rows
        ],
        count=rows[0][5],
        capped=rows[0][6] >= RANKED,
    )


def matching(documents: QuerySet, terms: list[Term], *, facets: Sequence[Sequence[str]] = ()) -> QuerySet:
    """The documents that contain every term, all of them, unranked (what ``ranked``
    ranks the newest of)."""
    if is_postgresql():
        # Cast, not to_tsquery: no parser may split the facets' «~» off (the words
        # are read by Python, as in the vectors).
        match = Cast(Value(tsquery_with_facets(terms, facets)), SearchQueryField())
        return documents.filter(Matches(F("search_vector"), match))
    return documents.filter(fts__match=match_expression(terms, facets))


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
