"""Sending and reading notices. Domains call ``notify`` inside their workflow's
transaction; e-mails due at once leave after it commits, as a task."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications import kinds, tasks
from notifications.kinds import Channel
from notifications.models import Notice, Preference

# Inside ``quietly()`` notices are left on the site but never e-mailed: the demo's
# seeded history is not news to anyone's inbox.
_quiet: ContextVar[bool] = ContextVar("notifications_quiet", default=False)


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def notify(
    recipients: Iterable[User],
    key: str,
    *,
    title: str,
    url: str,
    actor: User | None = None,
    network_id: int | None = None,
    group_id: int | None = None,
    urls: dict[int, str] | None = None,
    about: tuple[str, int] | None = None,
    excerpt: str = "",
) -> list[Notice]:
    """A notice of this kind to each recipient (never to the person who acted, never
    twice to one person), kept or e-mailed as each of them chose. ``urls`` gives some
    recipients an address of their own (each their own award, say)."""
    if kinds.get(key) is None:
        raise ValueError(f"unregistered notice kind {key!r}")
    people = {
        person.pk: person for person in recipients if person.is_active and person.pk != getattr(actor, "pk", None)
    }
    channels = Preference.channels_of(list(people), key)
    now = timezone.now()
    notices = [
        Notice(
            recipient=person,
            kind=key,
            actor=actor,
            title=title[:300],
            url=(urls or {}).get(pk, url),
            excerpt=excerpt[:400],
            about_type=about[0] if about else "",
            about_id=about[1] if about else None,
            network_id=network_id,
            group_id=group_id,
            created_at=now,
            # Nothing to e-mail for those who read notices on the site only.
            emailed_at=now if channels[pk] == Channel.SITE or _quiet.get() else None,
        )
        for pk, person in people.items()
        if channels[pk] != Channel.OFF
    ]
    Notice.objects.bulk_create(notices)
    at_once = [n.pk for n in notices if channels[n.recipient_id] == Channel.IMMEDIATE and n.emailed_at is None]
    if at_once:
        transaction.on_commit(partial(tasks.email_notices.enqueue, at_once))
    return notices


def mark_read(notice: Notice) -> None:
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_read_about(user: User, about_type: str, about_id: int) -> int:
    """The person opened the thing: its notices are read."""
    return Notice.objects.filter(recipient=user, about_type=about_type, about_id=about_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def settle(about_type: str, about_id: int) -> int:
    """The thing was dealt with by one of the people told of it (a request decided): its
    notices are read for all of them, so no bell keeps counting it."""
    return Notice.objects.filter(about_type=about_type, about_id=about_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_channel(user: User, key: str, channel: Channel) -> None:
    Preference.objects.update_or_create(user=user, kind=key, defaults={"channel": channel})
    if channel in (Channel.SITE, Channel.OFF):
        # What waited for a digest of this kind no longer goes out.
        Notice.objects.filter(recipient=user, kind=key, emailed_at__isnull=True).update(emailed_at=timezone.now())


def forget(user_ids: Iterable[int], *, network_id: int, group_id: int | None = None) -> int:
    """People who left a network (or a group) stop counting its notices as unread: the
    bell counts unread notices in one query, without asking what each is about."""
    scope = {"group_id": group_id} if group_id is not None else {}
    return Notice.objects.filter(
        recipient__in=list(user_ids), network_id=network_id, read_at__isnull=True, **scope
    ).update(read_at=timezone.now())
