"""The results page's charts (surveys/charts.py) from its figures."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from surveys import charts

register = template.Library()


@register.simple_tag
def share_bar(result: Any) -> SafeString:
    words = "; ".join(f"{share.label}: {number_format(share.percent, 1)}%" for share in result.shares)
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
