"""/api/v1/mentoring-pairs/ and their meetings (mentoring/api.py): the same rules as the
pages — the log is the pair's own."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mentoring import actions
from mentoring.models import Pair
from mentoring.tests.factories import add_meeting, make_pair
from notifications.models import Notice
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def test_it_lists_the_pairs_one_may_open(cast):
    pair = make_pair(cast)
    for who, seen in (("coach", [pair.pk]), ("teacher", [pair.pk]), ("leader", [pair.pk]), ("director", [])):
        response = api_as(getattr(cast, who)).get("/api/v1/mentoring-pairs/")
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == seen, who
    body = api_as(cast.leader).get(f"/api/v1/mentoring-pairs/{pair.pk}/").json()
    assert body["mentee"]["id"] == cast.teacher.pk and "meetings" not in body


def test_outsiders_and_plain_members_get_404(cast):
    pair = make_pair(cast)
    for who in ("director", "methodologist", "outsider"):
        client = api_as(getattr(cast, who))
        assert client.get(f"/api/v1/mentoring-pairs/{pair.pk}/").status_code == 404, who
        assert client.get(f"/api/v1/mentoring-pairs/{pair.pk}/meetings/").status_code == 404, who
        assert client.post(f"/api/v1/mentoring-pairs/{pair.pk}/complete/", {}).status_code == 404, who


def test_organisers_make_pairs_and_others_are_refused(cast):
    data = {"network": cast.network.pk, "mentor_id": cast.coach.pk, "mentee_id": cast.teacher.pk, "kind": "uncertified"}
    assert api_as(cast.teacher).post("/api/v1/mentoring-pairs/", data).status_code == 403
    assert api_as(cast.outsider).post("/api/v1/mentoring-pairs/", data).status_code == 404
    response = api_as(cast.leader).post("/api/v1/mentoring-pairs/", data)
    assert response.status_code == 201, response.json()
    assert response.json()["started_on"] == timezone.localdate().isoformat()
    assert Notice.objects.filter(kind="mentoring.created").count() == 2
    outsider = {**data, "mentor_id": cast.outsider.pk}
    assert api_as(cast.leader).post("/api/v1/mentoring-pairs/", outsider).status_code == 400


def test_the_log_is_read_and_written_by_the_pair_only(cast):
    pair = make_pair(cast)
    url = f"/api/v1/mentoring-pairs/{pair.pk}/meetings/"
    day = timezone.localdate().isoformat()
    response = api_as(cast.teacher).post(url, {"met_on": day, "discussed": "Жеке әңгіме"})
    assert response.status_code == 201, response.json()
    assert [m["discussed"] for m in api_as(cast.coach).get(url).json()["results"]] == ["Жеке әңгіме"]
    meeting_id = response.json()["id"]
    for who in ("leader", "coordinator"):
        assert api_as(getattr(cast, who)).get(url).status_code == 404
        assert api_as(getattr(cast, who)).get(f"{url}{meeting_id}/").status_code == 404
        assert api_as(getattr(cast, who)).post(url, {"met_on": day, "discussed": "x"}).status_code == 404


def test_a_shared_log_is_read_by_the_organisers_but_not_written(cast):
    pair = make_pair(cast)
    add_meeting(pair)
    actions.set_log_shared(pair, by=cast.coach, shared=True)
    actions.set_log_shared(pair, by=cast.teacher, shared=True)
    url = f"/api/v1/mentoring-pairs/{pair.pk}/meetings/"
    assert len(api_as(cast.leader).get(url).json()["results"]) == 1
    response = api_as(cast.leader).post(url, {"met_on": timezone.localdate().isoformat(), "discussed": "x"})
    assert response.status_code == 403


def test_it_completes_a_pair(cast):
    pair = make_pair(cast)
    response = api_as(cast.coach).post(f"/api/v1/mentoring-pairs/{pair.pk}/complete/", {"summary": "Болды"})
    assert response.status_code == 200 and response.json()["status"] == "completed"
    assert Pair.objects.get().summary == "Болды"
    assert api_as(cast.coach).post(f"/api/v1/mentoring-pairs/{pair.pk}/complete/", {}).status_code == 403
