"""«Write about…»: the events a person took part in and the lessons they taught or
observed in the last two weeks that have no diary entry of theirs yet (the seeds'
"poor reflection after events"). The diary page shows them; an event's page offers
«Reflect in your diary» to those who took part (diaries/parts.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from diaries.models import Entry
from events.models import Event, Participation
from networks.models import Network
from observations.models import Lesson

DAYS = 14


def took_part(user: User) -> Q:
    """A participation that means the person was there: marked present, or registered
    and not marked absent."""
    return Q(participations__user=user) & (
        Q(participations__attendance=Participation.Attendance.PRESENT)
        | Q(participations__attendance="", participations__status=Participation.Status.REGISTERED)
    )


def attended(user: User, event: Event) -> bool:
    return (
        event.ends_at <= timezone.now()
        and not event.is_cancelled
        and Event.objects.filter(pk=event.pk).filter(took_part(user)).exists()
    )


@dataclass(frozen=True)
class Prompts:
    events: list[Event]
    lessons: list[Lesson]

    def __bool__(self) -> bool:
        return bool(self.events or self.lessons)


def recent_events(user: User, now: datetime.datetime) -> QuerySet[Event]:
    written = Entry.objects.filter(author=user, event=OuterRef("pk"))
    return (
        Event.objects.filter(took_part(user), ends_at__lte=now, ends_at__gte=now - datetime.timedelta(days=DAYS))
        .exclude(status=Event.Status.CANCELLED)
        .exclude(Exists(written))
        .distinct()
        .order_by("-starts_at")
    )


def recent_lessons(user: User, now: datetime.datetime) -> QuerySet[Lesson]:
    written = Entry.objects.filter(author=user, lesson=OuterRef("pk"))
    mine = Q(teacher=user) | Q(observations__observer=user, observations__submitted_at__isnull=False)
    # Only an event's lessons have a day to prompt after, and those are never held
    # privately: the network's rule is the whole of the visibility here (cheaper than
    # asking every holder, as ``lessons_visible_to`` does).
    return (
        Lesson.objects.filter(network__in=Network.objects.visible_to(user))
        .filter(mine)
        .filter(
            event_link__event__starts_at__lte=now,
            event_link__event__starts_at__gte=now - datetime.timedelta(days=DAYS),
        )
        .exclude(Exists(written))
        .select_related("event_link__event")
        .distinct()
        .order_by("-event_link__event__starts_at")
    )


def prompts_for(user: User) -> Prompts:
    now = timezone.now()
    return Prompts(list(recent_events(user, now)[:10]), list(recent_lessons(user, now)[:10]))
