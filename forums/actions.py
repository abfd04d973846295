"""Workflows of the forum. Views authorize, then call one of these verbs. Each runs in
one transaction; notifications, and the search signal
(``forums.signals.content_changed``), are sent in it; e-mails only after it commits."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from forums import notices
from forums.mentions import render_post, resolve_mentions
from forums.models import (
    Attachment,
    Category,
    Forum,
    ForumPreference,
    Post,
    PostRevision,
    ReadState,
    Report,
    Subscription,
    Thread,
)
from forums.signals import content_changed
from networks.models import Membership
from notifications.actions import notify
from notifications.kinds import Kind
from notifications.models import Notice
from ortaq.lib import editing, uploads
from ortaq.lib.markdown import plain_text

logger = logging.getLogger(__name__)
# How much of a post a notice shows, on the site and in the e-mail.
EXCERPT_WORDS = 60

Upload = tuple[UploadedFile, uploads.Detected]


def _changed(instance: Thread | Post) -> None:
    """Inside the transaction, at its end: what receivers write commits with the change."""
    content_changed.send(sender=type(instance), instance=instance)


# --- Writing --------------------------------------------------------------------------------


def start_thread(
    forum: Forum,
    *,
    by: User,
    title: str,
    body: str,
    category: Category | None = None,
    is_question: bool = False,
    attachments: Sequence[Upload] = (),
    submission: Submission | None = None,
) -> Thread:
    """``submission``: the form's one-time key; if it made a thread already,
    ``AlreadySubmitted`` is raised and nothing is kept."""
    if category is not None and category.forum_id != forum.pk:
        raise ValidationError(_("Choose a category of this forum."))
    stored: list[FieldFile] = []
    # Rendered before the transaction: the write lock (all of SQLite) is held for less.
    rendered = render_post(body, forum)
    try:
        with transaction.atomic():
            now = timezone.now()
            thread = Thread.objects.create(
                forum=forum,
                category=category,
                author=by,
                title=title,
                is_question=is_question,
                last_number=1,
                last_post_at=now,
                last_poster=by,
                created_at=now,
            )
            post = Post.objects.create(
                thread=thread, number=1, author=by, body=body, body_html=rendered.html, created_at=now
            )
            _note_first_post(forum, by, now)
            _attach(post, attachments, stored)
            if category is not None:
                Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
            Subscription.objects.get_or_create(user=by, thread=thread)
            ReadState.objects.create(user=by, thread=thread, last_read_number=1)
            followers = forum.audience().filter(forum_subscriptions__category=category) if category else []
            _notify(notices.MENTION, rendered.mentioned, post=post, actor=by)
            _notify(notices.NEW_THREAD, followers, post=post, actor=by, skip=rendered.mentioned)
            _changed(thread)
            submissions.record(submission, thread.get_absolute_url())
    except BaseException:
        _delete_files(stored)
        raise
    return thread


def _note_first_post(forum: Forum, by: User, now: datetime.datetime) -> None:
    """Marks the person's membership of the forum's network with their first message
    (once: later messages find it marked)."""
    Membership.objects.filter(network=forum.network_id, user=by, first_posted_at__isnull=True).update(
        first_posted_at=now
    )


def note_first_posts() -> None:
    """Marks each membership not yet marked with its first message in the network,
    from the messages in the database: for messages written in bulk, without
    ``start_thread`` or ``reply`` (the demo, the benchmark's dataset)."""
    first = (
        Post.objects.filter(author=OuterRef("user"), thread__forum__network=OuterRef("network"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    Membership.objects.filter(first_posted_at__isnull=True).update(first_posted_at=Subquery(first))


def reply(
    thread: Thread,
    *,
    by: User,
    body: str,
    attachments: Sequence[Upload] = (),
    moderator: bool = False,
    submission: Submission | None = None,
) -> Post:
    """Adds a reply with the next number of the thread. The number comes from an
    UPDATE of the thread's counter, which holds the row's lock until commit, so two
    people replying at once get consecutive numbers, never the same one.
    ``submission``: the form's one-time key; if it made a reply already,
    ``AlreadySubmitted`` is raised and nothing is kept."""
    stored: list[FieldFile] = []
    # Rendered before the transaction: the write lock (all of SQLite) is held for less.
    rendered = render_post(body, thread.forum)
    try:
        with transaction.atomic():
            now = timezone.now()
            open_threads = Thread.objects.filter(pk=thread.pk)
            if not moderator:
                open_threads = open_threads.filter(is_locked=False)
            updated = open_threads.update(
                last_number=F("last_number") + 1,
                reply_count=F("reply_count") + 1,
                last_post_at=now,
                last_poster=by,
            )
            if not updated:
                raise ValidationError(_("The discussion is locked: it takes no new replies."), code="locked")
            number = Thread.objects.filter(pk=thread.pk).values_list("last_number", flat=True).get()
            post = Post.objects.create(
                thread=thread, number=number, author=by, body=body, body_html=rendered.html, created_at=now
            )
            _note_first_post(thread.forum, by, now)
            _attach(post, attachments, stored)
            Subscription.objects.get_or_create(user=by, thread=thread)
            mark_read(by, thread, number)
            thread.last_number, thread.last_post_at, thread.last_poster = number, now, by
            thread.reply_count += 1
            if thread.is_shown:
                followers = thread.forum.audience().filter(forum_subscriptions__thread=thread)
                _notify(notices.MENTION, rendered.mentioned, post=post, actor=by)
                _notify(notices.REPLY, followers, post=post, actor=by, skip=rendered.mentioned)
            _changed(post)
            submissions.record(submission, post.get_absolute_url())
    except BaseException:
        _delete_files(stored)
        raise
    return post


def edit_post(
    post: Post,
    *,
    by: User,
    body: str,
    title: str | None = None,
    is_question: bool | None = None,
    version: int | None = None,
) -> Post:
    """Saves the new text, keeping the old one as a revision for moderators. People
    newly mentioned are told; those mentioned before are not told again. ``version``
    is the one the edit form was opened at: if the post (or the thread's title and
    kind) was saved since, ``editing.StaleEdit`` is raised and nothing changes."""
    thread = post.thread
    title_changed = post.is_opening and title is not None and title != thread.title
    kind_changed = post.is_opening and is_question is not None and is_question != thread.is_question
    if body == post.body and not title_changed and not kind_changed:
        return post
    with transaction.atomic():
        editing.claim_version(post, version)
        before_by_id, before_by_local = resolve_mentions(post.body, thread.forum)
        PostRevision.objects.create(
            post=post, title=thread.title if post.is_opening else "", body=post.body, edited_by=by
        )
        rendered = render_post(body, thread.forum)
        post.body, post.body_html, post.edited_at = body, rendered.html, timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        # Only what changed: the solution may have been marked since the thread was read.
        changed = []
        if title_changed:
            thread.title = title
            changed.append("title")
        if kind_changed:
            thread.is_question = bool(is_question)
            changed.append("is_question")
            if not thread.is_question:
                thread.solution = None
                changed.append("solution")
        if changed:
            thread.save(update_fields=changed)
        before_ids = set(before_by_id) | {person.pk for person in before_by_local.values()}
        if thread.is_shown and post.is_shown:
            new = [person for person in rendered.mentioned if person.pk not in before_ids]
            _notify(notices.MENTION, new, post=post, actor=by)
        _changed(thread if post.is_opening else post)
    return post


@transaction.atomic
def delete_post(post: Post, *, by: User, moderator: bool = False) -> None:
    """Marks a post deleted: its place in the thread stays (numbers never move), its
    text is shown to moderators only. Deleting the opening post deletes the thread,
    which its author may do only while nobody else has replied."""
    thread = post.thread
    check_deletion(post, by=by, moderator=moderator)
    if post.is_opening:
        if thread.deleted_at is None:
            was_shown = thread.is_shown
            thread.deleted_at = timezone.now()
            thread.save(update_fields=["deleted_at"])
            if was_shown and thread.category_id:
                Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") - 1)
            _changed(thread)
        return
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(deleted_at=timezone.now(), deleted_by=by)
    if not updated:
        return
    if not post.is_hidden:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
    if thread.solution_id == post.pk:
        Thread.objects.filter(pk=thread.pk).update(solution=None)
    post.refresh_from_db(fields=["deleted_at", "deleted_by"])
    _changed(post)


def check_deletion(post: Post, *, by: User, moderator: bool = False) -> None:
    """Refuses what delete_post would refuse, before anyone is asked to confirm it."""
    if post.is_opening and not moderator:
        others = post.thread.posts.filter(number__gt=1, deleted_at__isnull=True).exclude(author=by)
        if others.exists():
            raise ValidationError(
                _("Others have replied in this discussion, so it stays. Ask a moderator if it must go.")
            )


@transaction.atomic
def restore_post(post: Post, *, by: User) -> None:
    """Undoes a deletion (a moderator's decision)."""
    thread = post.thread
    if post.is_opening:
        if thread.deleted_at is not None:
            thread.deleted_at = None
            thread.save(update_fields=["deleted_at"])
            if thread.is_shown and thread.category_id:
                Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") + 1)
            _changed(thread)
        return
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=False).update(deleted_at=None, deleted_by=None)
    if updated and not post.is_hidden:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
    post.deleted_at = None
    if updated:
        _changed(post)


# --- Questions ------------------------------------------------------------------------------


@transaction.atomic
def mark_solution(thread: Thread, post: Post | None, *, by: User) -> None:
    """Marks the reply that solved a question (or, with None, unmarks it)."""
    if not thread.is_question:
        raise ValidationError(_("Only a question can be marked solved."))
    if post is not None:
        if post.thread_id != thread.pk or post.is_opening:
            raise ValidationError(_("Choose a reply of this discussion."))
        if not post.is_shown:
            raise ValidationError(_("A hidden or deleted message cannot be the solution."))
    thread.solution = post
    thread.save(update_fields=["solution"])
    if post is not None:
        _notify(notices.SOLUTION, [post.author], post=post, actor=by)


# --- Moderation -----------------------------------------------------------------------------


# Pinning and locking are one UPDATE each: atomic without an explicit transaction.


def pin_thread(thread: Thread, pinned: bool, *, by: User) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_pinned=pinned)
    thread.is_pinned = pinned


def lock_thread(thread: Thread, locked: bool, *, by: User) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    thread.is_locked = locked


@transaction.atomic
def move_thread(thread: Thread, category: Category, *, by: User) -> None:
    if category.forum_id != thread.forum_id:
        raise ValidationError(_("A discussion can move only to a category of its own forum."))
    if category.pk == thread.category_id:
        return
    if thread.is_shown:
        if thread.category_id:
            Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") - 1)
        Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
    thread.category = category
    thread.save(update_fields=["category"])
    _changed(thread)


@transaction.atomic
def hide_thread(thread: Thread, hidden: bool, *, by: User) -> None:
    if thread.is_hidden == hidden:
        return
    was_shown = thread.is_shown
    thread.is_hidden = hidden
    thread.save(update_fields=["is_hidden"])
    if thread.category_id and was_shown != thread.is_shown:
        step = 1 if thread.is_shown else -1
        Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") + step)
    _changed(thread)


@transaction.atomic
def hide_post(post: Post, hidden: bool, *, by: User) -> None:
    if post.is_opening:
        hide_thread(post.thread, hidden, by=by)
        return
    if post.is_hidden == hidden:
        return
    was_shown = post.is_shown
    post.is_hidden = hidden
    post.save(update_fields=["is_hidden"])
    if was_shown != post.is_shown:
        Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + (1 if post.is_shown else -1))
    if hidden and post.thread.solution_id == post.pk:
        Thread.objects.filter(pk=post.thread_id).update(solution=None)
    _changed(post)


def report_post(post: Post, *, by: User, reason: str) -> Report:
    if post.author_id == by.pk:
        raise ValidationError(_("You cannot report your own message; edit or delete it instead."))
    try:
        with transaction.atomic():
            return Report.objects.create(post=post, reporter=by, reason=reason)
    except IntegrityError:  # already reported by them and still open: one is enough
        return Report.objects.get(post=post, reporter=by, resolved_at__isnull=True)


@transaction.atomic
def resolve_report(report: Report, *, by: User, hide: bool) -> None:
    """Decides on a report, and with it on every open report of the same post."""
    if hide:
        hide_post(report.post, True, by=by)
    Report.objects.filter(post=report.post_id, resolved_at__isnull=True).update(
        resolved_at=timezone.now(),
        resolved_by=by,
        outcome=Report.Outcome.HIDDEN if hide else Report.Outcome.KEPT,
    )


# --- Reading and following ------------------------------------------------------------------


class _NotLoaded:
    pass


NOT_LOADED = _NotLoaded()


def mark_read(user: User, thread: Thread, number: int, *, known: int | _NotLoaded | None = NOT_LOADED) -> bool:
    """Moves the person's read mark forward to ``number``: never back, and without
    writing when it would not move. ``known`` is the mark the caller has already read
    (None: there is none yet), which saves a query. Each write is a single statement."""
    if isinstance(known, _NotLoaded):
        known = ReadState.objects.filter(user=user, thread=thread).values_list("last_read_number", flat=True).first()
    if known is None:
        # ignore_conflicts: a second tab of the same person may have just made the row.
        ReadState.objects.bulk_create(
            [ReadState(user=user, thread=thread, last_read_number=number)], ignore_conflicts=True
        )
        return True
    if number <= known:
        return False
    updated = ReadState.objects.filter(user=user, thread=thread, last_read_number__lt=number).update(
        last_read_number=number, updated_at=timezone.now()
    )
    return bool(updated)


def follow(user: User, *, thread: Thread | None = None, category: Category | None = None) -> None:
    Subscription.objects.get_or_create(user=user, thread=thread, category=category)


def unfollow(user: User, *, thread: Thread | None = None, category: Category | None = None) -> None:
    Subscription.objects.filter(user=user, thread=thread, category=category).delete()


@transaction.atomic
def mark_everything_read(user: User) -> None:
    now = timezone.now()
    Notice.objects.filter(recipient=user, about_type=notices.THREAD, read_at__isnull=True).update(read_at=now)
    preference, _created = ForumPreference.objects.get_or_create(user=user)
    preference.marked_read_at = now
    preference.save(update_fields=["marked_read_at", "updated_at"])


# --- Helpers --------------------------------------------------------------------------------


def _notify(
    kind: Kind,
    recipients: Iterable[User] | models.QuerySet[User],
    *,
    post: Post,
    actor: User,
    skip: Iterable[User] = (),
) -> list[Notice]:
    """A notice of the post to each recipient through the notifications centre, about
    its thread: opening the thread reads it."""
    skipped = {person.pk for person in skip}
    people = [person for person in recipients if person.pk not in skipped]
    if not people:
        return []
    thread = post.thread
    return notify(
        people,
        kind.key,
        title=thread.title,
        url=thread.post_url(post.number),
        actor=actor,
        network_id=thread.forum.network_id,
        group_id=thread.forum.group_id,
        about=(notices.THREAD, thread.pk),
        excerpt=Truncator(plain_text(post.body_html)).words(EXCERPT_WORDS) if post.is_shown else "",
    )


def _attach(post: Post, attachments: Sequence[Upload], stored: list[FieldFile]) -> None:
    """Saves checked uploads (the form ran ``uploads.detect``) with a thumbnail for
    images. ``stored`` collects written files, so a failed transaction removes them."""
    for upload, detected in attachments:
        attachment = Attachment(
            post=post,
            original_name=clean_filename(upload.name or "", detected.extension),
            family=detected.family,
            content_type=detected.mime,
            extension=detected.extension,
            size=detected.size,
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        stored.append(attachment.file)
        if detected.family == uploads.IMAGE:
            try:
                attachment.thumbnail.save("thumbnail.jpg", uploads.thumbnail(upload), save=False)
                stored.append(attachment.thumbnail)
            except Exception:  # a preview is a nicety: the image itself is verified and kept
                logger.warning("No thumbnail for %s", upload.name, exc_info=True)
        attachment.save()


def clean_filename(name: str, extension: str) -> str:
    """The name to show and to download as: no folders, no control characters, and
    the extension of what the file really is."""
    base = os.path.basename(name.replace("\\", "/"))
    base = "".join(char for char in base if char.isprintable()).strip() or "file"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:200]}.{extension}"


def _delete_files(stored: list[FieldFile]) -> None:
    for file in stored:
        try:
            file.storage.delete(file.name)
        except OSError:
            logger.warning("Could not remove %s after a failed post", file.name, exc_info=True)
