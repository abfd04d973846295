"""Mentoring (тәлімгерлік): a pair of a mentor (тәлімгер) and a mentee (тәлімгер алушы) —
a new teacher, an uncertified teacher, or a director or deputy — in a network, with
their goals and the log of their meetings.

The log is the pair's own: the network's organisers see that a pair exists, when it
last met and whether it is quiet, never what was said, unless both of the pair share
their log (``Pair.log_shared``). See mentoring/permissions.py.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from networks.models import ORGANISING_ROLES, Membership, Network
from ortaq.lib.urls import id_url

if TYPE_CHECKING:
    from accounts.models import User

DEFAULT_QUIET_DAYS = 21


class PairQuerySet(models.QuerySet["Pair"]):
    def visible_to(self, user: User) -> PairQuerySet:
        """The pairs a person may open (the same rule as ``get_pair_for_user``): their
        own, and every pair of the networks they organise; administrators all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
        return self.filter(Q(mentor=user) | Q(mentee=user) | Q(network__in=organised))

    def of(self, user: User) -> PairQuerySet:
        """The pairs the person is in, as mentor or as mentee."""
        return self.filter(Q(mentor=user) | Q(mentee=user))

    def active(self) -> PairQuerySet:
        return self.filter(status=Pair.Status.ACTIVE)


def is_quiet(active: bool, since: datetime.date, after_days: int, today: datetime.date) -> bool:
    """An active pair that has not met for its chosen number of days (``Pair.is_quiet``;
    the list of pairs asks it of plain values)."""
    return active and (today - since).days >= after_days


class Pair(models.Model):
    class Kind(models.TextChoices):
        NEW_TEACHER = "new_teacher", _("new teacher")
        UNCERTIFIED = "uncertified", _("uncertified teacher")
        DIRECTOR = "director", _("director or deputy")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="mentoring_pairs", verbose_name=_("network")
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_as_mentor",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_as_mentee",
        verbose_name=_("mentee"),
    )
    kind = models.CharField(_("kind of mentee"), max_length=16, choices=Kind.choices, default=Kind.NEW_TEACHER)
    goals = models.TextField(_("goals"), blank=True, help_text=_("What the mentee wants to learn, one goal per line."))
    started_on = models.DateField(_("started"))
    quiet_after_days = models.PositiveSmallIntegerField(
        _("remind after (days without a meeting)"),
        default=DEFAULT_QUIET_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(120)],
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    summary = models.TextField(_("completion summary"), blank=True)
    # The day of the last meeting, kept with the pair so that the organisers' list and
    # the reminder read it without the log.
    last_met_on = models.DateField(_("last meeting"), null=True, blank=True)
    # The quiet spell already reminded of: the day it began from (the last meeting or
    # the start). A new meeting begins another spell.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    mentor_shares_log = models.BooleanField(_("the mentor shares the log with the organisers"), default=False)
    mentee_shares_log = models.BooleanField(_("the mentee shares the log with the organisers"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-started_on", "-pk"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="mentoring_pair_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def get_absolute_url(self) -> str:
        return id_url("mentoring:pair", self.pk)

    def clean(self) -> None:
        if self.mentor_id and self.mentor_id == self.mentee_id:
            raise ValidationError(_("A mentor cannot mentor themselves."))

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def log_shared(self) -> bool:
        """Both of the pair chose to show their log to the network's organisers."""
        return self.mentor_shares_log and self.mentee_shares_log

    @property
    def quiet_since(self) -> datetime.date:
        """The day the present quiet spell began: the last meeting, or the start."""
        return self.last_met_on or self.started_on

    def quiet_days(self, today: datetime.date) -> int:
        return (today - self.quiet_since).days

    def is_quiet(self, today: datetime.date) -> bool:
        return is_quiet(self.is_active, self.quiet_since, self.quiet_after_days, today)

    def includes(self, user: User) -> bool:
        return user.pk in (self.mentor_id, self.mentee_id)


class Meeting(models.Model):
    """One meeting of a pair, in its log: what was discussed and the next steps."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair"))
    met_on = models.DateField(_("date"))
    discussed = models.TextField(_("what was discussed"))
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")

    def __str__(self) -> str:
        return f"{self.pair}: {self.met_on}"
