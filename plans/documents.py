"""The monitoring report as files: DOCX (python-docx), which the school edits further
and hands to the Centre, and PDF (fpdf2), which prints the same. Both are made from one
``Monitoring`` (plans/monitoring.py) in the language active when they are made, with
dates as dd.mm.yyyy; neither asks the database anything.

The PDF uses the DejaVu fonts the awards app ships (every Kazakh letter: ә ғ қ ң ө ұ ү
һ і) and draws each goal's trajectory with fpdf2's lines and circles. The DOCX gives
the same trajectory as a table: a chart there would need a drawing library.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from docx.table import Table
from fpdf import FPDF
from fpdf.fonts import FontFace

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


def add_table(document: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):  # type: ignore[no-untyped-call]
            cell.text = str(text)
    return table


def docx_bytes(m: Monitoring) -> bytes:
    titles = section_titles()
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    document.core_properties.title = f"{_('Monitoring report')}: {m.plan.title}"
    document.core_properties.language = (m.extra.get("language") or "kk")[:2]

    document.add_heading(_("Monitoring report"), level=0)
    document.add_paragraph(m.title).runs[0].bold = True
    for label, value in heading_lines(m):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    document.add_heading(titles["audit"], level=1)
    document.add_paragraph(m.self_evaluation or _("The self-evaluation is not written yet."))
    if m.methods:
        document.add_paragraph(f"{_('Data-collection methods')}: {', '.join(m.methods)}.")
    document.add_paragraph(staff_line(m))
    if m.data_rows:
        add_table(document, [_("What"), _("Figure"), _("Source"), _("Collected on")], m.data_rows)

    document.add_heading(titles["priorities"], level=1)
    for number, (title, needs) in enumerate(m.priorities, start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number}. {title}").bold = True
        document.add_paragraph(needs)
    if not m.priorities:
        document.add_paragraph(_("No priorities yet."))

    document.add_heading(titles["goals"], level=1)
    for number, part in enumerate(m.goals, start=1):
        document.add_heading(f"{_('Goal %(number)s') % {'number': number}}. {part.goal.statement}", level=2)
        add_table(document, [_("What"), _("Value")], goal_rows(part))
        document.add_paragraph(_("Trajectory")).runs[0].italic = True
        add_table(document, [_("Date"), _("Point"), _("Figure")], trajectory_rows(part.path))
        document.add_paragraph(_("Success criteria")).runs[0].italic = True
        if part.criteria:
            add_table(
                document,
                [_("Success criterion"), capfirst(_("status"))],
                [(c.text, part.status_of(c)) for c in part.criteria],
            )
        else:
            document.add_paragraph(_("No success criteria yet."))
    if not m.goals:
        document.add_paragraph(_("No goals yet."))

    document.add_heading(titles["activities"], level=1)
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
        document.add_paragraph(_("No activities yet."))

    document.add_heading(titles["evidence"], level=1)
    for item in m.evidence:
        document.add_paragraph(f"{item.text} ({item.where})" if item.where else item.text, style="List Bullet")
    if not m.evidence:
        document.add_paragraph(_("No evidence linked yet."))

    document.add_heading(titles["rubric"], level=1)
    if m.rubric:
        add_table(document, rubric_header(m), [(r.area, r.before, r.now, r.moderation) for r in m.rubric])
    else:
        document.add_paragraph(_("The rubric places schools: a network's own plan has no stage."))

    document.add_heading(titles["reflection"], level=1)
    note = document.add_paragraph(words_line(m))
    note.runs[0].italic = True
    for text in m.report.reflection.split("\n\n") if m.report.reflection.strip() else []:
        document.add_paragraph(text.strip())
    if not m.report.reflection.strip():
        document.add_paragraph(_("Not written yet."))
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


HEAD = FontFace(emphasis="BOLD", fill_color=(230, 240, 244))


def pdf_table(pdf: FPDF, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    pdf.set_font(FONT, size=9)
    with pdf.table(col_widths=tuple(widths), headings_style=HEAD, line_height=5, padding=1) as table:
        for values in [header, *rows]:
            row = table.row()
            for value in values:
                row.cell(str(value))
    pdf.ln(2)


def chart(pdf: FPDF, path: Trajectory, width: float = 120, height: float = 38) -> None:
    """The goal's trajectory: the baseline, each check and today's live figure joined by
    a line, the target as a dashed line ending in a ring at its date."""
    goal = path.goal
    if pdf.will_page_break(height + 8):
        pdf.add_page()
    x0, y0 = pdf.l_margin + 14, pdf.get_y() + 2
    start = path.points[0].day if path.points else goal.due_on
    days = max((goal.due_on - start).days, 1)
    values = [float(p.value) for p in path.points] + [float(goal.target), float(goal.baseline)]
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    low, high = low - spread * 0.1, high + spread * 0.1

    def x(on: object) -> float:
        share = min(max((on - start).days / days, 0), 1)  # type: ignore[operator]
        return float(x0 + width * share)

    def y(value: float) -> float:
        return float(y0 + height - (value - low) / (high - low) * height)

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
        pdf.set_font(FONT, size=9)
        alert = FontFace(emphasis="BOLD", color=ALERT)
        with pdf.table(col_widths=(40, 25, 13, 13, 19), headings_style=HEAD, line_height=5, padding=1) as table:
            row = table.row()
            for value in activity_header():
                row.cell(value)
            for activity in m.activities:
                row = table.row()
                for value in (activity.title, activity.owner, day(activity.starts_on), day(activity.due_on)):
                    row.cell(value)
                row.cell(activity.status, style=alert if activity.overdue else None)
        pdf.ln(2)
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
