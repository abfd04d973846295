"""Who may see what in a network: the one rule every domain uses.

A thing of a network (a material, a collection; a survey's results or a plan later)
is visible to its network, to one of its groups, or to anyone with the link
(``Visibility``). ``readable_by(user)`` is the rule as a query condition for lists,
``admits(thing, ...)`` the same rule for one thing from the reader's standing (the two
are kept equal by tests), and ``clean_visibility`` keeps a group's thing inside its
network. ``people_visible_to(user)`` is who a person may see: those they share a
network with, seen through the networks they see (a district's methodologists
included).
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from networks.models import ORGANISING_ROLES, Group, GroupMembership, Membership, Network


class Shared(Protocol):
    """What a thing shared with an audience has: its network, visibility and group."""

    visibility: str
    network_id: int
    group_id: int | None
    group: Group | None


class Visibility(models.TextChoices):
    NETWORK = "network", _("the network")
    GROUP = "group", _("a group of the network")
    PUBLIC = "public", _("anyone with the link")


def organised_networks(user: User) -> models.QuerySet[Membership]:
    return Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")


def readable_by(user: User) -> Q:
    """Who may read a thing of a network (a material, a collection), not counting its
    own authors and the network's organisers (the caller adds those): everyone when
    it is public; the people who see the network (members, the district's
    methodologists) when it is the network's; the group's members when it is a
    group's."""
    return (
        Q(visibility=Visibility.PUBLIC)
        | Q(visibility=Visibility.NETWORK, network__in=Network.objects.visible_to(user).values("pk"))
        | Q(visibility=Visibility.GROUP, group__in=GroupMembership.objects.filter(user=user).values("group_id"))
    )


def admits(thing: Shared, *, sees_network: bool, in_group: bool) -> bool:
    """``readable_by`` for one thing, from the reader's standing: public, or the
    network's and they see the network, or their group's."""
    return (
        thing.visibility == Visibility.PUBLIC
        or (thing.visibility == Visibility.NETWORK and sees_network)
        or (thing.visibility == Visibility.GROUP and thing.group_id is not None and in_group)
    )


def clean_visibility(thing: Shared) -> None:
    """A group's thing names one of its network's groups; others name none."""
    if thing.visibility != Visibility.GROUP:
        thing.group = None
        return
    if thing.group_id is None:
        raise ValidationError({"group": _("Choose the group that may see it.")}, code="group_missing")
    if thing.group.network_id != thing.network_id:
        raise ValidationError({"group": _("Choose one of the network's groups.")}, code="group_elsewhere")


def people_visible_to(user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    shared = Membership.objects.filter(user=OuterRef("pk"), network__in=Network.objects.visible_to(user))
    return User.objects.filter(is_active=True).filter(Exists(shared))


def notice_scope(user: User) -> Q:
    """Who may still read a notice about something of a network or of one of its
    groups (``notifications.kinds``): those who see the network, and for a group's,
    its members and the network's organisers. Someone who left keeps no window on it."""
    if user.is_superuser:
        return Q()
    networks = Network.objects.visible_to(user).values("pk")
    groups = GroupMembership.objects.filter(user=user).values("group_id")
    return Q(network_id__isnull=True, group_id__isnull=True) | Q(network_id__in=networks) & (
        Q(group_id__isnull=True) | Q(group_id__in=groups) | Q(network_id__in=organised_networks(user))
    )
