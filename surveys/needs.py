"""Needs → plan (DOMAIN.md part 7, seed 001): the needs assessment's answers as a ranked
list of needs for the network and for each school, and what the work plan does about
them.

A need is an *area* of the needs questionnaire: its statements tagged with the
construct «need» and a subscale (``assessment``, ``dialogic``, …). The subscale is the
need's key: the same in every version and every year, so an event linked to
«assessment» stays linked when the next year's survey ranks the areas again. An area's
score is the mean, over the respondents, of each respondent's mean on its statements
(reverse-keyed ones turned round), on the questionnaire's need scale (1–4).

Whose answers count: each school's latest — the latest sent needs survey of the network
that school's teachers answered — so a school surveyed again replaces its old answers
and a school left out of a later round keeps its earlier ones. The network's list
pools exactly those answers.

Nothing of a group under five respondents is shown (surveys/README.md, the anonymity
promise): a school of fewer is named with the reason and no figures, and when only one
school is small the next smallest is held back too (``results.suppress``), so the
small one cannot be worked out as the network less the others. Under five in all,
the network's list is held back as well.

A constant number of queries (six), however many schools, surveys and answers.

What serves a need: the events of the work plan still ahead (``NeedServed``, ticked on
the event's form) and whatever the apps above register with ``register_serving`` — the
development plans' goals still to reach (plans/needs.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from networks.models import Network, NetworkSchool
from surveys.models import MIN_GROUP, Answer, InstrumentKind, Item, ItemKind, NeedServed, Response, Survey, in_language
from surveys.results import NEED, scored_value, suppress


@dataclass
class Need:
    key: str
    name: str
    n: int
    score: float
    rank: int = 0
    low: int = 1
    high: int = 4

    @property
    def percent(self) -> float:
        """How far along the scale the score is (for the bar)."""
        return round(100 * (self.score - self.low) / (self.high - self.low), 1) if self.high > self.low else 0.0


@dataclass
class NeedList:
    """The ranked needs of the network or of one school, or why they are not shown."""

    label: str
    school_id: int | None
    n: int
    needs: list[Need] = field(default_factory=list)
    suppressed: bool = False

    @property
    def why_suppressed(self) -> str:
        if not self.suppressed:
            return ""
        if self.n < MIN_GROUP:
            return _(
                "Fewer than five answered here: their needs are not shown, so that nobody's answers can be told apart."
            )
        return _(
            "Held back, although five or more answered: with one smaller school hidden, "
            "its answers could be worked out from the others."
        )


@dataclass
class NeedsReport:
    network: Network
    surveys: list[Survey]
    overall: NeedList
    schools: list[NeedList]
    # Every area of the questionnaire, key -> name, in the questionnaire's order.
    areas: dict[str, str]

    @property
    def has_answers(self) -> bool:
        return self.overall.n > 0

    def school(self, school_id: int) -> NeedList | None:
        return next((row for row in self.schools if row.school_id == school_id), None)


def needs_surveys(network: Network, now: datetime.datetime | None = None) -> list[Survey]:
    """The network's needs surveys that have been sent and opened, the latest first."""
    return list(
        Survey.objects.filter(
            network=network,
            version__instrument__kind=InstrumentKind.NEEDS,
            sent_at__isnull=False,
            opens_at__lte=now or timezone.now(),
        )
        .select_related("version")
        .order_by("-opens_at", "-pk")
    )


def areas_of(surveys: list[Survey], items: list[Item]) -> dict[str, str]:
    """The areas' names, in the reader's language, from the latest version that names them."""
    names: dict[str, str] = {}
    for item in items:
        if item.subscale not in names:
            version = next((s.version for s in surveys if item.subscale in s.version.subscales), None)
            names[item.subscale] = in_language(version.subscales[item.subscale]) if version else item.subscale
    return names


def need_items(surveys: list[Survey]) -> list[Item]:
    versions = {survey.version_id for survey in surveys}
    return list(
        Item.objects.filter(section__version__in=versions, construct=NEED, kind=ItemKind.LIKERT)
        .exclude(subscale="")
        .select_related("scale")
        .prefetch_related("scale__points")
        .order_by("section__version", "section__position", "parent__position", "position", "pk")
    )


def ranked(scores: dict[str, list[float]], names: dict[str, str], bounds: dict[str, tuple[int, int]]) -> list[Need]:
    needs = [
        Need(key, names.get(key, key), len(values), fmean(values), 0, *bounds.get(key, (1, 4)))
        for key, values in scores.items()
        if len(values) >= MIN_GROUP
    ]
    needs.sort(key=lambda need: (-need.score, need.name))
    for rank, need in enumerate(needs, start=1):
        need.rank = rank
    return needs


def report(network: Network, now: datetime.datetime | None = None) -> NeedsReport:
    surveys = needs_surveys(network, now)
    schools = {
        link.school_id: link.school.name
        for link in NetworkSchool.objects.filter(network=network).select_related("school").order_by("school__name")
    }
    if not surveys:
        return NeedsReport(network, [], NeedList(network.name, None, 0), [], {})
    items = need_items(surveys)
    # Each school's latest survey with answers from it.
    order = {survey.pk: index for index, survey in enumerate(surveys)}
    latest: dict[int | None, int] = {}
    answered = Response.objects.filter(survey__in=order).values("survey_id", "school_id").annotate(n=Count("pk"))
    for pair in sorted(answered.order_by(), key=lambda pair: order[pair["survey_id"]]):
        latest.setdefault(pair["school_id"], pair["survey_id"])
    used = [survey for survey in surveys if survey.pk in set(latest.values())]
    if not latest or not items:
        return NeedsReport(network, used, NeedList(network.name, None, 0), [], areas_of(surveys, items))
    chosen = Q(pk__in=[])
    for school_id, survey_id in latest.items():
        # school_id None reads as «IS NULL»: the answers that named no school.
        chosen |= Q(response__survey_id=survey_id, response__school_id=school_id)
    answers = (
        Answer.objects.filter(chosen, item__in=[item.pk for item in items], number__isnull=False)
        .values("response_id", "response__school_id", "item__subscale")
        .order_by()
        .annotate(total=Sum(scored_value(items)), count=Count("pk"))
    )
    overall: dict[str, list[float]] = defaultdict(list)
    by_school: dict[int | None, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    respondents: dict[int | None, set[int]] = defaultdict(set)
    for scored in answers:
        score = scored["total"] / scored["count"]
        school_id = scored["response__school_id"]
        overall[scored["item__subscale"]].append(score)
        by_school[school_id][scored["item__subscale"]].append(score)
        respondents[school_id].add(scored["response_id"])
    names = areas_of(surveys, items)
    bounds = {item.subscale: item.scale.bounds() for item in reversed(items) if item.scale is not None}
    total = sum(len(people) for people in respondents.values())
    network_list = NeedList(network.name, None, total, suppressed=total < MIN_GROUP)
    if not network_list.suppressed:
        network_list.needs = ranked(overall, names, bounds)
    counts = {str(pk): len(people) for pk, people in respondents.items() if pk is not None}
    shown = suppress(counts)
    school_lists = []
    for school_id, name in schools.items():
        if school_id not in respondents:
            continue
        school_list = NeedList(name, school_id, len(respondents[school_id]), suppressed=str(school_id) not in shown)
        if not school_list.suppressed:
            school_list.needs = ranked(by_school[school_id], names, bounds)
        school_lists.append(school_list)
    return NeedsReport(network, used, network_list, school_lists, names)


# --- What the plan does about them --------------------------------------------------------------


def served(network: Network, now: datetime.datetime | None = None) -> dict[str, list[Event]]:
    """Need -> the planned events (ahead or under way, not cancelled) that serve it."""
    links = NeedServed.objects.filter(network=network).planned(now).select_related("event")
    found: dict[str, list[Event]] = defaultdict(list)
    for link in links.order_by("event__starts_at", "event__pk"):
        found[link.need].append(link.event)
    return found


@dataclass(frozen=True)
class Serving:
    """Something other than an event that serves a need (a development plan's goal)."""

    title: str
    url: str


# need -> what serves it, for a network; registered by the apps above surveys (plans
# registers its goals), so surveys never imports them.
ServingSource = Callable[[Network, datetime.date], dict[str, list[Serving]]]
_serving: dict[str, ServingSource] = {}


def register_serving(name: str, source: ServingSource) -> None:
    _serving[name] = source


def served_otherwise(network: Network, now: datetime.datetime | None = None) -> dict[str, list[Serving]]:
    """Need -> the goals (and whatever else registers) that serve it and are still ahead."""
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    found: dict[str, list[Serving]] = defaultdict(list)
    for source in _serving.values():
        for need, things in source(network, today).items():
            found[need].extend(things)
    return found


def unserved(report: NeedsReport, now: datetime.datetime | None = None) -> list[Need]:
    """The network's needs, greatest first, that nothing planned serves yet: no event
    ahead and no goal of a development plan still to reach."""
    if not report.overall.needs:
        return []
    planned = set(NeedServed.objects.filter(network=report.network).planned(now).values_list("need", flat=True))
    planned |= set(served_otherwise(report.network, now))
    return [need for need in report.overall.needs if need.key not in planned]


def areas(network: Network) -> dict[str, str]:
    """The areas an event may say it serves: those of the latest needs survey's
    questionnaire (two queries; none when the network has not assessed its needs)."""
    surveys = needs_surveys(network)[:1]
    return areas_of(surveys, need_items(surveys)) if surveys else {}


def needs_of(event: Event) -> list[str]:
    return list(NeedServed.objects.filter(event=event).order_by("pk").values_list("need", flat=True))
