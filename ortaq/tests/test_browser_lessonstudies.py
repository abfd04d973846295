"""An observer fills the Lesson Study observation sheet on a 360 px phone whose
connection drops: the notes wait on the phone and reach the server once each when it
returns (lessonstudies/static/lessonstudies/observation_sheet.js)."""

from __future__ import annotations

import os
import time

import pytest
from django.conf import settings

from ortaq.testing import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KEY = "ortaq-ls-notes:"


def queued(page) -> int:
    return page.evaluate(
        f"Object.keys(localStorage).filter((k) => k.startsWith('{KEY}'))"
        ".reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).length, 0)"
    )


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        time.sleep(0.2)


def test_notes_typed_offline_reach_the_server_once_each(page, live_server, cast):
    from lessonstudies.models import Note
    from lessonstudies.tests.factories import add_pupils, make_cycle, make_lesson

    cycle = make_cycle(cast)
    add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle, days=0)
    cast.coach.set_password(settings.ORTAQ_DEMO_PASSWORD)
    cast.coach.save()
    sign_in(page, live_server, cast.coach.email)
    page.goto(f"{live_server.url}/lesson-studies/lessons/{lesson.pk}/sheet/")
    pupils = page.locator(".ls-pupil span")
    assert pupils.count() == 2  # the coach observes А and В
    box = pupils.first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb's target

    page.context.set_offline(True)
    texts = ["А жұбына сұрақ қойды", "В үндемеді", "А қолын көтерді"]
    for index, text in enumerate(texts):
        pupils.nth(1 if index == 1 else 0).click()
        page.fill("#ls-text", text)
        page.click(".ls-send")
    assert queued(page) == 3
    assert "Желі жоқ" in page.locator(".ls-status").inner_text()
    assert page.locator(".ls-notes li").count() == 3
    assert Note.objects.count() == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_for(lambda: Note.objects.count() == 3 and queued(page) == 0)
    assert sorted(Note.objects.values_list("text", flat=True)) == sorted(texts)
    assert set(Note.objects.values_list("observer", flat=True)) == {cast.coach.pk}

    # A note whose answer was lost on the way is sent again: the server keeps it once.
    kept = Note.objects.order_by("pk")[0]
    sent = str(kept.client_id)
    page.evaluate(
        f"""() => {{
          const key = Object.keys(localStorage).find((k) => k.startsWith('{KEY}'));
          localStorage.setItem(key, JSON.stringify([{{client_id: '{sent}', pupil: '{kept.pupil_id}',
            text: 'қайта', activity: '', noted_at: new Date().toISOString(), seat_x: '', seat_y: ''}}]));
          window.dispatchEvent(new Event('online'));
        }}"""
    )
    wait_for(lambda: queued(page) == 0)
    assert Note.objects.count() == 3
