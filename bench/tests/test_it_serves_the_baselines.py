from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.dataset import TINY, build
from materials.models import Material

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_it_says_hello_without_the_database() -> None:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/bench/hello")
    assert response.status_code == 200
    assert response.content == b"hello"
    assert len(queries) == 0


def test_it_renders_the_newest_public_materials_with_one_query(django_assert_num_queries) -> None:
    build(TINY)
    with django_assert_num_queries(1):
        response = Client().get("/bench/one-query")
    assert response.status_code == 200
    shown = {int(pk) for pk in re.findall(rb'href="/library/(\d+)/"', response.content)}
    assert shown == set(Material.objects.public().values_list("pk", flat=True))  # fewer than 20 here
    assert shown and Material.objects.exclude(pk__in=shown).exists()


def test_it_keeps_the_site_pages() -> None:
    assert Client().get("/healthz").status_code == 200


@override_settings(ROOT_URLCONF="ortaq.urls")
def test_it_is_not_served_by_the_site_itself() -> None:
    assert Client().get("/bench/hello").status_code == 404


def test_it_renders_the_same_rows_in_the_sites_layout_for_a_signed_in_reader() -> None:
    build(TINY)
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.order_by("pk")[0])
    response = client.get("/bench/layout", secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html and 'id="main"' in html
    shown = {int(pk) for pk in re.findall(r'href="/library/(\d+)/"', html)}
    assert shown == set(Material.objects.public().values_list("pk", flat=True))
