"""Reading the school development rubric (seed 002, appendix 2): its grid of
descriptors, each school's places by year, and the network map (schools × areas).
Every function is a fixed number of queries, whatever the number of schools."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from calendars.models import AcademicYear, current_year
from networks.models import Network, NetworkSchool
from ortaq.lib.prepared import prepared
from plans.models import Descriptor, Placement, Plan, RubricArea, RubricStage
from schools.models import School

# The rubric's pages read its areas, stages and years on every visit: their SQL is
# built once (ortaq/lib/prepared.py).


@prepared
def _areas() -> QuerySet[RubricArea]:
    return RubricArea.objects.order_by("position", "pk")


@prepared
def _stages() -> QuerySet[RubricStage]:
    return RubricStage.objects.order_by("number")


def areas() -> list[RubricArea]:
    return _areas()


def stages() -> list[RubricStage]:
    return _stages()


def descriptor_grid() -> dict[int, dict[int, Descriptor]]:
    """{area id: {stage number: descriptor}}."""
    grid: dict[int, dict[int, Descriptor]] = {}
    for descriptor in Descriptor.objects.select_related("stage"):
        grid.setdefault(descriptor.area_id, {})[descriptor.stage.number] = descriptor
    return grid


@prepared
def years_placed(network_id: int) -> QuerySet[AcademicYear]:
    """Every academic year, newest first, each with whether the network's schools
    placed themselves in it (``placed``)."""
    placed = Placement.objects.filter(network=network_id, year=OuterRef("pk"))
    return AcademicYear.objects.order_by("-starts_on").annotate(placed=Exists(placed))


def years_of(network: Network, *, with_current: bool = True) -> list[AcademicYear]:
    """The years the network's schools placed themselves in, and the current one."""
    everything = years_placed(network.pk)
    current = current_year(everything, timezone.localdate())
    return [year for year in everything if year.placed or (with_current and year == current)]  # type: ignore[attr-defined]


def chosen_year(years: list[AcademicYear], asked: str) -> AcademicYear | None:
    for year in years:
        if str(year.pk) == asked:
            return year
    current = current_year(years, timezone.localdate())
    return current or (years[0] if years else None)


def placements_of(network: Network, school: School, year: AcademicYear) -> dict[int, Placement]:
    rows = Placement.objects.filter(network=network, school=school, year=year).select_related(
        "stage", "proposed_stage", "placed_by", "moderated_by"
    )
    return {placement.area_id: placement for placement in rows}


def placements_of_year(plan: Plan) -> list[Placement]:
    """The school's places in the plan's year (for the audit)."""
    if plan.school_id is None:
        return []
    year = plan.year or AcademicYear.objects.for_date(plan.starts_on)
    if year is None:
        return []
    return list(
        Placement.objects.filter(network_id=plan.network_id, school_id=plan.school_id, year=year)
        .select_related("area", "stage", "proposed_stage")
        .order_by("area__position")
    )


class SchoolName(NamedTuple):
    pk: int
    name: str


@dataclass(frozen=True)
class Cell:
    area: RubricArea
    stage: RubricStage | None  # the stage that stands this year
    moderation: str  # of this year's place, if there is one
    before: RubricStage | None  # the stage that stood the year before, for the movement

    @property
    def moved(self) -> int:
        if self.stage is None or self.before is None:
            return 0
        return self.stage.number - self.before.number


@dataclass(frozen=True)
class MapRow:
    school: SchoolName
    is_leading: bool
    cells: list[Cell]


@dataclass(frozen=True)
class Map:
    areas: list[RubricArea]
    rows: list[MapRow]


@prepared
def schools_in(network_id: int) -> QuerySet[Any]:
    """The network's schools as its list orders them, the leading one first."""
    return NetworkSchool.objects.filter(network=network_id).values_list("school_id", "school__name", "role")


@prepared
def places_in(network_id: int, *year_ids: int) -> QuerySet[Any]:
    """The network's places in these years, as the map reads them."""
    return (
        Placement.objects.filter(network=network_id, year__in=year_ids)
        .order_by()
        .values_list("year_id", "school_id", "area_id", "stage_id", "proposed_stage_id", "moderation")
    )


def network_map(
    network: Network,
    year: AcademicYear | None,
    years: list[AcademicYear],
    stage_list: list[RubricStage] | None = None,
) -> Map:
    """Each school of the network × each area: the stage that stands this year, and the
    one of the year before (three queries, and the stages unless given). Each place's
    stages are the ones of ``stage_list``, not a join's copies of the same four rows."""
    area_list = areas()
    earlier = [y for y in years if year is not None and y.starts_on < year.starts_on]
    previous = earlier[0] if earlier else None
    wanted = [y.pk for y in (year, previous) if y is not None]
    by_id = {stage.pk: stage for stage in (stages() if stage_list is None else stage_list)}
    # (year, school, area) → (the stage that stands, the moderation)
    placed: dict[tuple[int, int, int], tuple[RubricStage, str]] = {}
    for year_id, school_id, area_id, stage_id, proposed_id, moderation in places_in(network.pk, *wanted):
        # The stage that stands: the one the moderator proposed, else the school's own.
        proposed = moderation == Placement.Moderation.PROPOSED and proposed_id is not None
        placed[(year_id, school_id, area_id)] = (by_id[proposed_id if proposed else stage_id], moderation)
    rows = []
    for school_id, name, role in schools_in(network.pk):
        cells = []
        for area in area_list:
            now = placed.get((year.pk, school_id, area.pk)) if year else None
            then = placed.get((previous.pk, school_id, area.pk)) if previous else None
            cells.append(Cell(area, now[0] if now else None, now[1] if now else "", then[0] if then else None))
        rows.append(MapRow(SchoolName(school_id, name), role == NetworkSchool.Role.LEADING, cells))
    return Map(area_list, rows)


@dataclass(frozen=True)
class HistoryRow:
    year: AcademicYear
    cells: list[Placement | None]


def history_of(network: Network, school: School) -> list[HistoryRow]:
    """The school's places year by year, newest first (two queries)."""
    area_list = areas()
    by_year: dict[int, dict[int, Placement]] = {}
    years: dict[int, AcademicYear] = {}
    for placement in Placement.objects.filter(network=network, school=school).select_related(
        "year", "stage", "proposed_stage"
    ):
        by_year.setdefault(placement.year_id, {})[placement.area_id] = placement
        years[placement.year_id] = placement.year
    ordered = sorted(years.values(), key=lambda y: y.starts_on, reverse=True)
    return [HistoryRow(y, [by_year[y.pk].get(area.pk) for area in area_list]) for y in ordered]
