"""A page loads a script only when it uses it (issue 15, point 13): htmx where an
element has an hx- attribute, the people picker where a picker is, the upload check
where a file input is. Every page of the demo is crawled as a leader, a teacher and a
visitor, and each page's scripts must be exactly the ones it uses."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ortaq.testing import crawl, demo_client

pytestmark = pytest.mark.django_db

HTMX = "vendor/htmx-"
USES = {
    # hx-headers on <body> only passes the CSRF token to whatever htmx sends.
    HTMX: re.compile(r"\shx-(?!headers)[a-z-]+="),
    "networks/people_picker.js": re.compile(r"\sdata-people-picker[\s>]"),
    "ortaq/uploads.js": re.compile(r"\sdata-max-bytes="),
    "ortaq/copy.js": re.compile(r"\sdata-copy="),
    "ortaq/open_wide.js": re.compile(r"\sdata-open-wide[\s>]"),
    "forums/toolbar.js": re.compile(r"\sdata-md-for="),
    "surveys/device_draft.js": re.compile(r"\sdata-device-draft(-done)?="),
    # The reflection's live word count: only where the textarea it counts is.
    "plans/word_count.js": re.compile(r"\sdata-word-count-for="),
    "plans/print.js": re.compile(r"\sdata-print[\s>]"),
    # Lesson Study: the observation sheet's offline queue of notes.
    "lessonstudies/observation_sheet.js": re.compile(r"\sdata-observation-sheet="),
}


def scripts_of(html: str) -> set[str]:
    return {script for script in USES if re.search(rf'<script src="[^"]*{re.escape(script)}', html)}


def used_by(html: str) -> set[str]:
    used = {script for script, mark in USES.items() if mark.search(html)}
    if "networks/people_picker.js" in used:
        used.add(HTMX)  # the picker asks the network through htmx
    return used


def test_scripts_say_what_they_need():
    html = '<body hx-headers=\'{"X-CSRFToken": "t"}\'><div class="people-picker" data-people-picker data-multiple>'
    assert used_by(html) == {HTMX, "networks/people_picker.js"}
    assert used_by('<body hx-headers="{}"><p>Сәлем</p>') == set()
    assert scripts_of('<script src="/static/vendor/htmx-2.0.11.min.js" defer></script>') == {HTMX}


@pytest.mark.parametrize("email", ["leader@demo.ortaq.kz", "teacher@demo.ortaq.kz", None])
def test_every_page_loads_the_scripts_it_uses_and_no_other(email):
    client = demo_client(email)
    wrong = {}
    pages = 0
    for url, response in crawl(client, ["/", reverse("search:results") + "?q=сабақ", reverse("accounts:login")]):
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        if scripts_of(html) != used_by(html):
            wrong[url] = {"loads": sorted(scripts_of(html)), "uses": sorted(used_by(html))}
    assert pages > (40 if email else 5)
    assert wrong == {}


def test_pages_that_only_show_load_no_htmx(cast):
    import datetime

    from django.utils import timezone

    from awards.actions import issue_award
    from events.models import Participation
    from events.tests.factories import make_event

    held = make_event(cast, timezone.localdate() - datetime.timedelta(days=3), kind="seminar")
    Participation.objects.create(event=held, user=cast.teacher, status="registered", attendance="present")
    award = issue_award(held, cast.teacher, by=cast.leader, kind="thanks")
    visitor = Client()
    for url in [
        reverse("awards:verify_code", args=[award.code]),
        reverse("awards:verify"),
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
        reverse("accounts:signup"),
        "/",
    ]:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert scripts_of(response.content.decode()) == set(), url
    teacher = Client()
    teacher.force_login(cast.teacher)
    for url in [
        "/",
        reverse("networks:detail", args=[cast.network.pk]),
        reverse("events:subscriptions"),
        reverse("notifications:index"),
        reverse("accounts:password_change"),
    ]:
        response = teacher.get(url)
        assert response.status_code == 200, url
        assert HTMX not in scripts_of(response.content.decode()), url
