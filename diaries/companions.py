"""Who a teacher may share a diary entry with: their companions in development — their
mentors and their mentees (active mentoring pairs), and their coaches (the coaching
plans they are a teacher of). Nobody else: not a director, not a network's leader."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from mentoring.models import Pair

# The coaching app names its plans' coach and teachers so (``CoachingPlan.coach``
# related_name "coaching_plans_led", ``CoachingPlan.teachers`` related_name
# "coaching_plans"). Where it is not installed, a teacher's companions are their
# mentors and mentees only.
COACHES_RELATION = "coaching_plans_led"


def has_coaching() -> bool:
    """Whether the user model has the coaching plans' reverse relation."""
    return any(getattr(field, "name", "") == COACHES_RELATION for field in User._meta.get_fields())


def companions_of(user: User) -> QuerySet[User]:
    active = Pair.objects.active()
    condition = Q(pk__in=active.filter(mentee=user).values("mentor")) | Q(
        pk__in=active.filter(mentor=user).values("mentee")
    )
    if has_coaching():
        condition |= Q(pk__in=User.objects.filter(**{f"{COACHES_RELATION}__teachers": user}).values("pk"))
    return User.objects.filter(condition, is_active=True).exclude(pk=user.pk).order_by("full_name")
