"""Markdown written by people, rendered to HTML that is safe to show to others.

Everything user-written goes through ``render_markdown``: Markdown → HTML → nh3
(the Ammonia sanitizer) with an allow-list of tags, attributes and URL schemes, so
a ``<script>``, an ``onerror=`` or a ``javascript:`` link never reaches a page.

Images are shown only from this site (the uploads of a post or a material): an image
from another server would have every reader's browser or e-mail client ask that
server for it, telling a stranger who reads what and from where. Such an image becomes
a link the reader may follow.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown as markdown_lib
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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


def is_local(url: str) -> bool:
    """A path on this site (``/forum/attachments/7/``), not ``//host`` or ``https://host``."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


class _ImagesFromElsewhereAsLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for position, child in enumerate(list(parent)):
                if child.tag != "img" or is_local(child.get("src", "")):
                    continue
                link = etree.Element("a", {"href": child.get("src", "")})
                link.text = child.get("alt") or child.get("src", "")
                link.tail = child.tail
                parent.remove(child)
                parent.insert(position, link)


class _LocalImages(Extension):
    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        # After the inline patterns have made the <img> elements.
        md.treeprocessors.register(_ImagesFromElsewhereAsLinks(md), "ortaq_local_images", 0)


_EXTENSIONS = ["extra", "sane_lists", "nl2br", _LocalImages()]


def _only_local_images(element: str, attribute: str, value: str) -> str | None:
    # Raw HTML in the source can name an image too: its address is kept only on this site.
    if element == "img" and attribute == "src" and not is_local(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
        attribute_filter=_only_local_images,
    )


def render_markdown(text: str) -> str:
    """HTML for a piece of user Markdown. Raw HTML in the source is escaped by the
    sanitizer's allow-list, never trusted."""
    html = markdown_lib.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    return sanitize_html(html)


def plain_text(html: str) -> str:
    """The words of rendered HTML, for search indexes and e-mail previews."""
    return " ".join(nh3.clean(html, tags=set()).split())
