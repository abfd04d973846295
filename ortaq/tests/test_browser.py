"""Browser tests: a real headless Chromium (Debian's, driven by Playwright) against
a live server (the ``browser`` and ``page`` fixtures are in ortaq/tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from ortaq.testing import sign_in

TABS = Path(__file__).resolve().parents[2] / "networks" / "templates" / "networks" / "_tabs.html"

# Playwright's sync API runs an event loop in the test's thread; Django's async
# guard would then refuse the live server's database work done from this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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


@pytest.mark.parametrize("javascript", [True, False], ids=["with-script", "without-script"])
def test_remove_on_the_members_page_asks_first_and_removes_nothing(browser, live_server, javascript):
    """Issue 15, point 2: a red «Remove» on each of the members page's rows used to act
    on one click. On a 360 px phone the row is a card with the button in reach; the
    click shows what will be lost, and only the confirmation removes."""
    from accounts.tests.factories import PASSWORD
    from networks.models import Membership
    from ortaq.testing import make_cast

    cast = make_cast()
    teacher = cast.network.memberships.get(user=cast.teacher)
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="kk-KZ", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server, cast.leader.email, PASSWORD)
        page.goto(f"{live_server.url}/networks/{cast.network.pk}/members/")
        row = page.locator("main tbody tr", has_text=cast.teacher.full_name)
        row.locator("summary").click()  # «Өңдеу» opens the member's role and removal
        remove = row.get_by_role("button", name=f"{cast.teacher.full_name} — алып тастау")
        box = remove.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360  # in reach, not scrolled away sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        remove.click()
        page.wait_for_load_state("networkidle")
        heading = page.locator("main h1").inner_text()
        assert cast.teacher.full_name in heading and "шығарылсын ба?" in heading
        assert "«Дамытушы топ»" in page.locator("main").inner_text()  # the group they would leave
        assert Membership.objects.filter(pk=teacher.pk).exists()

        page.get_by_role("link", name="Артқа қайту").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/networks/{cast.network.pk}/members/")
        assert Membership.objects.filter(pk=teacher.pk).exists()

        row = page.locator("main tbody tr", has_text=cast.teacher.full_name)
        row.locator("summary").click()
        row.get_by_role("button", name=f"{cast.teacher.full_name} — алып тастау").click()
        page.get_by_role("button", name="Желіден шығару").click()
        page.wait_for_load_state("networkidle")
        assert not Membership.objects.filter(pk=teacher.pk).exists()
        assert cast.teacher.full_name not in page.locator("main table").inner_text()
    finally:
        context.close()


def test_a_group_s_people_are_found_by_name_and_picked_with_the_keyboard(page, live_server, cast):
    from accounts.tests.factories import PASSWORD
    from networks.models import Group

    sign_in(page, live_server, cast.coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/networks/{cast.network.pk}/groups/new/")
    page.fill("input[name=name]", "Зерттеуші топ")
    # The check boxes give way to a search box, named by the field's legend.
    members = page.get_by_role("combobox", name="Мүшелер")
    assert page.locator("input[name=members]").first.is_hidden()

    members.press_sequentially("ЖҰМА")
    page.wait_for_selector("#id_members_found [role=option]")
    assert page.locator("#id_members_found [role=option]").all_inner_texts()[0].startswith("Жұмабеков Ерлан")
    assert members.get_attribute("aria-expanded") == "true"
    members.press("ArrowDown")
    assert members.get_attribute("aria-activedescendant") == "id_members_search_option0"
    members.press("Enter")  # picks; the form is not sent
    chips = page.locator(".people-picker__chips .chip")
    assert chips.all_inner_texts() == [f"Жұмабеков Ерлан — {cast.attached_school.name}\n×"]
    assert page.locator("#id_members_status").inner_text().endswith("Жұмабеков Ерлан — №7 орта мектеп")
    assert members.input_value() == "" and members.get_attribute("aria-expanded") == "false"

    # A tap picks too; whoever is chosen is not offered again.
    members.press_sequentially("бек")
    page.wait_for_selector("#id_members_found [role=option]")
    assert "Жұмабеков" not in page.locator("#id_members_found").inner_text()
    page.locator("#id_members_found [role=option]", has_text="Бекова Айгүл").click()
    assert chips.count() == 2
    page.get_by_role("button", name=f"Жұмабеков Ерлан — {cast.attached_school.name} — алып тастау").click()
    assert chips.count() == 1

    leader = page.get_by_role("combobox", name="Топ жетекшісі")
    leader.press_sequentially("сәуле")  # Омарова Сәуле, by her first name
    page.wait_for_selector("#id_leader_found [role=option]")
    leader.press("ArrowDown")
    leader.press("Enter")
    page.get_by_role("button", name="Сақтау").click()
    page.wait_for_url(f"{live_server.url}/networks/{cast.network.pk}/groups/*/")
    group = Group.objects.get(name="Зерттеуші топ")
    assert group.leader == cast.director and list(group.members.all()) == [cast.coach]


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
    pick_person(page, "task_owner", cast.teacher.full_name)
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
    pick_person(page, "task_owner", cast.coach.full_name)
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
    assert page.locator("#files").get_by_role("link", name="сурет.png").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_ticking_remove_on_a_record_file_removes_nothing_until_the_record_is_saved(page, live_server):
    """Issue 15: «remove» beside a file of the record is a box of the one form. Ticking it
    sends nothing and strikes the file; the file goes only with the record saved, and
    the text typed is saved with it."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from accounts.tests.factories import PASSWORD
    from events import actions
    from events.models import Record
    from events.tests.factories import make_event
    from ortaq.testing import make_cast

    cast = make_cast()
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=2))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    photo = actions.add_attachment(
        event, SimpleUploadedFile("сурет.png", buffer.getvalue(), content_type="image/png"), by=cast.leader
    )
    sign_in(page, live_server, cast.leader.email, PASSWORD)
    url = f"{live_server.url}/events/{event.pk}/record/"
    page.goto(url)
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.method) if request.method == "POST" else None)

    page.fill("textarea[name=notes]", "Кездесу өтті.")
    page.check(f"input[name=remove_files][value='{photo.pk}']")
    page.wait_for_timeout(300)

    assert sent == [] and page.url == url  # the first click sent nothing
    assert event.attachments.filter(pk=photo.pk).exists()
    link = page.locator("#files").get_by_role("link", name="сурет.png")
    assert "line-through" in link.evaluate("element => getComputedStyle(element).textDecorationLine")
    page.uncheck(f"input[name=remove_files][value='{photo.pk}']")
    assert "line-through" not in link.evaluate("element => getComputedStyle(element).textDecorationLine")

    page.check(f"input[name=remove_files][value='{photo.pk}']")
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")

    assert page.url.rstrip("/") == f"{live_server.url}/events/{event.pk}"
    assert not event.attachments.exists()
    assert Record.objects.get(event=event).notes == "Кездесу өтті."
    assert "сурет.png" in page.locator(".messages").inner_text()


def pick_person(page, field: str, name: str) -> None:
    """Picks a person in a people picker (networks/widgets.py) by typing their name."""
    box = page.locator(f"#id_{field}_search")
    box.press_sequentially(name.split()[0][:5])
    page.locator(f"#id_{field}_found [role=option]", has_text=name).first.click()


def test_a_network_s_tabs_all_show_on_a_phone_and_sign_in_links_are_tap_targets(page, live_server, cast):
    from accounts.tests.factories import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    for name in ("Құпиясөзді ұмыттыңыз ба?", "Тіркелу"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, name
    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/forum/{cast.network.pk}/")
    tabs = page.get_by_role("navigation", name="Желі бөлімдері")
    # They wrap rather than scroll: every tab whole on the screen, «Форум» marked as here.
    assert tabs.evaluate("nav => nav.scrollWidth <= nav.clientWidth")
    links = tabs.get_by_role("link")
    assert links.count() == TABS.read_text().count("<a ")
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24, link.inner_text()
    assert tabs.locator("[aria-current=page]").inner_text() == "Форум"
