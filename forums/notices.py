"""The notices the forum sends (notifications centre): replies in what a person
follows, new discussions in a followed category, mentions, a reply marked as the
solution. Each is about its thread («forums.thread»), so opening the thread reads them
and the forum's lists show which threads have news."""

from __future__ import annotations

from django.core import signing
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.kinds import Channel, Kind, register

THREAD = "forums.thread"

REPLY = register(
    Kind(
        "forums.reply",
        _("a reply in a discussion you follow"),
        _("%(person)s replied in «%(thread)s»"),
        Channel.DAILY,
    )
)
NEW_THREAD = register(
    Kind(
        "forums.new_thread",
        _("a new discussion in a category you follow"),
        _("%(person)s started a discussion: «%(thread)s»"),
        Channel.DAILY,
    )
)
MENTION = register(
    Kind("forums.mention", _("you are mentioned"), _("%(person)s mentioned you in «%(thread)s»"), Channel.DAILY)
)
SOLUTION = register(
    Kind(
        "forums.solution",
        _("your reply solved a question"),
        _("%(person)s marked your reply as the solution of «%(thread)s»"),
        Channel.DAILY,
    )
)

KINDS = (REPLY, NEW_THREAD, MENTION, SOLUTION)

# Forum e-mails sent before the notifications centre carry a one-click link signed
# with this salt; it must keep stopping the forum's e-mails.
UNSUBSCRIBE_SALT = "forums.unsubscribe"


def user_from_token(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None
