"""``{% site_header %}``: the header of every page (menu, language switch) read from
the cache (ortaq/lib/fragments.py), keyed by what it shows: signed in or not, staff
or not, the section and page to mark, the unread notices, the language. The address the language switch
comes back to differs on every page: it is filled in after, so that a few dozen
pieces serve the whole site."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from ortaq.lib import fragments

register = template.Library()

HEADER = "base.html#site_header"
# Letters only, so escaping keeps it; only ever replaced inside the header piece.
NEXT_MARKER = "ortaqheadernextaddress"


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    request = context.get("request")
    user = context.get("user")
    match = getattr(request, "resolver_match", None)
    header: dict[str, Any] = {
        "signed_in": bool(user is not None and user.is_authenticated),
        "is_staff": bool(user is not None and user.is_staff),
        "section": getattr(match, "app_name", ""),
        "page": getattr(match, "url_name", ""),
        "next": NEXT_MARKER,
        "site_name": str(context.get("SITE_NAME", "")),
        # The bell's count is part of the key: past 99 the bell says «99+».
        "unread": min(unread(), 100) if callable(unread := context.get("unread_notices")) else 0,
    }
    if request is None:  # error pages rendered without a request: nothing to cache by
        header["next"] = ""
        return get_template(HEADER).render({"header": header})  # type: ignore[return-value]
    return fragments.render_once(
        request,
        HEADER,
        {"header": header},
        parts=tuple(sorted(header.items())),
        fill={NEXT_MARKER: conditional_escape(request.get_full_path())},
    )
