"""Live indicators: the figures a goal can follow without anyone typing them.

A source computes one figure for a plan — of its school, or of the whole network for a
network's plan — over a span of days. ``plans`` registers the figures Ortaq already
holds (``plans/sources.py``: attendance of the network's events, materials published,
open lessons given, observations done, the rubric stage). An app above it (surveys,
whose scale means and their change a plan shows) registers its own in its
``AppConfig.ready`` with ``register(Source(...))``; ``plans`` never imports it.

A *family* of sources takes an argument after its prefix in the key
(``surveys.scale:12:se_instruction``: the mean of one scale of one survey): it offers its
keys per plan (``options``), since which surveys exist depends on the plan's network.

A source answers ``None`` when it has no figure (no survey answered yet), which the
pages show as «no data» rather than as a zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from plans.models import Plan


@dataclass(frozen=True)
class Span:
    """The days a figure counts: from the plan's first day to ``until`` (inclusive)."""

    since: datetime.date
    until: datetime.date


Compute = Callable[["Plan", Span], Decimal | None]


@dataclass(frozen=True)
class Source:
    key: str
    label: str | Promise
    unit: str | Promise
    compute: Compute


@dataclass(frozen=True)
class Family:
    prefix: str
    label: str | Promise
    unit: str | Promise
    compute: Callable[[Plan, Span, str], Decimal | None]
    options: Callable[[Plan], list[tuple[str, str]]]


_sources: dict[str, Source] = {}
_families: dict[str, Family] = {}


def register_family(family: Family) -> Family:
    _families[family.prefix] = family
    return family


def register(source: Source) -> Source:
    _sources[source.key] = source
    return source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def get(key: str) -> Source | None:
    source = _sources.get(key)
    if source is None and ":" in key:
        prefix, _colon, argument = key.partition(":")
        family = _families.get(prefix)
        if family is not None:

            def compute(plan: Plan, span: Span) -> Decimal | None:
                return family.compute(plan, span, argument)

            return Source(key, family.label, family.unit, compute)
    return source


def every() -> list[Source]:
    return list(_sources.values())


def choices() -> list[tuple[str, str]]:
    return [(source.key, str(source.label)) for source in _sources.values()]


def choices_for(plan: Plan) -> list[tuple[str, str]]:
    """Every source a goal of this plan can follow: the fixed ones and each family's."""
    options = choices()
    for family in _families.values():
        options += family.options(plan)
    return options


def value_of(key: str, plan: Plan, until: datetime.date) -> Decimal | None:
    """The figure of a registered source for the plan up to ``until``; None for a key
    nothing registers any longer (an app removed) or a source without a figure."""
    source = get(key)
    if source is None:
        return None
    return source.compute(plan, Span(plan.starts_on, min(until, plan.ends_on)))
