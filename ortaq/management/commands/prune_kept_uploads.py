"""``prune_kept_uploads``: deletes the files kept from forms that came back with an
error and were never sent again (ortaq/lib/kept_uploads.py), run by cron every hour.
Running it twice, or two at once, deletes nothing more."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ortaq.lib import kept_uploads


class Command(BaseCommand):
    help = "Delete the files kept from refused forms for longer than --hours hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=int(kept_uploads.KEEP_FOR.total_seconds() // 3600))

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = kept_uploads.prune(datetime.timedelta(hours=options["hours"]))
        if options["verbosity"] > 0:
            self.stdout.write(f"Deleted {deleted} kept uploads.")
