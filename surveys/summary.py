"""A survey's results as a Word document (DOCX), in the reader's language.

Everything in it comes from surveys/results.py — the same ``report`` and ``compare``
the results page draws — so it shows nothing the page would hide: no figures below
five respondents, no texts of an item answered by fewer than five, no group that the
page holds back. Numbers are written as the page writes them (``floatformat``: the
reader's decimal separator), dates as dd.mm.yyyy.

Built with python-docx; a survey of 40 questions and 2,000 answers takes well under a
second (README «Results»), most of it python-docx's own XML.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from surveys.models import Audience, ItemKind, Survey, in_language
from surveys.results import Comparison, ItemResult, Report

if TYPE_CHECKING:
    from docx.document import Document as Word
    from docx.table import _Row

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DASH = "–"


def number(value: float | None, places: int = 2) -> str:
    """As the results page writes it (``floatformat`` in the reader's language)."""
    return DASH if value is None else str(floatformat(value, places))


def day(moment: object) -> str:
    return str(formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT"))  # type: ignore[arg-type]


def audience_of(survey: Survey) -> str:
    """Who was asked, in words: the audience, and the group, event or schools it names."""
    said = str(survey.get_audience_display())
    if survey.audience == Audience.GROUP and survey.group is not None:
        return f"{said}: {survey.group.name}"
    if survey.audience == Audience.EVENT and survey.event is not None:
        return f"{said}: {survey.event.title}"
    if survey.audience == Audience.SCHOOLS:
        names = ", ".join(school.name for school in survey.schools.order_by("name"))
        return f"{said}: {names}" if names else said
    return said


def build(report: Report, comparison: Comparison | None = None) -> bytes:
    """The DOCX file of a report (and its comparison with the wave before)."""
    from docx import Document
    from docx.shared import Pt

    survey = report.survey
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"  # a font every office suite has with Kazakh letters
    normal.font.size = Pt(10)
    document.core_properties.title = survey.title
    document.core_properties.language = (get_language() or "kk")[:2]
    document.add_heading(survey.title, level=0)

    facts = [
        (_("Questionnaire"), in_language(survey.version.instrument.title)),
        (_("Who answers"), audience_of(survey)),
        (_("Dates"), f"{day(survey.opens_at)}–{day(survey.closes_at)}"),
        (_("answers sent").capitalize(), str(report.respondents)),
        (_("anonymous").capitalize(), _("yes") if survey.anonymous else _("no")),
    ]
    if survey.wave:
        facts.append((_("wave").capitalize(), survey.wave))
    groups = report.shown_groups
    if report.by:
        facts.append((_("Group by"), _("school") if report.by == "school" else _("role")))
    table(document, [], facts, bold_first=True)
    if report.suppressed:
        document.add_paragraph(_("Results are shown from five answers on, so that nobody's answers can be told apart."))
        return saved(document)

    needs = report.ranked_needs()
    if needs:
        document.add_heading(_("Needs, the greatest first"), level=1)
        table(
            document,
            [_("Need"), "n", _("Mean")],
            [(scale.name, str(scale.n), number(scale.mean)) for scale in needs],
        )
        if report.by == "school" and groups:
            document.add_heading(_("Each school's three greatest needs"), level=2)
            for group, top in report.needs_by_group():
                ranked = "; ".join(f"{name} ({number(value)})" for name, value in top)
                document.add_paragraph(f"{group.label} (n={group.n}): {ranked}", style="List Bullet")

    if report.scales:
        document.add_heading(_("Scales"), level=1)
        document.add_paragraph(
            _(
                "A respondent's score on a scale is the mean of its statements, with the statements worded "
                "the other way turned round; then the mean of the respondents."
            )
        )
        table(
            document,
            [_("Scale"), _("Statements"), "n", _("Mean"), _("SD"), *[f"{g.label} (n={g.n})" for g in groups]],
            [
                (
                    scale.name,
                    str(scale.items),
                    str(scale.n),
                    DASH if scale.suppressed else number(scale.mean),
                    DASH if scale.suppressed else number(scale.sd),
                    *[number(scale.by_group.get(group.key)) for group in groups],
                )
                for scale in report.scales
            ],
        )
    if report.hidden_groups:
        document.add_paragraph(
            ngettext(
                "%(counter)s group is too small to show (fewer than five answers, or it would give a small one away).",
                "%(counter)s groups are too small to show (fewer than five answers, or they would give a small one "
                "away).",
                report.hidden_groups,
            )
            % {"counter": report.hidden_groups}
        )

    if comparison is not None and comparison.changes:
        document.add_heading(_("Change since the previous wave"), level=1)
        document.add_paragraph(
            _(
                "Compared with «%(before)s». Hedges' g is the change in standard deviations (0.2 small, "
                "0.5 medium), with its 95%% confidence interval; matched pairs are respondents whose codes "
                "meet in both waves."
            )
            % {"before": comparison.before.title}
        )
        rows = []
        for change in comparison.changes:
            independent, paired = change.independent, change.paired
            rows.append(
                (
                    change.name,
                    f"{number(independent.mean_before)} (n={independent.n_before})" if independent else DASH,
                    f"{number(independent.mean_after)} (n={independent.n_after})" if independent else DASH,
                    f"{number(independent.g)} [{number(independent.low)}; {number(independent.high)}]"
                    if independent
                    else DASH,
                    str(change.pairs) if paired else _("fewer than 5"),
                    number(paired.d) if paired else DASH,
                    number(paired.p, 3) if paired else DASH,
                )
            )
        table(
            document,
            [_("Scale"), _("Before"), _("After"), "g [95% CI]", _("Pairs"), _("Paired d"), _("Wilcoxon p")],
            rows,
        )

    document.add_heading(_("Questions"), level=1)
    by_section: dict[int, list[ItemResult]] = {}
    for result in report.items:
        by_section.setdefault(result.item.section_id, []).append(result)
    for section in survey.version.sections.order_by("position", "pk"):
        results = by_section.get(section.pk, [])
        if not results:
            continue
        document.add_heading(in_language(section.title) or _("Questions"), level=2)
        for run in runs(results):
            questions(document, run)
    return saved(document)


def saved(document: Word) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def runs(results: list[ItemResult]) -> Iterable[list[ItemResult]]:
    """The section's results in runs: statements on one scale shown side by side in
    one table (a matrix, or Likert questions one after another); every other question
    alone."""
    run: list[ItemResult] = []
    for result in results:
        same = (
            run
            and result.item.kind == ItemKind.LIKERT
            and run[-1].item.kind == ItemKind.LIKERT
            and result.item.scale_id == run[-1].item.scale_id
            and result.matrix == run[-1].matrix
        )
        if run and not same:
            yield run
            run = []
        run.append(result)
    if run:
        yield run


def label_of(result: ItemResult) -> str:
    text = result.text
    if result.item.reverse_keyed:
        text += f" ({_('worded the other way')})"
    return text


def too_few(result: ItemResult) -> str:
    return ngettext("%(counter)s answer: too few to show.", "%(counter)s answers: too few to show.", result.n) % {
        "counter": result.n
    }


def questions(document: Word, run: list[ItemResult]) -> None:
    first = run[0]
    add_paragraph = document.add_paragraph
    if first.item.kind == ItemKind.LIKERT:
        if first.matrix:
            add_paragraph(first.matrix, style="Heading 3")
        points = [point.tr("label") for point in first.item.scale.points.all()] if first.item.scale else []
        rows = []
        for result in run:
            if result.suppressed:
                rows.append((label_of(result), str(result.n), DASH, *[too_few(result)] + [""] * (len(points) - 1)))
                continue
            shares = [f"{share.count} ({number(share.percent, 1)}%)" for share in result.shares]
            rows.append((label_of(result), str(result.n), number(result.mean), *shares))
        table(document, [_("Question"), "n", _("Mean"), *points], rows)
        return
    add_paragraph(first.text, style="Heading 3")
    if first.suppressed:
        add_paragraph(too_few(first))
        return
    if first.item.is_text:
        add_paragraph(
            ngettext("%(counter)s written answer", "%(counter)s written answers", first.n) % {"counter": first.n}
        )
        for text in first.texts:
            add_paragraph(text, style="List Bullet")
        return
    line = f"n = {first.n}"
    if first.mean is not None:
        line += f" · {_('mean')} {number(first.mean)}"
    add_paragraph(line)
    if first.shares:
        table(
            document,
            [_("Choice"), _("Answers"), "%"],
            [(share.label, str(share.count), number(share.percent, 1)) for share in first.shares],
        )


def table(document: Word, header: Sequence[str], rows: Sequence[Sequence[str]], *, bold_first: bool = False) -> None:
    """A bordered table; its header row (if any) repeats on every page and is bold."""
    width = len(header) or max((len(row) for row in rows), default=1)
    grid = document.add_table(rows=0, cols=width)
    grid.style = "Table Grid"
    if header:
        cells = grid.add_row().cells
        for cell, text in zip(cells, header, strict=False):
            cell.paragraphs[0].add_run(str(text)).bold = True
        mark_header(grid.rows[0])
    for row in rows:
        cells = grid.add_row().cells
        for position, (cell, text) in enumerate(zip(cells, row, strict=False)):
            if position == 0 and bold_first:
                cell.paragraphs[0].add_run(str(text)).bold = True
            else:
                cell.text = str(text)
    document.add_paragraph()


def mark_header(row: _Row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
