"""``ortaq send_plan_reminders`` (daily): tells the owner of each overdue activity of a
development plan, once. Two runs at once tell no one twice (plans/actions.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from plans.actions import send_overdue_reminders


class Command(BaseCommand):
    help = "Tell the owners of overdue activities of development plans (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_overdue_reminders()
        self.stdout.write(f"Overdue activities told: {sent}.")
