"""SQLite: the full-text table gets a fourth column, ``facets``, that holds what a
search filters on as words of their own (search/engine.py, «Facets»): the kind
(``kpost``), ``pub`` when public, the network (``n12``, ``n0`` for none), the
group (``g7``, ``g0``), the subject (``s5``), each grade (``gr7``), the language
(``lkk``) and the kind of material (``mlessonplan``). A search ANDs them into its
MATCH, so FTS5 narrows inside the index, instead of reading every row that has a
common word to test its network or grade. bm25 weighs the column 0. The SQL
filters stay: the facets only narrow, they never decide who may see what.

Prefix indexes for 2 to 10 letters: a query word is a prefix, and without an index
of its length FTS5 merges the lists of every word that starts so («сабақ»* is
«сабақ», «сабақта», «сабақтың», … — hundreds of thousands of rows in a big forum).
Measured on 2.7 million documents: 55–180 ms for one to three common words without
them, 0.4–7 ms with them; the index takes about twice the space.

PostgreSQL: the same words, marked «~» (which no query word can hold) and without
positions, join each row's ``search_vector``, with the prefixes of 2 to 10 letters of
its words marked «^» (SQLite's prefix indexes, for GIN); search/engine.py writes both
for new rows. The GIN index is dropped while every row is rewritten, and built again.
"""

import importlib

from django.db import migrations

full_text = importlib.import_module("search.migrations.0002_full_text")

GRADE_TOKENS = " || ".join(f"CASE WHEN grades & {1 << grade} THEN ' gr{grade}' ELSE '' END" for grade in range(13))

SQLITE_FORWARDS = [
    "DROP TABLE IF EXISTS search_fts",
    "DROP VIEW IF EXISTS search_fts_source",
    f"""
    CREATE VIEW search_fts_source AS
    SELECT id,
           CASE WHEN kind = 'post' THEN '' ELSE replace(replace(title, 'ё', 'е'), 'Ё', 'Е') END AS title,
           replace(replace(body, 'ё', 'е'), 'Ё', 'Е') AS body,
           replace(objective_codes, '.', 'x') AS codes,
           'k' || kind
           || ' n' || coalesce(network_id, 0)
           || ' g' || coalesce(group_id, 0)
           || CASE WHEN is_public THEN ' pub' ELSE '' END
           || CASE WHEN subject_id IS NULL THEN '' ELSE ' s' || subject_id END
           || CASE WHEN language = '' THEN '' ELSE ' l' || replace(language, '-', '') END
           || CASE WHEN material_kind = '' THEN '' ELSE ' m' || replace(material_kind, '_', '') END
           || {GRADE_TOKENS} AS facets
    FROM search_searchdocument
    """,
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, codes, facets,
        content='search_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0',
        prefix='2 3 4 5 6 7 8 9 10'
    )
    """,
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0, 0.0)')",
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [*full_text.SQLITE_BACKWARDS, *full_text.SQLITE_FORWARDS]

PG_GRADES = ", ".join(f"CASE WHEN grades & {1 << grade} <> 0 THEN '~gr{grade}' END" for grade in range(13))
PG_FACETS = f"""array_remove(ARRAY[
    '~k' || kind,
    '~n' || coalesce(network_id, 0),
    '~g' || coalesce(group_id, 0),
    CASE WHEN is_public THEN '~pub' END,
    CASE WHEN subject_id IS NOT NULL THEN '~s' || subject_id END,
    CASE WHEN language <> '' THEN '~l' || lower(replace(replace(language, '_', ''), '-', '')) END,
    CASE WHEN material_kind <> '' THEN '~m' || lower(replace(replace(material_kind, '_', ''), '-', '')) END,
    {PG_GRADES}
]::text[], NULL)"""
# The prefixes of 2 to 10 letters of every word, marked «^».
PG_PREFIXES = """coalesce((
    SELECT array_agg(DISTINCT left(word.lexeme, n) || '^')
    FROM unnest(coalesce(search_vector, ''::tsvector)) AS word,
         generate_series(2, least(length(word.lexeme), 10)) AS n
    WHERE left(word.lexeme, 1) <> '~' AND right(word.lexeme, 1) <> '^'
), '{}'::text[])"""
POSTGRESQL_FORWARDS = [
    "DROP INDEX IF EXISTS search_document_vector",
    "SET LOCAL maintenance_work_mem = '512MB'",
    "UPDATE search_searchdocument SET search_vector = coalesce(search_vector, ''::tsvector)"
    f" || array_to_tsvector({PG_PREFIXES}) || array_to_tsvector({PG_FACETS})",
    # Foreign-key checks the update left pending would refuse the index.
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS search_document_vector",
    "UPDATE search_searchdocument SET search_vector = ts_delete(search_vector, ARRAY("
    "SELECT lexeme FROM unnest(search_vector) WHERE left(lexeme, 1) = '~' OR right(lexeme, 1) = '^'))",
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        migrations.RunPython(
            full_text.run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            full_text.run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        ),
    ]
