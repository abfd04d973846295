from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import template

from ortaq.lib.dates import short_date
from plans.trajectory import number

register = template.Library()


@register.filter
def figure(value: Decimal | None) -> str:
    """A figure without trailing zeros, in the reader's number format."""
    return "—" if value is None else number(value)


@register.filter
def date_short(value: datetime.date | None) -> str:
    """``|date:"SHORT_DATE_FORMAT"``, each date formatted once per language."""
    return "" if value is None else short_date(value)


@register.filter
def indicator_label(key: str) -> str:
    from plans import indicators

    source = indicators.get(key)
    return str(source.label) if source else key


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)
