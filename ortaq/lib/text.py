"""Plain-text helpers the domains share."""

from __future__ import annotations


def lines(text: str) -> list[str]:
    """The items of a list typed one per line, without the bullets people type
    («·», «•», «-», «–», «—», «*»)."""
    return [line.strip().lstrip("·•-–—*").strip() for line in text.splitlines() if line.strip()]
