"""Signals other apps may listen to without importing the forum's internals.

``content_changed`` is sent after the transaction commits whenever a thread or a
post is created, edited, hidden or shown again, deleted or restored, or (for a
thread) moved: ``sender`` is the model class (``Thread`` or ``Post``), ``instance``
the object. The search index re-reads ``instance.search_document()`` and drops the
document when ``is_visible`` is False (or when it is None, for an opening post, whose
words live in its thread's document: an edit of an opening post is sent for the thread).
"""

from django.dispatch import Signal

content_changed = Signal()
