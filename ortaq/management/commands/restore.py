"""``ortaq restore ARCHIVE --yes``: put back the database and the uploaded files of an
archive made by ``ortaq backup``. Stop the app servers and workers first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ortaq.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="yes, replace what is there now")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Restoring replaces the database and the uploaded files. Run again with --yes.")
        try:
            manifest = restore(Path(options["archive"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['made_at']}: the database and {len(manifest['files'])} files. "
            "Run `ortaq migrate` if it was made by an older release."
        )
