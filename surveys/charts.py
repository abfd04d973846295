"""Charts drawn on the server as SVG: no script, printable, light on a phone, and each
with its figures in words beside it (the template writes them) and in its title."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as html_escape
from typing import Any

import qrcode
import qrcode.image.svg
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe steps from disagreement to agreement (light to dark), then greys.
PALETTE = ("#c8553d", "#f0a868", "#9ccbd6", "#0b6e8a", "#08546a", "#5b6773", "#aab6c0")


def escape(value: Any) -> str:
    """As ``conditional_escape``: a safe string as it is, anything else escaped (without
    the lazy-text wrapper around Django's own, which the results page calls thousands of
    times)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html_escape(str(value))


def stacked_bar(shares: Sequence[tuple[str, float]], title: str) -> SafeString:
    """One bar of 100 %, a segment per answer; ``shares`` are (label, percent).
    Written with plain string formatting (every text escaped): the results page draws
    one per question."""
    x = 0.0
    parts = []
    for index, (label, value) in enumerate(shares):
        if value <= 0:
            continue
        parts.append(
            f'<rect x="{x:.2f}" y="0" width="{value:.2f}" height="10" fill="{PALETTE[index % len(PALETTE)]}">'
            f"<title>{escape(f'{label}: {value:g}%')}</title></rect>"
        )
        x += value
    title = escape(title)
    # Every text escaped above; the numbers and colours are ours.
    return mark_safe(  # noqa: S308
        '<svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{title}"><title>{title}</title>{"".join(parts)}</svg>'
    )


SWATCHES = tuple(
    format_html(
        '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="{}"/></svg>',
        colour,
    )
    for colour in PALETTE
)


def swatch(index: int) -> SafeString:
    return SWATCHES[index % len(SWATCHES)]


def mean_marker(mean: float, low: float, high: float, title: str) -> SafeString:
    """A mean on its scale's line, from the lowest point to the highest."""
    span = (high - low) or 1
    position = 100 * (mean - low) / span
    return format_html(
        '<svg class="chart-mean" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{}">'
        '<title>{}</title><rect x="0" y="4" width="100" height="2" fill="#d9e0e6"/>'
        '<rect x="0" y="3" width="{}" height="4" fill="#0b6e8a"/></svg>',
        title,
        title,
        f"{max(0.0, min(100.0, position)):.2f}",
    )


def line(percent: float) -> SafeString:
    """A short bar beside a choice's count (its words are the count itself)."""
    # A number of ours in markup of ours.
    return mark_safe(  # noqa: S308
        '<svg class="chart-line" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect width="100" height="4" fill="#e8edf1"/><rect width="{max(0.0, min(100.0, percent)):.1f}" '
        'height="4" fill="#0b6e8a"/></svg>'
    )


def qr_svg(url: str) -> SafeString:
    """The link as a QR code to print for a parents' meeting."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = str(image.to_string(encoding="unicode"))
    # The library writes the SVG itself from the URL, which it encodes; nothing else enters it.
    return mark_safe(svg)  # noqa: S308
