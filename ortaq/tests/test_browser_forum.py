"""Writing in the forum on a phone, in a real browser (issue 15, points 11 and 13): the
reply box is one jump from the top of a discussion, a reply sent takes the focus to
itself, and the formatting toolbar writes Markdown around what is selected."""

from __future__ import annotations

import os

import pytest

from ortaq.testing import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def discussion(cast):
    from forums import actions
    from forums.models import Forum

    forum = Forum.objects.create(network=cast.network)
    thread = actions.start_thread(forum, by=cast.coach, title="Кері байланыс", body="Қалай бересіздер?", category=None)
    for number in range(8):
        actions.reply(thread, by=cast.director, body=f"Менің тәжірибем, {number + 1}-бөлім.\n\n" + "Сөз " * 60)
    return thread


def active_element(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def test_the_reply_box_is_one_jump_from_the_top_of_a_discussion(page, live_server, cast, discussion):
    from accounts.tests.factories import PASSWORD

    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    jump = page.get_by_role("link", name="Жауап беру")
    # Near the top: the first thing after the heading, long before the posts end.
    assert jump.bounding_box()["y"] < 300
    assert page.locator("#id_body").bounding_box()["y"] > 780
    page.keyboard.press("Tab")  # the skip link
    for _ in range(30):
        if active_element(page) == "A" and page.evaluate("document.activeElement.hash") == "#id_body":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the jump to the reply box is not reached with Tab")
    page.keyboard.press("Enter")
    assert active_element(page) == "id_body"
    page.keyboard.type("Келісемін.")
    assert page.locator("#id_body").input_value() == "Келісемін."


@pytest.mark.parametrize("javascript", [True, False], ids=["with-script", "without-script"])
def test_a_reply_sent_takes_the_focus_to_itself(browser, live_server, cast, discussion, javascript):
    from accounts.tests.factories import PASSWORD

    phone = {"width": 360, "height": 780}
    context = browser.new_context(viewport=phone, locale="kk-KZ", java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    page.fill("#id_body", "Менің жауабым.")
    page.get_by_role("button", name="Жіберу").click()
    page.wait_for_load_state()
    number = discussion.posts.latest("number").number
    assert page.url.endswith(f"#post-{number}")
    assert active_element(page) == f"post-{number}"
    assert "Менің жауабым." in page.locator(f"#post-{number}").inner_text()
    # The next Tab goes on from the new post, not from the top of the page.
    page.keyboard.press("Tab")
    after_the_post = f"document.getElementById('post-{number}').compareDocumentPosition(document.activeElement)"
    assert page.evaluate(after_the_post) & 4  # DOCUMENT_POSITION_FOLLOWING
    context.close()


TOOLBAR = ["Қалың", "Көлбеу", "Сілтеме", "Таңбалауышты тізім", "Нөмірленген тізім", "Дәйексөз", "Мүшені атап өту"]


def write(page, text: str, select: tuple[int, int]) -> None:
    box = page.locator("#id_body")
    box.fill(text)
    box.evaluate(f"(box) => box.setSelectionRange({select[0]}, {select[1]})")


def test_the_toolbar_writes_markdown_around_the_selection(page, live_server, cast, discussion):
    from accounts.tests.factories import PASSWORD

    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    toolbar = page.get_by_role("toolbar", name="Пішімдеу")
    for name in TOOLBAR:
        box = toolbar.get_by_role("button", name=name, exact=True).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, name
    box = page.locator("#id_body")

    write(page, "Бүгінгі сабақ жақсы өтті", (8, 13))
    toolbar.get_by_role("button", name="Қалың").click()
    assert box.input_value() == "Бүгінгі **сабақ** жақсы өтті"
    page.keyboard.type("сабағым")  # what was chosen stays chosen, to be typed over
    assert box.input_value() == "Бүгінгі **сабағым** жақсы өтті"

    write(page, "кері байланыс", (0, 4))
    box.press("Control+i")
    assert box.input_value() == "*кері* байланыс"

    write(page, "Рубрика", (0, 7))
    toolbar.get_by_role("button", name="Сілтеме").click()
    page.keyboard.type("https://example.kz/r")  # the address is what is chosen
    assert box.input_value() == "[Рубрика](https://example.kz/r)"

    write(page, "бірінші\nекінші", (2, 10))
    toolbar.get_by_role("button", name="Нөмірленген тізім").click()
    assert box.input_value() == "1. бірінші\n2. екінші"
    write(page, "бірінші\nекінші", (0, 0))
    toolbar.get_by_role("button", name="Таңбалауышты тізім").click()
    assert box.input_value() == "- бірінші\nекінші"
    write(page, "Ол айтты", (3, 3))
    toolbar.get_by_role("button", name="Дәйексөз").click()
    assert box.input_value() == "> Ол айтты"
    page.keyboard.press("Control+z")  # the browser's undo takes it back
    assert box.input_value() == "Ол айтты"

    # One Tab stop: the arrow keys move along the toolbar.
    toolbar.get_by_role("button", name="Қалың").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Көлбеу"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Мүшені атап өту"

    # «@» opens the member search; «Insert» puts the code where the cursor was.
    write(page, "Рахмет, !", (8, 8))
    toolbar.get_by_role("button", name="Мүшені атап өту").click()
    search = page.get_by_role("searchbox", name="Мүшені аты бойынша іздеу")
    assert page.evaluate("document.activeElement.id") == "mention-q"
    search.press_sequentially("Омарова")
    page.get_by_role("button", name="Омарова Сәуле есімін мәтінге қосу").click()
    assert box.input_value() == f"Рахмет, @[Омарова Сәуле]({cast.director.pk}) !"


def test_the_reply_box_and_its_button_fit_a_phone_screen_below_its_heading(page, live_server, cast, discussion):
    from accounts.tests.factories import PASSWORD

    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    page.get_by_role("link", name="Жауап беру").click()
    label = page.get_by_text("Мәтіні", exact=True).bounding_box()
    textarea = page.locator("#id_body").bounding_box()
    send = page.get_by_role("button", name="Жіберу").bounding_box()
    # Only the toolbar between the label and the box; the help is folded, so the box
    # and «Send» fit well within one screen of this phone.
    assert textarea["y"] - label["y"] < 100
    assert send["y"] + send["height"] - label["y"] < 600
    help_text = page.get_by_text("Markdown: **қалың**")
    assert not help_text.is_visible()
    page.get_by_text("Мәтінді қалай пішімдеуге болады").click()
    assert help_text.is_visible()


def test_without_javascript_the_text_box_works_as_before(browser, live_server, cast, discussion):
    from accounts.tests.factories import PASSWORD

    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    assert not page.get_by_role("toolbar").count()
    assert not page.get_by_role("button", name="Қою").count()
    page.fill("#id_body", "**Маңызды** ой")
    page.get_by_role("button", name="Жіберу").click()
    page.wait_for_load_state()
    assert page.locator("article strong", has_text="Маңызды").count() == 1
    context.close()
