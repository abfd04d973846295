"""The search page on a phone and on a desktop (issue 15, point 11): the filters are
folded away on a phone, so the results come first, unless one is chosen, and open on a
desktop."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("width", "address", "open_"),
    [
        (360, "?q={q}", False),
        (360, "?q={q}&kind=material", True),
        (1280, "?q={q}", True),
    ],
    ids=["phone", "phone-with-a-filter", "desktop"],
)
def test_the_filters_are_folded_on_a_phone_unless_one_is_chosen(browser, live_server, width, address, open_):
    context = browser.new_context(viewport={"width": width, "height": 780}, locale="kk-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/search/{address.format(q=quote('бағалау'))}")
    kind = page.get_by_label("Түрі")
    assert kind.is_visible() is open_
    assert page.get_by_role("button", name="Іздеу").is_visible()
    if not open_:
        page.get_by_text("Сүзгілер").click()  # one tap opens them
        assert kind.is_visible()
        kind.select_option("material")
        page.get_by_role("button", name="Іздеу").click()
        page.wait_for_url("**kind=material**")
        assert page.get_by_label("Түрі").is_visible()
    context.close()
