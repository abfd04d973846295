"""A pair quiet for its chosen time is reminded once per quiet spell; two runs at once
remind no one twice; a meeting begins a new spell."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentoring.actions import send_quiet_reminders
from mentoring.tests.factories import add_meeting, make_pair
from notifications.models import Notice
from ortaq.testing import run_at_once

pytestmark = pytest.mark.django_db


def quiet_notices() -> int:
    return Notice.objects.filter(kind="mentoring.quiet").count()


def test_it_reminds_a_quiet_pair_once_per_spell(cast):
    pair = make_pair(cast, started_days_ago=30)
    add_meeting(pair, days_ago=25)
    fresh = make_pair(cast, mentee=cast.director, started_days_ago=30)
    add_meeting(fresh, days_ago=3)
    assert send_quiet_reminders() == 1
    assert set(Notice.objects.filter(kind="mentoring.quiet").values_list("recipient", flat=True)) == {
        cast.coach.pk,
        cast.teacher.pk,
    }
    assert send_quiet_reminders() == 0
    add_meeting(pair, days_ago=0)
    assert send_quiet_reminders() == 0
    later = timezone.localdate() + datetime.timedelta(days=22)
    assert send_quiet_reminders(later) == 2  # both pairs quiet again: a new spell each
    assert quiet_notices() == 6


def test_it_keeps_to_the_pairs_chosen_time(cast):
    make_pair(cast, started_days_ago=10, quiet_after_days=7)
    make_pair(cast, mentee=cast.director, started_days_ago=10)
    assert send_quiet_reminders() == 1


def test_a_completed_pair_is_not_reminded(cast):
    from mentoring import actions

    pair = make_pair(cast, started_days_ago=60)
    actions.complete_pair(pair, summary="", by=cast.coach)
    assert send_quiet_reminders() == 0


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_remind_no_one_twice(cast):
    make_pair(cast, started_days_ago=40)
    errors = run_at_once(lambda: call_command("mentoring_reminders", stdout=io.StringIO()))
    assert errors == []
    assert quiet_notices() == 2
