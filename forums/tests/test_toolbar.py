"""The reply box's formatting toolbar (issue 15, point 11) is sent with names in the
reader's language, and the Markdown help is folded under it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from forums.tests.factories import start

pytestmark = [pytest.mark.django_db, pytest.mark.any_language]

NAMES = {
    "kk": ["Пішімдеу", "Қалың", "Көлбеу", "Сілтеме", "Таңбалауышты тізім", "Нөмірленген тізім", "Дәйексөз"],
    "ru": ["Оформление", "Жирный", "Курсив", "Ссылка", "Маркированный список", "Нумерованный список", "Цитировать"],
    "en": ["Formatting", "Bold", "Italic", "Link", "Bulleted list", "Numbered list", "Quote"],
}


def piece(pattern: str, html: str) -> str:
    found = re.search(pattern, html, re.S)
    assert found, pattern
    return found.group(0)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_it_names_the_toolbar_and_its_buttons_in_the_reader_s_language(cast, forum, language):
    thread = start(forum, cast.coach)
    cast.teacher.language = language
    cast.teacher.save(update_fields=["language"])
    client = Client()
    client.force_login(cast.teacher)
    html = client.get(thread.get_absolute_url()).content.decode()
    toolbar = piece(r'<div class="md-toolbar" role="toolbar".*?</div>', html)
    labels = re.findall(r'aria-label="([^"]+)"', toolbar)
    assert labels[:7] == NAMES[language]
    assert len(labels) == 8  # and the mention, named as the member search is
    assert "hidden>" in toolbar.split("\n")[0]  # shown by the script, never without it
    # The Markdown help is there, folded under its summary.
    help_text = piece(r'<details class="md-help small">.*?</details>', html)
    assert "@[" in help_text and 'id="id_body_helptext"' in help_text
    assert html.count("@[") == help_text.count("@[")
