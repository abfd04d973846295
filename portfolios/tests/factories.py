"""What a person did, for the tests of their record."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from awards import actions as awarding
from events import actions
from events.models import Participation
from events.tests.factories import make_event, make_lesson
from observations import actions as observing
from observations.models import Criterion


def fill(cast: Any, count: int) -> None:
    """count past events the teacher attended, with a lesson, an observation, an award and a task each."""
    for index in range(count):
        day = timezone.localdate() - datetime.timedelta(days=2 + index)
        event = make_event(cast, day, title=f"Семинар {index}", kind="seminar", target_schools=[cast.attached_school])
        Participation.objects.create(event=event, user=cast.teacher, status="registered", attendance="present")
        lesson = make_lesson(cast, event, feedback_needs_release=False)
        criteria = {c.pk: 3 for c in Criterion.objects.filter(form=lesson.form_id)}
        observing.save_observation(lesson, cast.coach, scores=criteria, submit=True)
        other = make_lesson(cast, event, teacher=cast.coach, form=lesson.form)
        observing.save_observation(other, cast.teacher, scores=criteria, submit=True, what_worked="Жақсы")
        awarding.issue_award(event, cast.teacher, by=cast.leader, kind="participation", hours=4)
        actions.add_task(event, by=cast.leader, title=f"Тапсырма {index}", owner=cast.teacher, due_on=day)
