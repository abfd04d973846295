from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Empties the search index and fills it again from the forums and the library."

    def handle(self, *args: Any, **options: Any) -> None:
        rebuild(stdout=self.stdout)
