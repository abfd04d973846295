"""The Kazakh interface must not leak English. Each page is rendered in Kazakh and
its visible text (tags, scripts and attributes stripped) is searched for English
words; what legitimately stays Latin (e-mail addresses, the product name, language
codes) is allowed."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ortaq.testing import english_words

pytestmark = pytest.mark.django_db


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
        reverse("networks:person", args=[cast.teacher.pk]),
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


# --- Every page of the demo ---------------------------------------------------------------

# The demo's own content may be Latin: an English lesson «Holidays», «INSERT» (a
# reading strategy), licences «CC BY», verification codes. Those words are read from
# the database; any other English word on a page is the interface leaking.
CONTENT_APPS = {"accounts", "networks", "schools", "subjects", "forums", "materials", "events"}
CONTENT_APPS |= {"observations", "awards"}  # they left events with their rows (award codes)
SKIPPED = re.compile(r"^/(admin|static|media)/|/logout/|/language/|\.(ics|pdf|png|jpg)$|/(download|files?|feed)/")
PER_SHAPE = 2  # pages per address shape (/forum/threads/N/): enough to meet every template


def content_words() -> set[str]:
    from django.apps import apps
    from django.db import models

    words: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        kinds = models.CharField | models.TextField | models.JSONField  # JSON: a charter's translations
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields).iterator():
            for text in strings(row):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", text))
    return words


def strings(value: object) -> list[str]:
    """The texts inside a value (a JSON field's values, nested)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings(item)]
    return []


def crawl(client: Client, start: list[str], limit: int = 300) -> tuple[dict[str, set[str]], dict[str, int], set[str]]:
    """Follows the links of the site from ``start``; returns the English words of each
    page that has any, the pages that did not answer 200 or a redirect, and every
    page visited."""
    queue, seen, shapes = list(start), set(), {}
    leaks: dict[str, set[str]] = {}
    failures: dict[str, int] = {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("?")[0])
        if url in seen or SKIPPED.search(url) or shapes.get(shape, 0) >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        if response.status_code not in (200, 301, 302):
            failures[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if words := english_words(html):
            leaks[url] = words
        queue.extend(href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)"', html))
    return leaks, failures, seen


@pytest.mark.parametrize("email", ["leader@demo.ortaq.kz", "teacher@demo.ortaq.kz", None])
def test_every_page_of_the_demo_reads_kazakh(email):
    import os

    from django.core.management import call_command

    from accounts.models import User

    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    if email:
        client.force_login(User.objects.get(email=email))
    leaks, failures, seen = crawl(client, ["/", reverse("search:results") + "?q=сабақ"])
    sections = {url.split("/")[1] for url in seen}
    assert {"forum", "library", "events", "search"} <= sections if email else {"search"} <= sections
    allowed = content_words()
    leaks = {url: words - allowed for url, words in leaks.items() if words - allowed}
    assert leaks == {}
    assert failures == {}
