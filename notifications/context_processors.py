"""The bell in the header: how many notices the signed-in person has not read."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from notifications.models import Notice
from ortaq.lib.prepared import counted, prepared


@prepared
def unread_count(recipient_id: int) -> QuerySet[Any]:
    """Every signed-in page asks: its SQL is built once per process (ortaq/lib/prepared.py)."""
    return counted(Notice.objects.filter(recipient=recipient_id).unread())


def unread_notices(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    # Counted only if the page shows the bell, once: a function, which a template
    # calls when it reads it, so a response that renders no header pays nothing. One
    # query on the unread index: notices of a network or group someone left were
    # marked read when they left (notifications.actions.forget).
    @cache
    def count() -> int:
        return unread_count.count(user.pk)

    return {"unread_notices": count}
