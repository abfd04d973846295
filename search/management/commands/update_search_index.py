"""``ortaq update_search_index``: indexes the changes the search index has noted but
not yet read (search/index.py, ``catch_up``) — those of a process that died between
its commit and the indexing, or whose indexing failed. Run it from cron every minute
(``* * * * * ortaq update_search_index``); two runs at once index each change once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from search.index import catch_up


class Command(BaseCommand):
    help = "Indexes the changes the search index has not read yet (left by a crash or a failed update)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = catch_up()
        self.stdout.write(f"Search index: {done.indexed} changes indexed, {done.failed} failed.")
