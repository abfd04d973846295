"""Removing a certification from one's profile asks first (issue 15, point 2)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Certification
from accounts.tests.factories import CertificationFactory
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts."""


def test_removing_a_certification_asks_first(cast):
    certification = CertificationFactory.create(user=cast.teacher)
    asks_first(
        as_user(cast.teacher),
        reverse("accounts:certification_delete", args=[certification.pk]),
        lambda: Certification.objects.filter(pk=certification.pk).exists(),
        shows=[f"Remove «{certification}» from your profile?", "The figures of your networks no longer count it."],
    )


def test_someone_elses_certification_is_404_before_any_question(cast):
    certification = CertificationFactory.create(user=cast.teacher)
    url = reverse("accounts:certification_delete", args=[certification.pk])
    assert as_user(cast.leader).get(url).status_code == 404
    assert as_user(cast.leader).post(url, {"confirmed": "yes"}).status_code == 404
    assert Certification.objects.filter(pk=certification.pk).exists()
