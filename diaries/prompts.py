"""«Write about…»: the events a person took part in and the lessons they taught or
observed (at an event, or without one: a coaching visit, a research lesson) in the
last two weeks that have no diary entry of theirs yet (the seeds' "poor reflection
after events"). The diary page shows them; an event's page offers
«Reflect in your diary» to those who took part (diaries/parts.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from diaries.models import Entry
from events.models import Event, Participation
from networks.models import visible_network_ids
from observations.models import Lesson, Observation
from ortaq.lib.prepared import prepared

DAYS = 14


def took_part(user: User | int) -> Q:
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


# The diary's first page asks these two on every visit: their SQL is built once per
# process (ortaq/lib/prepared.py), as building it cost more than the rest of the page.
@prepared
def recent_events(user_id: int, since: datetime.datetime, now: datetime.datetime) -> QuerySet[Event]:
    written = Entry.objects.filter(author=user_id, event=OuterRef("pk"))
    return (
        Event.objects.filter(took_part(user_id), ends_at__lte=now, ends_at__gte=since)
        .exclude(status=Event.Status.CANCELLED)
        .exclude(Exists(written))
        .distinct()
        .order_by("-starts_at")[:10]
    )


@prepared
def recent_lessons(
    user_id: int, since: datetime.datetime, now: datetime.datetime, *network_ids: int, every_network: bool
) -> QuerySet[Lesson]:
    """``network_ids``: the networks the person sees (``Network.objects.visible_to``),
    unless they see ``every_network``. A lesson's day (``day``) is its event's start, or,
    for a lesson with no event (a coaching visit, a Lesson Study research lesson), when
    its latest observation was handed in."""
    written = Entry.objects.filter(author=user_id, lesson=OuterRef("pk"))
    observed = Observation.objects.filter(lesson=OuterRef("pk"), submitted_at__isnull=False)
    # Its teacher, or someone who observed it: both are named by every holder that keeps
    # a lesson private (observations.holders), so the network's rule is the rest of
    # the visibility here (cheaper than asking every holder, as ``lessons_visible_to`` does).
    mine = Q(teacher=user_id) | Q(observations__observer=user_id, observations__submitted_at__isnull=False)
    lessons = Lesson.objects.all() if every_network else Lesson.objects.filter(network__in=network_ids)
    return (
        lessons.annotate(
            day=Coalesce(
                F("event_link__event__starts_at"),
                Subquery(observed.order_by("-submitted_at").values("submitted_at")[:1]),
            )
        )
        .filter(mine, day__lte=now, day__gte=since)
        .exclude(Exists(written))
        .distinct()
        .order_by("-day", "-pk")[:10]
    )


def prompts_for(user: User) -> Prompts:
    now = timezone.now()
    since = now - datetime.timedelta(days=DAYS)
    # As Network.objects.visible_to: every network for an administrator, else those the
    # person belongs to or oversees.
    if user.is_superuser:
        lessons = recent_lessons(user.pk, since, now, every_network=True)
    else:
        lessons = recent_lessons(user.pk, since, now, *sorted(visible_network_ids(user)), every_network=False)
    return Prompts(recent_events(user.pk, since, now), lessons)
