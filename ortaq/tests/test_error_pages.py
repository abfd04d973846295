"""Refusals and errors are pages of the site, in the reader's language, never
Django's bare English ones."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse

from ortaq.testing import english_words

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


urlpatterns = [path("broken/", broken), path("database-down/", database_down)]
handler500 = "ortaq.views.server_error"


def kazakh_client(user=None, **kwargs) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="kk", **kwargs)
    if user is not None:
        client.force_login(user)
    return client


def test_it_shows_a_kazakh_page_for_an_address_that_leads_nowhere(cast):
    response = kazakh_client(cast.teacher).get("/no-such-page/")
    assert response.status_code == 404
    assert "Бет табылмады" in response.text
    assert english_words(response.text) == set()


def test_a_visitor_who_finds_nothing_is_asked_to_sign_in_with_the_way_back():
    response = kazakh_client().get("/no-such-page/")
    assert response.status_code == 404
    assert f"{reverse('accounts:login')}?next=/no-such-page/" in response.text


def test_a_read_only_member_meets_a_kazakh_refusal(cast):
    from events.tests.factories import make_event

    event = make_event(cast, title="Семинар")
    response = kazakh_client(cast.coach).get(reverse("events:attendance", args=[event.pk]))
    assert response.status_code == 403
    assert "Рұқсат жоқ" in response.text
    assert english_words(response.text) == set()


def test_a_form_sent_without_its_token_is_explained_and_nothing_changes(cast):
    client = kazakh_client(cast.leader, enforce_csrf_checks=True)
    response = client.post(reverse("networks:edit", args=[cast.network.pk]), {"name": "Басқа атау"})
    assert response.status_code == 403
    assert "Артқа" in response.text  # «go back: what you typed is still there»
    assert english_words(response.text) == set()
    cast.network.refresh_from_db()
    assert cast.network.name == "Шуақ"


@pytest.mark.urls("ortaq.tests.test_error_pages")
def test_a_server_error_shows_a_kazakh_page():
    client = Client(HTTP_ACCEPT_LANGUAGE="kk", raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert english_words(response.text) == set()
    assert 'lang="kk"' in response.text


@pytest.mark.urls("ortaq.tests.test_error_pages")
def test_a_database_outage_is_a_kazakh_page_that_says_try_again_with_503():
    client = Client(HTTP_ACCEPT_LANGUAGE="kk", raise_request_exception=False)
    response = client.get("/database-down/")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Бір минуттан кейін ораламыз" in response.text
    assert english_words(response.text) == set()
    assert client.get("/broken/").status_code == 500
