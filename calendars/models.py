"""The academic calendar every domain shares: academic years (оқу жылы) with their
quarters and holidays, and the shift each teacher works in. Events flag what falls on a
holiday; surveys, development plans and dashboards count by quarter and by year.

The tables kept their names from when these models lived in ``events`` (migration
``calendars.0001`` took them over without moving a row)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from calendars.schoolyear import SchoolYear

# --- The academic year ----------------------------------------------------------------------


class AcademicYearQuerySet(models.QuerySet["AcademicYear"]):
    def for_date(self, day: datetime.date) -> AcademicYear | None:
        return self.filter(starts_on__lte=day, ends_on__gte=day).first()

    def current(self, today: datetime.date) -> AcademicYear | None:
        return current_year(list(self), today)


def current_year(years: list[AcademicYear], today: datetime.date) -> AcademicYear | None:
    """The year people mean on that day: the one holding it; in June, the one whose
    lessons just ended; in July and August, the one that is starting. Else the newest
    that began before it (the years are data, and may be missing)."""
    meant = SchoolYear.current(today)
    newest_first = sorted(years, key=lambda y: y.starts_on, reverse=True)
    return (
        next((y for y in newest_first if y.starts_on <= today <= y.ends_on), None)
        or next((y for y in newest_first if y.starts_on <= meant.ends_on and y.ends_on >= meant.starts_on), None)
        or next((y for y in newest_first if y.starts_on <= today), None)
    )


class AcademicYear(models.Model):
    """An academic year (оқу жылы) with its quarters and holidays, as the Ministry sets them."""

    name = models.CharField(_("name"), max_length=20, unique=True, help_text=_("For example 2026–2027."))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        db_table = "events_academicyear"
        ordering = ["-starts_on"]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The year must end after it starts.")})


class Term(models.Model):
    """A quarter (тоқсан) of the academic year."""

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="terms", verbose_name=_("year"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        db_table = "events_term"
        ordering = ["year", "number"]
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="term_once_per_year")]

    def __str__(self) -> str:
        return str(_("Quarter %(number)s") % {"number": self.number})


class Holiday(models.Model):
    """School holidays (каникул) and public holidays: events on these days are flagged."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("school holidays")
        PUBLIC = "public", _("public holiday")

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("year"))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SCHOOL)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        db_table = "events_holiday"
        ordering = ["starts_on"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})


class Holidays:
    """The holidays overlapping a stretch of days, read in one query, to flag events."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.items = list(Holiday.objects.filter(starts_on__lte=end, ends_on__gte=start).order_by("starts_on"))

    def on(self, day: datetime.date) -> Holiday | None:
        for holiday in self.items:
            if holiday.starts_on <= day <= holiday.ends_on:
                return holiday
        return None


# --- School shifts ---------------------------------------------------------------------------


class ShiftAssignment(models.Model):
    """The shift a teacher works in at a school with two or three shifts. At a
    one-shift school everyone works the first; where nobody said, a teacher of a
    multi-shift school may be busy in any of its shifts."""

    class Shift(models.IntegerChoices):
        FIRST = 1, _("first shift (morning)")
        SECOND = 2, _("second shift (afternoon)")
        THIRD = 3, _("third shift (evening)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift", verbose_name=_("person")
    )
    shift = models.PositiveSmallIntegerField(_("shift"), choices=Shift.choices)

    class Meta:
        db_table = "events_shiftassignment"
        verbose_name = _("shift of a teacher")
        verbose_name_plural = _("shifts of teachers")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_shift_display()}"
