from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ortaq.lib.collation import KazakhOrder


class Region(models.Model):
    """An oblast or a city of republican significance (Астана, Алматы, Шымкент)."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = [KazakhOrder("name")]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (аудан) or a town (қала) inside a region: the level at which the
    education department's methodologists (әдіскер) support networks."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DISTRICT)
    methodologists = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="methodologist_districts",
        verbose_name=_("methodologists"),
        help_text=_("District methodologists see every network that has a school in this district."),
    )

    class Meta:
        ordering = [KazakhOrder("region__name"), KazakhOrder("name")]
        verbose_name = _("district or city")
        verbose_name_plural = _("districts and cities")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="district_unique_in_region")]

    def __str__(self) -> str:
        return f"{self.name}, {self.region.name}"


class School(models.Model):
    class Language(models.TextChoices):
        KAZAKH = "kk", pgettext_lazy("language of instruction", "Kazakh")
        RUSSIAN = "ru", pgettext_lazy("language of instruction", "Russian")
        MIXED = "kk_ru", pgettext_lazy("language of instruction", "Kazakh and Russian")
        ENGLISH = "en", pgettext_lazy("language of instruction", "English")
        OTHER = "other", pgettext_lazy("language of instruction", "other")

    class Shifts(models.IntegerChoices):
        ONE = 1, _("one shift")
        TWO = 2, _("two shifts")
        THREE = 3, _("three shifts")

    name = models.CharField(_("name"), max_length=255)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district or city")
    )
    language = models.CharField(
        _("language of instruction"), max_length=8, choices=Language.choices, default=Language.KAZAKH
    )
    shifts = models.PositiveSmallIntegerField(_("shifts"), choices=Shifts.choices, default=Shifts.ONE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = [KazakhOrder("name")]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="school_unique_in_district")]

    def __str__(self) -> str:
        return self.name


class SchoolRequestQuerySet(models.QuerySet["SchoolRequest"]):
    def pending(self) -> SchoolRequestQuerySet:
        return self.filter(status=SchoolRequest.Status.PENDING)


class SchoolRequest(models.Model):
    """Someone's school is not in the list: they name it and its district, and a person
    who may add schools there approves (the school is made, or an existing one chosen,
    and becomes theirs) or declines with a reason. Who may decide is the networks
    app's rule (networks/permissions.py): this app knows no network."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    name = models.CharField(_("name of the school"), max_length=255)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="school_requests", verbose_name=_("district or city")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="school_requests",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    # The school made on approval, or the existing one the approver recognised.
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )

    objects = SchoolRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to add a school")
        verbose_name_plural = _("requests to add a school")
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by"], condition=models.Q(status="pending"), name="school_request_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.name})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
