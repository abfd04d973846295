"""The rows of coaching's busiest pages, computed as plain values.

A coach's caseload lists every plan they coach, a plan's page its sessions, visits
and teachers. Through model instances with their related rows, prefetched teachers
and filters per row (``|date``, ``get_status_display``, ``{% blocktranslate %}``)
they cost the server three to five times the one-query baseline (README,
«Benchmarks»). Here each list reads only the columns it shows, the sessions are
counted in Python, dates are formatted once per language (``short_date``) and words
once per page, so the templates only print strings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from coaching.models import CoachingPlan, CoachingSession
from ortaq.lib.collation import kazakh_sort_key
from ortaq.lib.dates import short_date
from ortaq.lib.urls import id_url
from plans.models import Goal

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class CaseloadRow:
    href: str
    title: str
    network: str
    school: str | None
    planned_sessions: int
    status: str
    teachers: list[str] = field(default_factory=list)
    held_count: int = 0
    overdue_count: int = 0
    next_due: datetime.date | None = None
    next_due_shown: str = ""


@dataclass
class Caseload:
    plans: list[CaseloadRow]
    teacher_count: int
    overdue_total: int


def caseload(coach: User, today: datetime.date) -> Caseload:
    """The plans ``coach`` coaches, ordered as before (status, newest first): teachers
    in Kazakh alphabetical order, sessions held, overdue and the next one due."""
    statuses = {value: str(label) for value, label in CoachingPlan.Status.choices}
    rows: dict[int, CaseloadRow] = {}
    plans = (
        CoachingPlan.objects.filter(coach=coach)
        .order_by("status", "-starts_on", "pk")
        .values_list("pk", "title", "network__name", "school__name", "planned_sessions", "status")
    )
    # A school's name is never null: None is a plan without a school.
    for pk, title, network, school, planned, status in plans:
        rows[pk] = CaseloadRow(
            href=id_url("coaching:plan", pk),
            title=title,
            network=network,
            school=school,
            planned_sessions=planned,
            status=statuses.get(status, status),
        )

    sessions = CoachingSession.objects.filter(plan__coach=coach).order_by().values_list("plan_id", "status", "date")
    for plan_id, status, date in sessions:
        row = rows[plan_id]
        if status == CoachingSession.Status.HELD:
            row.held_count += 1
        elif status == CoachingSession.Status.PLANNED:
            if date < today:
                row.overdue_count += 1
            elif row.next_due is None or date < row.next_due:
                row.next_due = date
    for row in rows.values():
        if row.next_due is not None:
            row.next_due_shown = short_date(row.next_due)

    # The people's table orders them with the Kazakh collation; sorting here with the
    # same key computes it once per person instead of once per comparison in SQLite.
    teachers = list(
        CoachingPlan.teachers.through.objects.filter(coachingplan__coach=coach)
        .order_by()
        .values_list("coachingplan_id", "user_id", "user__full_name")
    )
    keys = {pk: kazakh_sort_key(name) for _plan, pk, name in teachers}
    teachers.sort(key=lambda teacher: (keys[teacher[1]], teacher[1]))
    for plan_id, _pk, name in teachers:
        rows[plan_id].teachers.append(name)

    return Caseload(
        plans=list(rows.values()),
        teacher_count=len(keys),
        overdue_total=sum(row.overdue_count for row in rows.values()),
    )


@dataclass(frozen=True)
class SessionRow:
    href: str
    label: str
    topic: str
    date: str
    held: bool
    overdue: bool
    event_href: str | None


@dataclass(frozen=True)
class VisitRow:
    href: str | None
    topic: str
    date: str
    teacher: str
    grade: str
    focus: str


@dataclass(frozen=True)
class PersonRow:
    name: str
    school: str | None


@dataclass(frozen=True)
class GoalLink:
    statement: str
    href: str


@dataclass
class PlanPage:
    sessions: list[SessionRow]
    held: int
    overdue: int
    next_session: str | None
    teachers: list[PersonRow]
    goal: GoalLink | None


def plan_page(plan: CoachingPlan, today: datetime.date) -> PlanPage:
    """A plan's sessions (counted for everyone who knows the plan, listed for those who
    read its records) and its teachers."""
    sessions = []
    held = overdue = 0
    next_due: datetime.date | None = None
    # Translated once per page, not by a ``{% blocktranslate %}`` on every row; as that
    # tag does, the translation is trusted as HTML, and the number is an int.
    label = gettext("Session %(number)s")
    rows = plan.sessions.order_by("number").values_list("pk", "number", "topic", "date", "status", "event_id")
    for pk, number, topic, date, status, event_id in rows:
        is_held = status == CoachingSession.Status.HELD
        held += is_held
        is_overdue = not is_held and date < today
        overdue += is_overdue
        if not is_held and date >= today and (next_due is None or date < next_due):
            next_due = date
        sessions.append(
            SessionRow(
                href=id_url("coaching:session", pk),
                label=mark_safe(label % {"number": number}),  # noqa: S308 - the translation and an int
                topic=topic,
                date=short_date(date),
                held=is_held,
                overdue=is_overdue,
                event_href=id_url("events:detail", event_id) if event_id is not None else None,
            )
        )
    # A school's name is never null: None is a teacher without a school.
    # In the Kazakh alphabet's order, as on the caseload (a key per person, not the
    # database's collation per comparison).
    teachers = sorted(
        (PersonRow(name, school) for name, school in plan.teachers.values_list("full_name", "school__name")),
        key=lambda row: kazakh_sort_key(row.name),
    )
    # The goal's development plan is linked by its id: one query, not the goal, its
    # priority and its plan read one after another.
    goal = None
    if plan.goal_id is not None:
        for statement, plan_id in Goal.objects.filter(pk=plan.goal_id).values_list("statement", "priority__plan_id"):
            goal = GoalLink(statement, id_url("plans:detail", plan_id))
    return PlanPage(
        sessions=sessions,
        goal=goal,
        held=held,
        overdue=overdue,
        next_session=short_date(next_due) if next_due is not None else None,
        teachers=teachers,
    )


def plan_visits(plan: CoachingPlan, reader: User, *, coach: bool, only_own: bool) -> list[VisitRow]:
    """The plan's lesson visits; the lesson is linked for the coach and its teacher."""
    grade_label = gettext("grade %(grade)s")  # as the session's label above
    visits = plan.visits.order_by("date", "pk")
    if only_own:
        visits = visits.filter(teacher=reader)
    return [
        VisitRow(
            href=id_url("observations:lesson", lesson_id) if coach or teacher_id == reader.pk else None,
            topic=topic,
            date=short_date(date),
            teacher=teacher,
            grade=mark_safe(grade_label % {"grade": grade}),  # noqa: S308 - the translation and an int
            focus=focus,
        )
        for lesson_id, teacher_id, topic, date, teacher, grade, focus in visits.values_list(
            "lesson_id", "teacher_id", "lesson__topic", "date", "teacher__full_name", "lesson__grade", "focus"
        )
    ]
