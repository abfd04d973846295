"""``prune_submission_keys``: deletes the one-time keys of forms sent more than a week
ago (accounts/submissions.py), run by cron once a day. Running it twice deletes nothing
more."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts import submissions


class Command(BaseCommand):
    help = "Delete the one-time keys of forms sent more than --days days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=submissions.KEEP_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = submissions.prune(options["days"])
        if options["verbosity"] > 0:
            self.stdout.write(f"Deleted {deleted} one-time form keys.")
