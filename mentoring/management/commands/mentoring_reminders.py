"""``ortaq mentoring_reminders`` (daily): tells the mentor and the mentee of each pair
that has not met for its chosen time, once per quiet spell. Two runs at once tell no
one twice (mentoring/actions.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentoring.actions import send_quiet_reminders


class Command(BaseCommand):
    help = "Remind mentoring pairs that have been quiet for their chosen time (once per quiet spell)."

    def handle(self, *args: Any, **options: Any) -> None:
        told = send_quiet_reminders()
        self.stdout.write(f"Quiet mentoring pairs reminded: {told}.")
