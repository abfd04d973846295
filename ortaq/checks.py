"""System checks for what would silently break Ortaq on a badly set-up server."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import connections


@register(Tags.database)
def check_database_folds_kazakh(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Error]:
    """A PostgreSQL database made with the C locale or a non-UTF-8 encoding cannot
    lower-case «Ә» or «Ұ», so search and case-insensitive e-mail lookups fail for
    Kazakh text. Refuse to start on such a database rather than half-work."""
    errors: list[Error] = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
            (encoding,) = cursor.fetchone()
            cursor.execute("SELECT lower('ӘҒҚҢӨҰҮҺІ')")
            (folded,) = cursor.fetchone()
        if encoding != "UTF8" or folded != "әғқңөұүһі":
            errors.append(
                Error(
                    f"Database {alias!r} has encoding {encoding} and folds Kazakh letters to {folded!r}.",
                    hint="Create it with: createdb -E UTF8 -T template0 --locale=C.UTF-8 NAME",
                    id="ortaq.E001",
                )
            )
    return errors
