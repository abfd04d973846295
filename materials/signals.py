"""Signals other apps may listen to without importing the library's internals.

``content_changed`` is sent inside the transaction, once the change is written,
whenever a material is published, edited, given a new version, made visible to
other people, hidden or shown again, or deleted: ``sender`` is ``Material``,
``instance`` the material. A receiver writes in that transaction only what must
commit with the change, and leaves the rest to ``transaction.on_commit``: the search
index notes the change, then after the commit re-reads the material's
``search_document()`` and drops the document when ``is_visible`` is False or the
material is gone. For a deleted material ``instance.pk`` still holds the old id
(Django clears it on delete; we put it back so receivers know which document to
drop) and ``search_document()`` is None.
"""

from django.dispatch import Signal

content_changed = Signal()
