"""The lessons coaching visits hold. ``observations`` owns the lesson and its
observations; a visit links it (``Visit.lesson``) and tells the lesson's pages what they
need through ``holder_of``, registered when the app is ready.

The firewall: a visit's lesson is the coach's and its teacher's. The coach organises
it (reads the observation, releases it to the teacher); the teacher reads what was
released; for everyone else — the network's leaders, the school's director, other
members — the lesson does not exist (404, and ``private_to`` keeps it out of lists).
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from coaching.models import Visit
from observations.holders import Holder
from observations.models import Lesson


def holder_of(lesson: Lesson, user: User) -> Holder | None:
    visit = Visit.objects.select_related("plan").filter(lesson=lesson).first()
    if visit is None:
        return None
    plan = visit.plan
    if user.pk not in (plan.coach_id, visit.teacher_id):
        raise Http404(_("No such lesson."))
    return Holder(title=plan.title, url=plan.get_absolute_url(), day=visit.date, can_organise=user.pk == plan.coach_id)


def holds() -> Q:
    """The lessons a visit holds, for lists (``observations.holders.held``)."""
    return Q(coaching_visit__isnull=False)


def private_to(user: User) -> Q:
    """Among the lessons visits hold, those the person may see: their coach's and their
    teacher's."""
    return Q(coaching_visit__plan__coach=user.pk) | Q(coaching_visit__teacher=user.pk)


def delete_lesson_with_its_visit(sender: type[Visit], instance: Visit, **kwargs: object) -> None:
    # A visit's lesson exists for the visit: when the visit goes (its plan deleted in
    # the admin), its lesson and the observation go too.
    Lesson.objects.filter(pk=instance.lesson_id).delete()


def connect() -> None:
    post_delete.connect(delete_lesson_with_its_visit, sender=Visit, dispatch_uid="coaching.lesson_with_visit")
