"""``ortaq send_survey_reminders`` (daily): reminds the signed-in audience of open surveys
who have not answered yet — in a survey's last three days, or a week after it was sent
or last reminded. Each survey's reminder of a day is claimed before it is sent, so two
runs at once remind each person once. It also deletes the drafts of closed surveys
and drafts untouched for two months."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from surveys.actions import due_for_reminder, prune_drafts, remind


class Command(BaseCommand):
    help = "Remind people of the open surveys they have not answered (safe to run twice at once)."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = 0
        for survey in due_for_reminder():
            reminded += remind(survey)
        self.stdout.write(f"Reminded: {reminded}; drafts pruned: {prune_drafts()}.")
