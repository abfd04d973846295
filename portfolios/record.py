"""A person's record of professional development (кәсіби даму есебі): what they did in
the networks the reader may see. The page and the API read the same record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from awards.models import Award
from events.models import Participation, RecordTask
from networks.models import Network
from observations.holders import shown_to
from observations.models import Lesson, Observation


@dataclass(frozen=True)
class PersonRecord:
    person: User
    participations: list[Participation]
    lessons: QuerySet[Lesson]
    observations: QuerySet[Observation]
    awards: QuerySet[Award]
    tasks: QuerySet[RecordTask]

    @property
    def attended(self) -> int:
        return sum(1 for p in self.participations if p.attendance == Participation.Attendance.PRESENT)


def record_of(person: User, *, viewer: User) -> PersonRecord:
    """Everything the person did; read by someone else, only in the networks the reader
    may see (their own record shows all of it). Ask ``get_person_record_for_user`` first."""
    networks = Network.objects.visible_to(viewer) if person.pk != viewer.pk else None

    def within(path: str) -> Q:
        return Q() if networks is None else Q(**{f"{path}__in": networks})

    participations = (
        Participation.objects.filter(user=person)
        .filter(within("event__network"))
        .select_related("event__network")
        .order_by("-event__starts_at", "-pk")
    )
    lessons = (
        Lesson.objects.filter(teacher=person)
        .filter(within("network"))
        .select_related("event_link__event", "subject", "school")
        .annotate(observer_count=Count("observations", filter=Q(observations__submitted_at__isnull=False)))
        .order_by("-event_link__event__starts_at", "-pk")
    )
    observations = (
        Observation.objects.filter(observer=person, submitted_at__isnull=False)
        .filter(within("lesson__network"))
        .select_related("lesson__teacher", "lesson__subject")
        .order_by("-submitted_at", "-pk")
    )
    awards = (
        Award.objects.filter(recipient=person)
        .filter(within("network"))
        .select_related("event")
        .order_by("-issued_on", "-pk")
    )
    tasks = (
        RecordTask.objects.filter(owner=person)
        .filter(within("record__event__network"))
        .select_related("record__event", "owner__school")
        .order_by("done_at", "due_on", "pk")
    )
    if person.pk != viewer.pk:
        # Lessons held privately (a coaching visit, a Lesson Study research lesson) stay
        # between the teacher and the people their holder names (observations.holders).
        lessons = shown_to(lessons, viewer)
        observations = observations.filter(lesson__in=shown_to(Lesson.objects.all(), viewer))
    return PersonRecord(person, list(participations), lessons, observations, awards, tasks)
