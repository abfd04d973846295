"""The full-text side of the index, per database (see search/engine.py).

A reply is found by its own words: it shows its thread's title, but the title is
not indexed with it (else every reply of a thread would match its title's words).

SQLite: an FTS5 table over a view of the documents. The view reads «ё» as «е» and
writes objective codes with «x» for their dots («7.2.1.1» → «7x2x1x1», one word).
``remove_diacritics 0`` keeps every letter apart from its neighbours with marks
(«ә» ≠ «а», «й» ≠ «и»); unicode61 folds the case of all of them. bm25 weighs the
title 10, the body 1, the codes 5. Every word of a query is a prefix: the prefix
indexes of 2 and 3 letters keep «са» or «мұғ» fast (without them, FTS5 merges the
lists of every word that starts so — thousands, in a big forum). A later migration that renames these columns
must recreate the view and run ``INSERT INTO search_fts(search_fts) VALUES('rebuild')``.

PostgreSQL: a GIN index on ``search_vector``, and pg_trgm with a trigram index on
the titles for near misses.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIEW search_fts_source AS
    SELECT id,
           CASE WHEN kind = 'post' THEN '' ELSE replace(replace(title, 'ё', 'е'), 'Ё', 'Е') END AS title,
           replace(replace(body, 'ё', 'е'), 'Ё', 'Е') AS body,
           replace(objective_codes, '.', 'x') AS codes
    FROM search_searchdocument
    """,
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, codes,
        content='search_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0',
        prefix='2 3'
    )
    """,
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)')",
    # Index whatever is already there (nothing, on a new database).
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = ["DROP TABLE IF EXISTS search_fts", "DROP VIEW IF EXISTS search_fts_source"]

POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_document_vector ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON search_searchdocument USING gin (title gin_trgm_ops)",
]
# pg_trgm stays: other apps may use it.
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP INDEX IF EXISTS search_document_vector",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"Search needs SQLite or PostgreSQL, not {schema_editor.connection.vendor}.")
        # A SQLite built without FTS5 fails here with "no such module: fts5".
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        ),
    ]
