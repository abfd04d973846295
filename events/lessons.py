"""The open lessons an event holds. ``observations`` owns the lessons and their
observations; an event links them (``EventLesson``) and tells the lesson's pages what
they need of it through ``holder_of``, registered when the app is ready."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import Event, EventLesson
from events.permissions import get_event_for_user
from observations import actions as observations
from observations.holders import Holder
from observations.models import Lesson


def holder_of(lesson: Lesson, user: User) -> Holder | None:
    link = EventLesson.objects.filter(lesson=lesson).values_list("event_id", flat=True).first()
    if link is None:
        return None
    try:
        event_access = get_event_for_user(user, link)
    except Http404:
        raise Http404(_("No such lesson.")) from None
    event = event_access.event
    return Holder(
        title=event.title, url=event.get_absolute_url(), day=event.local_date, can_organise=event_access.can_organise
    )


def holds() -> Q:
    """The lessons an event holds, for lists (``observations.holders.held``)."""
    return Q(event_link__isnull=False)


def held_by(event: Event) -> QuerySet[Lesson]:
    return Lesson.objects.filter(event_link__event=event).select_related("teacher", "subject", "school")


def lessons_of(event: Event) -> list[Lesson]:
    return list(held_by(event).order_by("starts_at", "pk"))


@transaction.atomic
def add_lesson(event: Event, *, plan_upload: UploadedFile[Any] | None = None, **fields: Any) -> Lesson:
    """A new open lesson of the event's network, held by the event."""
    lesson = observations.add_lesson(event.network, plan_upload=plan_upload, **fields)
    EventLesson.objects.create(event=event, lesson=lesson)
    return lesson


def delete_lesson_with_its_event(sender: type[EventLesson], instance: EventLesson, **kwargs: object) -> None:
    # An event's open lesson exists for the event: when the event is deleted (the
    # admin's doing; organisers cancel), its lessons and their observations go too,
    # as they did when the lesson pointed at the event.
    Lesson.objects.filter(pk=instance.lesson_id).delete()


def connect() -> None:
    post_delete.connect(delete_lesson_with_its_event, sender=EventLesson, dispatch_uid="events.lesson_with_event")
