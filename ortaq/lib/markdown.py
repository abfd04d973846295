"""Markdown written by people, rendered to HTML that is safe to show to others.

Everything user-written goes through ``render_markdown``: Markdown → HTML → nh3
(the Ammonia sanitizer) with an allow-list of tags, attributes and URL schemes, so
a ``<script>``, an ``onerror=`` or a ``javascript:`` link never reaches a page.
"""

from __future__ import annotations

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "img", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "span": {"class"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_EXTENSIONS = ["extra", "sane_lists", "nl2br"]


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """HTML for a piece of user Markdown. Raw HTML in the source is escaped by the
    sanitizer's allow-list, never trusted."""
    html = markdown_lib.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    return sanitize_html(html)


def plain_text(html: str) -> str:
    """The words of rendered HTML, for search indexes and e-mail previews."""
    return " ".join(nh3.clean(html, tags=set()).split())
