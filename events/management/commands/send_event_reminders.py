"""``ortaq send_event_reminders``: e-mail the people expected at tomorrow's events.

Run it from cron hourly or daily (``0 * * * * ortaq send_event_reminders``). Each
reminder is claimed before it is sent, so running it again, or two at once, never
sends one twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from events.actions import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to everyone expected at an event that starts tomorrow (each reminder once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}.")
