"""The Kazakh interface must not leak English. Each page is rendered in Kazakh and
its visible text (tags, scripts and attributes stripped) is searched for English
words; what legitimately stays Latin (e-mail addresses, the product name, language
codes) is allowed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALLOWED = {"ortaq", "kk", "ru", "en", "english", "pdf", "jpeg", "png", "mb", "kb", "lesson", "study"}


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.hidden += 1
        for name, value in attrs:
            if name in {"placeholder", "title", "aria-label"} and value:
                self.parts.append(value)
            if tag == "input" and name == "value" and value and dict(attrs).get("type") in {"submit", "button"}:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def english_words(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"\S+@\S+", " ", text)  # e-mail addresses
    text = re.sub(r"https?://\S+", " ", text)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}
    return words - ALLOWED


def pages(cast) -> list[str]:
    n = cast.network.pk
    return [
        reverse("networks:list"),
        reverse("networks:create"),
        reverse("networks:detail", args=[n]),
        reverse("networks:edit", args=[n]),
        reverse("networks:translate", args=[n, "ru"]),
        reverse("networks:schools", args=[n]),
        reverse("networks:members", args=[n]),
        reverse("networks:invitation_create", args=[n]),
        reverse("networks:group_create", args=[n]),
        reverse("networks:group", args=[n, cast.group.pk]),
        reverse("networks:group_edit", args=[n, cast.group.pk]),
        reverse("accounts:profile"),
        reverse("accounts:person", args=[cast.teacher.pk]),
        reverse("accounts:password_change"),
    ]


def test_signed_in_pages_have_no_english_in_kazakh(cast):
    from networks.models import Invitation, JoinRequest

    Invitation.objects.create(network=cast.network, school=cast.attached_school)
    JoinRequest.objects.create(network=cast.network, user=cast.outsider, message="Қосылғым келеді")
    client = Client()
    client.force_login(cast.leader)
    for url in pages(cast):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == set(), url


def test_public_pages_have_no_english_in_kazakh(cast):
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    urls = [
        "/",
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
        reverse("accounts:password_reset_done"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == set(), url
    response = client.post(reverse("accounts:login"), {"username": "x@example.kz", "password": "nope"})
    assert english_words(response.content.decode()) == set()
    response = client.post(reverse("accounts:signup"), {"full_name": "", "email": "bad", "password": "1"})
    assert english_words(response.content.decode()) == set()
