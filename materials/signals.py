"""Signals other apps may listen to without importing the library's internals.

``content_changed`` is sent after the transaction commits whenever a material is
published, edited, given a new version, made visible to other people, hidden or
shown again, or deleted: ``sender`` is ``Material``, ``instance`` the material,
freshly read. The search index re-reads ``instance.search_document()`` and drops the
document when ``is_visible`` is False or the document is None. For a deleted
material ``instance.pk`` still holds the old id (Django clears it on delete; we put
it back so receivers know which document to drop) and ``search_document()`` is None.
"""

from django.dispatch import Signal

content_changed = Signal()
