"""axe-core over the main pages, at 360 px and on a desktop, as a teacher and as a
leader: no serious or critical violation."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command

from ortaq.testing import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (360, 1280)


def main_pages() -> dict[str, list[str]]:
    from events.models import Event
    from forums.models import Thread
    from materials.models import Material
    from networks.models import Network
    from observations.models import Lesson

    network = Network.objects.get(name="Шуақ")
    thread = Thread.objects.filter(forum__network=network, forum__group=None).order_by("pk").first()
    material = Material.objects.filter(network=network).order_by("pk").first()
    seminar = Event.objects.filter(network=network, lesson_links__isnull=False).order_by("pk").first()
    assert thread and material and seminar
    lesson = Lesson.objects.filter(event_link__event=seminar).order_by("pk").first()
    n = network.pk
    read = [
        "/",
        f"/networks/{n}/",
        f"/forum/{n}/",
        f"/forum/threads/{thread.pk}/",
        f"/library/network/{n}/",
        f"/library/{material.pk}/",
        "/events/",
        f"/events/network/{n}/plan/",
        f"/events/{seminar.pk}/",
        f"/events/lessons/{lesson.pk}/" if lesson else "/events/",
        "/notifications/",
        "/notifications/settings/",
        "/search/?q=сабақ",
        "/accounts/profile/",
    ]
    organise = [f"/networks/{n}/members/", f"/events/{seminar.pk}/attendance/", f"/events/{seminar.pk}/awards/"]
    return {"teacher@demo.ortaq.kz": read, "leader@demo.ortaq.kz": organise}


def test_the_main_pages_have_no_serious_accessibility_violation(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    axe = Axe()
    found = []
    for email, paths in main_pages().items():
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, locale="kk-KZ")
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, live_server, email)
            for path in paths:
                response = page.goto(f"{live_server.url}{path}")
                assert response is not None and response.status == 200, path
                for violation in axe.run(page).response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        target = violation["nodes"][0]["target"]
                        found.append((width, email, path, violation["id"], target))
            context.close()
    assert found == []
