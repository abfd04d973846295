"""Open lessons and their observations moved from ``events`` to ``observations``, and
awards to ``awards``, keeping every row: forms with criteria and levels, lessons (now
linked to their event and given its network), observations with scores, awards, and
the content types the admin permissions hang on. And back again."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from awards.models import Award
from events.models import EventLesson
from observations.models import Lesson, Observation, ObservationForm, ObservationScore

BEFORE = [("events", "0002_calendar_models_to_calendars"), ("observations", None), ("awards", None)]


def migrate(targets: list[tuple[str, str | None]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([(app, name) for app, name in targets if name is not None]).apps


def old_rows(old: StateApps, cast) -> dict[str, int]:
    """A seminar with an open lesson, a form, a submitted observation and an award, as
    events kept them."""
    start = timezone.now() - datetime.timedelta(days=3)
    event = old.get_model("events", "Event").objects.create(
        network_id=cast.network.pk, title="Семинар", kind="seminar", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )  # fmt: skip
    form = old.get_model("events", "ObservationForm").objects.create(network_id=cast.network.pk, name="Парақ")
    criterion = old.get_model("events", "Criterion").objects.create(form=form, position=1, title="Диалог")
    for score in (1, 2):
        old.get_model("events", "CriterionLevel").objects.create(criterion=criterion, score=score, descriptor="д")
    lesson = old.get_model("events", "OpenLesson").objects.create(
        event=event, teacher_id=cast.teacher.pk, grade=9, topic="Квадрат теңдеулер", form=form
    )
    observation = old.get_model("events", "Observation").objects.create(
        lesson=lesson, observer_id=cast.coach.pk, what_worked="Жақсы", submitted_at=timezone.now()
    )
    old.get_model("events", "ObservationScore").objects.create(observation=observation, criterion=criterion, score=2)
    award = old.get_model("events", "Award").objects.create(
        network_id=cast.network.pk, event=event, recipient_id=cast.teacher.pk, kind="thanks", recipient_name="x",
        title="Семинар", event_date=start.date(), code="ABCD-EFGH-JKLM",
    )  # fmt: skip
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label__in=["observations", "awards"]).delete()
    lesson_type, _created = ContentType.objects.get_or_create(app_label="events", model="openlesson")
    award_type, _created = ContentType.objects.get_or_create(app_label="events", model="award")
    return {
        "event": event.pk, "form": form.pk, "lesson": lesson.pk, "observation": observation.pk, "award": award.pk,
        "lesson_type": lesson_type.pk, "award_type": award_type.pk,
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_it_moves_lessons_observations_and_awards_keeping_every_row(cast):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        rows = old_rows(old, cast)
    finally:
        migrate(latest)

    lesson = Lesson.objects.get(pk=rows["lesson"])
    assert (lesson.topic, lesson.network_id, lesson.teacher_id) == (
        "Квадрат теңдеулер",
        cast.network.pk,
        cast.teacher.pk,
    )
    assert EventLesson.objects.get(lesson=lesson).event_id == rows["event"]
    assert lesson.form == ObservationForm.objects.get(pk=rows["form"])
    assert [level.score for level in lesson.form.criteria.get().levels.all()] == [1, 2]
    observation = Observation.objects.get(pk=rows["observation"])
    assert (observation.lesson, observation.what_worked) == (lesson, "Жақсы")
    assert ObservationScore.objects.get(observation=observation).score == 2
    award = Award.objects.get(pk=rows["award"])
    assert (award.event_id, award.code) == (rows["event"], "ABCD-EFGH-JKLM")
    assert award.verification_path() == "/events/verify/ABCD-EFGH-JKLM/"
    lesson_type = ContentType.objects.get(pk=rows["lesson_type"])
    assert (lesson_type.app_label, lesson_type.model) == ("observations", "lesson")
    assert ContentType.objects.get(pk=rows["award_type"]).app_label == "awards"


@pytest.mark.django_db(transaction=True)
def test_it_goes_back_putting_each_lesson_under_its_event_again(cast):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        rows = old_rows(old, cast)
        migrate(latest)
        old = migrate(BEFORE)
        OldLesson = old.get_model("events", "OpenLesson")
        assert OldLesson.objects.get(pk=rows["lesson"]).event_id == rows["event"]
        assert old.get_model("events", "Observation").objects.get(pk=rows["observation"]).lesson_id == rows["lesson"]
        assert old.get_model("events", "Award").objects.get(pk=rows["award"]).code == "ABCD-EFGH-JKLM"
    finally:
        migrate(latest)
