"""Who may see and do what with development plans and the rubric. Every view and API
endpoint of the app asks here; nothing else decides.

- A network's own plan is read by whoever reads the network.
- A school's plan is read by its change team, the school's own members in the network,
  and the people who support schools: the network's organisers (the leading school's
  leader and coordinators), the leading school's coaches and mentors, and the district
  methodologists. Everyone else — other schools' teachers included — gets 404, the
  same answer as for a plan that does not exist.
- The change team (өзгеріс енгізу тобы) edits every stage; the supporters comment on
  any stage; the team (or the comment's author) resolves a comment. Read-only people
  who try to change something get 403.
- The rubric: whoever reads the network reads its map and each school's placements; a
  school places itself (its directors, and the change teams of its plans); the
  supporters moderate other schools' placements, never their own school's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from networks.models import ORGANISING_ROLES, Membership, Network, NetworkSchool, Role
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared
from plans.models import Comment, Placement, Plan, ReportVersion
from schools.models import School

# Members of the leading school who support the attached schools' plans with the organisers.
SUPPORT_ROLES = frozenset({Role.COACH, Role.MENTOR})

REFUSED = gettext_lazy("Only the plan's change team can change this.")
REFUSED_COMMENT = gettext_lazy("Only the leading school's organisers and coaches and the methodologist comment.")
REFUSED_CREATE = gettext_lazy("Only the school's director or the network's organisers start a plan.")
REFUSED_PLACE = gettext_lazy("Only the school's director or its change team place the school on the rubric.")
REFUSED_MODERATE = gettext_lazy("Only the leading school and the methodologist moderate, and not their own school.")


def leading_school_id(network: Network) -> int | None:
    return (
        NetworkSchool.objects.filter(network=network, role=NetworkSchool.Role.LEADING)
        .values_list("school_id", flat=True)
        .first()
    )


def supports(access: Access, user: User, leading_id: Callable[[], int | None]) -> bool:
    """Whether the person supports the network's schools: organisers, the leading
    school's coaches and mentors, a district methodologist (a member with that role, or
    someone who sees the network only through the district), a site administrator.
    The leading school is asked for (``leading_id``) only about a coach or a mentor."""
    if access.is_admin or access.can_organise:
        return True
    if access.membership is None:
        return True  # not a member, yet sees the network: a methodologist of its district
    if access.role == Role.METHODOLOGIST:
        return True
    if access.role not in SUPPORT_ROLES or user.school_id is None:
        return False
    return user.school_id == leading_id()


def supported_network_ids(user: User) -> QuerySet[Network]:
    """``supports`` as a query: the networks in which the person supports the schools."""
    leading = NetworkSchool.objects.filter(role=NetworkSchool.Role.LEADING, school_id=user.school_id or 0)
    memberships = Membership.objects.filter(user=user).filter(
        Q(role__in=ORGANISING_ROLES)
        | Q(role=Role.METHODOLOGIST)
        | Q(role__in=SUPPORT_ROLES, network__in=leading.values("network_id"))
    )
    overseen = NetworkSchool.objects.filter(school__district__methodologists=user).exclude(
        network__in=Membership.objects.filter(user=user).values("network_id")
    )
    return Network.objects.filter(Q(pk__in=memberships.values("network_id")) | Q(pk__in=overseen.values("network_id")))


# --- Plans ----------------------------------------------------------------------------------------


def plans_visible_to(user: User, plans: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.all() if plans is None else plans
    if not user.is_authenticated or not user.is_active:
        return plans.none()
    if user.is_superuser:
        return plans
    team = Plan.change_team.through.objects.filter(user_id=user.pk).values("plan_id")
    return plans.filter(network__in=Network.objects.visible_to(user).values("pk")).filter(
        Q(school__isnull=True)
        | Q(pk__in=team)
        | Q(school_id=user.school_id or 0)
        | Q(network__in=supported_network_ids(user).values("pk"))
    )


@dataclass(frozen=True)
class PlanAccess:
    """A plan with the person's standing towards it."""

    plan: Plan
    access: Access
    user: User
    on_team: bool
    supports: bool

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def can_edit(self) -> bool:
        return self.on_team or self.access.is_admin

    @property
    def can_comment(self) -> bool:
        return self.supports

    def can_resolve(self, comment: Comment) -> bool:
        return self.can_edit or comment.author_id == self.user.pk


@prepared
def plan_with_reader(pk: int, user_id: int) -> QuerySet[Plan]:
    """The plan, and whether the person is on its change team (``on_team``)."""
    # Every page of a plan asks this first: its SQL is built once (ortaq/lib/prepared.py).
    team = Plan.change_team.through.objects.filter(plan=OuterRef("pk"), user=user_id)
    return Plan.objects.select_related("network", "school", "year").filter(pk=pk).annotate(on_team=Exists(team))[:1]


def get_plan_for_user(user: User, pk: int) -> PlanAccess:
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such plan."))
    plan = plan_with_reader.first(int(pk), user.pk)
    if plan is None:
        raise Http404(_("No such plan."))
    try:
        access = get_network_access(user, plan.network_id, plan.network)
    except Http404:
        raise Http404(_("No such plan.")) from None
    on_team: bool = plan.on_team  # type: ignore[attr-defined]
    supporting = supports(access, user, lambda: leading_school_id(plan.network))
    readable = plan.school_id is None or on_team or supporting or access.is_admin or plan.school_id == user.school_id
    if not readable:
        raise Http404(_("No such plan."))
    return PlanAccess(plan, access, user, on_team, supporting)


def get_edited_plan(user: User, pk: int) -> PlanAccess:
    plan_access = get_plan_for_user(user, pk)
    require(plan_access.can_edit, REFUSED)
    return plan_access


def get_report_version_for_user(user: User, pk: int) -> tuple[PlanAccess, ReportVersion]:
    """A generated monitoring report, for whoever reads its plan (the same 404 as for a
    version that does not exist)."""
    version = ReportVersion.objects.select_related("report").filter(pk=pk).first()
    if version is None:
        raise Http404(_("No such report."))
    return get_plan_for_user(user, version.report.plan_id), version


def may_start_plan(access: Access, user: User, school: School | None) -> bool:
    """The network's organisers start any plan; a school's director their school's."""
    if access.can_organise:
        return True
    return school is not None and access.role == Role.DIRECTOR and user.school_id == school.pk


# --- The rubric -------------------------------------------------------------------------------------


class RubricAccess:
    """A network's rubric with the person's standing: who places which school, who
    moderates."""

    def __init__(self, access: Access, user: User) -> None:
        self.access = access
        self.user = user

    @property
    def network(self) -> Network:
        return self.access.network

    @cached_property
    def leading_id(self) -> int | None:
        return leading_school_id(self.network)

    @cached_property
    def supports(self) -> bool:
        return supports(self.access, self.user, lambda: self.leading_id)

    @cached_property
    def placed_school_ids(self) -> frozenset[int]:
        """The schools this person places: their own as its director; those whose plans
        in this network have them on the change team."""
        if self.access.is_admin:
            return frozenset(self.network.school_links.values_list("school_id", flat=True))
        ids = set(
            Plan.objects.filter(network=self.network, change_team=self.user, school__isnull=False).values_list(
                "school_id", flat=True
            )
        )
        if self.access.role == Role.DIRECTOR and self.user.school_id:
            ids.add(self.user.school_id)
        return frozenset(ids)

    def can_place(self, school: School) -> bool:
        return school.pk in self.placed_school_ids

    def can_moderate(self, school: School) -> bool:
        if self.access.is_admin:
            return True
        return self.supports and school.pk != self.user.school_id


def get_rubric_for_user(user: User, network_pk: int) -> RubricAccess:
    return RubricAccess(get_network_access(user, network_pk), user)


def get_rubric_school(user: User, network_pk: int, school_pk: int) -> tuple[RubricAccess, School]:
    rubric = get_rubric_for_user(user, network_pk)
    school = School.objects.filter(pk=school_pk, network_links__network=rubric.network).first()
    if school is None:
        raise Http404(_("No such school."))
    return rubric, school


def get_placement_for_user(user: User, pk: int) -> tuple[RubricAccess, Placement]:
    placement = (
        Placement.objects.select_related("school", "area", "stage", "proposed_stage", "year", "network")
        .filter(pk=pk)
        .first()
    )
    if placement is None:
        raise Http404(_("No such placement."))
    try:
        access = get_network_access(user, placement.network_id, placement.network)
    except Http404:
        raise Http404(_("No such placement.")) from None
    return RubricAccess(access, user), placement


def placements_visible_to(user: User) -> QuerySet[Placement]:
    return Placement.objects.filter(network__in=Network.objects.visible_to(user).values("pk"))
