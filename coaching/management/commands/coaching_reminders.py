"""``ortaq coaching_reminders`` (daily): tells the coach and the teachers of each
coaching session due tomorrow, and the coach of each whose day passed without a
record, once each. Two runs at once tell no one twice (coaching/actions.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coaching.actions import send_due_reminders


class Command(BaseCommand):
    help = "Tell coaches and teachers of coaching sessions due tomorrow or overdue (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"Coaching sessions reminded: {sent}.")
