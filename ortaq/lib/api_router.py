"""The router of every app's API (kept out of ortaq/lib/api.py, which DRF imports from
its settings before its own views exist, and routers need them)."""

from __future__ import annotations

from typing import Any

from rest_framework import routers

# An id in an address: a number the database can hold (a bigint has 19 digits), so a
# longer one is no endpoint (a 404 problem) rather than an overflow in the query.
ID = "[0-9]{1,18}"


class Router(routers.SimpleRouter):
    """The routes of an app's API. Ids in addresses are numbers (``ID``) unless a
    viewset says otherwise: ``/networks/abc/`` is no endpoint (a 404 problem), not a
    server error. Prefixes with ids of their own use ``ID`` too."""

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", ID)
        return f"(?P<{lookup_prefix}{lookup_url_kwarg}>{value})"
