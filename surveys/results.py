"""A survey's results: per item and per scale (reverse-keyed items turned round), n,
mean and distribution, by school or role, and waves compared.

Nothing of a group of fewer than ``MIN_GROUP`` respondents is shown: not its figures,
not its texts, not its name in a filter. When only one group of a breakdown is too
small, the next smallest is held back too, so the small one cannot be worked out as
the whole less the others.

The figures are counted in the database, a constant number of queries however many
responses (ten for a survey of 2,000 people and 40 questions).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean, stdev
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, F, FloatField, Max, Q, Sum, Value, When
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from networks.models import Role
from schools.models import School
from search.text import highlight, matches, parse_query
from surveys import statistics
from surveys.answering import Questionnaire
from surveys.models import MIN_GROUP, Answer, Item, ItemKind, Survey, in_language

NO_GROUP = "–"
NEED = "need"  # the construct of the needs assessment's scales


@dataclass
class Share:
    label: str
    count: int
    percent: float


@dataclass
class ItemResult:
    item: Item
    text: str
    matrix: str  # the stem of the matrix it belongs to, if any
    n: int
    mean: float | None = None
    shares: list[Share] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    by_group: dict[str, float | None] = field(default_factory=dict)
    suppressed: bool = False


@dataclass
class ScaleResult:
    code: str
    name: str
    low: int
    high: int
    construct: str
    items: int
    n: int
    mean: float | None
    sd: float | None
    by_group: dict[str, float | None] = field(default_factory=dict)
    suppressed: bool = False


@dataclass
class Group:
    key: str
    label: str
    n: int
    shown: bool


@dataclass
class Report:
    survey: Survey
    respondents: int
    suppressed: bool
    items: list[ItemResult]
    scales: list[ScaleResult]
    groups: list[Group]
    by: str
    # The key it is kept under in the cache (kept_report): the state of the responses it counts.
    kept_as: str = ""

    @property
    def shown_groups(self) -> list[Group]:
        return [group for group in self.groups if group.shown]

    @property
    def hidden_groups(self) -> int:
        return sum(1 for group in self.groups if not group.shown)

    def ranked_needs(self) -> list[ScaleResult]:
        """The needs (the scales of the construct «need»), the greatest first."""
        needs = [scale for scale in self.scales if scale.construct == NEED and scale.mean is not None]
        return sorted(needs, key=lambda scale: (-(scale.mean or 0), scale.name))

    def needs_by_group(self, top: int = 3) -> list[tuple[Group, list[tuple[str, float]]]]:
        """Each shown group's greatest needs: what the plan of each school starts from."""
        ranked = []
        for group in self.shown_groups:
            means = [
                (scale.name, value)
                for scale in self.scales
                if scale.construct == NEED and (value := scale.by_group.get(group.key)) is not None
            ]
            ranked.append((group, sorted(means, key=lambda pair: -pair[1])[:top]))
        return ranked


@dataclass
class FoundTexts:
    result: ItemResult
    texts: list[SafeString]  # the answers with the matching words marked


def search_texts(report: Report, query: str) -> list[FoundTexts]:
    """The written answers the results show that match a query, with Kazakh (and
    Russian) words found by their stems as the site's search finds them
    (search/text.py). Only what the report holds is searched — no item answered by
    fewer than five, nothing of a suppressed survey — so a search shows nothing the
    page would not; and the answers stay out of the site's index, which people other
    than the survey's leaders search."""
    terms = parse_query(query)
    if not terms:
        return []
    found = []
    for result in report.items:
        if result.suppressed or not result.texts:
            continue
        hits = [highlight(text, terms) for text in result.texts if matches(text, terms)]
        if hits:
            found.append(FoundTexts(result, hits))
    return found


def group_field(by: str) -> str | None:
    return {"school": "response__school_id", "role": "response__role"}.get(by)


def suppress(counts: dict[str, int]) -> set[str]:
    """The groups that may be shown: each of at least MIN_GROUP, and never all but one small one."""
    shown = {key for key, n in counts.items() if n >= MIN_GROUP and key != NO_GROUP}
    hidden = [key for key in counts if key not in shown]
    if len(hidden) == 1 and shown:
        shown.discard(min(shown, key=lambda key: (counts[key], key)))
    return shown


def group_labels(by: str, keys: list[str], questionnaire: Questionnaire) -> dict[str, str]:
    if by == "school":
        ids = [int(key) for key in keys if key.isdigit()]
        return {str(school.pk): school.name for school in School.objects.filter(pk__in=ids)}
    labels = {str(role.value): str(role.label) for role in Role}
    role_item = next((item for item in questionnaire.answerable() if item.breakdown == "role"), None)
    if role_item is not None:
        labels |= {option["value"]: in_language(option["label"]) for option in role_item.options}
    return labels


def scored_value(items: list[Item]) -> Case:
    """An answer's number, turned round for a reverse-keyed item: (min + max) − number."""
    reversed_items = [
        When(item_id=item.pk, then=Value(float(sum(item.scale.bounds()))) - F("number"))
        for item in items
        if item.reverse_keyed and item.scale is not None
    ]
    return Case(*reversed_items, default=F("number"), output_field=FloatField())


def respondent_scores(survey: Survey, questionnaire: Questionnaire, by: str = "") -> dict[str, list[dict[str, Any]]]:
    """Each respondent's mean on each subscale (one query): subscale -> rows with the
    score, the group and the matching code."""
    items = [item for item in questionnaire.answerable() if item.subscale and item.kind == ItemKind.LIKERT]
    if not items:
        return {}
    grouping = group_field(by)
    values = ["response_id", "response__match_code", "item__subscale"] + ([grouping] if grouping else [])
    rows = (
        Answer.objects.filter(response__survey=survey, item__in=[item.pk for item in items], number__isnull=False)
        .values(*values)
        .order_by()
        .annotate(total=Sum(scored_value(items)), count=Count("pk"))
    )
    scores: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        scores[row["item__subscale"]].append(
            {
                "score": row["total"] / row["count"],
                "group": str(row[grouping]) if grouping and row[grouping] not in (None, "") else NO_GROUP,
                "code": row["response__match_code"],
            }
        )
    return scores


# How long a survey's figures are kept: they are keyed by its responses, so a new one is
# read at once; the time only frees the cache of surveys nobody reads any more.
REPORT_KEPT = 24 * 60 * 60


def kept_report(survey: Survey, *, by: str = "") -> Report:
    """``report``, computed once for each state of the survey's responses (their number
    and the newest one) and kept in the shared cache: the figures of 2,000 responses
    take a leader's every visit to read 70,000 answers again otherwise."""
    stamp = survey.responses.aggregate(n=Count("pk"), newest=Max("pk"))
    key = f"surveys:report:{survey.pk}:{survey.version_id}:{by}:{get_language()}:{stamp['n']}:{stamp['newest']}"
    found = cache.get(key)
    if not isinstance(found, Report):
        found = report(survey, by=by)
        cache.set(key, found, REPORT_KEPT)
    found.kept_as = key
    return found


def report(survey: Survey, *, by: str = "") -> Report:
    questionnaire = Questionnaire.of(survey)
    grouping = group_field(by)
    respondents = survey.responses.count()
    groups: list[Group] = []
    shown_keys: set[str] = set()
    if grouping:
        counts: dict[str, int] = {}
        for row in survey.responses.values(grouping.removeprefix("response__")).annotate(n=Count("pk")).order_by():
            key = row[grouping.removeprefix("response__")]
            key = str(key) if key not in (None, "") else NO_GROUP
            counts[key] = counts.get(key, 0) + row["n"]
        shown_keys = suppress(counts)
        labels = group_labels(by, list(counts), questionnaire)
        groups = sorted(
            (Group(key, labels.get(key, _("not given")), n, key in shown_keys) for key, n in counts.items()),
            key=lambda group: (not group.shown, group.label),
        )
    suppressed = respondents < MIN_GROUP
    items: list[ItemResult] = []
    scales: list[ScaleResult] = []
    if not suppressed:
        items = item_results(survey, questionnaire, grouping, shown_keys)
        scales = scale_results(survey, questionnaire, by, shown_keys)
    return Report(survey, respondents, suppressed, items, scales, groups, by)


def item_results(
    survey: Survey, questionnaire: Questionnaire, grouping: str | None, shown_keys: set[str]
) -> list[ItemResult]:
    answers = Answer.objects.filter(response__survey=survey)
    numbers: dict[int, dict[float, int]] = defaultdict(dict)
    for row in answers.filter(number__isnull=False).values("item_id", "number").annotate(n=Count("pk")).order_by():
        numbers[row["item_id"]][float(row["number"] or 0)] = row["n"]
    group_means: dict[int, dict[str, tuple[float, int]]] = defaultdict(dict)
    if grouping:
        rows = (
            answers.filter(number__isnull=False)
            .values("item_id", grouping)
            .annotate(total=Sum("number"), n=Count("pk"))
        )
        for row in rows.order_by():
            key = str(row[grouping]) if row[grouping] not in (None, "") else NO_GROUP
            group_means[row["item_id"]][key] = (row["total"], row["n"])
    chosen: dict[int, list[list[str]]] = defaultdict(list)
    for item_id, choices in answers.filter(~Q(choices=[])).values_list("item_id", "choices"):
        chosen[item_id].append(choices)
    texts: dict[int, list[str]] = defaultdict(list)
    for item_id, text in answers.exclude(text="").values_list("item_id", "text").order_by("item_id", "text"):
        texts[item_id].append(text)
    school_names = {str(s.pk): s.name for s in survey.network.schools.all()}

    results = []
    stems = {item.pk: in_language(item.text) for items in questionnaire.items.values() for item in items}
    for item in questionnaire.answerable():
        result = ItemResult(item, in_language(item.text), stems.get(item.parent_id or 0, ""), 0)
        if item.kind in (ItemKind.LIKERT, ItemKind.NUMBER):
            counts = numbers.get(item.pk, {})
            result.n = sum(counts.values())
            if result.n:
                result.mean = sum(value * n for value, n in counts.items()) / result.n
            if item.kind == ItemKind.LIKERT and item.scale is not None:
                result.shares = [
                    Share(
                        point.tr("label"),
                        counts.get(float(point.value), 0),
                        percent(counts.get(float(point.value), 0), result.n),
                    )
                    for point in item.scale.points.all()
                ]
            result.by_group = {
                key: (total / n if n else None)
                for key, (total, n) in group_means.get(item.pk, {}).items()
                if key in shown_keys and n >= MIN_GROUP
            }
        elif item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.SCHOOL, ItemKind.RANKING):
            lists = chosen.get(item.pk, [])
            result.n = len(lists)
            tally: dict[str, int] = defaultdict(int)
            for values in lists:
                for value in values[:3] if item.kind == ItemKind.RANKING else values:
                    tally[value] += 1
            if item.breakdown:
                # Who chose which school or role is a group too: small ones go together.
                kept = suppress(dict(tally))
                others = sum(n for key, n in tally.items() if key not in kept)
                tally = defaultdict(int, {key: n for key, n in tally.items() if key in kept})
                if others:
                    tally[NO_GROUP] = others
            if item.kind == ItemKind.SCHOOL:
                labels = [(key, school_names.get(key, key)) for key in sorted(tally, key=lambda k: -tally[k])]
            else:
                labels = [(o["value"], in_language(o["label"])) for o in item.options]
                if NO_GROUP in tally:
                    labels = [pair for pair in labels if pair[0] in tally] + [(NO_GROUP, "")]
                if item.kind == ItemKind.RANKING:
                    labels.sort(key=lambda pair: -tally.get(pair[0], 0))
            result.shares = [
                Share(
                    label if value != NO_GROUP else _("others, fewer than five each"),
                    tally.get(value, 0),
                    percent(tally.get(value, 0), result.n),
                )
                for value, label in labels
            ]
        elif item.is_text:
            result.texts = texts.get(item.pk, [])
            result.n = len(result.texts)
        result.suppressed = result.n < MIN_GROUP
        if result.suppressed:
            result.shares, result.texts, result.mean, result.by_group = [], [], None, {}
        results.append(result)
    return results


def scale_results(survey: Survey, questionnaire: Questionnaire, by: str, shown_keys: set[str]) -> list[ScaleResult]:
    scores = respondent_scores(survey, questionnaire, by)
    constructs: dict[str, tuple[str, int]] = {}
    bounds: dict[str, tuple[int, int]] = {}
    for item in questionnaire.answerable():
        if item.subscale and item.kind == ItemKind.LIKERT:
            construct, count = constructs.get(item.subscale, (item.construct, 0))
            constructs[item.subscale] = (construct, count + 1)
            bounds.setdefault(item.subscale, item.scale.bounds() if item.scale else (1, 4))
    results = []
    for code, (construct, count) in constructs.items():
        rows = scores.get(code, [])
        values = [row["score"] for row in rows]
        by_group: dict[str, list[float]] = defaultdict(list)
        for row in rows:
            by_group[row["group"]].append(row["score"])
        result = ScaleResult(
            code=code,
            name=subscale_name(survey, code),
            low=bounds[code][0],
            high=bounds[code][1],
            construct=construct,
            items=count,
            n=len(values),
            mean=fmean(values) if values else None,
            sd=stdev(values) if len(values) > 1 else None,
            by_group={
                key: fmean(vals) for key, vals in by_group.items() if key in shown_keys and len(vals) >= MIN_GROUP
            },
        )
        result.suppressed = result.n < MIN_GROUP
        if result.suppressed:
            result.mean, result.sd, result.by_group = None, None, {}
        results.append(result)
    return results


def subscale_name(survey: Survey, code: str) -> str:
    return in_language(survey.version.subscales.get(code)) or code


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


# --- Waves compared -----------------------------------------------------------------------------


@dataclass
class Change:
    code: str
    name: str
    independent: statistics.Independent | None
    paired: statistics.Paired | None
    pairs: int


@dataclass
class Comparison:
    before: Survey
    after: Survey
    changes: list[Change]


def compare(survey: Survey) -> Comparison | None:
    """The survey against the wave it repeats, scale by scale: Hedges' g over everyone
    who answered each wave, and for those whose matching codes meet once in each wave
    the paired d and the Wilcoxon test. Fewer than MIN_GROUP on either side: not shown."""
    before = survey.repeats
    if before is None:
        return None
    questionnaire = Questionnaire.of(survey)
    after_scores = respondent_scores(survey, questionnaire)
    before_scores = respondent_scores(before, Questionnaire.of(before))
    changes = []
    for code in after_scores:
        first = before_scores.get(code, [])
        second = after_scores[code]
        independent = None
        if len(first) >= MIN_GROUP and len(second) >= MIN_GROUP:
            independent = statistics.hedges_g([r["score"] for r in first], [r["score"] for r in second])
        pairs = matched(first, second)
        paired = statistics.paired([b for b, _a in pairs], [a for _b, a in pairs]) if len(pairs) >= MIN_GROUP else None
        changes.append(Change(code, subscale_name(survey, code), independent, paired, len(pairs)))
    order: dict[str, int] = {}
    for n, item in enumerate(questionnaire.answerable()):
        order.setdefault(item.subscale, n)
    changes.sort(key=lambda change: order.get(change.code, 0))
    return Comparison(before, survey, changes)


def matched(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Scores paired by matching code; a code made twice in a wave (two people who
    happen to share one) pairs nobody."""

    def once(rows: list[dict[str, Any]]) -> dict[str, float]:
        seen: dict[str, list[float]] = defaultdict(list)
        for row in rows:
            if row["code"]:
                seen[row["code"]].append(row["score"])
        return {code: scores[0] for code, scores in seen.items() if len(scores) == 1}

    a, b = once(first), once(second)
    return [(a[code], b[code]) for code in sorted(a.keys() & b.keys())]
