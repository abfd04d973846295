"""What the forum gives the search index: a document per visible thread (title and
opening text) and per visible reply. The search app calls ``search_documents()`` for
a full rebuild and listens to ``forums.signals.content_changed`` for changes.

The documents carry ``network_id`` and ``group_id``: the search must show a document
only to people who may read that forum (``group_id`` set: the group's members and the
network's leaders and coordinators; otherwise whoever sees the network).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forums.models import Post

CHUNK = 2000


def search_documents() -> Iterator[dict[str, Any]]:
    shown = Post.objects.filter(
        is_hidden=False, deleted_at__isnull=True, thread__is_hidden=False, thread__deleted_at__isnull=True
    ).select_related("thread__forum")
    # A thread's document is built from its opening post, so both come from one pass.
    for post in shown.order_by("pk").iterator(chunk_size=CHUNK):
        document = post.thread.search_document(opening=post) if post.is_opening else post.search_document()
        if document is not None:
            yield document
