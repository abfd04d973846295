"""System checks for what would silently break Ortaq on a badly set-up server."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.files.storage import storages
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


@register(Tags.caches, deploy=True)
def check_nothing_kept_in_one_process(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Production runs several worker processes, often on several machines: what one
    of them keeps in its own memory or on its own disk, the others do not see (view
    counters, cached pages and sessions, queued e-mails, uploaded files)."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    warnings: list[Warning] = []
    if not settings.REDIS_URL:
        warnings.append(
            Warning(
                "REDIS_URL is not set: the cache is each worker process's own memory and e-mails are sent "
                "by the web processes themselves. With more than one gunicorn worker, material view "
                "counters and cached values differ between processes and are lost on restart.",
                hint="Set REDIS_URL=redis://HOST:6379/0 (cache, cached sessions and the task queue) and run "
                "`ortaq rqworker --with-scheduler --job-class django_tasks_rq.Job default`. See docs/deploy.md.",
                id="ortaq.W001",
            )
        )
    single = settings.ORTAQ_SINGLE_SERVER
    if not single and storages["default"].__class__.__name__ == "FileSystemStorage":
        warnings.append(
            Warning(
                f"Uploads are stored on this machine's disk ({settings.MEDIA_ROOT}): app servers on other "
                "machines will not find them.",
                hint="Set S3_BUCKET and the other S3_* variables (object storage), or, when every app server "
                "and worker runs on this one machine (or MEDIA_ROOT is a shared mount), say so with "
                "ORTAQ_SINGLE_SERVER=1. See docs/deploy.md.",
                id="ortaq.W002",
            )
        )
    if not single and settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        warnings.append(
            Warning(
                "The database is a SQLite file on this machine: app servers on other machines cannot share it.",
                hint="Set DATABASE_URL=postgres://... for more than one machine, or ORTAQ_SINGLE_SERVER=1 "
                "when this machine runs everything. See docs/deploy.md.",
                id="ortaq.W003",
            )
        )
    return warnings
