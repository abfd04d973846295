"""The one notifications centre: every workflow that concerns someone leaves them a
notice here (the bell in the header counts the unread ones), and e-mails it at once,
in a daily digest or not at all, as they chose for its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import kinds
from notifications.kinds import Channel

if TYPE_CHECKING:
    from accounts.models import User


class NoticeQuerySet(models.QuerySet["Notice"]):
    def for_user(self, user: User) -> NoticeQuerySet:
        """The person's notices they may still read."""
        return self.filter(recipient=user).filter(kinds.readable_by(user))

    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # What it is about, as the sentence names it, and where it leads.
    title = models.CharField(_("about"), max_length=300)
    url = models.CharField(max_length=500)
    # A few words of it (a reply's first lines), for the list and the e-mail.
    excerpt = models.CharField(_("excerpt"), max_length=400, blank=True)
    # The thing it is about, by kind and id («forums.thread», 42): opening that thing
    # marks its notices read, and a list of such things can show which have news.
    about_type = models.CharField(max_length=40, blank=True)
    about_id = models.BigIntegerField(null=True, blank=True)
    # Its audience, by id: the notice is shown while the person may read them.
    network_id = models.BigIntegerField(null=True, blank=True)
    group_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set once it went out by e-mail, alone or in a digest (or when no e-mail is due),
    # so that a digest never sends it twice.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notice_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notice_unread"),
            models.Index(fields=["recipient"], condition=Q(emailed_at__isnull=True), name="notice_unsent"),
            models.Index(
                fields=["recipient", "about_type", "about_id"],
                condition=Q(read_at__isnull=True),
                name="notice_unread_about",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.kind} — {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def sentence(self) -> str:
        """What happened, in the active language (the recipient's, in e-mails)."""
        kind = kinds.get(self.kind)
        person = self.actor.full_name if self.actor else "—"
        # «thread» is the forum's older name for what a notice is about.
        values: dict[str, Any] = {"person": person, "title": self.title, "thread": self.title}
        # The lazy sentence is translated here, in the language active now.
        return (str(kind.sentence) if kind else "%(title)s") % values


class Preference(models.Model):
    """How a person wants one kind of notice; without a row, the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("how"), max_length=12, choices=Channel.choices)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} — {self.channel}"

    @classmethod
    def channels_of(cls, user_ids: list[int], key: str) -> dict[int, Channel]:
        """Each person's channel for a kind, in one query."""
        kind = kinds.get(key)
        default = kind.default if kind else Channel.DAILY
        chosen = dict(cls.objects.filter(user__in=user_ids, kind=key).values_list("user_id", "channel"))
        return {pk: Channel(chosen.get(pk, default)) for pk in user_ids}
