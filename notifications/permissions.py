"""Who may see and do what with notices: each person their own, and only while they
may still read what a notice is about (``notifications.kinds.readable_by``). Someone
else's notice, or one whose network or group the person left, is 404."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.models import Notice, NoticeQuerySet


def notices_visible_to(user: User) -> NoticeQuerySet:
    return Notice.objects.for_user(user)


def get_notice_for_user(user: User, pk: int) -> Notice:
    notice = notices_visible_to(user).filter(pk=pk).first()
    if notice is None:
        raise Http404(_("No such notice."))
    return notice
