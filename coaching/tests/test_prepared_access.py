"""A plan's pages find the plan and whether the reader is one of its teachers through
two queries whose SQL is built once per process (coaching/permissions.py,
ortaq/lib/prepared.py): each person still gets their own standing with each plan,
whoever asked first, and the same as without the helpers."""

from __future__ import annotations

import pytest
from django.http import Http404

from coaching.models import CoachingPlan
from coaching.permissions import get_plan_for_user
from coaching.tests.factories import make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def standing(user, pk: int) -> tuple[bool, bool, bool] | None:
    try:
        access = get_plan_for_user(user, pk)
    except Http404:
        return None
    assert access.plan.pk == pk
    return access.is_coach, access.is_teacher, access.oversees


def test_each_person_gets_their_own_standing_with_each_plan(cast, settings):
    first = make_plan(cast)
    second = make_plan(cast, coach=cast.teacher, teachers=[cast.coach], school=None, by=cast.leader)
    gone = max(CoachingPlan.objects.values_list("pk", flat=True)) + 1
    people = [cast.coach, cast.teacher, cast.director, cast.leader, cast.methodologist, cast.outsider]
    helped = {(person.pk, pk): standing(person, pk) for pk in (first.pk, second.pk, gone) for person in people}
    assert helped[cast.coach.pk, first.pk] == (True, False, False)
    assert helped[cast.teacher.pk, first.pk] == (False, True, False)
    assert helped[cast.director.pk, first.pk] == (False, False, True)
    assert helped[cast.coach.pk, second.pk] == (False, True, False)
    assert helped[cast.leader.pk, second.pk] == (False, False, True)
    assert helped[cast.teacher.pk, second.pk] == (True, False, False)
    assert helped[cast.director.pk, second.pk] is None
    assert helped[cast.outsider.pk, first.pk] is None and helped[cast.coach.pk, gone] is None
    settings.SPEED_HELPERS = False
    assert {(person.pk, pk): standing(person, pk) for pk in (first.pk, second.pk, gone) for person in people} == helped
