"""Dates as the pages write them, for the domains that write many."""

from __future__ import annotations

import datetime
import functools

from django.utils import formats
from django.utils.translation import get_language


def short_date(day: datetime.date) -> str:
    """``day|date:"SHORT_DATE_FORMAT"``, remembered per language: a list of plans,
    sessions or entries writes the same few dates many times, and Django's filter
    looks the format up again each time."""
    return _short_date(day, get_language())


@functools.lru_cache(maxsize=4096)
def _short_date(day: datetime.date, language: str | None) -> str:
    return str(formats.date_format(day, "SHORT_DATE_FORMAT"))
