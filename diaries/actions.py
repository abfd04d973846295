"""The workflows of the reflective diary, as verbs. Views and the API call these."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from diaries import notices
from diaries.companions import companions_of
from diaries.models import Entry, Share
from events.models import Event
from notifications.actions import notify
from observations.models import Lesson
from ortaq.lib.editing import claim_version

TEXT_FIELDS = ("tried", "pupils", "next_steps")


def check_text(tried: str, pupils: str, next_steps: str) -> None:
    if not (tried.strip() or pupils.strip() or next_steps.strip()):
        raise ValidationError(_("Answer at least one of the three questions."))


@transaction.atomic
def write_entry(
    author: User,
    *,
    written_on: datetime.date,
    tried: str = "",
    pupils: str = "",
    next_steps: str = "",
    event: Event | None = None,
    lesson: Lesson | None = None,
    submission: Submission | None = None,
) -> Entry:
    check_text(tried, pupils, next_steps)
    network_id = event.network_id if event is not None else (lesson.network_id if lesson is not None else None)
    entry = Entry.objects.create(
        author=author,
        network_id=network_id,
        written_on=written_on,
        tried=tried,
        pupils=pupils,
        next_steps=next_steps,
        event=event,
        lesson=lesson,
    )
    submissions.record(submission, entry.get_absolute_url())
    return entry


@transaction.atomic
def save_entry(
    entry: Entry, *, version: int | None, written_on: datetime.date, tried: str, pupils: str, next_steps: str
) -> Entry:
    check_text(tried, pupils, next_steps)
    claim_version(entry, version)
    entry.written_on, entry.tried, entry.pupils, entry.next_steps = written_on, tried, pupils, next_steps
    entry.save(update_fields=["written_on", "tried", "pupils", "next_steps", "updated_at"])
    return entry


@transaction.atomic
def delete_entry(entry: Entry) -> None:
    entry.delete()


def title_of(entry: Entry) -> str:
    return formats.date_format(entry.written_on, "SHORT_DATE_FORMAT")


@transaction.atomic
def share_entry(entry: Entry, *, with_user: User, by: User) -> Share:
    """Shares the entry with one of the author's companions (their coach or mentor, or a
    mentee of theirs), who is told; nobody else may be chosen."""
    if by.pk != entry.author_id:
        raise ValidationError(_("Only its author shares a diary entry."))
    if not companions_of(entry.author).filter(pk=with_user.pk).exists():
        raise ValidationError(_("A diary entry is shared only with your coach or mentor."))
    share, created = Share.objects.get_or_create(entry=entry, shared_with=with_user)
    if created:
        notify(
            [with_user],
            notices.SHARED.key,
            title=title_of(entry),
            url=entry.get_absolute_url(),
            actor=by,
            about=("diaries.entry", entry.pk),
        )
    return share


@transaction.atomic
def unshare_entry(entry: Entry, *, with_user: User) -> None:
    Share.objects.filter(entry=entry, shared_with=with_user).delete()
