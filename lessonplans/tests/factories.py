"""Series and lessons for tests, written through the app's own actions."""

from __future__ import annotations

from typing import Any

from lessonplans import actions
from lessonplans.models import LessonPlan, Series
from ortaq.testing import Cast
from subjects.models import Subject


def subject(code: str = "mathematics") -> Subject:
    return Subject.objects.get(code=code)


def make_series(cast: Cast, *, published: bool = False, **fields: Any) -> Series:
    """A draft of the cast's developing group (the coach and the teacher), started by the
    coach, with one lesson of three stages."""
    values: dict[str, Any] = {
        "title": "Оқыту үшін бағалау: бөлшектер",
        "subject": subject(),
        "grade": 6,
        "unit": "Жай бөлшектер",
        "group": cast.group,
        "modules": ["assessment", "new_approaches"],
        "description": "",
        "language": "kk",
    } | fields
    series = actions.start_series(cast.network, by=cast.coach, **values)
    make_lesson(series, cast)
    if published:
        actions.publish_series(series, by=cast.coach)
        series.refresh_from_db()
    return series


def make_lesson(series: Series, cast: Cast, topic: str = "Бөлшектерді салыстыру") -> LessonPlan:
    lesson = actions.add_lesson(series, topic=topic, by=cast.coach)
    return actions.save_lesson(
        lesson,
        version=None,
        by=cast.coach,
        stages=[
            {
                "part": "beginning",
                "minutes": 5,
                "teacher_actions": "Ынтымақтастық атмосферасы",
                "pupil_actions": "Топқа бөлінеді",
            },
            {
                "part": "middle",
                "minutes": 30,
                "teacher_actions": "Бөлшектерді салыстыруды түсіндіреді",
                "pupil_actions": "Жұпта жұмыс",
                "assessment": "Бағдаршам",
                "resources": "Оқулық",
            },
            {
                "part": "end",
                "minutes": 5,
                "teacher_actions": "Кері байланыс",
                "pupil_actions": "Рефлексия: «Білдім, білгім келеді»",
            },
        ],
        objective_codes=["6.1.2.7", "6.1.2.8"],
        objectives="Оқушылар бөлшектерді салыстыра алады",
        success_criteria="Ортақ бөлімге келтіреді; бөлшектерді салыстырады",
        assessment="Қалыптастырушы бағалау: бағдаршам, смайлик",
        differentiation="Қолдау: тірек сызбасы; қосымша тапсырма",
        teacher=cast.teacher,
        class_name="6 «Ә»",
    )
