"""Forum e-mails: one per notification for people who chose "at once", a daily
digest for the others, each in the recipient's language with a one-click
unsubscribe link that works without signing in."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import User
from forums.models import Notification
from ortaq.lib.markdown import plain_text

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "forums.unsubscribe"
EXCERPT_WORDS = 60


def unsubscribe_token(user: User) -> str:
    # No expiry: a link in a year-old e-mail must still stop the e-mails.
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_from_token(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(user: User) -> str:
    return absolute(reverse("forums:unsubscribe", args=[unsubscribe_token(user)]))


def language_of(user: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in codes else "kk"


def _message(user: User, subject: str, body: str) -> EmailMessage:
    link = unsubscribe_url(user)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def _footer_context(user: User) -> dict[str, str]:
    return {"unsubscribe_url": unsubscribe_url(user), "preferences_url": absolute(reverse("forums:preferences"))}


def excerpt(notification: Notification) -> str:
    if notification.post is None or not notification.post.is_shown:
        return ""
    return Truncator(plain_text(notification.post.body_html)).words(EXCERPT_WORDS)


def send_immediately(notification_ids: list[int]) -> None:
    """Sends each notification on its own, after the transaction that made it has
    committed. A failing mail server is logged, not shown to the writer: their post
    is saved, and the notification stays unsent for a later try."""
    notifications = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related(
        "recipient", "actor", "post", "thread__forum__network"
    )
    for notification in notifications:
        user = notification.recipient
        if not user.is_active or not user.email:
            continue
        with translation.override(language_of(user)):
            subject = notification.describe()
            body = render_to_string(
                "forums/email/notification.txt",
                {
                    "notification": notification,
                    "summary": subject,
                    "excerpt": excerpt(notification),
                    "url": absolute(notification.get_absolute_url()),
                    **_footer_context(user),
                },
            )
        try:
            _message(user, subject, body).send()
        except Exception:  # any transport error: keep the notification for later
            logger.exception("Could not e-mail forum notification %s", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def send_digest(user: User, notifications: list[Notification]) -> bool:
    """One e-mail with the person's notifications of the day, by discussion."""
    if not user.is_active or not user.email or not notifications:
        return False
    by_thread: dict[int, list[Notification]] = {}
    for notification in notifications:
        by_thread.setdefault(notification.thread_id, []).append(notification)
    with translation.override(language_of(user)):
        subject = _("Forum digest: %(count)s new notifications") % {"count": len(notifications)}
        body = render_to_string(
            "forums/email/digest.txt",
            {
                "user": user,
                "threads": [
                    {
                        "thread": items[0].thread,
                        "network": items[0].thread.forum.network,
                        "lines": [
                            {"summary": n.describe(), "url": absolute(n.get_absolute_url()), "excerpt": excerpt(n)}
                            for n in items
                        ],
                    }
                    for items in by_thread.values()
                ],
                "notifications_url": absolute(reverse("forums:notifications")),
                **_footer_context(user),
            },
        )
    _message(user, subject, body).send()
    return True
