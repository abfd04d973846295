"""The router of every app's API (kept out of ortaq/lib/api.py, which DRF imports from
its settings before its own views exist, and routers need them)."""

from __future__ import annotations

from typing import Any

from rest_framework import routers

# An id in an address: at most 18 digits, so that a longer number (which no row has, and
# which the databases' 64-bit integers cannot hold) finds no endpoint instead of failing.
ID = "[0-9]{1,18}"


class Router(routers.SimpleRouter):
    """The routes of an app's API. Ids in addresses are numbers unless a viewset says
    otherwise: ``/networks/abc/`` is no endpoint (a 404 problem), not a server error, and
    neither is an id too long for any key."""

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", ID)
        return f"(?P<{lookup_prefix}{lookup_url_kwarg}>{value})"
