"""A person is seen through the networks they share: their page and their certificate
files (networks/permissions.py, «People»)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.tests.factories import CertificationFactory
from networks import actions
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_person_is_visible_to_colleagues_and_404_to_outsiders(cast):
    url = reverse("networks:person", args=[cast.teacher.pk])
    assert as_user(cast.coach).get(url).status_code == 200
    assert as_user(cast.methodologist).get(url).status_code == 200
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.outsider).get(reverse("networks:person", args=[cast.outsider.pk])).status_code == 200


def test_the_certificate_file_is_served_to_the_owner_and_organisers_only(cast):
    certification = CertificationFactory(user=cast.teacher, file=SimpleUploadedFile("c.png", png_bytes(), "image/png"))
    url = reverse("networks:certification_file", args=[certification.pk])
    owner = as_user(cast.teacher).get(url)
    assert owner.status_code == 200 and owner["X-Content-Type-Options"] == "nosniff"
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.coach).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404
    certification.file.delete()


def test_the_old_addresses_lead_to_the_person_and_the_certificate(cast):
    certification = CertificationFactory(user=cast.teacher)
    client = as_user(cast.coach)

    person = client.get(f"/accounts/people/{cast.teacher.pk}/")
    certificate = client.get(f"/accounts/certifications/{certification.pk}/file/")

    assert person.status_code == certificate.status_code == 301
    assert person["Location"] == reverse("networks:person", args=[cast.teacher.pk])
    assert certificate["Location"] == reverse("networks:certification_file", args=[certification.pk])


def test_an_invitation_to_an_address_fills_it_in_at_sign_up(cast):
    invitation = actions.create_invitation(cast.network, by=cast.leader, role="teacher", email="jana@mektep.kz")
    page = Client().get(reverse("invitation", args=[invitation.token])).content.decode()
    signup = re.search(r'href="(/accounts/signup/[^"]+)"', page)
    assert signup is not None
    form = Client().get(signup[1].replace("&amp;", "&")).content.decode()
    assert 'value="jana@mektep.kz"' in form
