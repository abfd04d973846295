"""``ortaq backup [--to DIR]``: the database and the uploaded files in one archive
(ortaq/backup.py says what is in it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from ortaq.backup import backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"), help="the folder")

    def handle(self, *args: Any, **options: Any) -> None:
        archive = backup(Path(options["to"]))
        self.stdout.write(f"Backup written: {archive}")
