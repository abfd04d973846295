"""Search that understands how Kazakh is typed (search/text.py):

- ``title_keys`` and ``body_keys``: the stems and keyboard skeletons of the title's
  and the text's words. SQLite's full-text table gets them as two more columns
  (bm25 weighs them 5 and 0.5, half the words' own), so its view and table are made
  again; PostgreSQL keeps them in ``search_vector`` (marked «=») and the columns
  stay empty.
- ``page``: the address a document leads to without its «?…» and «#…», which a
  thread's replies share with it: they are shown under it as one result.
- ``Word``: the words of the documents, for «did you mean …?» on both databases,
  compared in code-point order (PostgreSQL: collation "C"); PostgreSQL's trigram
  index on the titles, which served near misses, goes.

The keys and the words are written by Python: run ``ortaq rebuild_search_index``
after this migration (until then a search finds words by their beginnings only, as
before).
"""

import importlib

from django.db import migrations, models

full_text = importlib.import_module("search.migrations.0002_full_text")
facets = importlib.import_module("search.migrations.0003_facets")

# The table and its view go before the columns change (SQLite copies the table to
# change it) and come back after.
SQLITE_DROP = full_text.SQLITE_BACKWARDS
# The view of migration 0003, with the keys (a reply's title has none, as it has no words).
VIEW = facets.SQLITE_FORWARDS[2].replace(
    "AS facets\n    FROM search_searchdocument",
    "AS facets,\n"
    "           CASE WHEN kind = 'post' THEN '' ELSE title_keys END AS title_keys,\n"
    "           body_keys\n"
    "    FROM search_searchdocument",
)
assert "title_keys" in VIEW, "migration 0003's view is not as 0005 expects"
SQLITE_FORWARDS = [
    VIEW,
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, codes, facets, title_keys, body_keys,
        content='search_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0',
        prefix='2 3 4 5 6 7 8 9 10'
    )
    """,
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0, 0.0, 5.0, 0.5)')",
    """
    UPDATE search_searchdocument SET page = CASE
        WHEN instr(url, '?') > 0 THEN substr(url, 1, instr(url, '?') - 1)
        WHEN instr(url, '#') > 0 THEN substr(url, 1, instr(url, '#') - 1)
        ELSE url END
    """,
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = facets.SQLITE_FORWARDS

POSTGRESQL_FORWARDS = [
    "UPDATE search_searchdocument SET page = split_part(split_part(url, '#', 1), '?', 1)",
    # Words are looked up by their beginnings as ranges («мұғ» ≤ word < «мұҕ»), which
    # holds in code-point order only; SQLite compares so already.
    'ALTER TABLE search_word ALTER COLUMN word TYPE varchar(64) COLLATE "C"',
    "DROP INDEX IF EXISTS search_document_title_trgm",
]
POSTGRESQL_BACKWARDS = [
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON search_searchdocument USING gin (title gin_trgm_ops)",
    # The keys leave the vectors; a rebuild of the older code writes them as it did.
    "UPDATE search_searchdocument SET search_vector = ts_delete(search_vector, ARRAY("
    "SELECT lexeme FROM unnest(search_vector) WHERE left(lexeme, 1) = '='))",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pending_changes")]

    operations = [
        migrations.CreateModel(
            name="Word",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=64, unique=True, verbose_name="word")),
                ("documents", models.PositiveIntegerField(default=1, verbose_name="documents")),
            ],
            options={"verbose_name": "indexed word", "verbose_name_plural": "indexed words"},
        ),
        migrations.RunPython(
            full_text.run({"sqlite": SQLITE_DROP, "postgresql": []}),
            full_text.run({"sqlite": SQLITE_BACKWARDS, "postgresql": []}),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="body_keys",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="page",
            field=models.CharField(blank=True, db_index=True, max_length=500, verbose_name="page"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_keys",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(
            full_text.run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            full_text.run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_BACKWARDS}),
        ),
    ]
