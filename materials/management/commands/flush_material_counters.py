"""``manage.py flush_material_counters``: moves the views and downloads counted in
the cache into the materials' columns. Run it every few minutes (cron or the task
worker); see materials/counters.py."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from materials import counters


class Command(BaseCommand):
    help = "Move the library's view and download counts from the cache to the database."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = counters.flush()
        if options["verbosity"] > 0:
            self.stdout.write(f"Moved {moved} views and downloads to the database.")
