"""Personal API tokens (accounts/actions.py, accounts/authentication.py) and the API's
shared answers (ortaq/lib/api.py): sign-in, scope, expiry, errors, rates, /me/."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.actions import issue_api_token
from accounts.models import ApiToken
from accounts.tests.factories import UserFactory
from ortaq.testing import api_as, as_user

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_it_keeps_only_the_digest_of_a_token():
    person = UserFactory.create()
    token, secret = issue_api_token(person, name="Excel", scope="read", days=30)
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in {str(value) for value in row.values()}
    assert secret.startswith(token.hint) and len(secret) > 40


def test_it_signs_in_with_a_bearer_token_and_shows_the_person():
    person = UserFactory.create(full_name="Әлиева Гүлназ")
    _token, secret = issue_api_token(person, name="Excel", scope="read", days=30)
    response = bearer(secret).get(ME)
    assert response.status_code == 200
    assert response.json()["full_name"] == "Әлиева Гүлназ"
    assert response.json()["email"] == person.email


@pytest.mark.parametrize("spoil", ["revoked", "expired", "unknown", "inactive"])
def test_it_refuses_a_token_that_is_no_longer_good_with_401(spoil):
    person = UserFactory.create()
    token, secret = issue_api_token(person, name="Excel", scope="read", days=30)
    if spoil == "revoked":
        token.revoked_at = timezone.now()
        token.save()
    elif spoil == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif spoil == "unknown":
        secret = secret[:-4] + "AAAA"
    else:
        person.is_active = False
        person.save()
    response = bearer(secret).get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["status"] == 401


def test_it_answers_401_to_a_request_without_sign_in():
    response = APIClient().get(ME)
    assert response.status_code == 401
    assert response.json()["title"]


def test_it_lets_a_read_token_read_but_not_write():
    person = UserFactory.create(full_name="Бекова Айгүл")
    reader = api_as(person, scope="read")
    assert reader.get(ME).status_code == 200
    refused = reader.patch(ME, {"full_name": "Басқа"}, format="json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    person.refresh_from_db()
    assert person.full_name == "Бекова Айгүл"
    written = api_as(person, scope="write").patch(ME, {"full_name": "Бекова Айгүл Сәкенқызы"}, format="json")
    assert written.status_code == 200
    person.refresh_from_db()
    assert person.full_name == "Бекова Айгүл Сәкенқызы"


def test_it_notes_when_a_token_was_last_used_without_writing_on_every_request(time_machine):
    person = UserFactory.create()
    token, secret = issue_api_token(person, name="Excel", scope="read", days=30)
    client = bearer(secret)
    client.get(ME)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    time_machine.shift(datetime.timedelta(minutes=1))
    client.get(ME)
    token.refresh_from_db()
    assert token.last_used_at == first
    time_machine.shift(datetime.timedelta(minutes=10))
    client.get(ME)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_it_asks_the_sites_own_calls_for_their_csrf_token():
    person = UserFactory.create()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.get(ME).status_code == 200
    assert client.patch(ME, {"full_name": "X"}, format="json").status_code == 403


@pytest.mark.any_language
def test_it_writes_its_errors_in_the_language_asked_for():
    kazakh = APIClient(HTTP_ACCEPT_LANGUAGE="kk").get(ME).json()
    russian = APIClient(HTTP_ACCEPT_LANGUAGE="ru").get(ME).json()
    english = APIClient(HTTP_ACCEPT_LANGUAGE="en").get(ME).json()
    assert len({kazakh["title"], russian["title"], english["title"]}) == 3
    assert english["title"] == "Sign in or send a valid token."
    assert any("а" <= letter <= "я" for letter in russian["title"].lower())


def test_it_answers_a_problem_for_an_address_that_is_no_endpoint():
    response = api_as(UserFactory.create()).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_it_lists_field_mistakes_under_errors():
    response = api_as(UserFactory.create()).patch(ME, {"language": "xx"}, format="json")
    assert response.status_code == 400
    assert "language" in response.json()["errors"]


def test_it_limits_the_rate_per_token_and_says_when_to_come_back(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/min"}}
    person = UserFactory.create()
    first, second = api_as(person), api_as(person)
    assert [first.get(ME).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(ME)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused["Content-Type"] == "application/problem+json"
    # Another token of the same person has its own count.
    assert second.get(ME).status_code == 200


def test_it_makes_a_token_from_the_command_line():
    person = UserFactory.create(email="operator@example.kz")
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "Operator@Example.kz", "--scope", "write", "--days", "7", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(user=person)
    assert token.scope == "write"
    assert token.expires_at - token.created_at == datetime.timedelta(days=7)
    assert bearer(secret).get(ME).status_code == 200
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.kz", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command("create_api_token", person.email, "--days", "0", stdout=io.StringIO(), stderr=io.StringIO())


def test_it_shows_a_new_token_once_on_the_profile_page_and_revokes_it_after_asking():
    person = UserFactory.create()
    client = as_user(person)
    response = client.post(
        reverse("accounts:api_token_create"), {"token-name": "Мектеп жүйесі", "token-scope": "read", "token-days": "90"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=person)
    secret = response.context["secret"]
    assert secret in response.content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Мектеп жүйесі" in profile and token.hint in profile and secret not in profile
    revoke = reverse("accounts:api_token_revoke", args=[token.pk])
    asked = client.post(revoke)
    assert asked.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(revoke, {"confirmed": "1"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(secret).get(ME).status_code == 401


def test_it_keeps_what_was_typed_when_a_token_form_is_wrong():
    person = UserFactory.create()
    response = as_user(person).post(
        reverse("accounts:api_token_create"), {"token-name": "Есеп", "token-scope": "read", "token-days": "7"}
    )
    assert response.status_code == 400
    assert 'value="Есеп"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_hides_another_persons_token_with_404():
    owner, other = UserFactory.create(), UserFactory.create()
    token, _secret = issue_api_token(owner, name="Excel", scope="read", days=30)
    response = as_user(other).post(reverse("accounts:api_token_revoke", args=[token.pk]), {"confirmed": "1"})
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
