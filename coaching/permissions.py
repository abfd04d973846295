"""Who may see and do what with coaching. Every view and API endpoint of the app asks
here; nothing else decides.

- A coaching plan is known to its coach and teachers, to whoever wrote it, to the
  network's organisers (leader, coordinators) and to the director of the plan's
  school. Everyone else — other members of the network included — gets 404, the same
  answer as for a plan that does not exist.
- **The firewall between development and evaluation.** The records — a session's
  page (what was done, agreements, next steps, evidence, reflections) and the visits'
  lessons and observations — are the coach's and the teachers' only. The leaders
  (organisers, the author, the director) see that the plan exists, its coach and
  teachers, its focus, its status and how many sessions were held: the session and
  visit pages answer them 404, as for a page that does not exist. When the plan's
  teachers share the records (``shared_with_leaders``), the leaders read them.
- The coach edits the plan, schedules and records sessions and visits lessons; the
  leaders who may start plans edit the plan's header (its coach, teachers, dates).
- The plan's teachers read their plan and records, write their own reflection on a
  session, and share the records with the leaders or stop sharing them.
- Starting a plan: the network's organisers, a school's director, and whoever is on
  a change team of a development plan in the network.
Read-only people who try to change something get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from coaching.models import CoachingPlan, CoachingSession, Evidence
from networks.models import ORGANISING_ROLES, Membership, Network, Role
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared
from plans.models import Plan

REFUSED = gettext_lazy("Only the plan's coach can change this.")
REFUSED_PLAN = gettext_lazy("Only the coach and the leaders who started the plan can change it.")
REFUSED_START = gettext_lazy("Only the network's organisers, a director or a change team start a coaching plan.")
REFUSED_TEACHER = gettext_lazy("Only the plan's teachers can do this.")


def plans_visible_to(user: User, plans: QuerySet[CoachingPlan] | None = None) -> QuerySet[CoachingPlan]:
    """The plans a person may know of: the same rule as ``get_plan_for_user``."""
    plans = CoachingPlan.objects.all() if plans is None else plans
    if not user.is_authenticated or not user.is_active:
        return plans.none()
    readable = plans.filter(network__in=Network.objects.visible_to(user).values("pk"))
    if user.is_superuser:
        return readable
    organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
    directed = Membership.objects.filter(user=user, role=Role.DIRECTOR).values("network_id")
    taught = CoachingPlan.teachers.through.objects.filter(user_id=user.pk).values("coachingplan_id")
    return readable.filter(
        Q(coach=user)
        | Q(pk__in=taught)
        | Q(created_by=user)
        | Q(network__in=organised)
        | (Q(network__in=directed) & Q(school_id=user.school_id or 0))
    )


def plans_with_records_for(user: User, plans: QuerySet[CoachingPlan] | None = None) -> QuerySet[CoachingPlan]:
    """The plans whose records the person reads: coached, taught, or shared with them."""
    plans = plans_visible_to(user, plans)
    taught = CoachingPlan.teachers.through.objects.filter(user_id=user.pk).values("coachingplan_id")
    return plans.filter(Q(coach=user) | Q(pk__in=taught) | Q(shared_with_leaders=True))


@dataclass(frozen=True)
class PlanAccess:
    """A coaching plan with the person's standing towards it."""

    plan: CoachingPlan
    access: Access
    user: User
    is_coach: bool
    is_teacher: bool
    oversees: bool

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def leads(self) -> bool:
        """Sees the plan from above: its author, the organisers, the school's director."""
        return not (self.is_coach or self.is_teacher)

    @property
    def can_read_records(self) -> bool:
        """The firewall: sessions' records and visits are the coach's and the teachers'."""
        return self.is_coach or self.is_teacher or self.plan.shared_with_leaders

    @property
    def can_coach(self) -> bool:
        """Schedules and records sessions, visits lessons."""
        return self.is_coach

    @property
    def can_edit(self) -> bool:
        """Edits the plan's header: its coach, its teachers, its dates and status."""
        return self.is_coach or self.oversees

    @property
    def can_reflect(self) -> bool:
        return self.is_teacher

    @property
    def can_share(self) -> bool:
        return self.is_teacher


def may_start(access: Access, user: User) -> bool:
    """Who starts coaching plans in a network: its organisers, a director, a change team."""
    if access.can_organise:
        return True
    if access.role == Role.DIRECTOR:
        return True
    return Plan.change_team.through.objects.filter(user_id=user.pk, plan__network=access.network).exists()


def get_network_for_new_plan(user: User, network_pk: int) -> Access:
    access = get_network_access(user, network_pk)
    require(may_start(access, user), REFUSED_START)
    return access


# Every page of a plan and of its sessions asks these two first: their SQL is built
# once per process (ortaq/lib/prepared.py), as building it cost the plan's page more
# than the page may spend on its own content (issue 20: 3× the one-query baseline).
@prepared
def plan_of(pk: int) -> QuerySet[CoachingPlan]:
    return CoachingPlan.objects.select_related("network", "school", "coach").filter(pk=pk).order_by()[:1]


@prepared
def teacher_of(plan_id: int, user_id: int) -> QuerySet[Any]:
    return CoachingPlan.teachers.through.objects.filter(coachingplan_id=plan_id, user_id=user_id).values("pk")[:1]


def get_plan_for_user(user: User, pk: int) -> PlanAccess:
    plan = plan_of.first(int(pk))
    if plan is None:
        raise Http404(_("No such coaching plan."))
    try:
        access = get_network_access(user, plan.network_id, plan.network)
    except Http404:
        raise Http404(_("No such coaching plan.")) from None
    is_coach = plan.coach_id == user.pk
    is_teacher = bool(teacher_of(plan.pk, user.pk))
    director = access.role == Role.DIRECTOR and plan.school_id is not None and plan.school_id == user.school_id
    oversees = access.can_organise or director or (plan.created_by_id is not None and plan.created_by_id == user.pk)
    if not (is_coach or is_teacher or oversees):
        raise Http404(_("No such coaching plan."))
    return PlanAccess(plan, access, user, is_coach, is_teacher, oversees)


def get_plan_records(user: User, pk: int) -> PlanAccess:
    """A plan whose records the person reads, or 404: the leaders do not know the
    records exist until the teachers share them."""
    plan_access = get_plan_for_user(user, pk)
    if not plan_access.can_read_records:
        raise Http404(_("No such coaching plan."))
    return plan_access


def get_coached_plan(user: User, pk: int) -> PlanAccess:
    plan_access = get_plan_records(user, pk)
    require(plan_access.can_coach, REFUSED)
    return plan_access


def get_edited_plan(user: User, pk: int) -> PlanAccess:
    plan_access = get_plan_for_user(user, pk)
    require(plan_access.can_edit, REFUSED_PLAN)
    return plan_access


def get_session_for_user(user: User, pk: int) -> tuple[PlanAccess, CoachingSession]:
    """A session's page: 404 for whoever may not read the plan's records."""
    session = CoachingSession.objects.select_related("event", "written_by").filter(pk=pk).first()
    if session is None:
        raise Http404(_("No such coaching session."))
    try:
        plan_access = get_plan_records(user, session.plan_id)
    except Http404:
        raise Http404(_("No such coaching session.")) from None
    session.plan = plan_access.plan
    return plan_access, session


def get_coached_session(user: User, pk: int) -> tuple[PlanAccess, CoachingSession]:
    plan_access, session = get_session_for_user(user, pk)
    require(plan_access.can_coach, REFUSED)
    return plan_access, session


def get_evidence_for_user(user: User, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404(_("No such file."))
    try:
        get_session_for_user(user, evidence.session_id)
    except Http404:
        raise Http404(_("No such file.")) from None
    return evidence
