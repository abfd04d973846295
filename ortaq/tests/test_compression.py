"""Pages go compressed to a browser that accepts gzip; files never do (see
materials' upload tests for a ranged video)."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_compresses_a_page_for_a_browser_that_accepts_gzip(cast):
    client = Client()
    client.force_login(cast.teacher)
    plain = client.get(cast.network.get_absolute_url())
    packed = client.get(cast.network.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert cast.network.name in html
    assert len(packed.content) < len(plain.content) / 2


def test_it_leaves_tiny_answers_and_errors_alone(cast):
    client = Client()
    client.force_login(cast.outsider)
    refused = client.get(reverse("events:network", args=[cast.network.pk]), HTTP_ACCEPT_ENCODING="gzip")
    assert refused.status_code == 404
    assert "Content-Encoding" not in refused
    health = Client().get("/healthz", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in health
