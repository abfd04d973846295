"""Awards: issued in bulk to attendees, drawn as PDF in the recipient's language with
a font that has every Kazakh letter, and checked on a public page by their code."""

from __future__ import annotations

import datetime
import re
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from fontTools.ttLib import TTFont

from awards import actions, certificates
from awards.models import Award
from events.models import Participation
from events.tests.factories import make_event
from ortaq.testing import as_user, people_pickers

pytestmark = pytest.mark.django_db
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def unescape(literal: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        return bytes([int(code, 8)]) if code[:1].isdigit() else ESCAPES.get(code, code)

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal, flags=re.S)


def streams(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"(?<!end)stream\r?\n", pdf):
        raw = pdf[match.end() : pdf.index(b"endstream", match.end())]
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def unicode_maps(pdf: bytes) -> list[dict[int, str]]:
    """Each embedded font's ToUnicode map: glyph id → character."""
    maps = []
    for cmap in re.findall(rb"begincmap(.*?)endcmap", pdf, re.S):
        pairs = re.findall(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4,8})>", cmap)
        maps.append({int(cid, 16): chr(int(code, 16)) for cid, code in pairs})
    return maps


def text_of(pdf: bytes) -> str:
    """The words drawn on the page, read back through each font's ToUnicode map
    (no PDF library needed: fpdf2 writes Identity-H strings of glyph ids)."""
    content = b"".join(s for s in streams(pdf) if b" Tj" in s)
    strings = [unescape(s) for s in re.findall(rb"\((.*?)(?<!\\)\) Tj", content, re.S)]
    lines = []
    for mapping in unicode_maps(pdf):
        for string in strings:
            ids = [int.from_bytes(string[i : i + 2], "big") for i in range(0, len(string), 2)]
            lines.append("".join(mapping.get(i, "\ufffd") for i in ids))
    return "\n".join(lines)


def seminar_with_attendees(cast):
    event = make_event(
        cast,
        timezone.localdate() - datetime.timedelta(days=5),
        kind="seminar",
        title="Шаһардағы желілік қоғамдастық – нәтижеге бағытталған іс-әрекет",
    )
    for person, attendance in ((cast.teacher, "present"), (cast.coach, "present"), (cast.director, "absent")):
        Participation.objects.create(event=event, user=person, status="registered", attendance=attendance)
    return event


def test_the_shipped_font_has_every_kazakh_letter():
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        cmap = TTFont(certificates.FONT_DIR / name).getBestCmap()
        assert all(ord(letter) in cmap for letter in KAZAKH_LETTERS), name
    assert (certificates.FONT_DIR / "LICENSE-DejaVu.txt").exists()


def test_a_certificate_of_merit_is_a_kazakh_pdf_with_the_font_embedded(cast):
    event = seminar_with_attendees(cast)
    cast.teacher.full_name = "Құрбан Жанат Төлегенұлы"
    cast.teacher.save()
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="merit", nomination="«Ең үздік шебер сынып»")

    response = as_user(cast.teacher).get(reverse("awards:pdf", args=[award.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and re.search(rb"/BaseFont /[A-Z]{6}\+DejaVuSans", pdf)
    drawn = set("".join("".join(m.values()) for m in unicode_maps(pdf)))
    assert set("әғқңөұүһі") <= drawn
    text = text_of(pdf)
    assert "МАДАҚТАМА" in text
    assert "Құрбан Жанат Төлегенұлы" in text
    assert "«Ең үздік шебер сынып»" in text  # the quotes are not doubled
    assert "««" not in text
    assert event.local_date.strftime("%d.%m.%Y") in text
    assert award.code in text


def test_the_pdf_is_in_the_recipients_language(cast):
    event = seminar_with_attendees(cast)
    cast.coach.language = "ru"
    cast.coach.save()

    award = actions.issue_award(event, cast.coach, by=cast.leader, kind="participation", hours=6)
    text = text_of(certificates.render(award))

    assert award.language == "ru"
    assert "СЕРТИФИКАТ" in text and "Объём: 6 ч." in text and "принял(а) участие" in text


def test_awards_are_issued_in_bulk_to_those_present_once_after_a_confirmation(cast):
    event = seminar_with_attendees(cast)
    client = as_user(cast.leader)
    url = reverse("awards:event", args=[event.pk])

    asked = client.post(url, {"kind": "thanks", "to": "present", "reason": "белсенді жұмысы үшін"})
    page = asked.content.decode()
    assert asked.status_code == 200 and "Issue 2 awards?" in page
    assert cast.teacher.full_name in page and cast.director.full_name not in page
    assert 'value="белсенді жұмысы үшін"' in page  # what was typed goes on with the confirmation
    assert not Award.objects.exists()

    response = client.post(url, {"kind": "thanks", "to": "present", "confirmed": "on"})
    again = client.post(url, {"kind": "thanks", "to": "present", "confirmed": "on"})

    assert response.status_code == 302
    assert set(Award.objects.values_list("recipient", flat=True)) == {cast.teacher.pk, cast.coach.pk}
    assert again.status_code == 200 and "Nobody to award" in again.content.decode()
    assert Award.objects.count() == 2
    assert set(Award.objects.values_list("recipient_name", flat=True)) == {cast.teacher.full_name, cast.coach.full_name}


def test_the_recipient_is_picked_by_name_among_the_network_s_people(cast):
    event = seminar_with_attendees(cast)
    client = as_user(cast.leader)
    url = reverse("awards:event", args=[event.pk])
    assert people_pickers(client.get(url)) == {"recipient": reverse("networks:people", args=[cast.network.pk])}
    refused = client.post(url, {"kind": "thanks", "to": "one", "recipient": cast.outsider.pk})
    assert refused.status_code == 200 and refused.context["form"].errors["recipient"]
    assert not Award.objects.exists()
    assert client.post(url, {"kind": "thanks", "to": "one", "recipient": cast.coach.pk}).status_code == 302
    assert Award.objects.get().recipient == cast.coach


def test_an_award_needs_its_nomination_or_hours(cast):
    event = seminar_with_attendees(cast)
    client = as_user(cast.leader)

    url = reverse("awards:event", args=[event.pk])
    merit = client.post(url, {"kind": "merit", "to": "one", "recipient": cast.teacher.pk})
    hours = client.post(url, {"kind": "participation", "to": "present"})
    nobody = client.post(url, {"kind": "thanks", "to": "one"})

    assert "needs a nomination" in merit.content.decode()
    assert "number of hours" in hours.content.decode()
    assert "Choose the recipient" in nobody.content.decode()
    assert not Award.objects.exists()
    with pytest.raises(ValidationError):
        actions.issue_award(event, cast.teacher, by=cast.leader, kind="medal")


def test_the_verification_page_says_genuine_revoked_or_unknown_without_sign_in(cast):
    event = seminar_with_attendees(cast)
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")
    anonymous = Client()

    genuine = anonymous.get(reverse("awards:verify_code", args=[award.code]))
    typed = anonymous.get(reverse("awards:verify"), {"code": award.code.lower().replace("-", "- ")})
    unknown = anonymous.get(reverse("awards:verify_code", args=["AAAA-BBBB-CCCC"]))
    as_user(cast.leader).post(reverse("awards:revoke", args=[award.pk]), {"reason": "Қате берілді", "confirmed": "yes"})
    revoked = anonymous.get(reverse("awards:verify_code", args=[award.code]))

    assert genuine.status_code == 200 and "Genuine" in genuine.content.decode()
    assert cast.teacher.full_name in genuine.content.decode()
    assert typed.status_code == 302 and typed["Location"] == reverse("awards:verify_code", args=[award.code])
    assert unknown.status_code == 404 and "Unknown code" in unknown.content.decode()
    assert revoked.status_code == 200 and "Revoked" in revoked.content.decode()
    assert "Genuine" not in revoked.content.decode()


def test_revoking_needs_a_reason(cast):
    event = seminar_with_attendees(cast)
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")

    response = as_user(cast.leader).post(
        reverse("awards:revoke", args=[award.pk]), {"reason": " ", "confirmed": "yes"}, follow=True
    )

    assert "Say why" in response.content.decode()
    award.refresh_from_db()
    assert not award.is_revoked


def test_who_may_open_an_award(cast):
    event = seminar_with_attendees(cast)
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")
    url = reverse("awards:pdf", args=[award.pk])

    assert as_user(cast.teacher).get(url).status_code == 200
    assert as_user(cast.coordinator).get(url).status_code == 200
    assert as_user(cast.coach).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404


@pytest.mark.parametrize(
    "typed",
    [
        "RAAH BUTY RBUS",  # split by spaces, as printed under the QR code
        "RAAHBUTYRBUS",  # run together
        "raah-buty-rbus",  # small letters
        " RAAH—BUTY.RBUS ",  # a long dash, a dot, spaces around
        "R\u0410\u0410\u041d-\u0412U\u0422\u0423-R\u0412US",  # Cyrillic А, Н, В, Т, У copied by eye
    ],
)
def test_it_finds_a_code_however_it_was_typed(cast, typed):
    event = seminar_with_attendees(cast)
    award = actions.issue_award(event, cast.teacher, by=cast.leader, kind="thanks")
    Award.objects.filter(pk=award.pk).update(code="RAAH-BUTY-RBUS")

    typed_in_form = Client().get(reverse("awards:verify"), {"code": typed})
    in_the_address = Client().get(reverse("awards:verify_code", args=[typed.strip()]))

    assert typed_in_form["Location"] == reverse("awards:verify_code", args=["RAAH-BUTY-RBUS"])
    assert in_the_address.status_code == 200 and "Genuine" in in_the_address.content.decode()


def test_no_award_is_issued_before_the_event_has_taken_place(cast):
    coming = make_event(cast, timezone.localdate() + datetime.timedelta(days=3), kind="seminar")
    client = as_user(cast.leader)

    one = client.post(
        reverse("awards:event", args=[coming.pk]), {"kind": "thanks", "to": "one", "recipient": cast.teacher.pk}
    )
    everyone = client.post(reverse("awards:event", args=[coming.pk]), {"kind": "thanks", "to": "present"})

    assert "once the event has taken place" in one.content.decode()
    assert "once the event has taken place" in everyone.content.decode()
    assert not Award.objects.exists()
