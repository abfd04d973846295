"""A parent answers a survey from a printed link on a phone whose connection drops:
what was typed on the screen is kept on the device and put back (surveys/device_draft.js)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KEY = "ortaq-draft:"
FORWARD = "button[name=go]:not([value=back])"


def parents_link(cast):
    from surveys import actions
    from surveys.shipped import load_library
    from surveys.tests.factories import make_survey

    library = {instrument.code: instrument for instrument, _changed in load_library()}
    survey = make_survey(cast, library["parents-engagement"], audience="link")
    return actions.create_links(survey, count=1, single_use=True)[0]


def stored(page) -> list[str]:
    return page.evaluate(f"Object.keys(localStorage).filter((key) => key.startsWith('{KEY}'))")


def test_it_puts_back_what_was_typed_when_the_send_did_not_arrive(page, live_server, cast):
    link = parents_link(cast)
    url = live_server.url + link.get_absolute_url()
    page.goto(url)
    page.locator(FORWARD).click()
    page.wait_for_load_state()
    radios = page.locator("input[type=radio]")
    first, second = radios.nth(0), radios.nth(1)
    name = first.get_attribute("name")
    second.check()
    assert stored(page) == [KEY + link.get_absolute_url()]

    page.context.set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.locator(FORWARD).click()
        page.wait_for_load_state()
        page.goto(url)
    page.context.set_offline(False)
    page.goto(url)  # the same link later: the server never got the answer

    assert page.locator(f"input[name='{name}']:checked").get_attribute("value") == second.get_attribute("value")
    assert "құрылғыда" in page.locator("form [role=status]").inner_text()

    page.locator("button[form=answers][value=ru]").click()  # sends the screen, shows it again in Russian
    page.wait_for_load_state()
    assert page.locator(f"input[name='{name}']:checked").get_attribute("value") == second.get_attribute("value")
    assert page.locator("form [role=status]").count() == 0  # what the server shows is what was typed

    for group in set(page.eval_on_selector_all("input[type=radio]", "radios => radios.map((r) => r.name)")):
        page.locator(f"input[name='{group}']").last.check()
    for field in page.locator("select, input[type=number], input[type=text]").all():
        if field.evaluate("f => f.tagName") == "SELECT":
            field.select_option(index=1)
        else:
            field.fill("7")
    page.locator(FORWARD).click()  # the answers sent: the thanks page
    page.wait_for_load_state()
    assert "/done/" in page.url
    assert stored(page) == []  # the server has them now: the copy on the device goes
