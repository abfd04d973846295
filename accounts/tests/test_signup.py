"""Sign-up in two steps answers every address alike (it never tells whether an account
exists) and proves the mailbox before the account is made (accounts/signups.py)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db
SIGNUP = reverse("accounts:signup")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def start(email: str, name: str = "Нұрланова Әсел", next_url: str = "") -> str:
    response = Client().post(SIGNUP, {"full_name": name, "email": email, "next": next_url})
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode().replace(email.lower(), "…"))


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/signup/finish/\S+/)", message.body)
    assert found is not None, message.body
    return found.group(1)


def test_a_new_and_a_taken_address_get_the_same_answer(cast):
    new = start("asel@example.kz")
    taken = start("TEACHER@example.kz")

    assert new == taken
    assert len(mail.outbox) == 2
    assert "/accounts/signup/finish/" in mail.outbox[0].body
    assert "/accounts/signup/finish/" not in mail.outbox[1].body  # the owner is told, and given sign-in and reset
    letter = mail.outbox[1].body
    assert reverse("accounts:password_reset") in letter and reverse("accounts:login") in letter
    assert User.objects.filter(email="teacher@example.kz").count() == 1
    assert not User.objects.filter(email="asel@example.kz").exists()  # nothing until the link is followed


def test_the_link_makes_the_account_and_returns_to_the_invitation(db):
    start("Asel@Example.kz", next_url="/invite/x/")
    client = Client()
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200 and "asel@example.kz" in page.content.decode()

    response = client.post(url, {"password": "Мұғалім-2026!"})

    assert response.status_code == 302 and response["Location"] == "/invite/x/"
    user = User.objects.get(email="asel@example.kz")
    assert user.check_password("Мұғалім-2026!") and user.full_name == "Нұрланова Әсел" and user.language == "kk"
    assert "_auth_user_id" in client.session


def test_a_weak_password_is_refused_on_the_link_page(db):
    start("a@example.kz")
    url = link_in(mail.outbox[0])
    response = Client().post(url, {"password": "123"})
    assert response.status_code == 200 and response.context["form"].errors["password"]
    assert not User.objects.filter(email="a@example.kz").exists()


def test_a_link_followed_again_makes_no_second_account(db):
    start("a@example.kz")
    url = link_in(mail.outbox[0])
    Client().post(url, {"password": "Мұғалім-2026!"})
    again = Client().post(url, {"password": "Басқа-құпия-2026!"})
    assert again.status_code == 302 and again["Location"] == reverse("accounts:login")
    assert User.objects.filter(email="a@example.kz").count() == 1
    assert User.objects.get(email="a@example.kz").check_password("Мұғалім-2026!")


def test_a_damaged_or_old_link_is_refused(db, time_machine):
    import datetime

    start("a@example.kz")
    url = link_in(mail.outbox[0])
    assert Client().get(url[:-3] + "xx/").status_code == 400
    time_machine.shift(datetime.timedelta(days=4))
    assert Client().get(url).status_code == 400
    assert not User.objects.filter(email="a@example.kz").exists()


def test_the_first_step_keeps_the_name_on_a_bad_address(db):
    response = Client().post(SIGNUP, {"full_name": "Екінші Ерлан", "email": "not-an-address"})
    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert "Екінші Ерлан" in response.content.decode()
    assert not mail.outbox


@pytest.mark.any_language
def test_the_new_pages_and_letters_are_kazakh(cast):
    from ortaq.testing import english_words

    client = Client()
    sent = client.post(SIGNUP, {"full_name": "Нұрланова Әсел", "email": "asel@example.kz"})
    client.post(SIGNUP, {"full_name": "Екінші Ерлан", "email": cast.teacher.email})
    finish = client.get(link_in(mail.outbox[0]))
    broken = client.get(reverse("accounts:signup_finish", args=["broken"]))

    for page in (sent, finish, broken):
        assert english_words(page.content.decode()) == set(), page.request["PATH_INFO"]
    for letter in mail.outbox:
        assert english_words(letter.subject + " " + letter.body) == set(), letter.subject
