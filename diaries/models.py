"""A teacher's reflective diary (рефлексивті күнделік): entries that answer three
prompts — what did you try, what did the pupils do, what next? — optionally about an
event they took part in or a lesson they taught or observed.

An entry is its author's alone. They may share it with a companion — their coach or
their mentor, or a mentee of theirs (diaries/companions.py) — and take it back; nobody
else ever reads it: not the director, not the network's leader or organisers, not the
search, not the admin (diaries/permissions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Event
from networks.models import Network
from observations.models import Lesson
from ortaq.lib.urls import id_url

if TYPE_CHECKING:
    from accounts.models import User


class EntryQuerySet(models.QuerySet["Entry"]):
    def visible_to(self, user: User) -> EntryQuerySet:
        """The entries a person may read: their own and those shared with them. No role
        (a director, a leader, an administrator) adds any."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(author=user) | Q(shares__shared_with=user)).distinct()

    def shared_with(self, user: User) -> EntryQuerySet:
        return self.filter(shares__shared_with=user)


def opening(tried: str, pupils: str, next_steps: str) -> str:
    """An entry's first words (``Entry.opening``; the diary's list asks it of plain values)."""
    text = tried or pupils or next_steps
    return text if len(text) <= 160 else text[:157].rstrip() + "…"


class Entry(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_entries", verbose_name=_("author")
    )
    network = models.ForeignKey(
        Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("network")
    )
    written_on = models.DateField(_("date"))
    tried = models.TextField(_("What did you try?"), blank=True)
    pupils = models.TextField(_("What did the pupils do?"), blank=True)
    next_steps = models.TextField(_("What next?"), blank=True)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("lesson")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")
        indexes = [models.Index(fields=["author", "written_on"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.written_on}"

    def get_absolute_url(self) -> str:
        return id_url("diaries:entry", self.pk)

    @property
    def opening(self) -> str:
        """The first words, for a list: what was tried, or else what came next."""
        return opening(self.tried, self.pupils, self.next_steps)


class Share(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="shares", verbose_name=_("entry"))
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="diary_shares",
        verbose_name=_("shared with"),
    )
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)

    class Meta:
        ordering = ["shared_at", "pk"]
        verbose_name = _("shared entry")
        verbose_name_plural = _("shared entries")
        constraints = [models.UniqueConstraint(fields=["entry", "shared_with"], name="diary_share_once")]

    def __str__(self) -> str:
        return f"{self.entry} → {self.shared_with}"
