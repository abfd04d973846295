"""Keeping the index in step with the other apps, connected in SearchConfig.ready().

Each app whose things can be found has a ``search_source`` module (its documents, for
a rebuild) and a ``signals.content_changed`` signal, sent in every transaction that
changes what its documents say or who may see them (see search/index.py).
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db.models.signals import pre_delete

from networks.models import Group, Network
from search import index
from search.models import SearchDocument

# app -> the kinds its search_source yields: (kind, model, related manager of dependents)
SOURCES: dict[str, list[tuple[str, Any, str | None]]] = {
    "forums": [("thread", "forums.Thread", "posts"), ("post", "forums.Post", None)],
    "materials": [("material", "materials.Material", None)],
}


def connect(sources: dict[str, list[tuple[str, Any, str | None]]] = SOURCES) -> None:
    for app, kinds in sources.items():
        documents = importlib.import_module(f"{app}.search_source").search_documents
        for kind, model_label, dependents in kinds:
            index.register_source(kind, documents, model_label, dependents=dependents)
        signal = importlib.import_module(f"{app}.signals").content_changed
        signal.connect(content_changed, dispatch_uid=f"search-{app}-content-changed")
    pre_delete.connect(network_deleted, sender=Network, dispatch_uid="search-network-deleted")
    pre_delete.connect(group_deleted, sender=Group, dispatch_uid="search-group-deleted")


def content_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Sent inside the change's transaction: the note of it commits with the change
    or not at all (so an error here is not caught), and the document is read after
    the commit."""
    index.note_change(sender, instance.pk)


# The documents of a deleted network or group go with it (CASCADE); they must
# leave SQLite's full-text table first, while their rows can still be read.
def network_deleted(sender: Any, instance: Network, **kwargs: Any) -> None:
    index.forget(SearchDocument.objects.filter(network=instance))


def group_deleted(sender: Any, instance: Group, **kwargs: Any) -> None:
    index.forget(SearchDocument.objects.filter(group=instance))
