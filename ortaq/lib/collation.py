"""Alphabetical order for Kazakh names.

Sorting by code point puts Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я, so «Әлиева» would come
at the end of a list of teachers. PostgreSQL has ICU's Kazakh collation; SQLite gets
a collation of ours, registered on every new connection.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func
from django.db.models.expressions import Combinable

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {letter: index for index, letter in enumerate(KAZAKH_ALPHABET)}
SQLITE_COLLATION = "ortaq_kk"
POSTGRESQL_COLLATION = "kk-x-icu"


def kazakh_sort_key(text: str) -> tuple[tuple[int, int], ...]:
    # Latin letters, digits and punctuation keep their code-point order and come
    # before Cyrillic, as in the Kazakh ICU collation.
    key = []
    for char in text.casefold():
        rank = _RANK.get(char)
        key.append((1, rank) if rank is not None else (0, ord(char)))
    return tuple(key)


def _compare(left: str, right: str) -> int:
    a, b = kazakh_sort_key(left), kazakh_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(register_sqlite_collation, dispatch_uid="ortaq-kazakh-collation")


class KazakhOrder(Func):
    """``order_by(KazakhOrder("full_name"))``: the column in Kazakh alphabetical order."""

    template = '%(expressions)s COLLATE "%(collation)s"'

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, collation=SQLITE_COLLATION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, collation=POSTGRESQL_COLLATION, **extra)


def kazakh_ordering(*terms: str) -> list[str | Combinable]:
    """``ordering`` (a ModelAdmin's, a queryset's) by text columns in Kazakh order:
    ``kazakh_ordering("full_name")``, ``kazakh_ordering("-name")``."""
    return [KazakhOrder(term.lstrip("-")).desc() if term.startswith("-") else KazakhOrder(term).asc() for term in terms]
