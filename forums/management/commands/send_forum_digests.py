"""``send_forum_digests``: kept so that a crontab written before the notifications
centre still works. The forum's notices are the centre's now, and its daily digest
(``send_notice_digests``) sends them with the rest; this runs that."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Same as send_notice_digests (the forum's notices are part of it now)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("send_notice_digests", stdout=self.stdout)
