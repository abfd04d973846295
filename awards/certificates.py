"""Award documents as PDF, drawn with fpdf2 when someone opens them (only the Award
row is stored).

The wording is a formal document's, kept here in the three languages rather than
in the interface catalogue: a certificate must come out in the recipient's
language, with Kazakh typography («» quotes, dd.mm.yyyy dates), even while an
interface translation lags behind. The font is DejaVu Sans (awards/fonts/, with
its licence), which has every Kazakh letter: ә ғ қ ң ө ұ ү һ і.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.conf import settings
from fpdf import FPDF

from awards.models import Award

# fpdf2 subsets the font with fontTools, which logs every glyph at INFO: not for our logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
BRAND = (11, 110, 138)  # --brand of ortaq.css
SUN = (242, 183, 5)  # --sun
INK = (29, 38, 48)
MUTED = (91, 103, 115)


# A document is a heading and lines under it; each line is (style, text) and the text
# may use {network} {name} {event} {date} {nomination} {reason} {hours}.
Lines = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Wording:
    title: dict[str, str]  # Award.Kind → the heading
    lines: dict[str, Lines]  # Award.Kind → the lines under it
    default_reason: str
    hours: str
    issued: str
    signed: str
    code: str
    check: str
    open_quote: str
    close_quote: str


WORDING: dict[str, Wording] = {
    "kk": Wording(
        title={"merit": "МАДАҚТАМА", "thanks": "АЛҒЫС ХАТ", "participation": "СЕРТИФИКАТ"},
        lines={
            "merit": (
                ("intro", "{network} желілік қоғамдастығы"),
                ("name", "{name}"),
                ("emph", "{nomination}"),
                ("body", "номинациясы бойынша марапатталады"),
                ("small", "Іс-шара: {event}, {date}"),
            ),
            "thanks": (
                ("name", "{name}"),
                ("body", "{event} ({date}) іс-шарасында {reason} {network} желілік қоғамдастығы алғыс білдіреді."),
            ),
            "participation": (
                ("intro", "Осы сертификат"),
                ("name", "{name}"),
                ("body", "{event} ({date}) іс-шарасына қатысқанын растайды."),
            ),
        },
        default_reason="белсенді жұмыс атқарғаны үшін",
        hours="Көлемі: {hours} сағат.",
        issued="Берілген күні: {date}",
        signed="Ұйымдастырушы",
        code="Тексеру коды: {code}",
        check="Түпнұсқалығын тексеру: {url}",
        open_quote="«",
        close_quote="»",
    ),
    "ru": Wording(
        title={"merit": "ГРАМОТА", "thanks": "БЛАГОДАРСТВЕННОЕ ПИСЬМО", "participation": "СЕРТИФИКАТ"},
        lines={
            "merit": (
                ("intro", "награждается"),
                ("name", "{name}"),
                ("body", "в номинации"),
                ("emph", "{nomination}"),
                ("small", "Мероприятие: {event}, {date}"),
            ),
            "thanks": (
                ("name", "{name}"),
                ("lead", "{reason} в мероприятии {event} ({date})."),
                ("small", "Сетевое сообщество {network}"),
            ),
            "participation": (
                ("intro", "Настоящий сертификат подтверждает, что"),
                ("name", "{name}"),
                ("body", "принял(а) участие в мероприятии {event} ({date})."),
            ),
        },
        default_reason="за активную работу",
        hours="Объём: {hours} ч.",
        issued="Дата выдачи: {date}",
        signed="Организатор",
        code="Код проверки: {code}",
        check="Проверить подлинность: {url}",
        open_quote="«",
        close_quote="»",
    ),
    "en": Wording(
        title={"merit": "CERTIFICATE OF MERIT", "thanks": "LETTER OF THANKS", "participation": "CERTIFICATE"},
        lines={
            "merit": (
                ("intro", "is awarded to"),
                ("name", "{name}"),
                ("body", "in the nomination"),
                ("emph", "{nomination}"),
                ("small", "Event: {event}, {date}"),
            ),
            "thanks": (
                ("intro", "with gratitude to"),
                ("name", "{name}"),
                ("body", "{reason} at {event} ({date})."),
                ("small", "The network community {network}"),
            ),
            "participation": (
                ("intro", "This is to certify that"),
                ("name", "{name}"),
                ("body", "took part in {event} ({date})."),
            ),
        },
        default_reason="for active work",
        hours="Volume: {hours} hours.",
        issued="Issued on {date}",
        signed="Organiser",
        code="Verification code: {code}",
        check="Check that it is genuine: {url}",
        open_quote="\u201c",
        close_quote="\u201d",
    ),
}

# style → (size in pt, bold, colour, space after in mm)
STYLES = {
    "intro": (14, False, MUTED, 4),
    "name": (26, True, INK, 6),
    "emph": (18, True, BRAND, 3),
    "body": (14, False, INK, 4),
    "lead": (14, False, INK, 4),  # a sentence of its own: starts with a capital
    "small": (12, False, MUTED, 3),
}


def short_date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def strip_quotes(text: str) -> str:
    return text.strip().strip("«»\"“”„'").strip()


def verification_url(award: Award) -> str:
    return settings.SITE_URL + award.verification_path()


class CertificatePDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(28, 20, 28)

    def frame(self) -> None:
        width, height = self.w, self.h
        self.set_draw_color(*BRAND)
        self.set_line_width(1.6)
        self.rect(10, 10, width - 20, height - 20)
        self.set_draw_color(*SUN)
        self.set_line_width(0.6)
        self.rect(14, 14, width - 28, height - 28)

    def centred(
        self, text: str, *, size: float, bold: bool = False, colour: tuple[int, int, int] = INK, gap: float = 2
    ) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin)
        self.multi_cell(self.w - self.l_margin - self.r_margin, size * 0.5, text, align="C")
        self.ln(gap)

    def qr(self, url: str, *, x: float, y: float, size: float) -> None:
        """The QR code drawn as vector squares: sharp when printed at any size."""
        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(url)
        code.make(fit=True)
        matrix = code.get_matrix()
        module = size / len(matrix)
        self.set_fill_color(*INK)
        for row, cells in enumerate(matrix):
            col = 0
            while col < len(cells):
                if not cells[col]:
                    col += 1
                    continue
                start = col
                while col < len(cells) and cells[col]:
                    col += 1
                self.rect(x + start * module, y + row * module, (col - start) * module, module, style="F")


def render(award: Award) -> bytes:
    words = WORDING.get(award.language, WORDING["kk"])

    def quote(text: str) -> str:
        return f"{words.open_quote}{strip_quotes(text)}{words.close_quote}"

    network = award.network.name
    values = {
        "network": quote(network),
        "name": award.recipient_name,
        "event": quote(award.title),
        "date": short_date(award.event_date),
        "nomination": quote(award.nomination) if award.nomination else "",
        "reason": strip_quotes(award.reason) or words.default_reason,
    }

    pdf = CertificatePDF()
    pdf.set_title(f"{words.title[award.kind]} — {award.recipient_name}")
    pdf.set_author(network)
    pdf.set_creator("Ortaq")
    pdf.set_lang(award.language)
    pdf.set_creation_date(datetime.datetime.combine(award.issued_on, datetime.time(), tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.frame()

    pdf.set_y(34)
    pdf.centred(network.upper(), size=12, bold=True, colour=BRAND, gap=6)
    pdf.centred(words.title[award.kind], size=34, bold=True, colour=BRAND, gap=2)
    pdf.set_draw_color(*SUN)
    pdf.set_line_width(0.8)
    pdf.line(pdf.w / 2 - 30, pdf.get_y() + 2, pdf.w / 2 + 30, pdf.get_y() + 2)
    pdf.ln(10)
    lines = list(words.lines[award.kind])
    if award.kind == Award.Kind.PARTICIPATION and award.hours:
        lines.append(("body", words.hours))
    for style, template in lines:
        text = template.format(**values, hours=award.hours or "")
        if not text.strip():
            continue
        size, bold, colour, gap = STYLES[style]
        pdf.centred(
            text[:1].upper() + text[1:] if style == "lead" else text,
            size=size,
            bold=bold,
            colour=colour,
            gap=gap,
        )

    # Footer: date and signature on the left, the QR code and the code on the right.
    bottom = pdf.h - 24
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 11)
    pdf.set_xy(28, bottom - 26)
    pdf.cell(120, 6, words.issued.format(date=short_date(award.issued_on)))
    pdf.set_xy(28, bottom - 14)
    pdf.cell(120, 6, f"{words.signed}: ____________  {award.signatory}")

    size = 30
    url = verification_url(award)
    pdf.qr(url, x=pdf.w - 28 - size, y=bottom - size - 4, size=size)
    pdf.set_font(FONT, "B", 10)
    pdf.set_xy(pdf.w - 28 - 110, bottom - 2)
    pdf.cell(110, 5, words.code.format(code=award.code), align="R")
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(pdf.w - 28 - 200, bottom + 3)
    pdf.cell(200, 4, words.check.format(url=url), align="R")
    return bytes(pdf.output())


def filename(award: Award) -> str:
    words = WORDING.get(award.language, WORDING["kk"])
    return f"{words.title[award.kind]} — {award.recipient_name}.pdf"
