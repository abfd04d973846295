"""What the monitoring report (мониторинг туралы есеп) says, gathered once for the DOCX
and the PDF (plans/documents.py): the plan, the audit in brief, the priorities, each
goal with its indicator and trajectory, the success criteria, the activities, the
evidence, the rubric movement and the leader's reflection.

Everything is read in a constant number of queries, however many goals the plan has
(tests/test_report_documents.py counts them over plans of 2 and of 20 goals): the
documents are made from these plain values and ask the database nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from calendars.models import AcademicYear
from events.models import Event
from plans import indicators
from plans.models import Activity, Audit, Criterion, Goal, Placement, Plan, Report, RubricArea
from plans.sources import Staff, staff_of
from plans.trajectory import Trajectory, goals_of, number


def day(value: datetime.date | None) -> str:
    """A date as the Centre's forms write it, in every language: dd.mm.yyyy."""
    return value.strftime("%d.%m.%Y") if value else "—"


def figure(value: Decimal | None) -> str:
    return "—" if value is None else number(value)


@dataclass(frozen=True)
class GoalPart:
    goal: Goal
    priority: str
    indicator: str  # the live source's name, or «entered at each check»
    unit: str
    path: Trajectory
    criteria: list[Criterion]

    @property
    def latest(self) -> Decimal | None:
        return self.path.latest if len(self.path.points) > 1 else None

    def status_of(self, criterion: Criterion) -> str:
        return str(criterion.get_status_display())


@dataclass(frozen=True)
class ActivityPart:
    title: str
    goal: str
    owner: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    done_on: datetime.date | None
    overdue: bool
    events: list[tuple[str, datetime.date]]

    @property
    def status(self) -> str:
        if self.done_on:
            return _("done %(date)s") % {"date": day(self.done_on)}
        return _("overdue") if self.overdue else _("under way")


@dataclass(frozen=True)
class RubricRow:
    area: str
    before: str  # last year's stage, or «—»
    now: str
    moderation: str
    moved: int | None  # stages moved up (negative: down), None without both years


@dataclass(frozen=True)
class Evidence:
    text: str
    where: str  # an address, a date or a source


@dataclass
class Monitoring:
    plan: Plan
    report: Report
    today: datetime.date
    team: list[str]
    self_evaluation: str
    methods: list[str]
    staff: Staff
    data_rows: list[tuple[str, str, str, str]]  # what, figure, source, date
    priorities: list[tuple[str, str]]  # title, needs
    goals: list[GoalPart]
    activities: list[ActivityPart]
    evidence: list[Evidence]
    rubric: list[RubricRow]
    years: tuple[str, str] = ("", "")
    rubric_note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.report.get_kind_display())

    @property
    def period(self) -> str:
        dates = f"{day(self.plan.starts_on)} – {day(self.plan.ends_on)}"
        return f"{self.plan.year.name} ({dates})" if self.plan.year else dates

    @property
    def words(self) -> int:
        return self.report.word_count


def stage_of(placement: Placement) -> int:
    if placement.moderation == Placement.Moderation.PROPOSED and placement.proposed_stage is not None:
        return placement.proposed_stage.number
    return placement.stage.number


def moderation_of(placement: Placement) -> str:
    if placement.moderation == Placement.Moderation.AGREED:
        return _("moderated: agreed")
    if placement.moderation == Placement.Moderation.PROPOSED and placement.proposed_stage is not None:
        return _("moderated: stage %(number)s proposed instead of %(own)s") % {
            "number": placement.proposed_stage.number,
            "own": placement.stage.number,
        }
    return _("not moderated yet")


def rubric_rows(plan: Plan, today: datetime.date) -> tuple[list[RubricRow], tuple[str, str], list[Evidence]]:
    """This year's stage against last year's per area, for a school's plan (three queries)."""
    if plan.school_id is None:
        return [], ("", ""), []
    year = plan.year or AcademicYear.objects.current(min(today, plan.ends_on))
    if year is None:
        return [], ("", ""), []
    previous = AcademicYear.objects.filter(starts_on__lt=year.starts_on).order_by("-starts_on").first()
    years = [year.pk] + ([previous.pk] if previous else [])
    placements = Placement.objects.filter(network_id=plan.network_id, school_id=plan.school_id, year_id__in=years)
    placed = {(p.area_id, p.year_id): p for p in placements.select_related("stage", "proposed_stage").order_by("pk")}
    rows, evidence = [], []
    for area in RubricArea.objects.order_by("position", "pk"):
        now = placed.get((area.pk, year.pk))
        before = placed.get((area.pk, previous.pk)) if previous else None
        rows.append(
            RubricRow(
                area=area.name,
                before=str(stage_of(before)) if before else "—",
                now=str(stage_of(now)) if now else "—",
                moderation=moderation_of(now) if now else _("not placed"),
                moved=stage_of(now) - stage_of(before) if now and before else None,
            )
        )
        if now:
            evidence += [Evidence(f"{area.name}: {text}", where) for text, where in now.evidence_items()]
    return rows, (previous.name if previous else "—", year.name), evidence


def collect(report: Report, today: datetime.date) -> Monitoring:
    plan = report.plan
    audit = Audit.objects.filter(plan=plan).first()
    goals = goals_of(plan, today)
    goal_parts = []
    for goal, path in goals:
        source = indicators.get(goal.indicator_source) if goal.indicator_source else None
        goal_parts.append(
            GoalPart(
                goal=goal,
                priority=goal.priority.title,
                indicator=str(source.label) if source else _("entered at each check"),
                unit=str(source.unit) if source else goal.measure,
                path=path,
                criteria=list(goal.criteria.all()),
            )
        )
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("owner", "goal")
        .prefetch_related(Prefetch("events", queryset=Event.objects.order_by("starts_at", "pk")))
        .order_by("position", "pk")
    )
    activity_parts = [
        ActivityPart(
            title=activity.title,
            goal=str(activity.goal) if activity.goal else "",
            owner=activity.owner.full_name if activity.owner else "—",
            starts_on=activity.starts_on,
            due_on=activity.due_on,
            done_on=activity.done_on,
            overdue=activity.is_overdue(today),
            events=[(event.title, event.starts_at.date()) for event in activity.events.all()],
        )
        for activity in activities
    ]
    # The events that carried the activities out, each once, in the order they were held.
    held = sorted({pair for part in activity_parts for pair in part.events}, key=lambda pair: (pair[1], pair[0]))
    evidence = [Evidence(title, day(when)) for title, when in held]
    rubric, years, placed_evidence = rubric_rows(plan, today)
    data_rows = [
        (row.label, row.value, row.source, day(row.collected_on)) for row in plan.data_rows.order_by("kind", "pk")
    ]
    evidence += [Evidence(f"{label}: {value}", f"{source}, {when}") for label, value, source, when in data_rows]
    return Monitoring(
        plan=plan,
        report=report,
        today=today,
        team=list(plan.change_team.order_by("full_name").values_list("full_name", flat=True)),
        self_evaluation=audit.self_evaluation if audit else "",
        methods=audit.method_labels() if audit else [],
        staff=staff_of(plan),
        data_rows=data_rows,
        priorities=[(p.title, p.needs) for p in plan.priorities.order_by("position", "pk")],
        goals=goal_parts,
        activities=activity_parts,
        evidence=evidence + placed_evidence,
        rubric=rubric,
        years=years,
    )
