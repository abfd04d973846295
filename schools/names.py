"""School names as people type them: «№7 орта мектеп», «№ 7 Орта мектебі», «7 орта
мектеп». A request to add a school is compared with the district's schools so that
a school already there is not made twice: the same name whatever the case, spaces
and signs is the same school; a name close to one (a letter or an ending apart, the
same number) is shown to the approver as a near match, never merged silently."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

SIGNS = re.compile(r"[^\w\s]|_")
NUMBER = re.compile(r"\d+")
NEAR = 0.75


class Named(Protocol):
    name: str


N = TypeVar("N", bound=Named)


def folded(name: str) -> str:
    """The name compared: letters and digits in lower case (Python's casefold knows «Ә»,
    SQLite's iexact does not), signs and repeated spaces gone."""
    return " ".join(SIGNS.sub(" ", name.casefold().replace("ё", "е")).split())


def same_name(one: str, other: str) -> bool:
    return folded(one) == folded(other)


def likeness(one: str, other: str) -> float:
    """1 for the same name; 0 for two numbers that differ (№7 and №17 are two schools);
    otherwise how alike the letters are, and near whatever the words for the same
    number (a district numbers its schools once: «№12 лицей» is «№12 мектеп-лицей»)."""
    mine, theirs = folded(one), folded(other)
    if mine == theirs:
        return 1.0
    numbers, their_numbers = set(NUMBER.findall(mine)), set(NUMBER.findall(theirs))
    if numbers and their_numbers and numbers != their_numbers:
        return 0.0
    ratio = difflib.SequenceMatcher(None, mine, theirs).ratio()
    return max(ratio, NEAR) if numbers and numbers == their_numbers else ratio


def near_matches(name: str, schools: Iterable[N], *, limit: int = 3) -> list[N]:
    """The schools whose names are the same as or close to ``name``, closest first."""
    scored = [(likeness(name, school.name), school) for school in schools]
    close = sorted((pair for pair in scored if pair[0] >= NEAR), key=lambda pair: -pair[0])
    return [school for _score, school in close[:limit]]


def same_named(name: str, schools: Iterable[N]) -> N | None:
    return next((school for school in schools if same_name(name, school.name)), None)
