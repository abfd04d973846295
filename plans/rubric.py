"""Reading the school development rubric (seed 002, appendix 2): its grid of
descriptors, each school's places by year, and the network map (schools × areas).
Every function is a fixed number of queries, whatever the number of schools."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.utils import timezone

from calendars.models import AcademicYear, current_year
from networks.models import Network, NetworkSchool
from plans.models import Descriptor, Placement, Plan, RubricArea, RubricStage
from schools.models import School


def areas() -> list[RubricArea]:
    return list(RubricArea.objects.order_by("position", "pk"))


def stages() -> list[RubricStage]:
    return list(RubricStage.objects.order_by("number"))


def descriptor_grid() -> dict[int, dict[int, Descriptor]]:
    """{area id: {stage number: descriptor}}."""
    grid: dict[int, dict[int, Descriptor]] = {}
    for descriptor in Descriptor.objects.select_related("stage"):
        grid.setdefault(descriptor.area_id, {})[descriptor.stage.number] = descriptor
    return grid


def years_of(network: Network, *, with_current: bool = True) -> list[AcademicYear]:
    """The years the network's schools placed themselves in, and the current one."""
    used = set(Placement.objects.filter(network=network).values_list("year_id", flat=True).distinct())
    everything = list(AcademicYear.objects.order_by("-starts_on"))
    current = current_year(everything, timezone.localdate())
    return [year for year in everything if year.pk in used or (with_current and year == current)]


def chosen_year(years: list[AcademicYear], asked: str) -> AcademicYear | None:
    for year in years:
        if str(year.pk) == asked:
            return year
    current = current_year(years, timezone.localdate())
    return current or (years[0] if years else None)


def effective_stage(placement: Placement) -> RubricStage:
    """The stage that stands: the one the moderator proposed, else the school's own."""
    if placement.moderation == Placement.Moderation.PROPOSED and placement.proposed_stage is not None:
        return placement.proposed_stage
    return placement.stage


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


@dataclass(frozen=True)
class Cell:
    area: RubricArea
    placement: Placement | None
    before: RubricStage | None  # the stage that stood the year before, for the movement

    @functools.cached_property
    def stage(self) -> RubricStage | None:
        return effective_stage(self.placement) if self.placement else None

    @property
    def moved(self) -> int:
        if self.stage is None or self.before is None:
            return 0
        return self.stage.number - self.before.number


@dataclass(frozen=True)
class MapRow:
    school: School
    is_leading: bool
    cells: list[Cell]


@dataclass(frozen=True)
class Map:
    areas: list[RubricArea]
    rows: list[MapRow]


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
    links = list(NetworkSchool.objects.filter(network=network).select_related("school"))
    earlier = [y for y in years if year is not None and y.starts_on < year.starts_on]
    previous = earlier[0] if earlier else None
    wanted = [y.pk for y in (year, previous) if y is not None]
    by_id = {stage.pk: stage for stage in (stages() if stage_list is None else stage_list)}
    placed: dict[tuple[int, int, int], Placement] = {}
    for placement in Placement.objects.filter(network=network, year_id__in=wanted):
        placement.stage = by_id[placement.stage_id]
        placement.proposed_stage = by_id.get(placement.proposed_stage_id) if placement.proposed_stage_id else None
        placed[(placement.year_id, placement.school_id, placement.area_id)] = placement
    rows = []
    for link in links:
        cells = []
        for area in area_list:
            now = placed.get((year.pk, link.school_id, area.pk)) if year else None
            then = placed.get((previous.pk, link.school_id, area.pk)) if previous else None
            cells.append(Cell(area, now, effective_stage(then) if then else None))
        rows.append(MapRow(link.school, link.is_leading, cells))
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
