"""What holds an observed lesson: an event today; a Lesson Study cycle, a coaching
visit or a lesson video later. ``observations`` sits below all of them and imports
none: each holder registers a function that, given a lesson and a reader, says what
the lesson's pages need of it — its title and address, its day, and whether the
reader organises it (organisers read every observation and release them to the
teacher) — and, for lists, the condition on lessons that it holds them.
``events`` registers ``events.lessons.holder_of`` when the app is ready.

A holder that keeps its lessons between the teacher and the people it names (a coaching
visit, a Lesson Study research lesson: development, not evaluation) registers
``private_to``: given a reader, the condition on lessons under which that reader may see
one of the lessons it holds. Everyone else — the director and the network's leader
included — never sees those lessons: not in lists (``Lesson.objects.visible_to``), not on
the lesson's page (404), not in a person's record (``shown_to``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

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
# The readers a private holder lets see its lessons, as a condition on Lesson.
PrivateTo = Callable[["User"], Q]
_private: dict[str, PrivateTo] = {}
Lessons = TypeVar("Lessons", bound="QuerySet[Lesson]")


def register(name: str, resolver: Resolver, holds: Callable[[], Q], *, private_to: PrivateTo | None = None) -> None:
    _resolvers[name] = resolver
    _holds[name] = holds
    if private_to is None:
        _private.pop(name, None)
    else:
        _private[name] = private_to


def shown_to(lessons: Lessons, user: User | AnonymousUser) -> Lessons:
    """The lessons without those a private holder keeps from this reader."""
    from observations.models import Lesson

    for name, private_to in _private.items():
        held_privately = Lesson.objects.filter(_holds[name]())
        if user.is_authenticated:
            may_see = Lesson.objects.filter(_holds[name]()).filter(private_to(user)).values("pk")
            held_privately = held_privately.exclude(pk__in=may_see)
        lessons = lessons.exclude(pk__in=held_privately.values("pk"))
    return lessons


def is_shown_to(lesson: Lesson, user: User | AnonymousUser) -> bool:
    if not _private:
        return True
    from observations.models import Lesson

    return shown_to(Lesson.objects.filter(pk=lesson.pk), user).exists()


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
