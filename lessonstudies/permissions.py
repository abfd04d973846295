"""Who may see and do what in a Lesson Study. Every view and API endpoint of the app
asks here; nothing else decides.

- Whoever reads the network (its members, the district methodologists) sees that a
  cycle exists: its theme, question, team and stage, and its report once published.
  Outsiders get 404, the same answer as for a cycle that does not exist.
- The team — its members, its leader, and the teacher of any of its research lessons —
  sees and writes everything: the plan and its predictions, the case pupils, the notes,
  the interviews, the discussion, the report.
- **The firewall.** Nobody outside the team sees the plans, predictions, notes,
  interviews or discussion: not the school's director, not the network's leader or
  organisers, not a site administrator on the site. Those pages answer them 404, as if
  they did not exist; the research lessons' observed lessons are hidden from them in
  every list (``private_to`` in observations/holders.py). What the team publishes (the
  report in the library) is what others read.
- Any member of the network starts a cycle (and leads it); network readers who try
  to change a cycle they may see get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from lessonstudies.models import CasePupil, Cycle, ResearchLesson
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared

REFUSED = gettext_lazy("Only the Lesson Study's team can change this.")
REFUSED_CREATE = gettext_lazy("Only members of the network start a Lesson Study.")


def team_condition(user: User, prefix: str = "") -> Q:
    """The cycles on whose team the person is, as a condition (``prefix`` leads to a cycle)."""
    return team_condition_of(user.pk, prefix)


def team_condition_of(user_id: int, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}team": user_id})
        | Q(**{f"{prefix}leader": user_id})
        | Q(**{f"{prefix}lessons__teacher": user_id})
    )


def team_cycle_ids(user: User) -> QuerySet[Cycle, Any]:
    if not user.is_authenticated:
        return Cycle.objects.none()
    return Cycle.objects.filter(team_condition(user)).values("pk")


def cycles_visible_to(user: User) -> QuerySet[Cycle]:
    return Cycle.objects.visible_to(user)


def on_team(cycle: Cycle, user: User) -> bool:
    if not user.is_authenticated:
        return False
    if cycle.leader_id == user.pk:
        return True
    return bool(team_cycle_of(cycle.pk, user.pk))


# Every page of a cycle asks these first: their SQL is built once (ortaq/lib/prepared.py).


@prepared
def team_cycle_of(cycle_id: int, user_id: int) -> QuerySet[Cycle, Any]:
    """The cycle's id when the person is on its team, else nothing."""
    return Cycle.objects.filter(team_condition_of(user_id), pk=cycle_id).order_by().values("pk")[:1]


@prepared
def cycle_of(cycle_id: int) -> QuerySet[Cycle]:
    """The cycle with what the head of each of its pages shows."""
    return (
        Cycle.objects.select_related("network", "group", "subject", "leader", "material")
        .filter(pk=cycle_id)
        .order_by()[:1]
    )


@prepared
def research_lesson_of(lesson_id: int) -> QuerySet[ResearchLesson]:
    """A research lesson with what its pages show and its cycle with what they ask of it
    (its network; its leader, whom its notices tell)."""
    return (
        ResearchLesson.objects.select_related("teacher", "school", "lesson", "cycle__network", "cycle__leader")
        .filter(pk=lesson_id)
        .order_by()[:1]
    )


@dataclass(frozen=True)
class CycleAccess:
    cycle: Cycle
    access: Access
    user: User
    on_team: bool

    @property
    def can_edit(self) -> bool:
        return self.on_team

    @property
    def can_read_private(self) -> bool:
        """Plans, predictions, notes, interviews, discussion: the team only."""
        return self.on_team

    @property
    def can_read_report(self) -> bool:
        return self.on_team or self.cycle.is_published


def get_cycle_for_user(user: User, pk: int) -> CycleAccess:
    cycle = cycle_of.first(pk)
    if cycle is None:
        raise Http404(_("No such Lesson Study."))
    return cycle_access_of(user, cycle)


def cycle_access_of(user: User, cycle: Cycle) -> CycleAccess:
    try:
        access = get_network_access(user, cycle.network_id, cycle.network)
    except Http404:
        raise Http404(_("No such Lesson Study.")) from None
    return CycleAccess(cycle, access, user, on_team(cycle, user))


def get_edited_cycle(user: User, pk: int) -> CycleAccess:
    cycle_access = get_cycle_for_user(user, pk)
    require(cycle_access.can_edit, REFUSED)
    return cycle_access


def get_team_cycle(user: User, pk: int) -> CycleAccess:
    """A page behind the firewall: whoever is not on the team is told it does not exist."""
    cycle_access = get_cycle_for_user(user, pk)
    if not cycle_access.can_read_private:
        raise Http404(_("No such Lesson Study."))
    return cycle_access


def get_report_cycle(user: User, pk: int) -> CycleAccess:
    cycle_access = get_cycle_for_user(user, pk)
    if not cycle_access.can_read_report:
        raise Http404(_("No such report."))
    return cycle_access


@dataclass(frozen=True)
class LessonAccess:
    research_lesson: ResearchLesson
    cycle_access: CycleAccess

    @property
    def cycle(self) -> Cycle:
        return self.cycle_access.cycle

    @property
    def user(self) -> User:
        return self.cycle_access.user


def get_research_lesson_for_user(user: User, pk: int) -> LessonAccess:
    """A research lesson and all that is written about it: the team only (404 for others)."""
    lesson = research_lesson_of.first(pk)
    if lesson is None:
        raise Http404(_("No such research lesson."))
    try:
        cycle_access = cycle_access_of(user, lesson.cycle)
    except Http404:
        raise Http404(_("No such research lesson.")) from None
    if not cycle_access.can_read_private:
        raise Http404(_("No such research lesson."))
    return LessonAccess(lesson, cycle_access)


def get_case_pupil(lesson_access: LessonAccess, pk: int) -> CasePupil:
    pupil = CasePupil.objects.filter(cycle=lesson_access.cycle, pk=pk).select_related("observer").first()
    if pupil is None:
        raise Http404(_("No such case pupil."))
    return pupil


def may_start_cycle(access: Access) -> bool:
    return access.is_member or access.is_admin
