"""The academic calendar moved from ``events`` to ``calendars`` keeping every row: years,
quarters, holidays, shifts, the work plans that point at a year, and the content types
the admin permissions hang on."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from calendars.models import AcademicYear, Holiday, ShiftAssignment, Term
from events.models import WorkPlan

BEFORE = [("events", "0001_initial"), ("calendars", None)]


def migrate(targets: list[tuple[str, str | None]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([(app, name) for app, name in targets if name is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_calendar_to_its_app_keeping_every_row(cast):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        Year = old.get_model("events", "AcademicYear")
        year = Year.objects.create(
            name="2026–2027", starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 5, 25)
        )
        old.get_model("events", "Term").objects.create(
            year=year, number=1, starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 10, 25)
        )
        old.get_model("events", "Holiday").objects.create(
            year=year, name="Күзгі демалыс", starts_on=datetime.date(2026, 10, 26), ends_on=datetime.date(2026, 11, 1)
        )
        old.get_model("events", "ShiftAssignment").objects.create(user_id=cast.teacher.pk, shift=2)
        old.get_model("events", "WorkPlan").objects.create(network_id=cast.network.pk, year=year, goal="Мақсат")
        OldContentType = old.get_model("contenttypes", "ContentType")
        OldContentType.objects.filter(app_label="calendars").delete()
        content_type, _created = OldContentType.objects.get_or_create(app_label="events", model="academicyear")
    finally:
        migrate(latest)

    moved = AcademicYear.objects.get(name="2026–2027")
    assert moved.pk == year.pk
    assert list(moved.terms.values_list("number", flat=True)) == [1]
    assert Holiday.objects.get(year=moved).name == "Күзгі демалыс"
    assert ShiftAssignment.objects.get(user=cast.teacher).shift == 2
    assert WorkPlan.objects.get(network=cast.network).year == moved
    assert Term.objects.count() == 1
    relabelled = ContentType.objects.get(pk=content_type.pk)
    assert (relabelled.app_label, relabelled.model) == ("calendars", "academicyear")
