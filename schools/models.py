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
