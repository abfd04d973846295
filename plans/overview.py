"""A plan at a glance for the leader: how complete each stage of the Centre's model is,
what is overdue, and which comments still wait for an answer (a fixed number of
queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from plans.models import Activity, Audit, Goal, Plan, Report, Stage


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


def overview(plan: Plan, today: datetime.date) -> list[StageState]:
    audit = Audit.objects.filter(plan=plan).first()
    data_rows = plan.data_rows.count()
    priorities = plan.priorities.aggregate(
        count=Count("pk", distinct=True), answered=Count("pk", filter=~Q(needs=""), distinct=True)
    )
    # The goals, those with criteria, those checked and the checks due: one query.
    goals = Goal.objects.filter(priority__plan=plan).aggregate(
        count=Count("pk", distinct=True),
        with_criteria=Count("pk", filter=Q(criteria__isnull=False), distinct=True),
        checked=Count("pk", filter=Q(checks__done_on__isnull=False), distinct=True),
        checks_due=Count("checks", filter=Q(checks__done_on__isnull=True, checks__due_on__lt=today), distinct=True),
    )
    checked, checks_due = goals["checked"], goals["checks_due"]
    acts = Activity.objects.filter(plan=plan).aggregate(
        count=Count("pk", distinct=True),
        planned=Count("pk", filter=Q(owner__isnull=False, due_on__isnull=False), distinct=True),
        linked=Count("pk", filter=Q(events__isnull=False), distinct=True),
        done=Count("pk", filter=Q(done_on__isnull=False), distinct=True),
        overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today), distinct=True),
    )
    reports = {r.kind: r for r in Report.objects.filter(plan=plan)}
    comments = {
        row["stage"]: row["open"]
        for row in plan.comments.values("stage").annotate(open=Count("pk", filter=Q(resolved_at__isnull=True)))
    }

    audit_parts = [bool(audit and audit.self_evaluation.strip()), bool(audit and audit.methods), data_rows > 0]
    interim = reports.get(Report.Kind.INTERIM)
    final = reports.get(Report.Kind.FINAL)
    words = [
        min(interim.word_count, interim.words_asked) if interim else 0,
        min(final.word_count, final.words_asked) if final else 0,
    ]

    def state(stage: Stage, done: int, total: int, summary: str, warning: str = "") -> StageState:
        return StageState(
            stage.value,
            str(stage.label),
            plan.stage_url(stage.value),
            done,
            total,
            summary,
            comments.get(stage, 0),
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
            priorities["answered"],
            max(priorities["count"], 1),
            _("priorities: %(count)s, SMART goals: %(goals)s")
            % {"count": priorities["count"], "goals": goals["count"]},
        ),
        state(
            Stage.ACTIVITIES,
            acts["linked"],
            max(acts["count"], 1),
            _("activities: %(count)s, linked to events: %(linked)s")
            % {"count": acts["count"], "linked": acts["linked"]},
        ),
        state(
            Stage.IMPLEMENTATION,
            acts["planned"],
            max(acts["count"], 1),
            _("with a responsible person and a date: %(planned)s, done: %(done)s")
            % {"planned": acts["planned"], "done": acts["done"]},
            _("overdue: %(count)s") % {"count": acts["overdue"]} if acts["overdue"] else "",
        ),
        state(
            Stage.EVALUATION,
            goals["with_criteria"] + checked,
            max(2 * goals["count"], 1),
            _("goals with success criteria: %(criteria)s, goals checked: %(checked)s")
            % {"criteria": goals["with_criteria"], "checked": checked},
            _("checks due: %(count)s") % {"count": checks_due} if checks_due else "",
        ),
        state(
            Stage.REPORT,
            sum(words),
            Report.WORDS[Report.Kind.INTERIM] + Report.WORDS[Report.Kind.FINAL],
            _("words written: interim %(interim)s of 1000, final %(final)s of 1500")
            % {"interim": interim.word_count if interim else 0, "final": final.word_count if final else 0},
        ),
    ]
