"""Slowing down password guessing: failed sign-ins are counted per account and per
address; past the limit (ORTAQ_SIGNIN_ACCOUNT_FAILURES, ORTAQ_SIGNIN_ADDRESS_FAILURES)
sign-in there is refused for ORTAQ_SIGNIN_LOCK_MINUTES, the right password included,
with the same answer whether the account exists or not.

The counts live in the database (``SignInThrottle``), so every app server sees them and
a cache outage does not open the door. The backend refuses a locked sign-in on every
path (the site's form and the admin's); the sign-in form says how long to wait.
"""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import SignInThrottle

Kind = SignInThrottle.Kind


def limits() -> dict[str, int]:
    return {Kind.ACCOUNT: settings.ORTAQ_SIGNIN_ACCOUNT_FAILURES, Kind.ADDRESS: settings.ORTAQ_SIGNIN_ADDRESS_FAILURES}


def keys(email: str | None, address: str | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if email:
        found.append((Kind.ACCOUNT, email.strip().lower()[:254]))
    if address:
        found.append((Kind.ADDRESS, address))
    return found


def wait_for(email: str | None, address: str | None) -> datetime.timedelta | None:
    """How long sign-in must wait for this account or address, or None."""
    pairs = keys(email, address)
    if not pairs:
        return None
    condition = Q()
    for kind, key in pairs:
        condition |= Q(kind=kind, key=key)
    now = timezone.now()
    until = (
        SignInThrottle.objects.filter(condition, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return until - now if until else None


def minutes(wait: datetime.timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds() / 60))


def note_failure(email: str | None, address: str | None) -> None:
    now = timezone.now()
    window = datetime.timedelta(minutes=settings.ORTAQ_SIGNIN_LOCK_MINUTES)
    for kind, key in keys(email, address):
        with transaction.atomic():
            row, _created = SignInThrottle.objects.select_for_update().get_or_create(
                kind=kind, key=key, defaults={"counting_since": now}
            )
            if row.locked_until and row.locked_until > now:
                continue  # already waiting: the lock is not lengthened
            if now - row.counting_since > window:
                row.failures, row.counting_since = 0, now
            row.failures += 1
            if row.failures >= limits()[kind]:
                row.locked_until = now + window
                row.failures, row.counting_since = 0, now
            row.save(update_fields=["failures", "counting_since", "locked_until"])


def note_success(email: str) -> None:
    SignInThrottle.objects.filter(kind=Kind.ACCOUNT, key=email.strip().lower()).delete()


def unlock(rows: QuerySet[SignInThrottle]) -> int:
    """The admin's «unlock»: the counts start again."""
    return rows.update(locked_until=None, failures=0, counting_since=timezone.now())
