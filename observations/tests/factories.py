"""Observation forms and observed lessons for tests. A lesson someone holds (an event's
open lesson) is made by the holder's factories: ``events.tests.factories.make_lesson``."""

from __future__ import annotations

from typing import Any

from observations.models import Criterion, CriterionLevel, Lesson, ObservationForm


def make_form(cast: Any, criteria: int = 2) -> ObservationForm:
    form = ObservationForm.objects.create(network=cast.network, name="Сабақты бақылау парағы")
    for position, title in enumerate(["Оқу мақсаттарының айқындығы", "Диалогтық оқыту", "Саралау"][:criteria], 1):
        criterion = Criterion.objects.create(form=form, position=position, title=title)
        for score in range(1, 5):
            CriterionLevel.objects.create(criterion=criterion, score=score, descriptor=f"{score}-деңгей")
    return form


def bare_lesson(cast: Any, **fields: Any) -> Lesson:
    """A lesson of the cast's network that nothing holds (yet)."""
    fields.setdefault("form", make_form(cast))
    fields.setdefault("teacher", cast.teacher)
    fields.setdefault("topic", "Зерттеу сабағы")
    return Lesson.objects.create(network=cast.network, grade=7, **fields)


__all__ = ["bare_lesson", "make_form"]
