"""Plain-text helpers the domains share."""

from __future__ import annotations


def lines(text: str) -> list[str]:
    """The items of a list typed one per line, without the bullets people type
    («·», «•», «-», «–», «—», «*»)."""
    return [line.strip().lstrip("·•-–—*").strip() for line in text.splitlines() if line.strip()]


# Cyrillic capitals that look like Latin ones: a code copied by eye from a printed
# document on a Kazakh or Russian keyboard comes out in them.
LOOK_ALIKES = str.maketrans("АВЕКМНОРСТХУЗ", "ABEKMHOPCTXY3")


def plain_code(text: str) -> str:
    """A code as typed, made comparable: capitals, Latin, without the spaces, dashes and
    dots people put between its groups."""
    kept = "".join(ch for ch in text.upper() if ch.isalnum())
    return kept.translate(LOOK_ALIKES)
