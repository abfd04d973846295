"""Only leaders hand out leadership, by every path: an invitation (made or followed), a
request to join, a member's role. Site administrators excepted (the admin)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from networks.models import Invitation, JoinRequest, Role
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def role_of(cast, user) -> str:
    return cast.network.memberships.get(user=user).role


def test_the_invitation_form_offers_a_coordinator_every_role_but_leader(cast):
    url = reverse("networks:invitation_create", args=[cast.network.pk])
    offered = {value for value, _label in as_user(cast.coordinator).get(url).context["form"].fields["role"].choices}
    assert Role.LEADER not in offered and Role.COORDINATOR in offered
    leader_offered = {value for value, _label in as_user(cast.leader).get(url).context["form"].fields["role"].choices}
    assert Role.LEADER in leader_offered


def test_a_coordinator_cannot_make_a_leaders_invitation_and_follow_it(cast):
    url = reverse("networks:invitation_create", args=[cast.network.pk])

    response = as_user(cast.coordinator).post(url, {"email": "", "role": "leader", "max_uses": 1})

    assert response.status_code == 200 and response.context["form"].errors["role"]
    assert not Invitation.objects.filter(network=cast.network).exists()
    assert role_of(cast, cast.coordinator) == Role.COORDINATOR


def test_a_leaders_invitation_made_by_a_coordinator_earlier_cannot_be_followed(cast):
    # Such links could be made before only leaders could invite leaders.
    invitation = Invitation.objects.create(network=cast.network, role=Role.LEADER, created_by=cast.coordinator)

    as_user(cast.coordinator).post(invitation.get_absolute_url())
    newcomer = UserFactory.create()
    as_user(newcomer).post(invitation.get_absolute_url())

    assert role_of(cast, cast.coordinator) == Role.COORDINATOR
    assert not cast.network.memberships.filter(user=newcomer).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_a_leaders_invitation_from_a_leader_makes_a_leader(cast):
    invitation = Invitation.objects.create(network=cast.network, role=Role.LEADER, created_by=cast.leader)

    as_user(cast.coordinator).post(invitation.get_absolute_url())

    assert role_of(cast, cast.coordinator) == Role.LEADER


def test_a_coordinator_cannot_let_someone_in_as_leader(cast):
    applicant = UserFactory.create()
    request = JoinRequest.objects.create(network=cast.network, user=applicant)
    url = reverse("networks:request_decide", args=[cast.network.pk, request.pk])

    response = as_user(cast.coordinator).post(url, {"decision": "approve", "role": "leader"})

    assert response.status_code == 403
    assert not cast.network.memberships.filter(user=applicant).exists()
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.PENDING


def test_a_coordinator_cannot_change_a_leaders_role_nor_make_themselves_leader(cast):
    client = as_user(cast.coordinator)
    for person, role in ((cast.leader, "teacher"), (cast.coordinator, "leader")):
        membership = cast.network.memberships.get(user=person)
        url = reverse("networks:member_role", args=[cast.network.pk, membership.pk])
        assert client.post(url, {"role": role}).status_code == 403
    assert role_of(cast, cast.leader) == Role.LEADER
    assert role_of(cast, cast.coordinator) == Role.COORDINATOR


def test_a_leader_hands_out_leadership(cast):
    membership = cast.network.memberships.get(user=cast.coordinator)
    url = reverse("networks:member_role", args=[cast.network.pk, membership.pk])

    assert as_user(cast.leader).post(url, {"role": "leader"}).status_code == 302

    assert role_of(cast, cast.coordinator) == Role.LEADER
