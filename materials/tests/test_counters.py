"""Views and downloads are counted in the cache and written to the database in
batches by ``flush_material_counters``."""

from __future__ import annotations

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials import counters
from materials.models import Material
from materials.tests.factories import publish
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().split()[0].upper() in {"UPDATE", "INSERT", "DELETE"}]


def test_reading_a_material_does_not_write_to_the_database(cast):
    material = publish(cast)
    file = material.current_version.files.get()
    client = as_user(cast.coach)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(material.get_absolute_url()).status_code == 200
        assert client.get(file.get_absolute_url() + "?download=1").status_code == 200
    assert writes(queries) == []
    material.refresh_from_db()
    assert (material.view_count, material.download_count) == (0, 0)
    assert counters.pending(material.pk) == {"views": 3, "downloads": 1}


def test_the_command_moves_the_counts_to_the_database(cast):
    first, second = publish(cast, title="Бір"), publish(cast, title="Екі")
    client = as_user(cast.coach)
    for _ in range(5):
        client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    client.get(second.current_version.files.get().get_absolute_url() + "?download=1")
    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("flush_material_counters", stdout=out)
    assert "7" in out.getvalue()
    assert len(writes(queries)) == 2  # one UPDATE per material, views and downloads together
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.view_count, second.view_count, second.download_count) == (5, 1, 1)
    assert counters.pending(first.pk) == {"views": 0, "downloads": 0}
    # Nothing new: nothing to do.
    with CaptureQueriesContext(connection) as queries:
        call_command("flush_material_counters", stdout=io.StringIO())
    assert writes(queries) == []
    first.refresh_from_db()
    assert first.view_count == 5


def test_counts_made_during_a_flush_are_kept_for_the_next_one(cast, monkeypatch):
    material = publish(cast)
    counters.count(counters.VIEWS, material.pk)
    backend = caches["default"]  # the object behind the ``cache`` proxy
    real_get_many = backend.get_many

    def get_many_then_a_view(keys, *args, **kwargs):
        found = real_get_many(keys, *args, **kwargs)
        if any(":views:" in key for key in keys):
            counters.count(counters.VIEWS, material.pk)  # a reader arrives while we flush
        return found

    monkeypatch.setattr(backend, "get_many", get_many_then_a_view)
    assert counters.flush() == 1
    monkeypatch.undo()
    assert counters.pending(material.pk)["views"] == 1
    assert counters.flush() == 1
    material.refresh_from_db()
    assert material.view_count == 2


def test_the_page_shows_stored_and_pending_views(cast):
    material = publish(cast)
    Material.objects.filter(pk=material.pk).update(view_count=10)
    response = as_user(cast.coach).get(material.get_absolute_url())
    assert response.context["views"] == 11


def test_a_resumed_download_is_not_counted_again(cast):
    material = publish(cast)
    url = material.current_version.files.get().get_absolute_url() + "?download=1"
    client = as_user(cast.coach)
    client.get(url)
    client.get(url, HTTP_RANGE="bytes=100-")
    assert counters.pending(material.pk)["downloads"] == 1
