"""``send_forum_digests``: the daily forum e-mail, run by cron once a day
(e.g. ``0 6 * * * ortaq send_forum_digests``).

Each person who chose the daily digest gets one e-mail with their notifications
not yet e-mailed — those they have not already read on the site. A run first claims
a person's notifications (marks them e-mailed, in a short transaction that skips rows
another run holds), then sends, and gives the claim back if the mail server refuses;
so two runs at once, or one after the other, send each digest once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from forums import emails
from forums.models import ForumPreference, Notification

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "E-mail the daily forum digest to everyone who chose it, then mark their notifications as e-mailed."

    def handle(self, *args: Any, **options: Any) -> None:
        daily = Q(forum_preference__email_mode=ForumPreference.EmailMode.DAILY)
        if ForumPreference._meta.get_field("email_mode").default == ForumPreference.EmailMode.DAILY:
            daily |= Q(forum_preference__isnull=True)  # never chose: the default applies
        waiting = Notification.objects.filter(emailed_at__isnull=True)
        people = User.objects.filter(daily, is_active=True, pk__in=waiting.values("recipient")).order_by("pk")
        sent = failed = 0
        for user in people.iterator(chunk_size=500):
            pending = claim(user)
            if not pending:
                continue  # another run has them
            # Only what they may still read, and have not read on the site already.
            news = list(
                Notification.objects.for_user(user)
                .filter(pk__in=pending, read_at__isnull=True)
                .select_related("actor", "post", "thread__forum__network")
                .order_by("thread_id", "pk")
            )
            try:
                if emails.send_digest(user, news):
                    sent += 1
            except Exception:  # one bad address must not stop everyone else's digest
                logger.exception("Could not send the forum digest to user %s", user.pk)
                failed += 1
                Notification.objects.filter(pk__in=pending).update(emailed_at=None)  # tomorrow, again
        self.stdout.write(f"Forum digests sent: {sent}; failed: {failed}.")


def claim(user: User) -> list[int]:
    """The person's notifications not yet e-mailed, marked e-mailed by this run alone."""
    with transaction.atomic():
        mine = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient=user, emailed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=mine, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return mine
