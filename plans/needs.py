"""The needs a development plan's goals serve (issue 18, «needs → plan»): a goal says
which areas of the network's needs assessment it answers, ticked on its form; the needs
page lists it beside the events that serve each need, and a need a goal still to reach
serves is no longer «nothing planned» on the network's home (surveys/needs.py asks here
through ``register_serving``, since surveys sits below plans)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from networks.models import Network
from plans.models import Goal, GoalNeed, Stage
from surveys import needs


def serving(network: Network, today: datetime.date) -> dict[str, list[needs.Serving]]:
    """Need -> the network's goals still to reach that serve it (one query)."""
    links = (
        GoalNeed.objects.filter(goal__priority__plan__network=network, goal__due_on__gte=today)
        .select_related("goal__priority__plan")
        .order_by("goal__due_on", "goal_id")
    )
    found: dict[str, list[needs.Serving]] = defaultdict(list)
    for link in links:
        goal = link.goal
        url = goal.priority.plan.stage_url(Stage.EVALUATION) + f"#goal-{goal.pk}"
        found[link.need].append(needs.Serving(title=str(goal), url=url))
    return found


def choices_for(network: Network, goal: Goal | None) -> tuple[dict[str, str], list[str]]:
    """The areas a goal may say it serves, and those it says so now: a need linked
    before the questionnaire changed stays choosable, so it is not lost unseen."""
    choices = needs.areas(network)
    ticked = needs_of(goal) if goal is not None and goal.pk else []
    return choices | {key: key for key in ticked if key not in choices}, ticked


def needs_of(goal: Goal) -> list[str]:
    return list(GoalNeed.objects.filter(goal=goal).order_by("pk").values_list("need", flat=True))


def register() -> None:
    needs.register_serving("plans.goals", serving)
