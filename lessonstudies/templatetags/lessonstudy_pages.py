"""The heaviest pieces of the discussion and comparison pages (issue 20).

The two grids are written out here rather than by template loops: the discussion's
cells (each case pupil's prediction, notes and two fields, per activity) and the
comparison's rows (each place in the plan, lesson beside lesson). A loop of Django's
templates over them cost more than everything else those pages do; these write the
same markup, every text escaped as ``{{ }}`` escapes it.

The discussion's form of decisions is kept in the cache (ortaq/lib/fragments.py)
under what it shows: rendering a form through Django's form templates costs as much as
the rest of the page's content."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django import template
from django.forms import Form
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from lessonstudies.comparison import ActivityRow, Cell, ComparedRow
from ortaq.lib import fragments

register = template.Library()


def _lines(text: str) -> str:
    """``text|default:"—"|linebreaksbr``."""
    if not text:
        return "—"
    text = escape(normalize_newlines(text) if "\r" in text else text)
    return text.replace("\n", "<br>")


@register.simple_tag
def discussion_blocks(rows: Sequence[ActivityRow]) -> SafeString:
    """The discussion page's activities, each with a cell per case pupil: the prediction
    beside the notes (``noted_at|time:"H:i"``, in the current time zone), and the two
    fields of the discussion."""
    predicted, observed = escape(_("Predicted")), escape(_("Observed"))
    against, change = escape(_("Observed against predicted")), escape(_("What to change"))
    zone = timezone.get_current_timezone()
    blocks = []
    for row in rows:
        activity = row.activity
        cells = []
        for cell in row.cells:
            key = f"{activity.pk}-{cell.pupil.pk}"
            notes = "".join(f"<p>{note.noted_at.astimezone(zone):%H:%M} {escape(note.text)}</p>" for note in cell.notes)
            seen, to_change = escape(cell.observed), escape(cell.change)
            cells.append(
                '\n      <div class="card ls-cell">\n'
                f"        <p><strong>{escape(cell.pupil.code)}</strong></p>\n"
                '        <div class="ls-side">\n'
                f'          <div><p class="muted">{predicted}</p><p>{_lines(cell.prediction)}</p></div>\n'
                f'          <div><p class="muted">{observed}</p>{notes or "<p>—</p>"}</div>\n'
                "        </div>\n"
                f'        <label for="observed-{key}">{against}</label>\n'
                f'        <textarea rows="2" id="observed-{key}" name="observed-{key}">{seen}</textarea>\n'
                f'        <label for="change-{key}">{change}</label>\n'
                f'        <textarea rows="2" id="change-{key}" name="change-{key}">{to_change}</textarea>\n'
                "      </div>\n    "
            )
        blocks.append(
            '\n  <section class="ls-activity-block">\n'
            f"    <h3>{activity.order}. {escape(activity.title)}</h3>\n"
            f'    <div class="ls-cells">\n    {"".join(cells)}\n    </div>\n'
            "  </section>\n  "
        )
    # Every text escaped above; the keys and orders are numbers.
    return mark_safe("".join(blocks))  # noqa: S308


@register.simple_tag
def compared_rows(rows: Sequence[ComparedRow], lesson_labels: Sequence[str]) -> SafeString:
    """A case pupil's rows on the comparison page: each place in the plan, and what each
    research lesson had there (``lesson_labels``: «Research lesson N», N from 1)."""
    predicted, observed = escape(_("Predicted")), escape(_("Observed"))
    labels = [escape(label) for label in lesson_labels]
    parts = []
    for row in rows:
        cells = "".join(
            f'<td data-label="{labels[index]}">{_compared(cell, predicted, observed)}</td>'
            for index, cell in enumerate(row.cells)
        )
        parts.append(f'\n    <tr>\n      <th scope="row">{row.order}</th>\n      {cells}\n    </tr>\n  ')
    # Every text escaped above; the orders are numbers.
    return mark_safe("\n  " + "".join(parts) + "\n  ")  # noqa: S308


def _compared(cell: Cell | None, predicted: str, observed: str) -> str:
    if cell is None:
        return "—"
    assert cell.activity is not None
    notes = "; ".join(escape(note.text) for note in cell.notes) or "—"
    seen = escape(cell.observed) if cell.observed else notes
    return (
        f"<strong>{escape(cell.activity.title)}</strong><br>"
        f'<span class="muted">{predicted}:</span> {escape(cell.prediction) if cell.prediction else "—"}<br>'
        f'<span class="muted">{observed}:</span> {seen}'
    )


@register.simple_tag(takes_context=True)
def decisions_form(context: template.Context, form: Form) -> SafeString:
    """``{{ form }}``: an unbound one read from the cache, under the decisions and the
    version it opens at; one posted back (refused as stale) shows what was typed."""
    if form.is_bound:
        return form.render()
    parts = (form["decisions"].value(), form["version"].value())
    return fragments.render_once(context["request"], "lessonstudies/_decisions_form.html", {"form": form}, parts)
