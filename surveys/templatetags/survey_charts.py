"""The results page's charts (surveys/charts.py) from its figures, and its two longest
loops (each question's legend, a question's written answers) written out here: over
2,000 answers a template's loop costs more than all the figures (the results page's
speed, issue 18)."""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from surveys import charts

register = template.Library()


@functools.lru_cache(maxsize=8192)
def _decimal(value: float, places: int, language: str | None) -> str:
    return str(floatformat(value, places))


def decimal(value: float, places: int) -> str:
    """``value|floatformat:places``, remembered per language: a results page writes the
    same few hundred shares again and again."""
    return _decimal(value, places, get_language())


@functools.lru_cache(maxsize=8192)
def _number(value: float, places: int, language: str | None) -> str:
    return str(number_format(value, places))


@register.simple_tag
def share_bar(result: Any) -> SafeString:
    language = get_language()
    words = "; ".join(f"{share.label}: {_number(share.percent, 1, language)}%" for share in result.shares)
    return charts.stacked_bar([(share.label, share.percent) for share in result.shares], words)


@register.simple_tag
def swatch(index: int) -> SafeString:
    return charts.swatch(index)


@register.simple_tag
def mean_bar(mean: float | None, low: float, high: float) -> SafeString | str:
    if mean is None:
        return ""
    title = _("mean %(mean)s from %(low)s to %(high)s") % {
        "mean": number_format(mean, 2),
        "low": number_format(low, 0),
        "high": number_format(high, 0),
    }
    return charts.mean_marker(mean, low, high, title)


@register.simple_tag
def share_line(percent: float) -> SafeString:
    return charts.line(percent)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.simple_tag
def legend(result: Any) -> SafeString:
    """The items of a question's legend: a swatch of the bar's colour (a Likert item) or
    a short bar, the answer, its count and its share — as the template wrote them."""
    likert = result.item.kind == "likert"
    parts = []
    for index, share in enumerate(result.shares):
        mark = charts.swatch(index) if likert else charts.line(share.percent)
        parts.append(
            f"<li>{mark} {charts.escape(share.label)}: <strong>{charts.escape(localize(share.count))}</strong> "
            f"({decimal(share.percent, 1)}%)</li>"
        )
    # Each value escaped above; the marks are the charts' own SVG.
    return mark_safe("".join(parts))  # noqa: S308


@register.simple_tag
def written_answers(texts: list[str]) -> SafeString:
    """The written answers as list items, each escaped with its line breaks kept (as
    ``linebreaksbr`` writes them)."""
    items = (charts.escape(normalize_newlines(text) if "\r" in text else text).replace("\n", "<br>") for text in texts)
    # Each answer escaped above.
    return mark_safe("".join(f"<li>{item}</li>" for item in items))  # noqa: S308
