"""``ortaq load_survey_library``: the questionnaires shipped with Ortaq, loaded or brought
up to date; running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from surveys.shipped import load_library


class Command(BaseCommand):
    help = "Load the questionnaires shipped with Ortaq (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for instrument, changed in load_library():
            state = "loaded" if changed else "unchanged"
            version = instrument.latest_version()
            self.stdout.write(f"{instrument.code}: {state} (version {version.number if version else 0})")
