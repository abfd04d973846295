from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_it_answers_ok_when_the_database_answers():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not():
    with mock.patch("ortaq.views.connection.cursor", side_effect=OperationalError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down" and response.json()["status"] == "error"
