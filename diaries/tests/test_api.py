"""/api/v1/diary-entries/ (mine: read, write, change with the version, delete) and
/api/v1/diary-shared/ (shared with me: read)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from diaries import actions
from diaries.models import Entry
from diaries.tests.factories import write
from mentoring.tests.factories import make_pair
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def test_it_writes_reads_changes_and_deletes_my_entries(cast):
    api = api_as(cast.teacher)
    response = api.post(
        "/api/v1/diary-entries/", {"written_on": timezone.localdate().isoformat(), "tried": "Сұрақ қою"}
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert [row["id"] for row in api.get("/api/v1/diary-entries/").json()["results"]] == [pk]
    changed = api.patch(f"/api/v1/diary-entries/{pk}/", {"tried": "Ашық сұрақ қою", "version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api.patch(f"/api/v1/diary-entries/{pk}/", {"tried": "Ескі нұсқа", "version": 1})
    assert stale.status_code == 409
    assert Entry.objects.get().tried == "Ашық сұрақ қою"
    assert api.post("/api/v1/diary-entries/", {"written_on": timezone.localdate().isoformat()}).status_code == 400
    assert api.delete(f"/api/v1/diary-entries/{pk}/").status_code == 204
    assert not Entry.objects.exists()


def test_others_entries_are_404_and_shared_ones_are_read_where_shared(cast):
    make_pair(cast)
    entry = write(cast.teacher)
    coach = api_as(cast.coach)
    assert coach.get(f"/api/v1/diary-entries/{entry.pk}/").status_code == 404
    assert coach.get(f"/api/v1/diary-shared/{entry.pk}/").status_code == 404
    actions.share_entry(entry, with_user=cast.coach, by=cast.teacher)
    assert coach.get(f"/api/v1/diary-entries/{entry.pk}/").status_code == 404
    body = coach.get(f"/api/v1/diary-shared/{entry.pk}/").json()
    assert body["author"]["id"] == cast.teacher.pk
    assert coach.patch(f"/api/v1/diary-entries/{entry.pk}/", {"tried": "x"}).status_code == 403
    assert [row["id"] for row in coach.get("/api/v1/diary-shared/").json()["results"]] == [entry.pk]
    assert api_as(cast.outsider).get(f"/api/v1/diary-shared/{entry.pk}/").status_code == 404
