"""The Lesson Study report as files: DOCX (python-docx), which the team edits further,
and PDF (fpdf2 with the DejaVu fonts the awards app ships: every Kazakh letter). Both
are made from one ``Report`` read from the database in the language active when they
are made, with dates as dd.mm.yyyy: the theme and question, the team, the case pupils,
each lesson's plan with predictions against observations, the interviews, what
changed from lesson to lesson, and the conclusions."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

from awards.certificates import FONT, FONT_DIR
from lessonstudies.comparison import LessonTable, lesson_table
from lessonstudies.models import CasePupil, Cycle, Discussion

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
BRAND = (11, 110, 138)
INK = (29, 38, 48)


def day(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


@dataclass
class LessonPart:
    title: str
    lines: list[tuple[str, str]]
    rows: list[tuple[str, str, str, str, str]]
    interviews: list[tuple[str, str]]
    decisions: str


@dataclass
class Report:
    title: str
    heading: list[tuple[str, str]]
    question: str
    pupils: list[CasePupil]
    lessons: list[LessonPart]
    changes: list[str]
    conclusions: str


def lesson_part(table: LessonTable, decisions: str) -> LessonPart:
    lesson = table.lesson
    plan = table.plan
    lines = [
        (_("Date"), day(lesson.date)),
        (capfirst(_("teacher")), lesson.teacher.full_name),
        (capfirst(_("class")), lesson.class_name or "—"),
        (capfirst(_("learning objectives")), plan.objectives if plan else "—"),
        (capfirst(_("success criteria")), (plan.success_criteria if plan else "") or "—"),
    ]
    rows = []
    for row in table.rows:
        for cell in row.cells:
            seen = "; ".join(note.text for note in cell.notes)
            observed = "\n".join(part for part in (cell.observed, seen) if part)
            rows.append(
                (row.activity.title, cell.pupil.code, cell.prediction or "—", observed or "—", cell.change or "—")
            )
    interviews = []
    for pupil in table.pupils:
        interview = table.interviews.get(pupil.pk)
        if interview is not None:
            answered = [(question, answer.strip()) for question, answer in interview.answers() if answer.strip()]
            said = " · ".join(f"{question} — {answer}" for question, answer in answered)
            interviews.append((pupil.code, said or "—"))
    title = _("Research lesson %(number)s") % {"number": lesson.number}
    return LessonPart(title, lines, rows, interviews, decisions)


def report_of(cycle: Cycle) -> Report:
    team = [cycle.leader, *[p for p in cycle.team.all() if p.pk != cycle.leader_id]]
    lessons = list(cycle.lessons.select_related("teacher", "school").order_by("number"))
    decisions = dict(
        Discussion.objects.filter(research_lesson__cycle=cycle).values_list("research_lesson_id", "decisions")
    )
    parts = []
    changes = []
    for lesson in lessons:
        lesson.cycle = cycle
        table = lesson_table(lesson)
        parts.append(lesson_part(table, decisions.get(lesson.pk, "")))
        if lesson.number > 1 and table.plan is not None and table.plan.change_note.strip():
            changes.append(
                _("Research lesson %(number)s: %(change)s")
                % {"number": lesson.number, "change": table.plan.change_note}
            )
    subject = cycle.subject.name if cycle.subject else ""
    heading = [
        (capfirst(_("network")), cycle.network.name),
        (capfirst(_("research group")), cycle.group.name if cycle.group else "—"),
        (capfirst(_("subject")), subject or "—"),
        (capfirst(_("grade")), str(cycle.grade)),
        (capfirst(_("team leader")), cycle.leader.full_name),
        (capfirst(_("team")), ", ".join(person.full_name for person in team)),
        (_("Made on"), day(timezone.localdate())),
    ]
    return Report(
        title=_("Lesson Study report: %(theme)s") % {"theme": cycle.theme},
        heading=heading,
        question=cycle.question,
        pupils=list(cycle.pupils.select_related("observer")),
        lessons=parts,
        changes=changes,
        conclusions=cycle.conclusions,
    )


def pupil_header() -> list[str]:
    return [capfirst(_("code")), _("What the pupil is expected to do"), capfirst(_("observer"))]


def lesson_header() -> list[str]:
    return [_("Lesson activity"), _("Case pupil"), _("Predicted"), _("Observed"), _("What to change")]


# --- DOCX --------------------------------------------------------------------------------------


def report_docx(cycle: Cycle) -> bytes:
    report = report_of(cycle)
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(report.title, 0)

    def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = str(text)

    table([_("What"), _("Value")], report.heading)
    document.add_heading(capfirst(_("research question")), 1)
    document.add_paragraph(report.question)
    document.add_heading(capfirst(_("case pupils")), 1)
    table(pupil_header(), [(p.code, p.profile, p.observer.full_name) for p in report.pupils])
    for part in report.lessons:
        document.add_heading(part.title, 1)
        table([_("What"), _("Value")], part.lines)
        document.add_heading(_("Predictions and observations"), 2)
        table(lesson_header(), part.rows)
        document.add_heading(_("Pupil interviews"), 2)
        for code, said in part.interviews or [("—", _("No interviews."))]:
            document.add_paragraph(f"{code}: {said}", style="List Bullet")
        document.add_heading(capfirst(_("decisions for the next lesson")), 2)
        document.add_paragraph(part.decisions or "—")
    document.add_heading(_("What changed from lesson to lesson"), 1)
    for change in report.changes or ["—"]:
        document.add_paragraph(change, style="List Bullet")
    document.add_heading(capfirst(_("conclusions")), 1)
    document.add_paragraph(report.conclusions or _("Not written yet."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def report_pdf(cycle: Cycle) -> bytes:
    report = report_of(cycle)
    pdf = FPDF(format="A4")
    pdf.set_title(report.title)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    full = pdf.epw

    def heading(text: str, size: int = 13) -> None:
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*BRAND)
        pdf.multi_cell(full, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(1)

    def text(body: str, size: int = 10) -> None:
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(full, 5, body, align="L", new_x="LMARGIN", new_y="NEXT")

    def table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
        pdf.set_font(FONT, "", 8.5)
        with pdf.table(
            col_widths=tuple(widths),
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 240, 244)),
            line_height=4.4,
            text_align="LEFT",
        ) as grid:
            for values in [header, *rows]:
                line = grid.row()
                for value in values:
                    line.cell(str(value))
        pdf.ln(2)

    heading(report.title, 15)
    table([_("What"), _("Value")], report.heading, (30, 70))
    heading(capfirst(_("research question")))
    text(report.question)
    heading(capfirst(_("case pupils")))
    table(pupil_header(), [(p.code, p.profile, p.observer.full_name) for p in report.pupils], (12, 60, 28))
    for part in report.lessons:
        heading(part.title)
        table([_("What"), _("Value")], part.lines, (30, 70))
        heading(_("Predictions and observations"), 11)
        if part.rows:
            table(lesson_header(), part.rows, (20, 14, 22, 27, 17))
        heading(_("Pupil interviews"), 11)
        for code, said in part.interviews or [("—", _("No interviews."))]:
            text(f"• {code}: {said}", 9)
        heading(capfirst(_("decisions for the next lesson")), 11)
        text(part.decisions or "—")
    heading(_("What changed from lesson to lesson"))
    for change in report.changes or ["—"]:
        text(f"• {change}")
    heading(capfirst(_("conclusions")))
    text(report.conclusions or _("Not written yet."))
    return bytes(pdf.output())
