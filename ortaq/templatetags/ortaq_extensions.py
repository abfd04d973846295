"""``{% panels "networks.detail" access %}``: the panels higher apps add to this place
of a lower app's page (ortaq/lib/extensions.py), so the lower app's view and template
name the place and never the apps that fill it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from ortaq.lib import extensions

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, slot: str, subject: Any) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    return format_html_join("", "{}", ((panel,) for panel in extensions.panels(slot, request, subject)))


@register.simple_tag
def form_part(part: Any) -> SafeString:
    return part.html()
