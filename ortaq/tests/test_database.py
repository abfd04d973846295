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


@pytest.mark.django_db
def test_names_sort_in_kazakh_alphabetical_order():
    from accounts.models import User
    from ortaq.lib.collation import KazakhOrder, kazakh_sort_key

    names = [
        "Яковлев Иван",
        "Әлиева Гүлназ",
        "Ахметов Дархан",
        "Қасымова Ләззат",
        "Іргебаев Нұрлан",
        "Ыбыраев Ерлан",
        "Өмірбек Айгүл",
        "Бекова Айгүл",
    ]
    for i, name in enumerate(names):
        User.objects.create(email=f"p{i}@example.kz", full_name=name)
    expected = [
        "Ахметов Дархан",
        "Әлиева Гүлназ",
        "Бекова Айгүл",
        "Қасымова Ләззат",
        "Өмірбек Айгүл",
        "Ыбыраев Ерлан",
        "Іргебаев Нұрлан",
        "Яковлев Иван",
    ]
    assert list(User.objects.values_list("full_name", flat=True)) == expected
    assert list(User.objects.order_by(KazakhOrder("full_name")).values_list("full_name", flat=True)) == expected
    assert sorted(names, key=kazakh_sort_key) == expected
