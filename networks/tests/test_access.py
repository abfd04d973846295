"""Who sees which network and who may change it: the rules of networks/permissions.py
checked through every view, for every fixed person."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Invitation, JoinRequest, Network
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def network_urls(cast) -> list[tuple[str, str]]:
    n = cast.network.pk
    g = cast.group.pk
    task = cast.group.tasks.create(title="Онлайн сұхбат — айына 1 рет")
    invitation = Invitation.objects.create(network=cast.network, created_by=cast.leader)
    request = JoinRequest.objects.create(network=cast.network, user=cast.outsider)
    membership = cast.network.memberships.get(user=cast.teacher)
    return [
        ("get", reverse("networks:detail", args=[n])),
        ("get", reverse("networks:edit", args=[n])),
        ("get", reverse("networks:translate", args=[n, "ru"])),
        ("get", reverse("networks:schools", args=[n])),
        ("post", reverse("networks:school_leading", args=[n, cast.attached_school.pk])),
        ("post", reverse("networks:school_remove", args=[n, cast.attached_school.pk])),
        ("get", reverse("networks:members", args=[n])),
        ("get", reverse("networks:people", args=[n]) + "?q=әли"),
        ("post", reverse("networks:member_role", args=[n, membership.pk])),
        ("post", reverse("networks:member_remove", args=[n, membership.pk])),
        ("get", reverse("networks:invitation_create", args=[n])),
        ("post", reverse("networks:invitation_revoke", args=[n, invitation.pk])),
        ("post", reverse("networks:request_decide", args=[n, request.pk])),
        ("get", reverse("networks:group_create", args=[n])),
        ("get", reverse("networks:group", args=[n, g])),
        ("get", reverse("networks:group_edit", args=[n, g])),
        ("post", reverse("networks:group_delete", args=[n, g])),
        ("post", reverse("networks:task_toggle", args=[n, g, task.pk])),
        ("post", reverse("networks:task_delete", args=[n, g, task.pk])),
    ]


def test_it_answers_404_to_an_outsider_on_every_network_page(cast):
    client = as_user(cast.outsider)
    detail = reverse("networks:detail", args=[cast.network.pk])
    for method, url in network_urls(cast):
        response = getattr(client, method)(url)
        if url == detail:
            # A listed network's link leads an outsider to ask to join (issue 15): its
            # name and charter, nothing of its members, plans or forum.
            assert response.status_code == 302 and response["Location"] == reverse(
                "networks:join", args=[cast.network.pk]
            )
            continue
        assert response.status_code == 404, (method, url, response.status_code)
    Network.objects.filter(pk=cast.network.pk).update(is_listed=False)
    assert client.get(detail).status_code == 404
    assert Network.objects.filter(pk=cast.network.pk).exists()
    assert cast.network.school_links.count() == 2


def test_it_sends_anonymous_visitors_to_sign_in(cast):
    client = Client()
    for method, url in network_urls(cast):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_answers_403_to_a_teacher_who_tries_to_manage(cast):
    client = as_user(cast.teacher)
    readable = {
        reverse("networks:detail", args=[cast.network.pk]),
        reverse("networks:schools", args=[cast.network.pk]),
        reverse("networks:members", args=[cast.network.pk]),
        reverse("networks:people", args=[cast.network.pk]) + "?q=әли",
        reverse("networks:group", args=[cast.network.pk, cast.group.pk]),
    }
    own_membership = reverse(
        "networks:member_remove", args=[cast.network.pk, cast.network.memberships.get(user=cast.teacher).pk]
    )
    for method, url in network_urls(cast):
        if url == own_membership:
            continue  # leaving the network is a teacher's own right; tested separately
        response = getattr(client, method)(url)
        expected = 200 if url in readable and method == "get" else 403
        assert response.status_code == expected, (method, url, response.status_code)
    assert cast.network.school_links.count() == 2
    assert cast.network.groups.count() == 1


def test_it_lets_the_district_methodologist_read_but_not_change(cast):
    client = as_user(cast.methodologist)
    assert client.get(reverse("networks:detail", args=[cast.network.pk])).status_code == 200
    assert client.get(reverse("networks:edit", args=[cast.network.pk])).status_code == 403
    response = client.post(reverse("networks:school_remove", args=[cast.network.pk, cast.attached_school.pk]))
    assert response.status_code == 403
    assert cast.network.school_links.count() == 2


def test_it_lists_only_visible_networks(cast):
    other = Network.objects.create(name="Даму", is_listed=False)
    assert list(Network.objects.visible_to(cast.teacher)) == [cast.network]
    assert list(Network.objects.visible_to(cast.methodologist)) == [cast.network]
    assert list(Network.objects.visible_to(cast.outsider)) == []
    response = as_user(cast.outsider).get(reverse("networks:list"))
    assert cast.network.name.encode() in response.content  # listed: the outsider may ask to join
    assert other.name.encode() not in response.content


def test_it_hides_an_unlisted_network_from_an_outsider_who_asks_to_join(cast):
    cast.network.is_listed = False
    cast.network.save()
    response = as_user(cast.outsider).get(reverse("networks:join", args=[cast.network.pk]))
    assert response.status_code == 404


def test_a_coordinator_cannot_edit_the_charter_but_can_invite(cast):
    client = as_user(cast.coordinator)
    assert client.get(reverse("networks:edit", args=[cast.network.pk])).status_code == 403
    assert client.get(reverse("networks:invitation_create", args=[cast.network.pk])).status_code == 200


def test_a_coordinator_cannot_make_someone_leader(cast):
    membership = cast.network.memberships.get(user=cast.teacher)
    response = as_user(cast.coordinator).post(
        reverse("networks:member_role", args=[cast.network.pk, membership.pk]), {"role": "leader"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "teacher"


def test_the_group_leader_manages_their_group_tasks(cast):
    client = as_user(cast.coach)
    response = client.post(
        reverse("networks:group", args=[cast.network.pk, cast.group.pk]), {"title": "Коучинг өткізу"}
    )
    assert response.status_code == 302
    assert list(cast.group.tasks.values_list("title", flat=True)) == ["Коучинг өткізу"]
    # ...but not the network's other pages
    assert client.get(reverse("networks:group_create", args=[cast.network.pk])).status_code == 403


def test_it_welcomes_a_visitor_without_setting_a_cookie(db):
    # Found by `make bench`: the layout's language switch set the CSRF cookie on every visit.
    response = Client().get(reverse("home"))
    assert response.status_code == 200
    assert not response.cookies


def test_an_outsider_with_a_listed_networks_link_sees_its_charter_and_may_ask_to_join(cast):
    cast.network.goal = "Оқушылардың білім сапасын арттыру"
    cast.network.save(update_fields=["goal"])
    client = as_user(cast.outsider)

    page = client.get(reverse("networks:detail", args=[cast.network.pk]), follow=True)

    html = page.content.decode()
    assert page.status_code == 200 and cast.network.name in html and "Оқушылардың білім сапасын арттыру" in html
    assert cast.teacher.full_name not in html  # no members, no private details
    client.post(reverse("networks:join", args=[cast.network.pk]), {"message": "Қосылғым келеді"})
    assert JoinRequest.objects.filter(network=cast.network, user=cast.outsider).exists()
