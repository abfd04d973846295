"""Workflows of the academic calendar."""

from __future__ import annotations

from django.db import transaction

from calendars.models import AcademicYear, Holiday, Term
from calendars.schoolyear import SchoolYear


@transaction.atomic
def add_academic_year(school_year: SchoolYear) -> AcademicYear:
    """An academic year with its quarters and holidays as calendars/schoolyear.py computes
    them; what is already there (corrected in the admin, say) is kept."""
    year, _created = AcademicYear.objects.get_or_create(
        name=school_year.name, defaults={"starts_on": school_year.starts_on, "ends_on": school_year.ends_on}
    )
    for quarter in school_year.quarters:
        Term.objects.get_or_create(
            year=year, number=quarter.number, defaults={"starts_on": quarter.starts_on, "ends_on": quarter.ends_on}
        )
    for holiday in school_year.holidays:
        Holiday.objects.get_or_create(
            year=year,
            name=holiday.name,
            defaults={"kind": holiday.kind, "starts_on": holiday.starts_on, "ends_on": holiday.ends_on},
        )
    return year
