"""Recognition: certificates of merit, letters of thanks and certificates of
participation an event's organisers issue, each with a code anyone can verify.

The model came from ``events`` with its table (``events_award``), so no row moved.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from networks.models import Network
from ortaq.lib.text import plain_code

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_award_code() -> str:
    # 12 symbols of 32: 60 bits, not guessable; grouped by four to read aloud or type.
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_award_code(typed: str) -> str:
    """A code as printed («ABCD-EFGH-JKLM») from however it was typed: groups run
    together or split by spaces, small letters, Cyrillic look-alikes."""
    plain = plain_code(typed)
    return f"{plain[:4]}-{plain[4:8]}-{plain[8:]}" if len(plain) == 12 else plain


class Award(models.Model):
    """A certificate of merit in a nomination (мадақтама), a letter of thanks (алғыс хат)
    or a certificate of participation with hours. The PDF is drawn when asked for;
    only this row is kept. The name and title are copied at issue so the document
    and its verification page keep saying what was awarded."""

    class Kind(models.TextChoices):
        MERIT = "merit", _("certificate of merit")
        THANKS = "thanks", _("letter of thanks")
        PARTICIPATION = "participation", _("certificate of participation")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="awards", verbose_name=_("network"))
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="awards", verbose_name=_("event")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    nomination = models.CharField(_("nomination"), max_length=255, blank=True)
    reason = models.CharField(_("for"), max_length=255, blank=True, help_text=_("For example: for active work."))
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    recipient_name = models.CharField(_("name on the document"), max_length=200)
    title = models.CharField(_("event on the document"), max_length=255)
    event_date = models.DateField(_("date of the event"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="kk")
    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_award_code)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued"), default=timezone.localdate)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        db_table = "events_award"
        ordering = ["-issued_on", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient", "kind"],
                condition=Q(revoked_at__isnull=True),
                name="award_once_per_event_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.recipient_name}"

    def get_absolute_url(self) -> str:
        return reverse("awards:pdf", args=[self.pk])

    def verification_path(self) -> str:
        return reverse("awards:verify_code", args=[self.code])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
