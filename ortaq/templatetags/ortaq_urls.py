"""``{{ post.pk|id_url:"forums:post_report" }}``: the ``{% url %}`` of a page that
takes one id, for the links repeated on every row of a list (ortaq/lib/urls.py)."""

from __future__ import annotations

from django import template

from ortaq.lib import urls

register = template.Library()


@register.filter
def id_url(pk: int, name: str) -> str:
    return urls.id_url(name, pk)
