"""``send_forum_digests``: the daily forum e-mail, run by cron once a day
(e.g. ``0 6 * * * ortaq send_forum_digests``).

Each person who chose the daily digest gets one e-mail with their notifications
not yet e-mailed — those they have not already read on the site — and all of them
are then marked as e-mailed, so running the command twice sends nothing twice.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand
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
            pending = list(waiting.filter(recipient=user).values_list("pk", flat=True))
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
                continue
            Notification.objects.filter(pk__in=pending).update(emailed_at=timezone.now())
        self.stdout.write(f"Forum digests sent: {sent}; failed: {failed}.")
