"""Keeping the storage in step with the database when file rows are deleted."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def delete_files_after_commit(sender: Any, instance: Any, **kwargs: Any) -> None:
    names = [(f.storage, f.name) for f in (instance.file, instance.thumbnail) if f]

    def delete() -> None:
        for storage, name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete the stored file %s", name)

    transaction.on_commit(delete)
