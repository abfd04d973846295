"""A plan at a glance for the leader: how complete each stage of the Centre's model is,
what is overdue, and which comments still wait for an answer (two queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, DateField, Exists, F, Func, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.utils.translation import gettext as _

from ortaq.lib.prepared import prepared
from plans.models import Activity, Audit, Check, Comment, Criterion, DataRow, Goal, Plan, Priority, Report, Stage


@dataclass(frozen=True)
class StageState:
    stage: str
    label: str
    url: str
    done: int
    total: int
    summary: str
    open_comments: int
    warning: str = ""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state(self) -> str:
        """In words, so that the bar's colour is not the only cue."""
        if self.total and self.done >= self.total:
            return _("complete")
        if self.done:
            return _("in progress")
        return _("not started")

    @property
    def state_code(self) -> str:
        if self.total and self.done >= self.total:
            return "complete"
        return "progress" if self.done else "empty"


def count(rows: QuerySet[Any]) -> Subquery:
    """How many ``rows`` there are, as a subquery (``rows`` refer to the outer plan).
    COUNT as a plain function, not an aggregate: no GROUP BY, so always one row."""
    return Subquery(rows.order_by().annotate(n=Func("pk", function="COUNT", output_field=IntegerField())).values("n"))


@prepared
def figures_of(plan_id: int) -> QuerySet[Any]:
    """What the overview counts of the plan's audit, priorities, goals, activities and
    reports, in one row."""
    plan = OuterRef("pk")
    audit = Audit.objects.filter(plan=plan)
    goals = Goal.objects.filter(priority__plan=plan)
    acts = Activity.objects.filter(plan=plan)
    reports = Report.objects.filter(plan=plan)
    goal = OuterRef("pk")
    activity = OuterRef("pk")
    return (
        Plan.objects.filter(pk=plan_id)
        .order_by()
        .values(
            self_evaluation=Subquery(audit.values("self_evaluation")[:1]),
            methods=Subquery(audit.values("methods")[:1]),
            n_data_rows=count(DataRow.objects.filter(plan=plan)),
            n_priorities=count(Priority.objects.filter(plan=plan)),
            n_answered=count(Priority.objects.filter(plan=plan).exclude(needs="")),
            n_goals=count(goals),
            n_with_criteria=count(goals.filter(Exists(Criterion.objects.filter(goal=goal)))),
            n_checked=count(goals.filter(Exists(Check.objects.filter(goal=goal, done_on__isnull=False)))),
            n_activities=count(acts),
            n_planned=count(acts.filter(owner__isnull=False, due_on__isnull=False)),
            n_linked=count(acts.filter(Exists(Activity.events.through.objects.filter(activity=activity)))),
            n_done=count(acts.filter(done_on__isnull=False)),
            interim=Subquery(reports.filter(kind=Report.Kind.INTERIM).values("reflection")[:1]),
            final=Subquery(reports.filter(kind=Report.Kind.FINAL).values("reflection")[:1]),
        )
    )


CHECK, ACTIVITY, COMMENT = 0, 1, 2


@prepared
def open_items_of(plan_id: int) -> QuerySet[Any]:
    """What is still open in the plan, a row each: checks and activities not done, with
    the day they fall due (what is overdue depends on the day), and comments not
    resolved, with their stage. Columns: (CHECK, ACTIVITY or COMMENT, day, stage)."""

    def row(kind: int, day: Any, stage: Any) -> dict[str, Any]:
        return {"kind": Value(kind, IntegerField()), "day": day, "topic": stage}

    no_day, no_stage = Value(None, DateField()), Value("", CharField())
    checks = Check.objects.filter(goal__priority__plan=plan_id, done_on__isnull=True).annotate(
        **row(CHECK, F("due_on"), no_stage)
    )
    acts = Activity.objects.filter(plan=plan_id, done_on__isnull=True, due_on__isnull=False).annotate(
        **row(ACTIVITY, F("due_on"), no_stage)
    )
    comments = Comment.objects.filter(plan=plan_id, resolved_at__isnull=True).annotate(
        **row(COMMENT, no_day, F("stage"))
    )
    columns = ("kind", "day", "topic")
    return (
        checks.order_by()
        .values_list(*columns)
        .union(acts.order_by().values_list(*columns), comments.order_by().values_list(*columns), all=True)
    )


def overview(plan: Plan, today: datetime.date) -> list[StageState]:
    """The stages' states (two queries, their SQL built once: ortaq/lib/prepared.py)."""
    [figures] = figures_of(plan.pk)
    late = {CHECK: 0, ACTIVITY: 0}
    comments = dict.fromkeys(Stage.values, 0)
    for kind, day, stage in open_items_of(plan.pk):
        if kind == COMMENT:
            comments[stage] += 1
        else:
            late[kind] += day < today
    checks_due, overdue = late[CHECK], late[ACTIVITY]
    data_rows, checked = figures["n_data_rows"], figures["n_checked"]

    audit_parts = [bool((figures["self_evaluation"] or "").strip()), bool(figures["methods"]), data_rows > 0]
    interim, final = (Report.count_words(figures[kind] or "") for kind in ("interim", "final"))
    words = [min(interim, Report.WORDS[Report.Kind.INTERIM]), min(final, Report.WORDS[Report.Kind.FINAL])]

    def state(stage: Stage, done: int, total: int, summary: str, warning: str = "") -> StageState:
        return StageState(
            stage.value,
            str(stage.label),
            plan.stage_url(stage.value),
            done,
            total,
            summary,
            comments[stage],
            warning,
        )

    return [
        state(
            Stage.AUDIT,
            sum(audit_parts),
            3,
            _("self-evaluation, methods, entered figures: %(rows)s") % {"rows": data_rows},
        ),
        state(
            Stage.PRIORITIES,
            figures["n_answered"],
            max(figures["n_priorities"], 1),
            _("priorities: %(count)s, SMART goals: %(goals)s")
            % {"count": figures["n_priorities"], "goals": figures["n_goals"]},
        ),
        state(
            Stage.ACTIVITIES,
            figures["n_linked"],
            max(figures["n_activities"], 1),
            _("activities: %(count)s, linked to events: %(linked)s")
            % {"count": figures["n_activities"], "linked": figures["n_linked"]},
        ),
        state(
            Stage.IMPLEMENTATION,
            figures["n_planned"],
            max(figures["n_activities"], 1),
            _("with a responsible person and a date: %(planned)s, done: %(done)s")
            % {"planned": figures["n_planned"], "done": figures["n_done"]},
            _("overdue: %(count)s") % {"count": overdue} if overdue else "",
        ),
        state(
            Stage.EVALUATION,
            figures["n_with_criteria"] + checked,
            max(2 * figures["n_goals"], 1),
            _("goals with success criteria: %(criteria)s, goals checked: %(checked)s")
            % {"criteria": figures["n_with_criteria"], "checked": checked},
            _("checks due: %(count)s") % {"count": checks_due} if checks_due else "",
        ),
        state(
            Stage.REPORT,
            sum(words),
            Report.WORDS[Report.Kind.INTERIM] + Report.WORDS[Report.Kind.FINAL],
            _("words written: interim %(interim)s of 1000, final %(final)s of 1500")
            % {"interim": interim, "final": final},
        ),
    ]
