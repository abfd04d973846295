"""A plan at a glance for the leader: how complete each stage of the Centre's model is,
what is overdue, and which comments still wait for an answer (two queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
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


def count(rows: QuerySet[Any]) -> Coalesce:
    """How many ``rows`` there are, as a subquery (``rows`` refer to the outer plan)."""
    one = rows.order_by().annotate(one=Value(1)).values("one")
    return Coalesce(Subquery(one.annotate(n=Count("pk")).values("n")), 0)


@prepared
def figures_of(plan_id: int) -> QuerySet[Any]:
    """Everything the overview counts that does not depend on the day, in one row."""
    plan = OuterRef("pk")
    audit = Audit.objects.filter(plan=plan)
    goals = Goal.objects.filter(priority__plan=plan)
    acts = Activity.objects.filter(plan=plan)
    reports = Report.objects.filter(plan=plan)
    comments = Comment.objects.filter(plan=plan, resolved_at__isnull=True)
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
            **{f"n_comments_{stage}": count(comments.filter(stage=stage)) for stage in Stage.values},
        )
    )


@prepared
def open_dates_of(plan_id: int) -> QuerySet[Any]:
    """The days the plan's open checks (0) and open activities (1) fall due: what is
    overdue depends on the day, so it is counted from them."""
    kind = IntegerField()
    checks = Check.objects.filter(goal__priority__plan=plan_id, done_on__isnull=True).annotate(
        kind=Value(0, output_field=kind)
    )
    acts = Activity.objects.filter(plan=plan_id, done_on__isnull=True, due_on__isnull=False).annotate(
        kind=Value(1, output_field=kind)
    )
    return (
        checks.order_by().values_list("kind", "due_on").union(acts.order_by().values_list("kind", "due_on"), all=True)
    )


def overview(plan: Plan, today: datetime.date) -> list[StageState]:
    """The stages' states (two queries, their SQL built once: ortaq/lib/prepared.py)."""
    [figures] = figures_of(plan.pk)
    late = [0, 0]
    for kind, due_on in open_dates_of(plan.pk):
        late[kind] += due_on < today
    checks_due, overdue = late
    data_rows, checked = figures["n_data_rows"], figures["n_checked"]
    comments = {stage: figures[f"n_comments_{stage}"] for stage in Stage.values}

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
