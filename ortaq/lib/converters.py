"""The ``<id:…>`` of the pages' addresses: a number of at most 18 digits. A longer one
is past the databases' 64-bit integers (SQLite refuses it with an error, not a miss):
no such thing, so no such page — the same 404 as for an id no row has. The API's
router keeps the same bound (ortaq/lib/api_router.py ``ID``)."""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
