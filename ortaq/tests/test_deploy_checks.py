"""The deployment checks that keep production from holding state in one process."""

from __future__ import annotations

from ortaq.checks import check_nothing_kept_in_one_process


def ids(settings) -> list[str]:
    return [warning.id for warning in check_nothing_kept_in_one_process()]


def test_it_is_silent_outside_production(settings):
    settings.PRODUCTION, settings.REDIS_URL = False, ""
    assert ids(settings) == []


def test_production_without_redis_or_shared_storage_is_warned(settings, monkeypatch):
    settings.PRODUCTION, settings.REDIS_URL, settings.ORTAQ_SINGLE_SERVER = True, "", False
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    assert ids(settings) == ["ortaq.W001", "ortaq.W002", "ortaq.W003"]


def test_one_machine_on_purpose_with_redis_passes(settings):
    settings.PRODUCTION, settings.REDIS_URL, settings.ORTAQ_SINGLE_SERVER = True, "redis://127.0.0.1:6379/0", True
    assert ids(settings) == []


def test_object_storage_and_postgresql_need_no_note(settings, monkeypatch):
    settings.PRODUCTION, settings.REDIS_URL, settings.ORTAQ_SINGLE_SERVER = True, "redis://127.0.0.1:6379/0", False
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "ortaq"}}
    }
    assert ids(settings) == []
