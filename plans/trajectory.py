"""A goal's trajectory: the baseline at the plan's start, each progress check's figure,
the live figure today (for a live indicator), and the target at its date — drawn as a
small SVG served inside the page (no script, no inline style: the site's CSP) and said
again in words for those who do not see it."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import QuerySet, prefetch_related_objects
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ortaq.lib.dates import short_date
from ortaq.lib.prepared import prepared
from plans import indicators
from plans.models import Check, Criterion, Goal, Plan

WIDTH, HEIGHT, PAD = 160, 40, 4


class CheckRow(NamedTuple):
    """A progress check as the plan's pages show it (lighter than a ``Check``)."""

    pk: int
    goal_id: int
    due_on: datetime.date
    done_on: datetime.date | None
    value: Decimal | None
    note: str


@dataclass(frozen=True)
class Point:
    day: datetime.date
    value: Decimal
    label: str


@dataclass(frozen=True)
class Trajectory:
    goal: Goal
    points: list[Point]
    live: Decimal | None
    checks: list[CheckRow] = field(default_factory=list, compare=False)
    # text() per language: the chart's label and the words beside it are the same text.
    _texts: dict[str | None, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def latest(self) -> Decimal | None:
        return self.points[-1].value if self.points else None

    @property
    def progress(self) -> int | None:
        share = self.goal.progress(self.latest) if len(self.points) > 1 else None
        return None if share is None else round(100 * share)

    def svg(self) -> SafeString:
        goal = self.goal
        start = self.points[0].day if self.points else goal.due_on
        days = max((goal.due_on - start).days, 1)
        values = [p.value for p in self.points] + [goal.target, goal.baseline]
        low, high = min(values), max(values)
        span = (high - low) or Decimal(1)

        def x(day: datetime.date) -> float:
            return round(PAD + (WIDTH - 2 * PAD) * min(max((day - start).days / days, 0), 1), 1)

        def y(value: Decimal) -> float:
            return round(HEIGHT - PAD - float((value - low) / span) * (HEIGHT - 2 * PAD), 1)

        line = " ".join(f"{x(p.day)},{y(p.value)}" for p in self.points)
        dots = "".join(f'<circle cx="{x(p.day)}" cy="{y(p.value)}" r="2.5"/>' for p in self.points)
        xt, yt = x(goal.due_on), y(goal.target)
        # Numbers of ours, and the label escaped.
        return mark_safe(  # noqa: S308
            f'<svg class="sparkline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
            f'aria-label="{conditional_escape(self.text())}">'
            f'<line class="sparkline__target" x1="{PAD}" x2="{xt}" y1="{yt}" y2="{yt}"/>'
            f'<polyline class="sparkline__line" points="{line}"/>'
            f'<g class="sparkline__dots">{dots}</g>'
            f'<circle class="sparkline__goal" cx="{xt}" cy="{yt}" r="3"/></svg>'
        )

    def text(self) -> str:
        """The chart in words: where it started, each figure since, the target."""
        language = get_language()
        said = self._texts.get(language)
        if said is None:
            parts = [f"{p.label} {short_date(p.day)}: {number(p.value)}" for p in self.points]
            parts.append(
                _("target %(date)s: %(value)s")
                % {"date": short_date(self.goal.due_on), "value": number(self.goal.target)}
            )
            said = self._texts[language] = "; ".join(parts)
        return said


def number(value: Decimal) -> str:
    """A figure without trailing zeros, in the reader's number format."""
    # Keyed by the digits as written: 30.50 and 30.5 are equal, and are written apart.
    return _number(str(value), get_language())


@functools.lru_cache(maxsize=4096)
def _number(digits: str, language: str | None) -> str:
    value = Decimal(digits)
    text = formats.number_format(value.normalize() if value == value.to_integral() else value, use_l10n=True)
    return str(text)


def point_labels() -> tuple[str, str, str]:
    """The words of a trajectory's points: the baseline, a check's figure, today's."""
    return _("baseline"), _("check"), _("now")


def trajectory(
    goal: Goal,
    plan: Plan,
    checks: list[CheckRow],
    today: datetime.date,
    live: Decimal | None,
    labels: tuple[str, str, str] | None = None,
) -> Trajectory:
    """``checks`` are the goal's checks; ``live`` its live figure today, if it has one;
    ``labels`` the points' words (``point_labels``), given when many goals are drawn."""
    baseline, checked, now = labels or point_labels()
    points = [Point(plan.starts_on, goal.baseline, baseline)]
    for check in checks:
        if check.done_on is not None and check.value is not None:
            points.append(Point(check.done_on, check.value, checked))
    if live is not None and plan.starts_on <= today and points[-1].day < today:
        points.append(Point(min(today, plan.ends_on), live, now))
    return Trajectory(goal, points, live, checks)


# A plan's pages read its goals and checks on every visit: their SQL is built once
# (ortaq/lib/prepared.py).


@prepared
def goals_in(plan_id: int) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(priority__plan=plan_id)
        .select_related("priority")
        .order_by("priority__position", "priority_id", "position", "pk")
    )


@prepared
def checks_in(plan_id: int) -> QuerySet[Any]:
    return (
        Check.objects.filter(goal__priority__plan=plan_id)
        .order_by("due_on", "pk")
        .values_list("pk", "goal_id", "due_on", "done_on", "value", "note")
    )


STATUS_LABELS = dict(Criterion.Status.choices)


class CriterionRow(NamedTuple):
    """A success criterion as the evaluation shows it (lighter than a ``Criterion``)."""

    pk: int
    goal_id: int
    text: str
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


@prepared
def criteria_in(plan_id: int) -> QuerySet[Any]:
    return (
        Criterion.objects.filter(goal__priority__plan=plan_id)
        .order_by("pk")
        .values_list("pk", "goal_id", "text", "status")
    )


def criteria_of(plan: Plan) -> dict[int, list[CriterionRow]]:
    """Each goal's success criteria, by the goal's id."""
    criteria: dict[int, list[CriterionRow]] = {}
    for row in criteria_in(plan.pk):
        criterion = CriterionRow(*row)
        criteria.setdefault(criterion.goal_id, []).append(criterion)
    return criteria


def goals_of(plan: Plan, today: datetime.date, *, criteria: bool = True) -> list[tuple[Goal, Trajectory]]:
    """The plan's goals with their criteria (unless a page shows none: ``criteria_of``
    gives them apart), checks (``Trajectory.checks``) and trajectories, in a constant
    number of queries: every goal of a plan counts over the same days, so each live
    source is asked once, however many goals follow it."""
    goals = goals_in(plan.pk)
    if criteria:
        prefetch_related_objects(goals, "criteria")
    checks: dict[int, list[CheckRow]] = {goal.pk: [] for goal in goals}
    for row in checks_in(plan.pk) if goals else ():
        check = CheckRow(*row)
        checks[check.goal_id].append(check)
    keys = {goal.indicator_source for goal in goals if goal.indicator_source}
    live = {key: indicators.value_of(key, plan, today) for key in sorted(keys)} if plan.starts_on <= today else {}
    labels = point_labels()
    return [
        (goal, trajectory(goal, plan, checks[goal.pk], today, live.get(goal.indicator_source), labels))
        for goal in goals
    ]
