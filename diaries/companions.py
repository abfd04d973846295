"""Who a teacher may share a diary entry with: their companions in development — their
mentors and their mentees (active mentoring pairs), and their coaches (the coaching
plans under way or being drafted that they are a teacher of). Nobody else: not a
director, not a network's leader."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from coaching.models import CoachingPlan
from mentoring.models import Pair
from ortaq.lib.collation import KazakhOrder


def companions_of(user: User) -> QuerySet[User]:
    active = Pair.objects.active()
    coaching = CoachingPlan.objects.exclude(status=CoachingPlan.Status.COMPLETED).filter(teachers=user)
    condition = (
        Q(pk__in=active.filter(mentee=user).values("mentor"))
        | Q(pk__in=active.filter(mentor=user).values("mentee"))
        | Q(pk__in=coaching.values("coach"))
    )
    return User.objects.filter(condition, is_active=True).exclude(pk=user.pk).order_by(KazakhOrder("full_name"))
