"""Who may see and do what with observed lessons. Every view of the app asks here.

- A lesson belongs to a network; whoever may read the network (members, the district
  methodologists) may read the lesson. Outsiders get 404, as for a lesson that does
  not exist.
- Any of them but the lesson's own teacher may observe it, once it has a form (an
  outside expert's view is what open lessons are for).
- The organisers of what holds the lesson (an event's organisers today) read every
  observation and release them to the teacher; the teacher reads the released ones.
- The network's organisers configure observation forms; others who try get 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from networks.permissions import Access, get_network_access
from observations.holders import Holder, held, holder_of, is_shown_to
from observations.models import Lesson, Observation

REFUSED = gettext_lazy("You cannot change this lesson's observations.")


@dataclass(frozen=True)
class LessonAccess:
    lesson: Lesson
    access: Access
    holder: Holder
    user: User

    @property
    def can_organise(self) -> bool:
        return self.holder.can_organise

    @property
    def is_teacher(self) -> bool:
        return self.lesson.teacher_id == self.user.pk

    @property
    def may_observe(self) -> bool:
        return not self.is_teacher and self.lesson.form_id is not None

    def may_read(self, observation: Observation) -> bool:
        return self.can_organise or observation.observer_id == self.user.pk

    def readable_observations(self) -> QuerySet[Observation]:
        """``may_read`` as a list: the organisers read every one, others their own."""
        observations = self.lesson.observations.all()
        return observations if self.can_organise else observations.filter(observer=self.user)

    @property
    def may_read_feedback(self) -> bool:
        """The combined feedback: the organisers read all of it, the teacher what was
        released (``feedback_for_teacher``); nobody else."""
        return self.can_organise or self.is_teacher

    @property
    def feedback_for_teacher(self) -> bool:
        return not self.can_organise


def lessons_visible_to(user: User) -> QuerySet[Lesson]:
    """The lessons of the networks the person sees that something holds: the same
    lessons ``get_lesson_for_user`` shows."""
    return held(Lesson.objects.visible_to(user))


def get_lesson_for_user(user: User, pk: int) -> LessonAccess:
    lesson = Lesson.objects.select_related("network", "teacher", "school", "subject", "form").filter(pk=pk).first()
    if lesson is None or not is_shown_to(lesson, user):
        raise Http404(_("No such lesson."))
    try:
        access = get_network_access(user, lesson.network_id, lesson.network)
    except Http404:
        raise Http404(_("No such lesson.")) from None
    return LessonAccess(lesson, access, holder_of(lesson, user), user)


def get_forms_network(user: User, pk: int) -> Access:
    """A network's observation forms: readers see them, organisers add them."""
    return get_network_access(user, pk)
