"""What holds an observed lesson: an event today; a Lesson Study cycle, a coaching
visit or a lesson video later. ``observations`` sits below all of them and imports
none: each holder registers a function that, given a lesson and a reader, says what
the lesson's pages need of it — its title and address, its day, and whether the
reader organises it (organisers read every observation and release them to the
teacher) — and, for lists, the condition on lessons that it holds them.
``events`` registers ``events.lessons.holder_of`` when the app is ready.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from accounts.models import User
    from observations.models import Lesson


@dataclass(frozen=True)
class Holder:
    title: str
    url: str
    day: datetime.date | None
    can_organise: bool


# A resolver answers None for a lesson it does not hold; it raises Http404 when the
# reader may not know the holder exists.
Resolver = Callable[["Lesson", "User"], Holder | None]
_resolvers: dict[str, Resolver] = {}
# The lessons a holder holds, as a condition on Lesson: a list shows what the pages
# would show without asking each lesson's holder.
_holds: dict[str, Callable[[], Q]] = {}


def register(name: str, resolver: Resolver, holds: Callable[[], Q]) -> None:
    _resolvers[name] = resolver
    _holds[name] = holds


def held(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    """The lessons something holds: the others are not shown (``holder_of``)."""
    condition = Q(pk__in=[])
    for holds in _holds.values():
        condition |= holds()
    return lessons.filter(condition)


def holder_of(lesson: Lesson, user: User) -> Holder:
    for resolver in _resolvers.values():
        holder = resolver(lesson, user)
        if holder is not None:
            return holder
    # A lesson nothing holds any longer is not shown: its holder decided its fate.
    raise Http404(_("No such lesson."))
