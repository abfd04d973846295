"""``reverse()`` for the addresses a list links to by id: the thread list, the
calendar and the library put one per row, and Django's ``reverse`` costs tens of
microseconds each (it walks the resolver and quotes every argument). ``id_url``
asks ``reverse`` once per name, with a marker id, keeps the two halves around the
marker, and puts each id between them. Only for patterns whose one argument is an
``<id:…>``: what ``reverse`` would give for an int is the int's digits."""

from __future__ import annotations

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

# An id no row has; its digits appear nowhere else in an address.
MARKER = 987654321012345


@functools.lru_cache(maxsize=512)
def _halves(name: str, script_prefix: str, urlconf: str | None) -> tuple[str, str]:
    url = reverse(name, args=[MARKER], urlconf=urlconf)
    before, found, after = url.partition(str(MARKER))
    if not found or str(MARKER) in after:
        raise ValueError(f"{name!r} does not take one id")
    return before, after


def id_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for an int ``pk``."""
    before, after = _halves(name, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"
