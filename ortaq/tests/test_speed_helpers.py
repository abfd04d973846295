"""The speed helpers change how fast a page is made, never what it shows: the busiest
pages give the same HTML with ortaq/lib/prepared.py and fragments.py on and off."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from events.tests.factories import make_event
from forums.models import Category, Forum
from forums.tests.factories import start
from materials.tests.factories import publish
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
# A CSRF token is masked anew on every page, and a form that creates has a new one-time
# key (accounts/submissions.py): they are the things allowed to differ.
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": "|name="submission_key" value=")[\w-]{22,64}')


# Every visit counts on a material's page: the count may differ too.
VIEWS = re.compile(r"(<dt>Қаралым</dt><dd>)\d+")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return VIEWS.sub(r"\1…", TOKEN.sub(r"\1…", response.content.decode()))


def test_the_busiest_pages_are_the_same_with_the_speed_helpers_on_and_off(cast, settings):
    forum = Forum.objects.create(network=cast.network)
    Category.objects.create(forum=forum, name="Критериалды бағалау", position=1)
    thread = start(forum, cast.teacher)
    material = publish(cast)
    make_event(cast)
    client = as_user(cast.coach)
    urls = [
        reverse("forums:index", args=[cast.network.pk]),
        thread.get_absolute_url(),
        material.get_absolute_url(),
        reverse("events:network", args=[cast.network.pk]),
        reverse("networks:detail", args=[cast.network.pk]),
    ]

    # A first visit changes what a page shows (read marks); after it, nothing does.
    for url in urls:
        page(client, url)
    settings.SPEED_HELPERS = False
    plain = [page(client, url) for url in urls]
    settings.SPEED_HELPERS = True
    cache.clear()
    cold = [page(client, url) for url in urls]
    warm = [page(client, url) for url in urls]  # read from the cache this time

    for url, a, b, c in zip(urls, plain, cold, warm, strict=True):
        assert a == b == c, url
