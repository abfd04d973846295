"""The «Copy» button beside a private calendar address (issue 15, point 11), in a real
browser: it copies, says so, falls back to selecting the address, and without
JavaScript the address is still there to select."""

from __future__ import annotations

import os

import pytest

from ortaq.testing import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 780}
NO_CLIPBOARD = "navigator.clipboard.writeText = () => Promise.reject(new Error('no clipboard'));"


@pytest.mark.parametrize("clipboard", [True, False], ids=["clipboard", "no-clipboard"])
def test_the_copy_button_copies_a_calendar_address_and_says_so(browser, live_server, cast, clipboard):
    from accounts.tests.factories import PASSWORD

    context = browser.new_context(viewport=PHONE, locale="kk-KZ")
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    else:
        context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/events/subscribe/")
    address = page.locator("#feed-personal")
    assert address.input_value().startswith(f"{live_server.url}/events/feed/")
    section = page.locator("section", has=address)
    section.get_by_role("button", name="Көшіру").click()
    said = section.get_by_role("status")
    if clipboard:
        said.filter(has_text="Көшірілді").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    else:
        said.filter(has_text="Мекенжай белгіленді").wait_for()
    # Either way the address is selected, for a paste or a copy by hand.
    assert address.evaluate("field => document.activeElement === field")
    assert address.evaluate("field => field.selectionEnd - field.selectionStart") == len(address.input_value())
    assert section.get_by_role("link", name="Осы құрылғыда жазылу").get_attribute("href").startswith("webcal://")
    context.close()


def test_without_javascript_the_address_is_there_to_select(browser, live_server, cast):
    from accounts.tests.factories import PASSWORD

    context = browser.new_context(viewport=PHONE, locale="kk-KZ", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, cast.teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/events/subscribe/")
    assert page.get_by_role("button", name="Көшіру").count() == 0  # hidden: it would do nothing
    address = page.get_by_label("Мекенжай").first
    assert address.input_value().startswith(f"{live_server.url}/events/feed/")
    assert address.get_attribute("readonly") is not None
    address.focus()
    page.keyboard.press("Control+A")
    assert address.evaluate("field => field.selectionEnd - field.selectionStart") == len(address.input_value())
    context.close()
