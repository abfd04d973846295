"""Repeated pieces of pages (a thread's posts, a forum's rows) rendered once and kept
in the cache, because rendering them through Django templates is most of what those
pages cost.

A piece's key is a digest of everything it shows: the caller lists those values
(``parts``: the row's fields, names, dates and what this viewer may do with it), and
the key adds the templates and translations this process runs with, the language,
the time zone and the URL prefix. So a piece is never stale — an edit, a rename, a
hidden flag, another viewer's rights or a new deploy make another key — and old
entries simply age out.
What a piece shows and its parts must therefore be kept together: a template reads
only ``row`` and the shared context given here, never ``user`` or ``request`` (no
context processors run).

Forms inside pieces carry a placeholder instead of the CSRF token; it is swapped for
this request's token after the pieces are read, so no one's token is ever cached.
Only the server knows the placeholder (csrf_placeholder), so no user's text can
have a reader's token put into it."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import get_template
from django.template.utils import get_app_template_dirs
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")

# A day: a piece nobody reads again (its row changed) leaves the cache soon.
TIMEOUT = 24 * 3600


@functools.cache
def csrf_placeholder() -> str:
    """What a piece holds where its forms' CSRF token goes. Derived from SECRET_KEY, so
    the same on every server yet unknown to users: a post that wrote it out in a link
    would otherwise receive each reader's token. Hex digits, so escaping keeps it."""
    return salted_hmac("ortaq.fragments.csrf", "placeholder", algorithm="sha256").hexdigest()


def code_digest() -> str:
    """The project's templates and translation catalogues as this process loaded them:
    a deploy that changes a template (or an included one) or a translation makes new
    keys, and servers of two versions side by side never share pieces. In development
    (DEBUG) it is read again on every call, so an edited template shows at once."""
    return _read_code_digest() if settings.DEBUG else _code_digest_once()


@functools.cache
def _code_digest_once() -> str:
    return _read_code_digest()


def _read_code_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    roots = [*engines["django"].dirs, *get_app_template_dirs("templates"), *settings.LOCALE_PATHS]
    for root in map(Path, roots):
        if not root.is_dir() or not root.is_relative_to(settings.BASE_DIR) or ".venv" in root.parts:
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in {".html", ".txt", ".mo"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def render_rows(
    request: HttpRequest,
    template_name: str,
    rows: Sequence[T],
    parts: Callable[[T], tuple[Any, ...]],
    context: dict[str, Any] | None = None,
    shared: tuple[Any, ...] = (),
) -> list[SafeString]:
    """Each row rendered with ``template_name`` (``{"row": row, **context}``), read from
    the cache when a row with the same parts was rendered before. ``shared`` lists
    what of ``context`` the template shows."""
    if not rows:
        return []
    if not settings.SPEED_HELPERS:
        plain = get_template(template_name)
        # Rendered by a template, with its autoescaping.
        return [mark_safe(plain.render({**(context or {}), "row": row}, request)) for row in rows]  # noqa: S308
    prefix = "|".join(
        [
            code_digest(),
            template_name,
            translation.get_language() or "",
            settings.TIME_ZONE,
            get_script_prefix(),
            repr(shared),
            "",
        ]
    )
    keys = [
        "fragment:" + hashlib.blake2b((prefix + repr(parts(row))).encode(), digest_size=16).hexdigest() for row in rows
    ]
    found: dict[str, str] = cache.get_many(keys)
    placeholder = csrf_placeholder()
    template = None
    rendered: dict[str, str] = {}
    pieces = []
    for key, row in zip(keys, rows, strict=True):
        piece = found.get(key) or rendered.get(key)
        if piece is None:
            template = template or get_template(template_name)
            piece = rendered[key] = str(template.render({**(context or {}), "row": row, "csrf_token": placeholder}))
        pieces.append(piece)
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    if any(placeholder in piece for piece in pieces):
        token = get_token(request)
        pieces = [piece.replace(placeholder, token) for piece in pieces]
    # Each piece was rendered by a template, with its autoescaping.
    return [mark_safe(piece) for piece in pieces]  # noqa: S308


def render_once(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    parts: tuple[Any, ...],
    fill: dict[str, str] | None = None,
) -> SafeString:
    """One piece: ``template_name`` rendered with ``context``, whose shown values are
    ``parts``. ``fill`` maps markers the context put into the piece to this request's
    values (escaped by the caller), swapped in after the piece is read: a value that
    changes with every request then does not make a piece of its own."""
    piece = render_rows(request, template_name, [None], lambda _row: parts, context)[0]
    for marker, value in (fill or {}).items():
        piece = piece.replace(marker, value)
    # The piece and the caller's escaped values.
    return mark_safe(piece)  # noqa: S308
