"""The figures Ortaq already holds about a school in a network, computed live: the
audit's first table and the live indicators a goal can follow (registered in
plans/indicators.py when the app is ready). Each is one query, whatever the size of
the school."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Certification, User
from events.models import Participation
from materials.models import Material
from observations.models import Lesson, Observation
from ortaq.lib.prepared import counted, prepared
from plans import indicators
from plans.indicators import Family, Source, Span
from plans.models import Placement, Plan
from surveys import results
from surveys.models import Survey, in_language


def moment(day: datetime.date, *, end: bool = False) -> datetime.datetime:
    """The first instant of a local day (or of the day after, for an end)."""
    if end:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def instants(span: Span) -> tuple[datetime.datetime, datetime.datetime]:
    """The span's first instant and the first one after it."""
    return moment(span.since), moment(span.until, end=True)


def people_of(plan: Plan) -> QuerySet[User]:
    """The plan's teachers: the network's members of its school (all its members for a
    network's own plan)."""
    return _people(plan.network_id, *school_of(plan))


def school_of(plan: Plan) -> tuple[int, ...]:
    """The plan's school as the last value of a source's query: none for a network's plan."""
    return () if plan.school_id is None else (plan.school_id,)


def _people(network_id: int, *school: int) -> QuerySet[User]:
    people = User.objects.filter(memberships__network_id=network_id, is_active=True)
    return people.filter(school_id=school[0]) if school else people


# Each source's SQL is built once (ortaq/lib/prepared.py): the plan's page asks every
# live source its goals follow on every visit. The values: the network, the span's
# first and last instants, and the school unless the plan is the network's.


@prepared
def _attendances(network_id: int, since: datetime.datetime, until: datetime.datetime, *school: int) -> QuerySet[Any]:
    return counted(
        Participation.objects.filter(
            event__network_id=network_id,
            event__starts_at__gte=since,
            event__starts_at__lt=until,
            attendance=Participation.Attendance.PRESENT,
            user__in=_people(network_id, *school),
        )
    )


def attendance(plan: Plan, span: Span) -> Decimal | None:
    return Decimal(_attendances.count(plan.network_id, *instants(span), *school_of(plan)))


@prepared
def _teachers_attending(
    network_id: int, since: datetime.datetime, until: datetime.datetime, *school: int
) -> QuerySet[Any]:
    present = Q(
        participations__attendance=Participation.Attendance.PRESENT,
        participations__event__network_id=network_id,
        participations__event__starts_at__gte=since,
        participations__event__starts_at__lt=until,
    )
    return (
        _people(network_id, *school)
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(everyone=Count("pk", distinct=True), present=Count("pk", distinct=True, filter=present))
        .values_list("everyone", "present")
    )


def teachers_attending(plan: Plan, span: Span) -> Decimal | None:
    """The share (%) of the plan's teachers present at one of the network's events or more."""
    rows = _teachers_attending(plan.network_id, *instants(span), *school_of(plan))
    everyone, present = rows[0] if rows else (0, 0)
    if not everyone:
        return None
    share: Decimal = Decimal(100) * present / everyone
    return share.quantize(Decimal("0.1"))


@prepared
def _materials(network_id: int, since: datetime.datetime, until: datetime.datetime, *school: int) -> QuerySet[Any]:
    materials = Material.objects.filter(
        network_id=network_id, hidden_at__isnull=True, created_at__gte=since, created_at__lt=until
    )
    return counted(materials.filter(school_id=school[0]) if school else materials)


def materials_published(plan: Plan, span: Span) -> Decimal | None:
    return Decimal(_materials.count(plan.network_id, *instants(span), *school_of(plan)))


@prepared
def _lessons(network_id: int, since: datetime.datetime, until: datetime.datetime, *school: int) -> QuerySet[Any]:
    lessons = Lesson.objects.filter(
        network_id=network_id, event_link__event__starts_at__gte=since, event_link__event__starts_at__lt=until
    )
    return counted(lessons.filter(teacher__school_id=school[0]) if school else lessons)


def lessons_given(plan: Plan, span: Span) -> Decimal | None:
    return Decimal(_lessons.count(plan.network_id, *instants(span), *school_of(plan)))


@prepared
def _observations(network_id: int, since: datetime.datetime, until: datetime.datetime, *school: int) -> QuerySet[Any]:
    observations = Observation.objects.filter(
        lesson__network_id=network_id, submitted_at__gte=since, submitted_at__lt=until
    )
    return counted(observations.filter(observer__school_id=school[0]) if school else observations)


def observations_done(plan: Plan, span: Span) -> Decimal | None:
    return Decimal(_observations.count(plan.network_id, *instants(span), *school_of(plan)))


@prepared
def _placements(network_id: int, school_id: int) -> QuerySet[Any]:
    return Placement.objects.filter(network_id=network_id, school_id=school_id).values_list(
        "area_id", "year__starts_on", "stage__number", "proposed_stage__number", "moderation"
    )


def rubric_stage(plan: Plan, span: Span) -> Decimal | None:
    """The mean stage (1–4) of the school's latest placements on the rubric up to the
    day, moderation counted: a stage the moderator proposed replaces the school's own."""
    if plan.school_id is None:
        return None
    latest: dict[int, tuple[datetime.date, int]] = {}
    for area, starts_on, stage, proposed, moderation in _placements(plan.network_id, plan.school_id):
        if starts_on > span.until:
            continue
        number = proposed if moderation == Placement.Moderation.PROPOSED and proposed else stage
        if area not in latest or latest[area][0] < starts_on:
            latest[area] = (starts_on, number)
    if not latest:
        return None
    return (Decimal(sum(number for _day, number in latest.values())) / len(latest)).quantize(Decimal("0.01"))


BUILT_IN = (
    Source("events.attendance", _("attendances at the network's events"), _("attendances"), attendance),
    Source("events.teachers_attending", _("teachers present at the network's events"), "%", teachers_attending),
    Source("materials.published", _("materials published in the library"), _("materials"), materials_published),
    Source("observations.lessons_given", _("open lessons given"), _("lessons"), lessons_given),
    Source("observations.done", _("lessons observed"), _("observations"), observations_done),
    Source("plans.rubric_stage", _("stage on the school development rubric (mean)"), _("stage"), rubric_stage),
)


# --- Surveys: a scale's mean, or its change since the wave the survey repeats -----------------------


def survey_of(plan: Plan, survey_id: str) -> Survey | None:
    if not survey_id.isdigit():
        return None
    return (
        Survey.objects.select_related("version", "repeats__version")
        .filter(pk=int(survey_id), network_id=plan.network_id)
        .first()
    )


def scale_mean(plan: Plan, survey: Survey, code: str) -> Decimal | None:
    """The scale's mean over the plan's school (over everyone for a network's plan),
    as surveys/results.py shows it: no figure for a group of fewer than five, nor for
    the one a small group's figure could be worked out from."""
    report = results.kept_report(survey, by="school" if plan.school_id else "")
    scale = next((scale for scale in report.scales if scale.code == code), None)
    if scale is None or scale.suppressed:
        return None
    mean = scale.by_group.get(str(plan.school_id)) if plan.school_id else scale.mean
    return None if mean is None else Decimal(str(round(mean, 2)))


def split(argument: str) -> tuple[str, str]:
    survey_id, _colon, code = argument.partition(":")
    return survey_id, code


def survey_scale(plan: Plan, span: Span, argument: str) -> Decimal | None:
    survey_id, code = split(argument)
    survey = survey_of(plan, survey_id)
    if survey is None or timezone.localdate(survey.opens_at) > span.until:
        return None
    return scale_mean(plan, survey, code)


def survey_change(plan: Plan, span: Span, argument: str) -> Decimal | None:
    """The mean now less the mean of the wave the survey repeats (TALIS at the start of
    a change and at its end)."""
    survey_id, code = split(argument)
    survey = survey_of(plan, survey_id)
    if survey is None or survey.repeats is None or timezone.localdate(survey.opens_at) > span.until:
        return None
    after, before = scale_mean(plan, survey, code), scale_mean(plan, survey.repeats, code)
    return None if after is None or before is None else after - before


def survey_options(change: bool) -> Callable[[Plan], list[tuple[str, str]]]:
    def options(plan: Plan) -> list[tuple[str, str]]:
        surveys = Survey.objects.filter(network_id=plan.network_id).select_related("version").order_by("-opens_at")
        if change:
            surveys = surveys.filter(repeats__isnull=False)
        prefix = "surveys.change" if change else "surveys.scale"
        template = _("%(survey)s: change of «%(scale)s»") if change else _("%(survey)s: mean of «%(scale)s»")
        return [
            (f"{prefix}:{survey.pk}:{code}", str(template) % {"survey": survey.title, "scale": in_language(names)})
            for survey in surveys
            for code, names in (survey.version.subscales or {}).items()
            if len(f"{prefix}:{survey.pk}:{code}") <= 60
        ]

    return options


FAMILIES = (
    Family("surveys.scale", _("a survey scale's mean"), _("points"), survey_scale, survey_options(change=False)),
    Family(
        "surveys.change",
        _("a survey scale's change since the earlier wave"),
        _("points"),
        survey_change,
        survey_options(change=True),
    ),
)


def register_built_in() -> None:
    for source in BUILT_IN:
        indicators.register(source)
    for family in FAMILIES:
        indicators.register_family(family)


# --- The audit's table of certification ------------------------------------------------------------------


@dataclass(frozen=True)
class KindCount:
    label: str
    count: int


@dataclass(frozen=True)
class Staff:
    teachers: int
    certified: int
    by_kind: list[KindCount]

    @property
    def certified_share(self) -> int | None:
        return round(100 * self.certified / self.teachers) if self.teachers else None


def staff_of(plan: Plan) -> Staff:
    """Teachers and certification by kind (two queries)."""
    people = people_of(plan).values("pk")
    teachers = User.objects.filter(pk__in=people).count()
    rows = (
        Certification.objects.counting()
        .filter(user__in=people)
        .values("kind")
        .annotate(count=Count("user", distinct=True))
        .order_by()
    )
    counts = {row["kind"]: row["count"] for row in rows}
    certified = Certification.objects.counting().filter(user__in=people).values("user").distinct().count()
    kinds = [KindCount(str(label), counts.get(kind, 0)) for kind, label in Certification.Kind.choices if kind in counts]
    return Staff(teachers, certified, kinds)
