from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from ortaq.checks import check_database_folds_kazakh


def test_sqlite_files_run_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    """The default database: readers never wait for the writer, and a second
    writer waits its turn instead of failing with "database is locked"."""
    options = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options = settings.DATABASES["default"]["OPTIONS"]
    wrapper = SQLiteWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "wal.sqlite3"),
            "OPTIONS": options,
            "TEST": {},
        },
        alias="wal",
    )
    try:
        with django_db_blocker.unblock():
            wrapper.ensure_connection()
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] >= 5000
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


@pytest.mark.django_db
def test_the_database_folds_kazakh_letters():
    assert check_database_folds_kazakh(databases=["default"]) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
