"""Who may see and do what in a network. Every view and API endpoint of the app
asks here; nothing else decides.

- Outsiders (no membership, not overseeing the district) get 404 for everything:
  the same answer as for a network that does not exist.
- Every member, and the district methodologists, may read the network.
- Leaders and coordinators organise: invite people, decide requests, form groups.
- Only leaders manage the network itself: the charter and the member schools.
- A group's leader may also manage that group's members and tasks.
- The leaders and the methodologists take the network's records out as files
  (``can_export``); those who invite bring people in from a file (``can_import``).
Read-only people who try to change something get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Certification, User
from networks.audiences import people_visible_to
from networks.models import (
    EXPORTING_ROLES,
    ORGANISING_ROLES,
    Group,
    GroupTask,
    Membership,
    Network,
    NetworkSchool,
    Role,
)
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared
from schools.models import District, SchoolRequest, SchoolRequestQuerySet


@dataclass(frozen=True)
class Access:
    network: Network
    membership: Membership | None
    is_admin: bool

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def can_manage(self) -> bool:
        return self.is_admin or (self.membership is not None and self.membership.can_manage)

    @property
    def can_organise(self) -> bool:
        return self.is_admin or (self.membership is not None and self.membership.can_organise)

    @property
    def oversees(self) -> bool:
        """Reads the network without belonging to it: a methodologist of a district
        where it has a school (``Network.objects.visible_to``; administrators aside)."""
        return self.membership is None and not self.is_admin

    @property
    def can_export(self) -> bool:
        """Takes the network's records away as a workbook, CSV or JSON (the exchange
        app): its leaders, and the methodologists, a member with that role or one of
        the district's. Coordinators organise the work but do not take every member's
        record and attendance out of the site; other members read the pages."""
        return self.is_admin or self.oversees or self.role in EXPORTING_ROLES

    @property
    def can_import(self) -> bool:
        """Brings schools and people in from a file: those who invite people. Each row
        is then held to the same rules as by hand (``can_manage`` for schools,
        ``can_grant`` for each role)."""
        return self.can_organise

    def can_grant(self, role: str) -> bool:
        """Who may give a role, by any path (an invitation, a request to join, a member's
        role): leaders any; coordinators any but leader; only leaders hand out leadership."""
        return self.can_manage or (self.can_organise and role != Role.LEADER)

    def can_manage_member(self, membership: Membership) -> bool:
        """Changing or removing this member: organisers do, but a leader only a leader."""
        return self.can_manage or (self.can_organise and membership.role != Role.LEADER)

    def can_change_role_of(self, membership: Membership, role: str) -> bool:
        """Giving ``role`` to this member."""
        return self.can_grant(role) and self.can_manage_member(membership)

    def can_manage_group(self, group: Group) -> bool:
        return self.can_organise or (self.membership is not None and group.leader_id == self.membership.user_id)


@prepared
def membership_of(network_id: int, user_id: int, *, with_network: bool) -> QuerySet[Membership]:
    # Every page of a network asks this first: its SQL is built once (ortaq/lib/prepared.py).
    memberships = Membership.objects.filter(network=network_id, user=user_id)
    return (memberships.select_related("network") if with_network else memberships)[:1]


def get_network_access(user: User, pk: int, network: Network | None = None) -> Access:
    """The network with the person's standing in it, or 404 if they may not see it
    (``Network.objects.visible_to``). A member's standing is one query, their
    membership with the network (none when the caller has the network already);
    the others, a methodologist or an administrator, are asked ``visible_to``."""
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such network."))
    membership = membership_of.first(int(pk), user.pk, with_network=network is None)
    if membership is not None:
        return Access(network=network or membership.network, membership=membership, is_admin=user.is_superuser)
    visible = Network.objects.visible_to(user).filter(pk=pk)
    if network is None:
        network = visible.first()
    elif not visible.exists():
        network = None
    if network is None:
        raise Http404(_("No such network."))
    return Access(network=network, membership=None, is_admin=user.is_superuser)


def get_network_for_user(user: User, pk: int) -> Network:
    return get_network_access(user, pk).network


REFUSED = gettext_lazy("You cannot change this in the network.")


def get_organised_network(user: User, pk: int) -> Access:
    access = get_network_access(user, pk)
    require(access.can_organise, REFUSED)
    return access


def get_managed_network(user: User, pk: int) -> Access:
    access = get_network_access(user, pk)
    require(access.can_manage, REFUSED)
    return access


@dataclass(frozen=True)
class GroupAccess:
    """A group of a network with the person's standing in the network."""

    group: Group
    access: Access

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def can_manage(self) -> bool:
        return self.access.can_manage_group(self.group)

    def can_mark(self, task: GroupTask) -> bool:
        """Marking a task done (or not): whoever manages the group, and the person it is given to."""
        mine = self.access.membership is not None and task.assignee_id == self.access.membership.user_id
        return self.can_manage or mine


def get_group_for_user(user: User, network_pk: int, group_pk: int) -> GroupAccess:
    access = get_network_access(user, network_pk)
    group = access.network.groups.filter(pk=group_pk).select_related("leader").first()
    if group is None:
        raise Http404(_("No such group."))
    return GroupAccess(group, access)


def oversees(user: User, person: User) -> bool:
    """Whether the user answers for the person's work — themselves, an organiser of one
    of the person's networks, or the methodologist of a district one of those networks
    has a school in — and so reads what the person did (their record, later their
    portfolio)."""
    if person.pk == user.pk or user.is_superuser:
        return True
    organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
    return (
        Network.objects.filter(memberships__user=person)
        .filter(Q(pk__in=organised) | Q(school_links__school__district__methodologists=user))
        .exists()
    )


def get_joinable_network(user: User, pk: int) -> Network:
    """A listed network a signed-in non-member may ask to join; unlisted ones stay
    invisible (404) to outsiders."""
    network = Network.objects.filter(pk=pk).first()
    if network is None or not (network.is_listed or Network.objects.visible_to(user).filter(pk=pk).exists()):
        raise Http404(_("No such network."))
    return network


def may_create_network(user: User) -> bool:
    return user.is_authenticated and (settings.ORTAQ_ANYONE_CREATES_NETWORKS or user.is_staff)


# --- People ------------------------------------------------------------------------------
# A person's page is visible to the people they share a network with (and to the
# district methodologists overseeing one of those networks); everyone else gets 404.
# A certificate file is visible to its owner and to the leaders and coordinators of the
# owner's networks, who need it for the indicators; to other members, 403.


def get_person_for_user(user: User, pk: int) -> User:
    if user.is_authenticated and user.pk == pk:
        return user
    person = people_visible_to(user).filter(pk=pk).select_related("school__district").first()
    if person is None:
        raise Http404(_("No such person."))
    return person


def get_certificate_file_for_user(user: User, pk: int) -> Certification:
    certification = Certification.objects.filter(pk=pk).exclude(file="").select_related("user").first()
    if certification is None:
        raise Http404(_("No such certification."))
    if certification.user_id == user.pk or user.is_superuser:
        return certification
    owner = get_person_for_user(user, certification.user_id)  # 404 for outsiders
    organises = Membership.objects.filter(
        user=user, role__in=ORGANISING_ROLES, network__memberships__user=owner
    ).exists()
    if not organises:
        raise PermissionDenied(_("Only the network's leaders and coordinators can open certificates."))
    return certification


# --- Schools asked for -------------------------------------------------------------------
# Someone's school is not in the list (schools.SchoolRequest). Who adds a school to a
# district: the site's staff, and the leaders of every network that has a school in
# that district — they know its schools. This rule lives here, not in ``schools``,
# because it asks about networks, which sit above schools. Nobody else sees a request
# (404): there is no read-only way to look at one.


def districts_led_by(user: User) -> QuerySet[NetworkSchool, Any]:
    """The districts (as ``school__district`` ids) of the schools of the networks the
    person leads."""
    led = Membership.objects.filter(user=user, role=Role.LEADER).values("network")
    return NetworkSchool.objects.filter(network__in=led).values("school__district")


def decides_every_school_request(user: User) -> bool:
    return user.is_active and (user.is_staff or user.is_superuser)


def school_requests_visible_to(user: User) -> SchoolRequestQuerySet:
    """The requests the person may decide, by the same rule as a single one."""
    if not user.is_authenticated or not user.is_active:
        return SchoolRequest.objects.none()
    if decides_every_school_request(user):
        return SchoolRequest.objects.all()
    return SchoolRequest.objects.filter(district__in=districts_led_by(user))


def may_decide_school_requests(user: User) -> bool:
    """Whether the person decides requests anywhere (the list's link is shown)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        decides_every_school_request(user)
        or Membership.objects.filter(user=user, role=Role.LEADER, network__school_links__isnull=False).exists()
    )


def get_school_request_for_user(user: User, pk: int) -> SchoolRequest:
    school_request = (
        school_requests_visible_to(user).filter(pk=pk).select_related("district__region", "requested_by").first()
    )
    if school_request is None:
        raise Http404(_("No such request."))
    return school_request


def school_request_deciders(district: District) -> QuerySet[User]:
    """Who is told of a new request of the district: the same rule from the other side."""
    leaders = Membership.objects.filter(role=Role.LEADER, network__school_links__school__district=district).values(
        "user"
    )
    return User.objects.filter(is_active=True).filter(Q(is_staff=True) | Q(is_superuser=True) | Q(pk__in=leaders))
