"""A short-term plan (ҚМЖ) as the schools print it, and a whole series, one lesson a
page: DOCX (python-docx), which a teacher edits further, and PDF (fpdf2), which prints
the same. Both follow the usual ҚМЖ table layout:

1. the header table — unit, teacher, date, class with the pupils present and absent,
   topic, the curriculum's learning objectives (codes), the lesson's objectives, the
   success criteria, values and cross-curricular links;
2. the lesson's course — stage and minutes, the teacher's actions, the pupils'
   actions, assessment, resources;
3. differentiation and assessment side by side, then the reflection.

They are written in the language active when they are made (the page's), with dates as
dd.mm.yyyy, from lessons whose stages are prefetched: neither asks the database.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from awards.certificates import FONT, FONT_DIR
from lessonplans.models import LessonPlan, Series, Stage

TABLE_STYLE = "TableGrid"
HEAD_FILL = "E6F0F4"


def day(value: object) -> str:
    return value.strftime("%d.%m.%Y") if value is not None and hasattr(value, "strftime") else ""


def number(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Sheet:
    """What one lesson's pages say, as text, in the order both documents print it."""

    title: str
    header: list[tuple[str, str]]
    class_row: list[tuple[str, str]]
    header_after: list[tuple[str, str]]
    stage_header: list[str]
    stages: list[list[str]]
    closing_header: list[str]
    closing: list[str]
    reflection: tuple[str, str]


def sheet_of(series: Series, lesson: LessonPlan) -> Sheet:
    stages: Sequence[Stage] = list(lesson.stages.all())
    teacher = lesson.teacher.full_name if lesson.teacher else ""
    return Sheet(
        title=_("Short-term plan"),
        header=[
            (_("Unit"), series.unit),
            (_("Teacher's full name"), teacher),
            (_("Date"), day(lesson.date)),
        ],
        class_row=[
            (_("Class"), lesson.class_name or str(series.grade)),
            (_("Number present"), number(lesson.present)),
            (_("Number absent"), number(lesson.absent)),
        ],
        header_after=[
            (_("Lesson topic"), lesson.topic),
            (_("Learning objectives of the curriculum"), lesson.codes_label),
            (_("Lesson objectives"), lesson.objectives),
            (_("Assessment criteria"), lesson.success_criteria),
            (_("Values and cross-curricular links"), lesson.values),
        ],
        stage_header=[
            _("Stage of the lesson / time"),
            _("Teacher's actions"),
            _("Pupils' actions"),
            _("Assessment"),
            _("Resources"),
        ],
        stages=[
            [
                f"{stage.get_part_display()}\n{_('%(minutes)s min') % {'minutes': stage.minutes}}"
                if stage.minutes
                else str(stage.get_part_display()),
                stage.teacher_actions,
                stage.pupil_actions,
                stage.assessment,
                stage.resources,
            ]
            for stage in stages
        ],
        closing_header=[
            _("Differentiation: how do you plan to give more support, and more challenge?"),
            _("Assessment: how do you plan to check what pupils have learned?"),
        ],
        closing=[lesson.differentiation, lesson.assessment],
        reflection=(_("Reflection on the lesson"), lesson.reflection),
    )


# --- DOCX ----------------------------------------------------------------------------------------


def shade(cell: _Cell) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), HEAD_FILL)
    properties.append(fill)


def write(cell: _Cell, text: str, *, bold: bool = False) -> None:
    """The text in the cell, its lines as lines."""
    paragraph = cell.paragraphs[0]
    for index, line in enumerate((text or "").replace("\r\n", "\n").split("\n")):
        run = paragraph.add_run(line)
        run.bold = bold
        if index:
            run._r.addprevious(OxmlElement("w:br"))


def label_cell(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell)


def new_table(document: DocxDocument, rows: int, cols: int) -> Table:
    table: Table = document.add_table(rows=rows, cols=cols)
    table._tbl.tblPr.style = TABLE_STYLE
    return table


def add_sheet(document: DocxDocument, series: Series, sheet: Sheet) -> None:
    title = document.add_paragraph()
    title.add_run(sheet.title).bold = True
    title.runs[0].font.size = Pt(13)
    document.add_paragraph(f"{series.title} · {series.subject.name} · {series.grade_label}")

    # The header table: a label and its value on each row; the class row has three pairs.
    table = new_table(document, len(sheet.header) + 1 + len(sheet.header_after), 6)
    rows = iter(table.rows)
    for label, value in sheet.header:
        row = next(rows)
        label_cell(row.cells[0].merge(row.cells[1]), label)
        write(row.cells[2].merge(row.cells[5]), value)
    row = next(rows)
    for index, (label, value) in enumerate(sheet.class_row):
        label_cell(row.cells[2 * index], label)
        write(row.cells[2 * index + 1], value)
    for label, value in sheet.header_after:
        row = next(rows)
        label_cell(row.cells[0].merge(row.cells[1]), label)
        write(row.cells[2].merge(row.cells[5]), value)

    heading = document.add_paragraph()
    heading.add_run(_("The course of the lesson")).bold = True
    stages = new_table(document, 1 + len(sheet.stages), len(sheet.stage_header))
    for cell, text in zip(stages.rows[0].cells, sheet.stage_header, strict=True):
        label_cell(cell, text)
    for row, values in zip(stages.rows[1:], sheet.stages, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            write(cell, text)

    document.add_paragraph()
    closing = new_table(document, 2, 2)
    for cell, text in zip(closing.rows[0].cells, sheet.closing_header, strict=True):
        label_cell(cell, text)
    for cell, text in zip(closing.rows[1].cells, sheet.closing, strict=True):
        write(cell, text)
    reflection = new_table(document, 2, 1)
    label_cell(reflection.rows[0].cells[0], sheet.reflection[0])
    write(reflection.rows[1].cells[0], sheet.reflection[1])


def new_document(title: str, language: str) -> DocxDocument:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    section = document.sections[0]
    # The ҚМЖ is printed across the page: five columns of the lesson's course.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.core_properties.title = title
    document.core_properties.language = language
    return document


def lessons_docx(series: Series, lessons: Sequence[LessonPlan], language: str) -> bytes:
    """One DOCX: a lesson a page (a series, or one lesson)."""
    title = lessons[0].topic if len(lessons) == 1 else series.title
    document = new_document(title, language)
    if len(lessons) != 1:
        cover = document.add_paragraph()
        cover.add_run(_("Medium-term plan")).bold = True
        document.add_paragraph(series.title)
        for label, value in series_lines(series):
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
        if lessons:
            table = new_table(document, 1 + len(lessons), 3)
            for cell, text in zip(
                table.rows[0].cells, (_("No."), _("Lesson topic"), _("Learning objectives")), strict=True
            ):
                label_cell(cell, text)
            for row, lesson in zip(table.rows[1:], lessons, strict=True):
                write(row.cells[0], str(lesson.order))
                write(row.cells[1], lesson.topic)
                write(row.cells[2], lesson.codes_label)
    for index, lesson in enumerate(lessons):
        if index or len(lessons) != 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_sheet(document, series, sheet_of(series, lesson))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def series_lines(series: Series) -> list[tuple[str, str]]:
    lines = [
        (_("Subject"), series.subject.name),
        (_("Grade"), str(series.grade)),
        (_("Unit"), series.unit),
        (_("Modules of the programme"), "; ".join(series.module_labels())),
        (_("Developing group"), series.group.name if series.group else ""),
        (_("Authors"), ", ".join(a.full_name for a in series.authors.all())),
    ]
    return [(label, value) for label, value in lines if value]


# --- PDF ---------------------------------------------------------------------------------------

LINE, PAD = 4.4, 1.0
INK = (29, 38, 48)
FILL = (230, 240, 244)


class SheetPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7)
        self.cell(0, 4, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def lines_of(pdf: FPDF, text: str, width: float) -> list[str]:
    if not text:
        return [""]
    if "\n" not in text and pdf.get_string_width(text) <= width:
        return [text]
    lines = pdf.multi_cell(width, LINE, text, dry_run=True, output=MethodReturnValue.LINES)
    return [str(line) for line in lines] if isinstance(lines, list) else [text]


def pdf_row(pdf: FPDF, values: Sequence[str], widths: Sequence[float], shaded: Sequence[bool]) -> None:
    """A row of cells of the given widths (mm), as tall as its longest text; shaded cells
    are labels, in bold."""
    cells = []
    for value, width, label in zip(values, widths, shaded, strict=True):
        pdf.set_font(FONT, "B" if label else "", 8.5)
        cells.append(lines_of(pdf, value, width - 2 * PAD))
    height = max(len(lines) for lines in cells) * LINE + 2 * PAD
    if pdf.will_page_break(height):
        pdf.add_page()
    x, y = pdf.l_margin, pdf.get_y()
    for lines, width, label in zip(cells, widths, shaded, strict=True):
        pdf.set_fill_color(*FILL)
        pdf.rect(x, y, width, height, style="DF" if label else "D")
        pdf.set_font(FONT, "B" if label else "", 8.5)
        for index, line in enumerate(lines):
            pdf.set_xy(x + PAD, y + PAD + index * LINE)
            pdf.cell(width - 2 * PAD, LINE, line)
        x += width
    pdf.set_xy(pdf.l_margin, y + height)


def pdf_sheet(pdf: FPDF, series: Series, sheet: Sheet) -> None:
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, sheet.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, 5, f"{series.title} · {series.subject.name} · {series.grade_label}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    label_width = width * 0.28
    for label, value in sheet.header:
        pdf_row(pdf, [label, value], [label_width, width - label_width], [True, False])
    sixth = width / 6
    flat = [text for pair in sheet.class_row for text in pair]
    pdf_row(pdf, flat, [sixth] * 6, [True, False] * 3)
    for label, value in sheet.header_after:
        pdf_row(pdf, [label, value], [label_width, width - label_width], [True, False])
    pdf.ln(3)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 6, _("The course of the lesson"), new_x="LMARGIN", new_y="NEXT")
    widths = [width * share for share in (0.14, 0.28, 0.24, 0.17, 0.17)]
    pdf_row(pdf, sheet.stage_header, widths, [True] * 5)
    for values in sheet.stages:
        pdf_row(pdf, values, widths, [False] * 5)
    pdf.ln(3)
    pdf_row(pdf, sheet.closing_header, [width / 2] * 2, [True, True])
    pdf_row(pdf, sheet.closing, [width / 2] * 2, [False, False])
    pdf.ln(3)
    pdf_row(pdf, [sheet.reflection[0]], [width], [True])
    pdf_row(pdf, [sheet.reflection[1]], [width], [False])


def lessons_pdf(series: Series, lessons: Sequence[LessonPlan], language: str) -> bytes:
    pdf = SheetPDF(orientation="L", format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_draw_color(120, 130, 140)
    pdf.set_text_color(*INK)
    pdf.footer_text = series.title
    pdf.set_title(lessons[0].topic if len(lessons) == 1 else series.title)
    pdf.set_lang(language)
    if len(lessons) != 1:
        pdf.add_page()
        pdf.set_font(FONT, "B", 14)
        pdf.cell(0, 8, _("Medium-term plan"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 6, series.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        width = pdf.epw
        for label, value in series_lines(series):
            pdf_row(pdf, [label, value], [width * 0.28, width * 0.72], [True, False])
        pdf.ln(3)
        if lessons:
            widths = [width * 0.08, width * 0.62, width * 0.30]
            pdf_row(pdf, [_("No."), _("Lesson topic"), _("Learning objectives")], widths, [True] * 3)
            for lesson in lessons:
                pdf_row(pdf, [str(lesson.order), lesson.topic, lesson.codes_label], widths, [False] * 3)
    for lesson in lessons:
        pdf_sheet(pdf, series, sheet_of(series, lesson))
    return bytes(pdf.output())


def file_name(series: Series, lesson: LessonPlan | None, extension: str) -> str:
    stem = f"{series.title} - {lesson.order}" if lesson else series.title
    cleaned = "".join(ch if ch.isalnum() or ch in " -_.«»" else "_" for ch in stem).strip()[:120]
    return f"{cleaned or 'lessons'}.{extension}"
