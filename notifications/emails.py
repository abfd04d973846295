"""Notice e-mails: one per notice for people who chose «at once», a daily digest for
the others, each in the recipient's language with a one-click link that stops that
kind of e-mail without signing in."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from notifications import kinds
from notifications.models import Notice

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(user: User, key: str) -> str:
    # No expiry: a link in a year-old e-mail must still stop the e-mails.
    return signing.dumps([user.pk, key], salt=UNSUBSCRIBE_SALT, compress=True)


def read_token(token: str) -> tuple[User, str] | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and kinds.get(str(value[1]))):
        return None
    user = User.objects.filter(pk=value[0]).first()
    return (user, str(value[1])) if user else None


def absolute(path: str) -> str:
    return path if path.startswith("http") else settings.SITE_URL + path


def message(user: User, subject: str, body: str, unsubscribe: str) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def send_immediately(notice_ids: list[int]) -> int:
    """Each notice on its own. A failing mail server is logged; the notice stays unsent
    and the task is tried again (ortaq/lib/tasks.py)."""
    sent = 0
    notices = Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True).select_related("recipient", "actor")
    for notice in notices:
        user = notice.recipient
        if not user.is_active or not user.email:
            continue
        unsubscribe = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, notice.kind)]))
        with translation.override(user.writing_language), timezone.override(settings.TIME_ZONE):
            subject = notice.sentence()
            body = render_to_string(
                "notifications/email/notice.txt",
                {
                    "notice": notice,
                    "sentence": subject,
                    "url": absolute(notice.url),
                    "unsubscribe_url": unsubscribe,
                    "settings_url": absolute(reverse("notifications:settings")),
                },
            )
        message(user, subject, body, unsubscribe).send()
        Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def send_digest(user: User, notices: list[Notice]) -> bool:
    """One e-mail with the person's notices since the last, grouped by kind."""
    if not user.is_active or not user.email or not notices:
        return False
    by_kind: dict[str, list[Notice]] = {}
    for notice in notices:
        by_kind.setdefault(notice.kind, []).append(notice)
    with translation.override(user.writing_language), timezone.override(settings.TIME_ZONE):
        subject = _("Ortaq: %(count)s new notices") % {"count": len(notices)}
        groups = []
        for key, items in by_kind.items():
            kind = kinds.get(key)
            groups.append(
                {
                    "label": str(kind.label) if kind else key,
                    "lines": [{"sentence": n.sentence(), "url": absolute(n.url), "excerpt": n.excerpt} for n in items],
                    "unsubscribe_url": absolute(
                        reverse("notifications:unsubscribe", args=[unsubscribe_token(user, key)])
                    ),
                }
            )
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                "person": user,
                "groups": groups,
                "notices_url": absolute(reverse("notifications:index")),
                "settings_url": absolute(reverse("notifications:settings")),
            },
        )
    # The header's one-click link stops the kind most of the digest is about.
    main_kind = max(by_kind, key=lambda key: len(by_kind[key]))
    unsubscribe = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, main_kind)]))
    message(user, subject, body, unsubscribe).send()
    return True
