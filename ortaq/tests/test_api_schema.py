"""The API's OpenAPI document is valid, and every operation it describes answers as
described: as a member and as an outsider, for data Hypothesis makes up
(schemathesis), no server error and no answer outside the document."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from openapi_spec_validator import validate
from schemathesis import checks

from accounts.actions import issue_api_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    """schemathesis calls the WSGI application itself, whose end of request closes the
    database connection; the test's transaction lives on it (Django's test client
    holds these signals off in the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_it_publishes_a_valid_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in document["paths"])
    assert document["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_it_serves_a_page_to_read_the_document_under_the_sites_csp(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html.replace(" ", "")
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/openapi.json" in script.content.decode()


# Read through the application itself, as a client would (the document reads no rows).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def token_of(person):
    _token, secret = issue_api_token(person, name="schemathesis", scope="write", days=1)
    # The WSGI transport hands the body over as the app wrote it: uncompressed, please.
    return {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}


FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.api_fuzz
@schema.parametrize()
@FUZZ
def test_it_answers_every_operation_as_its_document_says_to_a_member(case, cast):
    # The leader: the widest rights, so every change is tried for real.
    case.call_and_validate(headers=token_of(cast.leader), checks=CHECKS)


@pytest.mark.api_fuzz
@schema.parametrize()
@FUZZ
def test_it_answers_every_operation_as_its_document_says_to_an_outsider(case, cast):
    response = case.call_and_validate(headers=token_of(cast.outsider), checks=CHECKS)
    # Nothing of the network reaches someone outside it, whatever they ask.
    for secret in (cast.network.name, cast.leader.full_name, cast.group.name, cast.attached_school.name):
        assert secret not in response.text
