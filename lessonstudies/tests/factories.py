"""Lesson Study for the tests, on the fixed cast of ortaq/testing.py: the coach leads a
team with the teacher (both of the attached school); the director of that school and
the network's leader are *not* on the team — the firewall's two readers."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.utils import timezone

from lessonstudies import actions
from lessonstudies.models import CasePupil, Cycle, ResearchLesson

PUPILS = [
    ("А", "Жоғары үлгерімді: тапсырманы тез орындайды, басқаларға түсіндіреді"),
    ("В", "Орташа үлгерімді: жұпта жұмыс істегенде белсенді"),
    ("С", "Төмен үлгерімді: сұраққа сирек жауап береді, көмек күтеді"),
]
ACTIVITIES = [
    actions.ActivityDraft("Ой қозғау: «Неге?» сұрағы", 5, "Сұрақ тақтада"),
    actions.ActivityDraft("Жұптағы диалог", 15, "Оқушылар жұпта пікір алмасады"),
    actions.ActivityDraft("Рефлексия", 5, ""),
]


def make_cycle(cast: Any, **fields: Any) -> Cycle:
    values: dict[str, Any] = {
        "theme": "Диалогтық оқыту арқылы оқушылардың қызығушылығын арттыру",
        "question": "Жұптағы диалог төмен үлгерімді оқушының сабаққа қатысуын қалай өзгертеді?",
        "grade": 7,
        "leader": cast.coach,
        "team": [cast.coach, cast.teacher],
    }
    return actions.start_cycle(cast.network, by=cast.coach, **(values | fields))


def add_pupils(cast: Any, cycle: Cycle) -> list[CasePupil]:
    return [
        actions.save_pupil(cycle, code=code, profile=profile, observer=cast.coach if i < 2 else cast.teacher)
        for i, (code, profile) in enumerate(PUPILS)
    ]


def make_lesson(cast: Any, cycle: Cycle, *, days: int = -1, plan: bool = True) -> ResearchLesson:
    lesson = actions.schedule_lesson(
        cycle,
        by=cast.coach,
        teacher=cast.teacher,
        date=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=datetime.time(10, 0),
        school=cast.attached_school,
        class_name="7 «А»",
    )
    if plan and not lesson.versions.exists():
        actions.add_version(
            lesson, opened=0, by=cast.coach, objectives="7.2.1.1 мәтіннің негізгі ойын анықтау", activities=ACTIVITIES
        )
    return lesson


def fill_lesson(cast: Any, lesson: ResearchLesson, pupils: list[CasePupil]) -> None:
    """Predictions, notes, interviews and a ready discussion for every case pupil."""
    plan = lesson.versions.order_by("-number").first()
    assert plan is not None
    activities = list(plan.activities.all())
    actions.save_predictions(
        plan, {(a.pk, p.pk): f"Болжам: {p.code} {a.order}-тапсырмада үндемейді" for a in activities for p in pupils}
    )
    for activity in activities:
        for pupil in pupils:
            actions.add_note(
                lesson,
                observer=pupil.observer,
                pupil=pupil,
                activity=activity,
                text=f"Бақылау: {pupil.code} жұбына сұрақ қойды",
                client_id=uuid.uuid4(),
            )
    for pupil in pupils:
        actions.save_interview(
            lesson,
            pupil,
            by=cast.coach,
            version=0,
            learned="Мәтіннің негізгі ойын",
            helped="Жұбымның сұрақтары",
            hard="Бірінші болып сөйлеу",
            change="Көбірек уақыт",
        )
    actions.save_discussion(
        lesson,
        by=cast.coach,
        version=0,
        decisions="Жұптағы диалогқа 5 минут қосу",
        records={(a.pk, p.pk): ("Болжамнан белсендірек", "Сұрақ карточкалары") for a in activities for p in pupils},
        ready=True,
    )
