"""The router of every app's API (kept out of ortaq/lib/api.py, which DRF imports from
its settings before its own views exist, and routers need them)."""

from __future__ import annotations

from typing import Any

from rest_framework import routers

# An id in an address, and in a nested route's prefix (``networks/(?P<network_pk>{ID})/…``).
ID = "[0-9]{1,18}"


class Router(routers.SimpleRouter):
    """The routes of an app's API. Ids in addresses are numbers unless a viewset says
    otherwise: ``/networks/abc/`` is no endpoint (a 404 problem), not a server error.
    A number is at most 18 digits, so it fits the databases' 64-bit ids: a longer one
    would reach a query Django does not guard (a prepared one) and fail there."""

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", ID)
        return f"(?P<{lookup_prefix}{lookup_url_kwarg}>{value})"
