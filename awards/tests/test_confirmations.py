"""Revoking an award asks first (issue 15, point 2), with the reason typed beside the
button carried on to the confirmation, where it can still be corrected."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import actions
from awards.models import Award
from events.models import Participation
from events.tests.factories import make_event
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


def test_revoking_an_award_asks_first_and_keeps_the_reason(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=5), kind="seminar")
    Participation.objects.create(event=event, user=cast.teacher, status="registered", attendance="present")
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")
    page = asks_first(
        as_user(cast.leader),
        reverse("awards:revoke", args=[award.pk]),
        lambda: Award.objects.get(pk=award.pk).is_revoked,
        data={"reason": "Қате берілді"},
        shows=[f"Revoke the award of {cast.teacher.full_name}?", award.code, "This cannot be undone."],
    )
    assert 'name="reason"' in page and 'value="Қате берілді"' in page
    assert Award.objects.get(pk=award.pk).revoke_reason == "Қате берілді"


def test_the_confirmation_asks_for_the_reason_when_none_was_typed(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=5), kind="seminar")
    Participation.objects.create(event=event, user=cast.teacher, status="registered", attendance="present")
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")
    page = as_user(cast.leader).get(reverse("awards:revoke", args=[award.pk])).content.decode()
    assert '<input type="text" name="reason"' in page
    assert not Award.objects.get(pk=award.pk).is_revoked
