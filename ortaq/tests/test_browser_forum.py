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
