"""The monitoring report as files: DOCX (python-docx), which the school edits further
and hands to the Centre, and PDF (fpdf2), which prints the same. Both are made from one
``Monitoring`` (plans/monitoring.py) in the language active when they are made, with
dates as dd.mm.yyyy; neither asks the database anything.

The PDF uses the DejaVu fonts the awards app ships (every Kazakh letter: ә ғ қ ң ө ұ ү
һ і) and draws each goal's trajectory with fpdf2's lines and circles. The DOCX shows the
same chart as a picture (drawn with Pillow, which the uploads' checks already need; a
DOCX cannot hold SVG that Word 2010 reads) above the same figures as a table.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from PIL import Image, ImageDraw, ImageFont

from awards.certificates import FONT, FONT_DIR
from plans.monitoring import GoalPart, Monitoring, day, figure
from plans.trajectory import Trajectory

BRAND = (11, 110, 138)
INK = (29, 38, 48)
MUTED = (91, 103, 115)
ALERT = (176, 32, 32)


# --- What both documents say, in the same order -----------------------------------------------


def heading_lines(m: Monitoring) -> list[tuple[str, str]]:
    plan = m.plan
    lines = [
        (_("Development plan"), plan.title),
        (_("School") if plan.school_id else _("Network"), plan.owner_name),
        (_("Period"), m.period),
        (_("Change team"), ", ".join(m.team) or "—"),
        (_("Made on"), day(m.today)),
    ]
    if plan.school_id:
        lines.insert(2, (_("Network"), plan.network.name))
    return lines


def staff_line(m: Monitoring) -> str:
    share = m.staff.certified_share
    return _("Teachers: %(teachers)s; certified: %(certified)s (%(share)s%%).") % {
        "teachers": m.staff.teachers,
        "certified": m.staff.certified,
        "share": "—" if share is None else share,
    }


def goal_rows(part: GoalPart) -> list[tuple[str, str]]:
    goal = part.goal
    progress = part.path.progress
    return [
        (_("Priority"), part.priority),
        (_("Measure"), goal.measure),
        (_("Indicator"), part.indicator),
        (_("Baseline"), figure(goal.baseline)),
        (_("Target"), f"{figure(goal.target)} ({_('by %(date)s') % {'date': day(goal.due_on)}})"),
        (_("Latest value"), figure(part.latest)),
        (_("Progress towards the target"), "—" if progress is None else f"{progress}%"),
    ]


def trajectory_rows(path: Trajectory) -> list[tuple[str, str, str]]:
    rows = [(day(point.day), point.label, figure(point.value)) for point in path.points]
    rows.append((day(path.goal.due_on), _("target"), figure(path.goal.target)))
    return rows


def words_line(m: Monitoring) -> str:
    return ngettext(
        "%(count)s word written of the %(asked)s the Centre asks for.",
        "%(count)s words written of the %(asked)s the Centre asks for.",
        m.words,
    ) % {"count": m.words, "asked": m.report.words_asked}


def section_titles() -> dict[str, str]:
    return {
        "audit": _("1. Audit"),
        "priorities": _("2. Strategic priorities"),
        "goals": _("3. Goals, indicators and success criteria"),
        "activities": _("4. Activities"),
        "evidence": _("5. Evidence"),
        "rubric": _("6. Movement on the school development rubric"),
        "reflection": _("7. Reflection"),
    }


def activity_header() -> list[str]:
    return [_("Activity"), _("Responsible"), _("From"), _("Due"), capfirst(_("status"))]


def rubric_header(m: Monitoring) -> list[str]:
    before, now = m.years
    return [_("Area"), before, now, _("Moderation")]


# --- DOCX ---------------------------------------------------------------------------------------


# Styles are named by their ids in python-docx's own template. Setting the id on the
# element skips python-docx's lookup by name, which searches every style of the
# template for each paragraph and table: that lookup was most of the time of a report
# of 20 goals.
TABLE_STYLE, BULLET_STYLE = "TableGrid", "ListBullet"


def para(document: DocxDocument, text: str = "", style: str = "") -> Paragraph:
    paragraph: Paragraph = document.add_paragraph(text)
    if style:
        paragraph._p.style = style
    return paragraph


def heading(document: DocxDocument, text: str, level: int) -> Paragraph:
    return para(document, text, "Title" if level == 0 else f"Heading{level}")


def add_table(document: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblPr.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):  # type: ignore[no-untyped-call]
            cell.paragraphs[0].add_run(str(text))
    return table


def docx_bytes(m: Monitoring) -> bytes:
    titles = section_titles()
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    document.core_properties.title = f"{_('Monitoring report')}: {m.plan.title}"
    document.core_properties.language = (m.extra.get("language") or "kk")[:2]

    heading(document, _("Monitoring report"), 0)
    para(document, m.title).runs[0].bold = True
    for label, value in heading_lines(m):
        paragraph = para(document)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    heading(document, titles["audit"], 1)
    para(document, m.self_evaluation or _("The self-evaluation is not written yet."))
    if m.methods:
        para(document, f"{_('Data-collection methods')}: {', '.join(m.methods)}.")
    para(document, staff_line(m))
    if m.data_rows:
        add_table(document, [_("What"), _("Figure"), _("Source"), _("Collected on")], m.data_rows)

    heading(document, titles["priorities"], 1)
    for number, (title, needs) in enumerate(m.priorities, start=1):
        paragraph = para(document)
        paragraph.add_run(f"{number}. {title}").bold = True
        para(document, needs)
    if not m.priorities:
        para(document, _("No priorities yet."))

    heading(document, titles["goals"], 1)
    for number, part in enumerate(m.goals, start=1):
        heading(document, f"{_('Goal %(number)s') % {'number': number}}. {part.goal.statement}", 2)
        add_table(document, [_("What"), _("Value")], goal_rows(part))
        para(document, _("Trajectory")).runs[0].italic = True
        document.add_picture(io.BytesIO(chart_png(part.path)), width=Cm(CHART_CM[0]))
        add_table(document, [_("Date"), _("Point"), _("Figure")], trajectory_rows(part.path))
        para(document, _("Success criteria")).runs[0].italic = True
        if part.criteria:
            add_table(
                document,
                [_("Success criterion"), capfirst(_("status"))],
                [(c.text, part.status_of(c)) for c in part.criteria],
            )
        else:
            para(document, _("No success criteria yet."))
    if not m.goals:
        para(document, _("No goals yet."))

    heading(document, titles["activities"], 1)
    if m.activities:
        table = add_table(
            document,
            activity_header(),
            [(a.title, a.owner, day(a.starts_on), day(a.due_on), a.status) for a in m.activities],
        )
        for row, activity in zip(table.rows[1:], m.activities, strict=True):
            if activity.overdue:
                for run in row.cells[4].paragraphs[0].runs:
                    run.bold = True
                    run.font.color.rgb = RGBColor(*ALERT)
    else:
        para(document, _("No activities yet."))

    heading(document, titles["evidence"], 1)
    for item in m.evidence:
        para(document, f"{item.text} ({item.where})" if item.where else item.text, BULLET_STYLE)
    if not m.evidence:
        para(document, _("No evidence linked yet."))

    heading(document, titles["rubric"], 1)
    if m.rubric:
        add_table(document, rubric_header(m), [(r.area, r.before, r.now, r.moderation) for r in m.rubric])
    else:
        para(document, _("The rubric places schools: a network's own plan has no stage."))

    heading(document, titles["reflection"], 1)
    note = para(document, words_line(m))
    note.runs[0].italic = True
    for text in m.report.reflection.split("\n\n") if m.report.reflection.strip() else []:
        para(document, text.strip())
    if not m.report.reflection.strip():
        para(document, _("Not written yet."))
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"{m.plan.owner_name} · {m.title} · {day(m.today)}"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


class ReportPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


LINE, PAD = 4.6, 1.0
HEAD_FILL = (230, 240, 244)


def lines_of(pdf: FPDF, text: str, width: float) -> list[str]:
    """The lines a cell's text takes: one without asking fpdf2's line breaker, which
    is slow, when it fits — as most figures and dates do."""
    if "\n" not in text and pdf.get_string_width(text) <= width:
        return [text]
    lines = pdf.multi_cell(width, LINE, text, dry_run=True, output=MethodReturnValue.LINES)
    return [str(line) for line in lines] if isinstance(lines, list) else [text]


def pdf_table(
    pdf: FPDF,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    alerts: frozenset[int] = frozenset(),
) -> None:
    """A table with a shaded header, repeated on a new page; the last cell of the rows
    in ``alerts`` in bold red (an overdue activity). Drawn cell by cell: fpdf2's own
    tables took most of the time of a report of 20 goals."""
    columns = [w * pdf.epw / sum(widths) for w in widths]

    def draw(values: Sequence[str], index: int) -> None:
        bold = index < 0
        pdf.set_font(FONT, "B" if bold else "", 9)
        cells = [lines_of(pdf, str(v), w - 2 * PAD) for v, w in zip(values, columns, strict=True)]
        height = max(len(lines) for lines in cells) * LINE + 2 * PAD
        if index >= 0 and pdf.will_page_break(height):
            pdf.add_page()
            draw(header, -1)
        x, y = pdf.l_margin, pdf.get_y()
        for column, (width, lines) in enumerate(zip(columns, cells, strict=True)):
            pdf.rect(x, y, width, height, style="DF" if bold else "D")
            alert = index in alerts and column == len(columns) - 1
            if alert:
                pdf.set_font(FONT, "B", 9)
                pdf.set_text_color(*ALERT)
            for number, line in enumerate(lines):
                pdf.set_xy(x + PAD, y + PAD + number * LINE)
                pdf.cell(width - 2 * PAD, LINE, line)
            if alert:
                pdf.set_font(FONT, "", 9)
                pdf.set_text_color(*INK)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    pdf.set_draw_color(120, 130, 140)
    pdf.set_fill_color(*HEAD_FILL)
    pdf.set_line_width(0.2)
    draw(header, -1)
    for index, values in enumerate(rows):
        draw(values, index)
    pdf.ln(2)


@dataclass(frozen=True)
class ChartScale:
    """Where a day and a figure fall in a goal's chart, as shares of its box (0 at the
    left and at the bottom): from the first point's day to the goal's date, and from the
    lowest figure to the highest with a tenth of room on each side. The PDF's chart and
    the DOCX's picture both draw by it."""

    start: datetime.date
    days: int
    low: float
    high: float

    @classmethod
    def of(cls, path: Trajectory) -> ChartScale:
        goal = path.goal
        start = path.points[0].day if path.points else goal.due_on
        values = [float(p.value) for p in path.points] + [float(goal.target), float(goal.baseline)]
        low, high = min(values), max(values)
        spread = (high - low) or 1.0
        return cls(start, max((goal.due_on - start).days, 1), low - spread * 0.1, high + spread * 0.1)

    def across(self, on: datetime.date) -> float:
        return min(max((on - self.start).days / self.days, 0.0), 1.0)

    def up(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


def chart(pdf: FPDF, path: Trajectory, width: float = 120, height: float = 38) -> None:
    """The goal's trajectory: the baseline, each check and today's live figure joined by
    a line, the target as a dashed line ending in a ring at its date."""
    goal = path.goal
    if pdf.will_page_break(height + 8):
        pdf.add_page()
    x0, y0 = pdf.l_margin + 14, pdf.get_y() + 2
    scale = ChartScale.of(path)

    start = scale.start

    def x(on: datetime.date) -> float:
        return float(x0 + width * scale.across(on))

    def y(value: float) -> float:
        return float(y0 + height - scale.up(value) * height)

    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    pdf.rect(x0, y0, width, height)
    pdf.set_font(FONT, size=7)
    pdf.set_text_color(*MUTED)
    for value in (float(goal.baseline), float(goal.target)):
        pdf.set_xy(pdf.l_margin, y(value) - 2)
        pdf.cell(13, 4, figure(type(goal.target)(str(round(value, 2)))), align="R")
    pdf.set_xy(x0 - 8, y0 + height + 0.5)
    pdf.cell(16, 4, day(start), align="C")
    pdf.set_xy(x0 + width - 8, y0 + height + 0.5)
    pdf.cell(16, 4, day(goal.due_on), align="C")
    pdf.set_draw_color(*(242, 160, 5))
    pdf.set_dash_pattern(dash=1.5, gap=1)
    pdf.line(x0, y(float(goal.target)), x(goal.due_on), y(float(goal.target)))
    pdf.set_dash_pattern()
    pdf.circle(x(goal.due_on), y(float(goal.target)), 1.6, style="D")
    points = [(x(p.day), y(float(p.value))) for p in path.points]
    pdf.set_draw_color(*BRAND)
    pdf.set_fill_color(*BRAND)
    pdf.set_line_width(0.6)
    if len(points) > 1:
        pdf.polyline(points)
    for px, py in points:
        pdf.circle(px, py, 1.1, style="F")
    # Back to the page's defaults: a table drawn next would take the fill colour.
    pdf.set_line_width(0.2)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_text_color(*INK)
    pdf.set_xy(pdf.l_margin, y0 + height + 6)


# The picture's size on the page, and its pixels per centimetre (about 250 dpi: sharp
# when printed, some 20 KB a goal).
CHART_CM = (14.0, 4.6)
CHART_PX_PER_CM = 100


def chart_png(path: Trajectory) -> bytes:
    """The PDF's chart (``chart``) as a PNG: the baseline, each check and today's live
    figure joined by a line, the target as a dashed line ending in a ring at its date,
    the first and last day under it and the baseline's and target's figures beside it."""
    goal = path.goal
    scale = CHART_PX_PER_CM
    width, height = round(CHART_CM[0] * scale), round(CHART_CM[1] * scale)
    left, right, top, bottom = round(1.6 * scale), round(0.5 * scale), round(0.2 * scale), round(0.6 * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / f"{FONT}.ttf"), round(0.28 * scale))
    box = (left, top, width - right, height - bottom)
    shares = ChartScale.of(path)
    start = shares.start

    def x(on: datetime.date) -> float:
        return float(box[0] + (box[2] - box[0]) * shares.across(on))

    def y(value: float) -> float:
        return float(box[3] - shares.up(value) * (box[3] - box[1]))

    draw.rectangle(box, outline=MUTED, width=2)
    for value in (float(goal.baseline), float(goal.target)):
        label = figure(type(goal.target)(str(round(value, 2))))
        draw.text((box[0] - 0.15 * scale, y(value)), label, fill=MUTED, font=font, anchor="rm")
    draw.text((box[0], box[3] + 0.1 * scale), day(start), fill=MUTED, font=font, anchor="la")
    draw.text((box[2], box[3] + 0.1 * scale), day(goal.due_on), fill=MUTED, font=font, anchor="ra")
    target_y, end = y(float(goal.target)), x(goal.due_on)
    dash = 0.15 * scale
    at = float(box[0])
    while at < end:
        draw.line([(at, target_y), (min(at + dash, end), target_y)], fill=(242, 160, 5), width=3)
        at += dash * 1.7
    ring = 0.16 * scale
    draw.ellipse((end - ring, target_y - ring, end + ring, target_y + ring), outline=(242, 160, 5), width=3)
    points = [(x(p.day), y(float(p.value))) for p in path.points]
    if len(points) > 1:
        draw.line(points, fill=BRAND, width=6, joint="curve")
    dot = 0.11 * scale
    for px, py in points:
        draw.ellipse((px - dot, py - dot, px + dot, py + dot), fill=BRAND)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(round(scale * 2.54), round(scale * 2.54)))
    return out.getvalue()


def pdf_bytes(m: Monitoring) -> bytes:
    titles = section_titles()
    pdf = ReportPDF(format="A4")
    pdf.footer_text = f"{m.plan.owner_name} · {m.title} · {day(m.today)}"
    pdf.set_title(f"{_('Monitoring report')}: {m.plan.title}")
    pdf.set_lang((m.extra.get("language") or "kk")[:2])
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    full = pdf.epw

    def heading(text: str, size: int = 13) -> None:
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*BRAND)
        pdf.multi_cell(full, size * 0.5, text)
        pdf.set_text_color(*INK)
        pdf.ln(1)

    def text(body: str, size: int = 10, style: str = "") -> None:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(full, 5, body)
        pdf.ln(1)

    heading(_("Monitoring report"), 18)
    text(m.title, 12, "B")
    for label, value in heading_lines(m):
        pdf.set_font(FONT, "B", 10)
        pdf.write(5, f"{label}: ")
        pdf.set_font(FONT, "", 10)
        pdf.write(5, value)
        pdf.ln(6)
    pdf.ln(2)

    heading(titles["audit"])
    text(m.self_evaluation or _("The self-evaluation is not written yet."))
    if m.methods:
        text(f"{_('Data-collection methods')}: {', '.join(m.methods)}.")
    text(staff_line(m))
    if m.data_rows:
        pdf_table(pdf, [_("What"), _("Figure"), _("Source"), _("Collected on")], m.data_rows, (40, 15, 30, 15))

    heading(titles["priorities"])
    for number, (title, needs) in enumerate(m.priorities, start=1):
        text(f"{number}. {title}", 10, "B")
        text(needs)
    if not m.priorities:
        text(_("No priorities yet."))

    heading(titles["goals"])
    for number, part in enumerate(m.goals, start=1):
        heading(f"{_('Goal %(number)s') % {'number': number}}. {part.goal.statement}", 11)
        pdf_table(pdf, [_("What"), _("Value")], goal_rows(part), (35, 65))
        pdf_table(pdf, [_("Date"), _("Point"), _("Figure")], trajectory_rows(part.path), (20, 50, 20))
        chart(pdf, part.path)
        if part.criteria:
            pdf_table(
                pdf,
                [_("Success criterion"), capfirst(_("status"))],
                [(c.text, part.status_of(c)) for c in part.criteria],
                (70, 30),
            )
        else:
            text(_("No success criteria yet."), 9)
    if not m.goals:
        text(_("No goals yet."))

    heading(titles["activities"])
    if m.activities:
        pdf_table(
            pdf,
            activity_header(),
            [(a.title, a.owner, day(a.starts_on), day(a.due_on), a.status) for a in m.activities],
            (40, 25, 13, 13, 19),
            alerts=frozenset(n for n, activity in enumerate(m.activities) if activity.overdue),
        )
    else:
        text(_("No activities yet."))

    heading(titles["evidence"])
    for item in m.evidence:
        text(f"• {item.text} ({item.where})" if item.where else f"• {item.text}", 9)
    if not m.evidence:
        text(_("No evidence linked yet."))

    heading(titles["rubric"])
    if m.rubric:
        rows = [(r.area, r.before, r.now, r.moderation) for r in m.rubric]
        pdf_table(pdf, rubric_header(m), rows, (45, 15, 15, 35))
    else:
        text(_("The rubric places schools: a network's own plan has no stage."))

    heading(titles["reflection"])
    text(words_line(m), 9)
    text(m.report.reflection.strip() or _("Not written yet."))
    return bytes(pdf.output())
