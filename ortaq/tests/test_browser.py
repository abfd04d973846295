"""Browser tests: a real headless Chromium (Debian's, driven by Playwright) against
a live server. CI sets ORTAQ_REQUIRE_BROWSER=1 so a missing browser fails the run
instead of silently skipping these."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("ORTAQ_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("ORTAQ_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in the test's thread; Django's async
# guard would then refuse the live server's database work done from this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if REQUIRED:
            pytest.fail(f"Chromium is required for the browser tests but is missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium or set ORTAQ_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, live_server, email: str, password: str = "ortaq-demo") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]:not([name=language])")
    page.wait_for_load_state("networkidle")


def test_the_demo_teacher_signs_in_and_sees_the_network_page_in_kazakh(page, live_server):
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    sign_in(page, live_server, "teacher@demo.ortaq.kz")
    assert page.url.rstrip("/") == live_server.url  # home lists the person's networks
    page.get_by_role("link", name="Шуақ").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "kk"
    body = page.locator("main").inner_text()
    assert "Бірлік бар жерде тірлік бар" in body
    assert "Overview" not in body and "Charter" not in body and "teachers" not in body
    # The page fits a 360 px phone: nothing pushes the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_language_switch_turns_the_page_russian_and_back(page, live_server):
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    sign_in(page, live_server, "teacher@demo.ortaq.kz")
    page.click("button[name=language][value=ru]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.click("button[name=language][value=kk]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "kk"


HOSTILE_MARKDOWN = """Сабақ туралы пікірім.

<script>window.pwned = "script"; alert("script")</script>
<img src="/nowhere.png" onerror="window.pwned = 'onerror'; alert('img')">
[Мұнда басыңыз](javascript:window.pwned='link';alert('link'))
<a href="javascript:window.pwned='html-link'">HTML сілтеме</a>
<iframe src="javascript:alert('frame')"></iframe>
<svg onload="window.pwned='svg'"></svg>
"""


def test_a_hostile_post_never_runs_in_the_browser(page, live_server):
    from forums.models import Thread

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    thread = Thread.objects.filter(forum__group=None, is_locked=False).order_by("pk").first()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server, "teacher@demo.ortaq.kz")

    # The preview renders the text as it will be shown: already harmless.
    page.goto(f"{live_server.url}/forum/threads/{thread.pk}/")
    page.fill("#reply-form textarea[name=body]", HOSTILE_MARKDOWN)
    page.click("#reply-form button[name=preview]")
    page.wait_for_selector("#preview :text('Сабақ туралы пікірім')")
    page.click("#reply-form button[type=submit]:not([name=preview])")
    page.wait_for_load_state("networkidle")

    post = page.locator("article", has_text="Сабақ туралы пікірім").last
    post.wait_for()
    # The link's text stays, without its address; clicking it does nothing.
    post.get_by_text("Мұнда басыңыз").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator("main [href^='javascript:' i], main [src^='javascript:' i]").count() == 0
    assert page.locator("main script, main iframe, main [onerror], main [onload]").count() == 0


def test_the_record_keeps_what_was_typed_through_a_task_a_refused_file_and_a_kept_one(page, live_server, settings):
    """Issue 15, points 1 and 8, as a person does it: the agenda and notes survive adding
    a task and uploading files; a file larger than allowed is taken out before it is
    sent; a file chosen with a mistake elsewhere is kept and added with the next press."""
    import datetime
    import io

    from django.utils import timezone
    from PIL import Image

    from accounts.tests.factories import PASSWORD
    from events.models import Record
    from events.tests.factories import make_event
    from ortaq.testing import make_cast

    settings.ORTAQ_UPLOAD_LIMITS = dict.fromkeys(("image", "document", "audio", "video"), 5000)
    cast = make_cast()
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=2))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    photo = {"name": "сурет.png", "mimeType": "image/png", "buffer": buffer.getvalue()}
    sign_in(page, live_server, cast.leader.email, PASSWORD)
    page.goto(f"{live_server.url}/events/{event.pk}/record/")

    page.fill("textarea[name=agenda]", "Сауалнама нәтижелері")
    page.fill("textarea[name=notes]", "Топтар үш ұсыныс айтты.")
    page.fill("input[name=task_title]", "Рефлексия жазу")
    page.select_option("select[name=task_owner]", str(cast.teacher.pk))
    page.click("button[value=add_task]")
    page.wait_for_load_state("networkidle")
    assert page.input_value("textarea[name=agenda]") == "Сауалнама нәтижелері"
    assert page.locator("#tasks").get_by_text("Рефлексия жазу").count() == 1

    # Too large: taken out of the choice, with a message naming it, before anything is sent.
    page.set_input_files("input[name=attachments]", {**photo, "name": "үлкен.png", "buffer": b"\x89PNG" * 2000})
    assert "үлкен.png" in page.locator(".upload-too-large").inner_text()
    assert page.evaluate("document.querySelector('input[name=attachments]').files.length") == 0

    # A file chosen with a half-written task: the page comes back with the file kept.
    page.fill("textarea[name=notes]", "Топтар үш ұсыныс айтты. Келесі кездесу — желтоқсанда.")
    page.select_option("select[name=task_owner]", str(cast.coach.pk))
    page.set_input_files("input[name=attachments]", photo)
    page.click("button[value=upload]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".kept-files").get_by_text("сурет.png").count() == 1
    assert page.input_value("textarea[name=notes]").endswith("желтоқсанда.")

    page.fill("input[name=task_title]", "Жоспар құру")
    page.click("button[value=add_task]")
    page.wait_for_load_state("networkidle")

    record = Record.objects.get(event=event)
    assert (record.agenda, record.notes) == (
        "Сауалнама нәтижелері",
        "Топтар үш ұсыныс айтты. Келесі кездесу — желтоқсанда.",
    )
    assert sorted(task.title for task in record.tasks.all()) == ["Жоспар құру", "Рефлексия жазу"]
    assert [file.name for file in event.attachments.all()] == ["сурет.png"]
    assert page.locator("#files").get_by_text("сурет.png").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
