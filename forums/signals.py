"""Signals other apps may listen to without importing the forum's internals.

``content_changed`` is sent inside the transaction, once the change is written,
whenever a thread or a post is created, edited, hidden or shown again, deleted or
restored, or (for a thread) moved: ``sender`` is the model class (``Thread`` or
``Post``), ``instance`` the object. A receiver writes in that transaction only what
must commit with the change, and leaves the rest to ``transaction.on_commit``: the
search index notes the change, then after the commit re-reads
``instance.search_document()`` and drops the document when ``is_visible`` is False
(or when it is None, for an opening post, whose words live in its thread's document:
an edit of an opening post is sent for the thread).
"""

from django.dispatch import Signal

content_changed = Signal()
