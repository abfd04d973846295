"""Who may open what: the pair itself reads and writes; the network's organisers see the
pair but not its log (the firewall) and may do nothing else but complete it (403);
anyone else — the director, other members, the methodologist, an outsider — gets 404;
visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.tests.factories import add_meeting, make_pair
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def pair_urls(pair) -> dict[str, list[tuple[str, str]]]:
    p = pair.pk
    return {
        "read": [("get", reverse("mentoring:pair", args=[p]))],
        "write": [
            ("get", reverse("mentoring:pair_edit", args=[p])),
            ("post", reverse("mentoring:meeting_add", args=[p])),
            ("post", reverse("mentoring:pair_share", args=[p])),
        ],
    }


def test_visitors_are_sent_to_sign_in(cast):
    pair = make_pair(cast)
    urls = [u for group in pair_urls(pair).values() for u in group]
    urls += [
        ("get", reverse("mentoring:mine")),
        ("get", reverse("mentoring:network", args=[cast.network.pk])),
        ("get", reverse("mentoring:create", args=[cast.network.pk])),
        ("get", reverse("mentoring:pair_complete", args=[pair.pk])),
    ]
    for method, url in urls:
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["director", "coordinator", "methodologist", "outsider"])
def test_people_outside_the_pair_get_404_except_organisers(cast, who):
    pair = make_pair(cast)
    client = as_user(getattr(cast, who))
    for method, url in [*pair_urls(pair)["read"], *pair_urls(pair)["write"]]:
        response = getattr(client, method)(url)
        expected = {"read": 200, "write": 403} if who == "coordinator" else {"read": 404, "write": 404}
        kind = "read" if (method, url) in pair_urls(pair)["read"] else "write"
        assert response.status_code == expected[kind], (who, url, response.status_code)


def test_the_pair_reads_and_writes(cast):
    pair = make_pair(cast)
    for person in (cast.coach, cast.teacher):
        client = as_user(person)
        assert client.get(reverse("mentoring:pair", args=[pair.pk])).status_code == 200
        assert client.get(reverse("mentoring:pair_edit", args=[pair.pk])).status_code == 200


def test_only_organisers_make_pairs(cast):
    url = reverse("mentoring:create", args=[cast.network.pk])
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.coordinator).get(url).status_code == 200
    assert as_user(cast.teacher).get(url).status_code == 403
    assert as_user(cast.director).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404


def test_the_pairs_list_is_for_the_networks_readers(cast):
    url = reverse("mentoring:network", args=[cast.network.pk])
    assert as_user(cast.director).get(url).status_code == 200
    assert as_user(cast.outsider).get(url).status_code == 404


def test_a_plain_member_sees_no_pair_but_their_own_in_the_list(cast):
    pair = make_pair(cast)
    url = reverse("mentoring:network", args=[cast.network.pk])
    assert pair.get_absolute_url() not in as_user(cast.director).get(url).content.decode()
    assert pair.get_absolute_url() in as_user(cast.teacher).get(url).content.decode()
    assert pair.get_absolute_url() in as_user(cast.leader).get(url).content.decode()


def test_completing_is_for_the_pair_and_the_organisers(cast):
    pair = make_pair(cast)
    url = reverse("mentoring:pair_complete", args=[pair.pk])
    assert as_user(cast.director).get(url).status_code == 404
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.teacher).get(url).status_code == 200


def test_a_completed_pair_is_read_only_even_for_itself(cast):
    pair = make_pair(cast)
    add_meeting(pair)
    from mentoring import actions

    actions.complete_pair(pair, summary="", by=cast.coach)
    client = as_user(cast.coach)
    assert client.get(reverse("mentoring:pair_edit", args=[pair.pk])).status_code == 403
    assert client.post(reverse("mentoring:meeting_add", args=[pair.pk]), {}).status_code == 403
    assert client.get(reverse("mentoring:pair_complete", args=[pair.pk])).status_code == 403
    assert "Ашық сұрақтар банкі" in client.get(pair.get_absolute_url()).content.decode()
