"""Password guessing is slowed down per account and per address, with one answer for
every refused attempt, on the site's sign-in and the admin's (accounts/throttle.py)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import SignInThrottle
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.any_language]
LOGIN = reverse("accounts:login")


def sign_in(email: str, password: str, address: str = "10.0.0.1", path: str = LOGIN):
    client = Client(REMOTE_ADDR=address)
    response = client.post(path, {"username": email, "password": password})
    return client, response


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_forty_wrong_passwords_then_the_right_one_is_refused(cast):
    for _ in range(40):
        sign_in(cast.teacher.email, "wrong password")

    client, response = sign_in(cast.teacher.email, PASSWORD)

    assert not signed_in(client)
    assert response.status_code == 200
    assert "15 минуттан кейін қайталап көріңіз" in response.content.decode()


def test_the_lock_says_the_same_for_an_account_that_does_not_exist(cast):
    for email in (cast.teacher.email, "nobody@example.kz"):
        for _ in range(10):
            sign_in(email, "wrong password")
    _client, real = sign_in(cast.teacher.email, PASSWORD)
    _client, invented = sign_in("nobody@example.kz", "wrong password")

    assert real.status_code == invented.status_code == 200
    assert real.context["form"].non_field_errors() == invented.context["form"].non_field_errors()
    assert real.context["form"].errors.as_data()["__all__"][0].code == "throttled"


def test_the_lock_ends_after_its_minutes(cast, time_machine):
    for _ in range(10):
        sign_in(cast.teacher.email, "wrong password")
    assert not signed_in(sign_in(cast.teacher.email, PASSWORD)[0])

    time_machine.shift(datetime.timedelta(minutes=16))

    assert signed_in(sign_in(cast.teacher.email, PASSWORD)[0])
    assert not SignInThrottle.objects.filter(key=cast.teacher.email).exists()  # a success forgets


def test_nine_wrong_then_the_right_one_signs_in_and_starts_counting_again(cast):
    for _ in range(9):
        sign_in(cast.teacher.email, "wrong password")
    assert signed_in(sign_in(cast.teacher.email, PASSWORD)[0])
    for _ in range(9):
        sign_in(cast.teacher.email, "wrong password")
    assert signed_in(sign_in(cast.teacher.email, PASSWORD)[0])


def test_one_address_guessing_many_accounts_is_slowed_down_too(cast):
    people = UserFactory.create_batch(30)
    for person in people:
        sign_in(person.email, "wrong password", address="192.0.2.7")

    assert not signed_in(sign_in(cast.teacher.email, PASSWORD, address="192.0.2.7")[0])
    assert signed_in(sign_in(cast.teacher.email, PASSWORD, address="192.0.2.8")[0])


def test_the_admins_sign_in_is_throttled_as_well(cast, admin_user):
    admin_login = reverse("admin:login")
    for _ in range(10):
        sign_in(admin_user.email, "wrong password", path=admin_login)

    client, _response = sign_in(admin_user.email, "password", path=admin_login)

    assert not signed_in(client)


def test_the_admin_lists_the_locks_and_unlocks_them(cast, admin_client):
    for _ in range(10):
        sign_in(cast.teacher.email, "wrong password")
    lock = SignInThrottle.objects.get(kind="account", key=cast.teacher.email)
    listing = admin_client.get(reverse("admin:accounts_signinthrottle_changelist"))
    assert listing.status_code == 200 and cast.teacher.email in listing.content.decode()

    admin_client.post(
        reverse("admin:accounts_signinthrottle_changelist"),
        {"action": "unlock", "_selected_action": [lock.pk]},
    )

    assert signed_in(sign_in(cast.teacher.email, PASSWORD)[0])


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(cast, settings):
    settings.ORTAQ_BEHIND_PROXY = True
    for n in range(30):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.9").post(
            LOGIN, {"username": f"p{n}@example.kz", "password": "wrong"}
        )
    assert SignInThrottle.objects.get(kind="address").key == "198.51.100.9"
