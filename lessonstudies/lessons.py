"""The research lessons as observed lessons (``observations.Lesson``): each is held by
its cycle, privately — only the team sees it, in lists and on its page
(observations/holders.py). Registered when the app is ready."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from lessonstudies.models import ResearchLesson
from lessonstudies.permissions import on_team, team_cycle_ids
from observations.holders import Holder
from observations.models import Lesson


def holder_of(lesson: Lesson, user: User) -> Holder | None:
    research_lesson = ResearchLesson.objects.filter(lesson=lesson).select_related("cycle").first()
    if research_lesson is None:
        return None
    if not on_team(research_lesson.cycle, user):
        raise Http404(_("No such lesson."))
    return Holder(
        title=_("%(theme)s: research lesson %(number)s")
        % {"theme": research_lesson.cycle.theme, "number": research_lesson.number},
        url=research_lesson.get_absolute_url(),
        day=research_lesson.date,
        can_organise=True,
    )


def holds() -> Q:
    return Q(research_lesson__isnull=False)


def delete_lesson_with_its_research_lesson(
    sender: type[ResearchLesson], instance: ResearchLesson, **kwargs: object
) -> None:
    # The observed lesson exists for the research lesson: when a cycle is deleted (the
    # admin's doing), its lessons go too rather than linger, held by nothing.
    Lesson.objects.filter(pk=instance.lesson_id).delete()


def connect() -> None:
    post_delete.connect(
        delete_lesson_with_its_research_lesson, sender=ResearchLesson, dispatch_uid="lessonstudies.lesson_with_research"
    )


def private_to(user: User) -> Q:
    """The research lessons the person may see: their team's."""
    return Q(research_lesson__cycle__in=team_cycle_ids(user))
