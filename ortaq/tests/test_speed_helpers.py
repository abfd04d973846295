"""The speed helpers change how fast a page is made, never what it shows: the busiest
pages give the same HTML with ortaq/lib/prepared.py and fragments.py on and off."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from events.tests.factories import make_event
from forums.models import Category, Forum
from forums.tests.factories import start
from materials.tests.factories import publish
from ortaq.testing import as_user, page_as_shown, same_with_and_without_speed_helpers

pytestmark = pytest.mark.django_db
# Every visit counts on a material's page: the count may differ too.
VIEWS = re.compile(r"(<dt>Қаралым</dt><dd>)\d+")


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
        page_as_shown(client, url, also=VIEWS)
    same_with_and_without_speed_helpers(settings, [client], urls, also=VIEWS)
