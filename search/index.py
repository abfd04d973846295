"""Writing the search index: the public interface for the apps whose things can be
found (the forums, the library).

The contract
------------
A searchable thing is described by a *document*, a dict::

    {
        "kind": "thread" | "post" | "material",
        "object_id": 42,                 # the thing's primary key
        "network_id": 3 | None,          # whose network it belongs to
        "group_id": 7 | None,            # a working group of that network, if only the group may see it
        "is_public": False,              # materials only: anyone, even without signing in, may find it
        "title": "…",                    # a post: its thread's title
        "body": "…",                     # plain text (no Markdown, no HTML)
        "url": "/forum/…#post-42",       # a path on this site, straight to the thing
        "created_at": datetime,          # aware
        "is_visible": True,              # False: hidden, deleted, or not to be found
        # materials also:
        "subject_id": 5 | None, "grades": [5, 6], "language": "kk",
        "material_kind": "lesson_plan", "objective_codes": ["7.2.1.1"],
    }

Each app provides ``<app>.search_source.search_documents()``, yielding the documents
of all its things (for ``rebuild``), and ``search_document()`` on each model,
returning the thing's document or None. A post's document must say
``is_visible: False`` when its thread is hidden, and carry its thread's network and
group. In every transaction that creates, edits, hides, deletes or moves a thing, or
changes who may see it, the app sends ``<app>.signals.content_changed``
(sender=the model, instance=the thing). search/signals.py then writes down the
change in that transaction (``note_change``) and re-reads the document after the
commit (``catch_up``): a process killed in between leaves the note, which the next
catch-up — ``ortaq update_search_index`` from cron — finds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import IO, Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone

from search import engine
from search.models import PendingChange, SearchDocument, Word, grade_mask
from search.text import normalise, words

logger = logging.getLogger(__name__)

MAX_TITLE_CHARS = 300
# Longer texts (a whole book pasted in) are searched by their first 100,000 characters.
MAX_BODY_CHARS = 100_000
BATCH = 1000
# Notes of changes indexed per transaction by a catch-up: small, because on SQLite the
# transaction holds the one write lock of the whole site.
CATCH_UP_BATCH = 50
KINDS = frozenset(SearchDocument.Kind.values)

Document = Mapping[str, Any]


@dataclass(frozen=True)
class Source:
    kind: str
    documents: Callable[[], Iterable[Document]]
    model: Any  # the model class, or anything with ``_meta.label`` (tests)
    # The related manager of things whose documents depend on this one's (a thread's
    # posts carry its title, network, group and visibility).
    dependents: str | None = None

    @property
    def dispatch_uid(self) -> str:
        return f"search-{self.kind}-{self.model._meta.label}-deleted"


_sources: dict[str, Source] = {}


def register_source(
    kind_prefix: str,
    generator_fn: Callable[[], Iterable[Document]],
    model_label: str | type[models.Model],
    *,
    dependents: str | None = None,
) -> None:
    """Declares that the model ``model_label`` ("forums.Post", or the class) has
    documents of the kind ``kind_prefix`` ("post"), the first part of their key
    (kind, object_id), and that ``generator_fn()`` yields them all. One generator
    may be registered for several kinds; ``rebuild`` calls it once. Deleting such a
    thing removes its document; ``refresh`` re-reads it. Raises LookupError if the
    model does not exist."""
    if kind_prefix not in KINDS:
        raise ValueError(f"unknown kind of search document: {kind_prefix!r}")
    model = apps.get_model(model_label) if isinstance(model_label, str) else model_label
    unregister_source(kind_prefix)
    source = Source(kind_prefix, generator_fn, model, dependents)
    _sources[kind_prefix] = source
    post_delete.connect(_deleted, sender=model, dispatch_uid=source.dispatch_uid)


def unregister_source(kind_prefix: str) -> None:
    source = _sources.pop(kind_prefix, None)
    if source is not None:
        post_delete.disconnect(sender=source.model, dispatch_uid=source.dispatch_uid)


def source_for(model: Any) -> Source | None:
    label = model._meta.label
    return next((s for s in _sources.values() if s.model._meta.label == label), None)


def _deleted(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    source = source_for(sender)
    if source is not None:
        remove(source.kind, instance.pk)


# --- Documents to rows -----------------------------------------------------------------


def _plain(text: Any) -> str:
    return str(text or "").replace("\x00", "")


def fields_of(doc: Document) -> dict[str, Any]:
    """The row for a document; ValueError when the document breaks the contract."""
    kind = doc["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind of search document: {kind!r}")
    url = str(doc["url"])
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"a search document's url must be a path on this site, not {url!r}")
    if doc.get("group_id") is not None and doc.get("network_id") is None:
        raise ValueError("a group's document needs its network_id too")
    if doc.get("created_at") is None:
        raise ValueError("a search document needs created_at")
    return {
        "kind": kind,
        "object_id": int(doc["object_id"]),
        "network_id": doc.get("network_id"),
        "group_id": doc.get("group_id"),
        "is_public": bool(doc.get("is_public", False)),
        "title": normalise(" ".join(_plain(doc["title"]).split())[:MAX_TITLE_CHARS]),
        "body": normalise(_plain(doc.get("body"))[:MAX_BODY_CHARS]),
        "url": url,
        "page": page_of(url),
        "created_at": doc["created_at"],
        "subject_id": doc.get("subject_id"),
        "grades": grade_mask(doc.get("grades") or ()),
        "language": doc.get("language") or "",
        "material_kind": doc.get("material_kind") or "",
        "objective_codes": " ".join(code.strip() for code in doc.get("objective_codes") or () if code.strip()),
    }


def page_of(url: str) -> str:
    """The page a document's address leads to: «/forum/threads/7/?after=40#post-57»
    → «/forum/threads/7/». A thread's replies share it, and are shown under it."""
    return url.split("#", 1)[0].split("?", 1)[0]


def _is_visible(doc: Document) -> bool:
    return bool(doc.get("is_visible", True))


def _keys(pairs: Iterable[tuple[str, int]]) -> Q:
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in pairs:
        by_kind.setdefault(kind, []).append(int(object_id))
    query = Q(pk__in=[])
    for kind, ids in by_kind.items():
        query |= Q(kind=kind, object_id__in=ids)
    return query


def _batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- Writing ---------------------------------------------------------------------------


def put(doc: Document) -> None:
    """Adds or replaces one document; removes it when ``is_visible`` is False."""
    put_many([doc])


def put_many(docs: Iterable[Document]) -> None:
    """``put`` for many documents, a batch of statements per thousand."""
    for batch in _batches(docs):
        hidden = [(doc["kind"], doc["object_id"]) for doc in batch if not _is_visible(doc)]
        rows = [fields_of(doc) for doc in batch if _is_visible(doc)]
        with transaction.atomic():
            if hidden:
                forget(SearchDocument.objects.filter(_keys(hidden)))
            if rows:
                keys = _keys((row["kind"], row["object_id"]) for row in rows)
                engine.unindex(SearchDocument.objects.filter(keys))
                rows = [engine.prepare(row) for row in rows]
                SearchDocument.objects.bulk_create(
                    [SearchDocument(**row) for row in rows],
                    update_conflicts=True,
                    unique_fields=["kind", "object_id"],
                    update_fields=[name for name in rows[0] if name not in ("kind", "object_id")],
                )
                engine.index(SearchDocument.objects.filter(keys))
                add_words(rows)


# --- Words ------------------------------------------------------------------------------

MAX_WORD_CHARS = 64


def words_of(fields: Mapping[str, Any]) -> set[str]:
    """The words of a row that ``Word`` lists: those of its indexed title and text
    that are letters only (no numbers or codes), two letters or more."""
    title = engine.indexed_title(fields["kind"], fields["title"])
    return {word for word in words(f"{title} {fields['body']}") if 2 <= len(word) <= MAX_WORD_CHARS and word.isalpha()}


def add_words(rows: Iterable[Mapping[str, Any]]) -> None:
    """Adds the rows' words that ``Word`` lacks. In order, so that two writers adding
    the same new words wait for each other instead of deadlocking (PostgreSQL)."""
    new = sorted(set().union(*(words_of(row) for row in rows)))
    for batch in _batches(new):
        Word.objects.bulk_create([Word(word=word) for word in batch], ignore_conflicts=True)


def count_words(rows: Iterable[Mapping[str, Any]], into: dict[str, int]) -> None:
    for row in rows:
        for word in words_of(row):
            into[word] = into.get(word, 0) + 1


def write_words(counts: Mapping[str, int]) -> None:
    """Replaces ``Word`` with these words and their numbers of documents."""
    Word.objects.all().delete()
    for batch in _batches(sorted(counts.items())):
        Word.objects.bulk_create([Word(word=word, documents=n) for word, n in batch])


def remove(kind: str, object_id: int) -> None:
    """Removes one document, if it is there."""
    forget(SearchDocument.objects.filter(kind=kind, object_id=object_id))


def remove_many(kind: str, object_ids: Iterable[int]) -> None:
    for batch in _batches(object_ids):
        forget(SearchDocument.objects.filter(kind=kind, object_id__in=batch))


def forget(rows: models.QuerySet[SearchDocument]) -> None:
    """Removes these rows from the index (the only way rows may go)."""
    with transaction.atomic():
        engine.unindex(rows)
        rows.delete()


def refresh(instance: Any) -> None:
    """Re-reads a thing's document, and those of its dependents: a hidden thread
    takes all its posts out of the results; a moved or renamed one re-reads them."""
    source = source_for(type(instance))
    if source is None:
        return
    doc = instance.search_document()
    visible = doc is not None and _is_visible(doc)
    with transaction.atomic():
        if visible:
            put(doc)
        else:
            remove(source.kind, instance.pk)
        if source.dependents:
            _refresh_dependents(getattr(instance, source.dependents).all(), parent_visible=visible)


def _refresh_dependents(things: Iterable[Any], *, parent_visible: bool) -> None:
    hidden: dict[str, list[int]] = {}
    docs = []
    for thing in things:
        source = source_for(type(thing))
        if source is None:
            continue
        doc = thing.search_document() if parent_visible else None
        if doc is None or not _is_visible(doc):
            hidden.setdefault(source.kind, []).append(thing.pk)
        else:
            docs.append(doc)
    for kind, object_ids in hidden.items():
        remove_many(kind, object_ids)
    put_many(docs)


# --- Changes not yet indexed -----------------------------------------------------------


def note_change(model: Any, object_id: int) -> None:
    """Writes down, in the transaction that changes the thing, that its document
    must be read again, and reads it once that transaction commits. One row per
    thing however often it changes before then."""
    source = source_for(model)
    if source is None:
        return
    # DO UPDATE rather than DO NOTHING: on PostgreSQL a note that a catch-up holds, and
    # is about to delete, makes this wait for it and then write a new note; with DO
    # NOTHING the catch-up would delete the note of a change it never read.
    PendingChange.objects.bulk_create(
        [PendingChange(kind=source.kind, object_id=object_id, noted_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["noted_at"],
    )
    transaction.on_commit(partial(_catch_up_after_commit, [(source.kind, int(object_id))]))


def _catch_up_after_commit(keys: list[tuple[str, int]]) -> None:
    # The change is committed and noted: a failure here must not fail the request.
    try:
        catch_up(keys)
    except Exception:
        logger.exception("Search: could not index %s now; the next update_search_index will", keys)


@dataclass(frozen=True)
class CaughtUp:
    indexed: int
    failed: int


def catch_up(keys: Iterable[tuple[str, int]] | None = None, *, batch: int = CATCH_UP_BATCH) -> CaughtUp:
    """Indexes the noted changes (of ``keys``, or all of them), a batch per
    transaction: it takes the batch's notes (FOR UPDATE SKIP LOCKED on PostgreSQL;
    SQLite's IMMEDIATE transactions let one writer in at a time), re-reads their
    documents and deletes the notes before it commits. So two catch-ups at once index
    each change once, and one killed half-way leaves its notes to the next. A thing
    whose document cannot be read is logged and its note kept."""
    pending = PendingChange.objects.order_by("pk")
    if keys is not None:
        pending = pending.filter(_keys(keys))
    indexed = 0
    failed: set[int] = set()
    while True:
        with transaction.atomic():
            notes = list(pending.exclude(pk__in=failed).select_for_update(skip_locked=True)[:batch])
            done = []
            for note in notes:
                try:
                    with transaction.atomic():
                        _read_again(note.kind, note.object_id)
                except Exception:
                    logger.exception("Search: could not index %s %s", note.kind, note.object_id)
                    failed.add(note.pk)
                else:
                    done.append(note.pk)
            PendingChange.objects.filter(pk__in=done).delete()
            indexed += len(done)
        if len(notes) < batch:
            break
    return CaughtUp(indexed=indexed, failed=len(failed))


def _read_again(kind: str, object_id: int) -> None:
    source = _sources.get(kind)
    if source is None:
        logger.warning("Search: no source of %s documents any more; dropping the note of %s", kind, object_id)
        return
    instance = source.model._base_manager.filter(pk=object_id).first()
    if instance is None:
        remove(kind, object_id)
    else:
        refresh(instance)


def rebuild(stdout: IO[str] | None = None) -> int:
    """Empties the index and fills it again from every registered source, in one
    transaction (searches meanwhile see the old index). Returns the number of
    documents."""
    started = time.monotonic()
    generators = list(dict.fromkeys(source.documents for source in _sources.values()))
    counts: dict[str, int] = {}
    vocabulary: dict[str, int] = {}
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for generator in generators:
            for batch in _batches(doc for doc in generator() if _is_visible(doc)):
                fields = [fields_of(doc) for doc in batch]
                count_words(fields, vocabulary)
                rows = [SearchDocument(**engine.prepare(row)) for row in fields]
                SearchDocument.objects.bulk_create(rows)
                for row in rows:
                    counts[row.kind] = counts.get(row.kind, 0) + 1
        engine.index_all()
        write_words(vocabulary)
    total = sum(counts.values())
    if stdout is not None:
        for kind, count in sorted(counts.items()):
            stdout.write(f"{kind}: {count}\n")
        stdout.write(f"{total} documents indexed in {time.monotonic() - started:.1f} s\n")
    return total
