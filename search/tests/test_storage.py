"""Where the full-text side keeps a document's words (migration 0007)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine
from search.models import SearchDocument
from search.text import parse_query

pytestmark = pytest.mark.django_db

storage = importlib.import_module("search.migrations.0007_vector_storage")

# Long enough that PostgreSQL compresses the row: a few thousand distinct words.
LONG_BODY = " ".join(f"мұғалім{n} сабағы{n} оқушылар{n}" for n in range(700))


def test_it_keeps_a_long_documents_vector_in_its_row_compressed(put):
    put("thread", object_id=7, network_id=None, is_public=True, title="Бағалау", body=LONG_BODY)
    document = SearchDocument.objects.get(kind="thread", object_id=7)
    if connection.vendor != "postgresql":
        # SQLite: the words are in the full-text table, the row holds the keys instead.
        assert document.search_vector is None
        assert "бағалау" in document.title_keys.split()
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {storage.LZ4_AVAILABLE}")
        (lz4,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_column_compression(search_vector), pg_column_size(search_vector),"
            " octet_length(search_vector::text) FROM search_searchdocument WHERE id = %s",
            [document.pk],
        )
        compression, stored, as_text = cursor.fetchone()
    assert column_storage() == ("m", "l" if lz4 else "")
    assert compression == ("lz4" if lz4 else "pglz")
    assert stored < as_text / 2
    # Still found, by a word near the end of the text.
    terms = parse_query("сабағы699")
    assert engine.ranked(SearchDocument.objects.all(), terms, offset=0, limit=5).count == 1


def test_it_takes_the_storage_back_when_the_migration_is_reversed():
    editor = SimpleNamespace(connection=connection)
    if connection.vendor != "postgresql":
        # Nothing to keep or take back on SQLite: the migration runs no statement.
        with CaptureQueriesContext(connection) as queries:
            storage.keep_apart(None, editor)
            storage.keep_in_row(None, editor)
        assert len(queries) == 0
        return
    storage.keep_apart(None, editor)
    assert column_storage() == ("x", "")
    storage.keep_in_row(None, editor)
    assert column_storage()[0] == "m"


def column_storage() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage, attcompression FROM pg_attribute"
            " WHERE attrelid = 'search_searchdocument'::regclass AND attname = 'search_vector'"
        )
        return cursor.fetchone()
