"""The Kazakh wording of docs/glossary.md (issue 15, point 12): one word for one thing,
a noun after a number stays singular, and month headings put the year first — checked
on the catalogue and on rendered pages."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.any_language]


def kazakh_catalogue() -> polib.POFile:
    return polib.pofile(str(Path(settings.BASE_DIR, "locale/kk/LC_MESSAGES/django.po")))


def kazakh_texts() -> list[tuple[polib.POEntry, str]]:
    return [
        (entry, text)
        for entry in kazakh_catalogue()
        for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr])
    ]


# Words the review found in the wrong place, whatever the message (the glossary's
# «never use for this» column, where the word has no right place at all).
NEVER = ["диалогтік", "кездесу жазба", "желі жетекші", "Бірдеңе дұрыс болмады", "Сіздің профил", "(ілгері)", "ұстаным"]


@pytest.mark.parametrize("word", NEVER)
def test_no_kazakh_message_uses_a_word_the_glossary_rules_out(word):
    assert [text for _entry, text in kazakh_texts() if word.lower() in text.lower()] == []


def test_upload_and_download_are_never_the_same_bare_word():
    assert [text for _entry, text in kazakh_texts() if re.search(r"\bжүкте(у|йтін|уге|лген)\b", text, re.I)] == []


def test_following_is_subscribing_and_never_observing():
    follow = [
        (e.msgid, text)
        for e, text in kazakh_texts()
        if re.search(r"follow", e.msgid, re.I) and any(path.startswith("forums/") for path, _line in e.occurrences)
    ]
    assert follow and all("жазыл" in text.lower() and "бақыла" not in text.lower() for _msgid, text in follow), follow


def test_an_event_is_called_off_with_one_word():
    cancel = [(e.msgid, text) for e, text in kazakh_texts() if re.search(r"cancel|called off", e.msgid, re.I)]
    form_button = [text for e, text in kazakh_texts() if e.msgid == "Cancel" and not e.msgctxt]
    assert form_button == ["Болдырмау"]
    wrong = [(msgid, text) for msgid, text in cancel if msgid != "Cancel" and re.search("күш|болдыр", text, re.I)]
    assert wrong == []


# Placeholders that hold a number; a noun right after one is singular.
NUMBERS = r"(?:\d+|%\((?:counter|count|days|minutes|hours|people|schools|total|taken|n|max|limit)\)[sd])"


def test_a_noun_after_a_number_stays_singular():
    plural_noun = re.compile(NUMBERS + r" (?:\w+ )?\w+(?:лар|лер|дар|дер|тар|тер)\w{0,4}\b")
    assert [text for _entry, text in kazakh_texts() if plural_noun.search(text)] == []
    # Both forms of a Kazakh plural message that shows the number say the same.
    differing = [
        entry.msgid
        for entry in kazakh_catalogue()
        if entry.msgid_plural
        and ("%(" in entry.msgid_plural or entry.msgctxt == "count")
        and len(set(entry.msgstr_plural.values())) > 1
    ]
    assert differing == []


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_network_tiles_say_11_mektep_and_280_pedagog(cast):
    from networks.models import NetworkSchool
    from schools.tests.factories import SchoolFactory

    for _ in range(9):
        NetworkSchool.objects.create(network=cast.network, school=SchoolFactory.create())
    html = page(cast.teacher, reverse("networks:detail", args=[cast.network.pk]))

    assert re.search(r'stat__value">11</span><span class="stat__label">мектеп</span>', html)
    assert re.search(r'stat__value">5</span><span class="stat__label">педагог</span>', html)
    assert "мектептер</span>" not in html and "педагогтар</span>" not in html
    cast.teacher.language = "ru"
    cast.teacher.save()
    assert 'stat__label">школ</span>' in page(cast.teacher, reverse("networks:detail", args=[cast.network.pk]))


def test_the_forum_asks_to_subscribe_to_a_discussion(cast):
    from forums.models import Forum
    from forums.tests.factories import start

    thread = start(Forum.objects.create(network=cast.network), cast.teacher)
    html = page(cast.director, thread.get_absolute_url())

    assert ">Жазылу</button>" in html and "Бақылау" not in html


def test_the_attendance_column_is_a_status_not_the_system_status(cast):
    from events.tests.factories import make_event

    html = page(cast.leader, reverse("events:attendance", args=[make_event(cast).pk]))

    assert '<th scope="col">Күйі</th>' in html
    assert '<th scope="col">Жүйе күйі</th>' not in html


def test_a_month_heading_puts_the_year_first(cast):
    url = reverse("events:network", args=[cast.network.pk]) + "?month=2026-12"

    assert "<h2>2026 ж. желтоқсан</h2>" in page(cast.teacher, url)
    cast.teacher.language = "ru"
    cast.teacher.save()
    assert "<h2>Декабрь 2026</h2>" in page(cast.teacher, url)


def test_a_series_says_every_month_without_the_number_one(cast):
    from events.tests.factories import online_series

    monthly = online_series(cast, week=None, weekday=None, month_day=5)
    every_two = online_series(cast, title="Бетпе-бет кездесу", interval=2)

    assert "Ай сайын, 5-күні" in page(cast.leader, reverse("events:series", args=[monthly.pk]))
    assert "2 айда бір рет: үшінші сәрсенбі" in page(cast.leader, reverse("events:series", args=[every_two.pk]))
    cast.leader.language = "ru"
    cast.leader.save()
    assert "ежемесячно, 5-го числа" in page(cast.leader, reverse("events:series", args=[monthly.pk]))
