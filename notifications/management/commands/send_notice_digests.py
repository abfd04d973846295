"""``send_notice_digests``: the daily e-mail of notices, run by cron once a day
(e.g. ``0 6 * * * ortaq send_notice_digests``).

Each person gets one e-mail with their notices not yet e-mailed and not already read
on the site (those due at once that could not leave come along too). A run first
claims a person's notices (marks them e-mailed, in a short transaction that skips rows
another run holds), then sends, and gives the claim back if the mail server refuses;
so two runs at once, or one after the other, send each digest once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications import emails
from notifications.models import Notice

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "E-mail each person's notices of the day in one digest, then mark them e-mailed."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = Notice.objects.filter(emailed_at__isnull=True)
        people = User.objects.filter(is_active=True, pk__in=waiting.values("recipient")).order_by("pk")
        sent = failed = 0
        for user in people.iterator(chunk_size=500):
            pending = claim(user)
            if not pending:
                continue  # another run has them
            news = list(
                Notice.objects.for_user(user)
                .filter(pk__in=pending, read_at__isnull=True)
                .select_related("actor")
                .order_by("kind", "pk")
            )
            try:
                if emails.send_digest(user, news):
                    sent += 1
            except Exception:  # one bad address must not stop everyone else's digest
                logger.exception("Could not send the notice digest to user %s", user.pk)
                failed += 1
                Notice.objects.filter(pk__in=pending).update(emailed_at=None)  # tomorrow, again
        self.stdout.write(f"Notice digests sent: {sent}; failed: {failed}.")


def claim(user: User) -> list[int]:
    """The person's notices not yet e-mailed, marked e-mailed by this run alone."""
    with transaction.atomic():
        mine = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(recipient=user, emailed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Notice.objects.filter(pk__in=mine, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return mine
