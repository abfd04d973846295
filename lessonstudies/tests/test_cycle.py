"""The cycle from start to report: the stage and what is due next follow the team's
work; plan versions are added, never overwritten; predictions, notes (kept once per
client id), interviews and the discussion; the next lesson starts from the revised
plan; the lessons compared."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lessonstudies import actions
from lessonstudies.comparison import compare
from lessonstudies.models import Cycle, Note, PlanVersion, Prediction, ResearchLesson, Stage
from lessonstudies.progress import progress_of
from lessonstudies.tests.factories import ACTIVITIES, add_pupils, fill_lesson, make_cycle, make_lesson
from notifications.models import Notice
from ortaq.lib.editing import StaleEdit
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_it_starts_a_cycle_from_the_page_and_tells_the_team(cast):
    client = as_user(cast.coach)
    response = client.post(
        reverse("lessonstudies:create", args=[cast.network.pk]),
        {
            "theme": "Диалогтық оқыту",
            "question": "Диалог оқушыға қалай көмектеседі?",
            "grade": 7,
            "leader": cast.coach.pk,
            "team": [cast.coach.pk, cast.teacher.pk],
            "version": 0,
        },
    )
    assert response.status_code == 302
    assert Notice.objects.filter(recipient=cast.teacher, kind="lessonstudies.team").exists()
    page = client.get(response["Location"])
    assert "Choose the case pupils and their observers" in page.content.decode()


def test_it_refuses_the_start_to_someone_who_is_not_a_member(cast):
    response = as_user(cast.methodologist).get(reverse("lessonstudies:create", args=[cast.network.pk]))
    assert response.status_code == 403


def next_label(cycle: Cycle, today: datetime.date) -> str:
    step = progress_of(cycle, today).next
    assert step is not None
    return step.label


def test_the_stage_and_what_is_due_next_follow_the_work(cast, django_assert_max_num_queries):
    cycle = make_cycle(cast)
    today = timezone.localdate()
    assert next_label(cycle, today) == "Choose the case pupils and their observers"
    pupils = add_pupils(cast, cycle)
    assert next_label(cycle, today) == "Schedule research lesson 1"
    lesson = make_lesson(cast, cycle, days=2, plan=False)
    assert next_label(cycle, today) == "Plan research lesson 1"
    actions.add_version(lesson, opened=0, by=cast.coach, objectives="7.2.1.1", activities=ACTIVITIES)
    progress = progress_of(cycle, today)
    assert progress.stage == Stage.PLANNING and next_label(cycle, today) == "Predict what each case pupil will do"
    plan = lesson.versions.get()
    actions.save_predictions(plan, {(a.pk, p.pk): "үндемейді" for a in plan.activities.all() for p in pupils})
    progress = progress_of(cycle, today)
    assert progress.stage == Stage.LESSON and next_label(cycle, today).startswith("Teach research lesson 1")
    ResearchLesson.objects.filter(pk=lesson.pk).update(date=today)
    fill_lesson(cast, lesson, pupils)
    progress = progress_of(cycle, today)
    assert progress.stage == Stage.PLANNING and next_label(cycle, today) == "Revise the plan: research lesson 2"
    with django_assert_max_num_queries(2):
        progress_of(cycle, today)


def test_plan_versions_are_added_never_overwritten_and_a_stale_one_is_refused(cast):
    cycle = make_cycle(cast)
    add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    client = as_user(cast.teacher)
    data = {
        "objectives": "Жаңа мақсат",
        "success_criteria": "",
        "change_note": "Диалогқа уақыт қосылды",
        "opened": 1,
        "activities-TOTAL_FORMS": 1,
        "activities-INITIAL_FORMS": 0,
        "activities-0-title": "Жұптағы диалог",
        "activities-0-minutes": 20,
    }
    assert client.post(reverse("lessonstudies:lesson", args=[lesson.pk]), data).status_code == 302
    assert list(lesson.versions.values_list("number", flat=True)) == [1, 2]
    assert PlanVersion.objects.get(research_lesson=lesson, number=1).objectives.startswith("7.2.1.1")
    stale = client.post(reverse("lessonstudies:lesson", args=[lesson.pk]), data | {"objectives": "Ескі"})
    assert stale.status_code == 409
    assert "Ескі" in stale.content.decode()
    assert lesson.versions.count() == 2
    with pytest.raises(StaleEdit):
        actions.add_version(lesson, opened=1, by=cast.coach, objectives="x")


def test_predictions_come_along_with_an_unchanged_activity(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    plan = lesson.versions.get()
    first = plan.activities.first()
    assert first is not None
    as_user(cast.coach).post(
        reverse("lessonstudies:predictions", args=[lesson.pk]), {f"p-{first.pk}-{pupils[0].pk}": "Бірінші жауап береді"}
    )
    actions.add_version(lesson, opened=1, by=cast.coach, objectives="x", activities=ACTIVITIES)
    assert Prediction.objects.filter(activity__plan__number=2, text="Бірінші жауап береді").count() == 1


def test_a_note_sent_twice_is_kept_once(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    client = as_user(cast.coach)
    url = reverse("lessonstudies:notes", args=[lesson.pk])
    note = {
        "client_id": str(uuid.uuid4()),
        "pupil": pupils[0].pk,
        "text": "Жұбына сұрақ қойды",
        "seat_x": 0.2,
        "seat_y": 0.5,
    }
    first = client.post(url, note, content_type="application/json")
    second = client.post(url, note, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    kept = Note.objects.get()
    assert (kept.observer, kept.seat_x, kept.text) == (cast.coach, 0.2, "Жұбына сұрақ қойды")
    # Without the script, the form posts and comes back to the sheet.
    assert client.post(url, {"pupil": pupils[1].pk, "text": "Үндемеді"}).status_code == 302
    assert Note.objects.count() == 2
    assert client.post(url, {"pupil": 0, "text": "x"}, content_type="application/json").status_code == 404
    assert client.post(url, "{", content_type="application/json").status_code == 400


def test_the_sheet_shows_the_observers_own_case_pupils_as_buttons(cast):
    cycle = make_cycle(cast)
    add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    page = as_user(cast.teacher).get(reverse("lessonstudies:sheet", args=[lesson.pk])).content.decode()
    assert 'class="ls-pupil"' in page and ">С</span>" in page and ">А</span>" not in page
    assert "data-observation-sheet=" in page and "observation_sheet.js" in page


def test_the_discussion_starts_from_the_case_pupils_and_tells_the_team_when_ready(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    assert Notice.objects.filter(recipient=cast.teacher, kind="lessonstudies.discussion").count() == 1
    page = as_user(cast.teacher).get(reverse("lessonstudies:discussion", args=[lesson.pk])).content.decode()
    assert "Болжам: А 1-тапсырмада үндемейді" in page and "Бақылау: А жұбына сұрақ қойды" in page
    assert "Бірінші болып сөйлеу" in page  # an interview's answer


def test_a_stale_discussion_save_is_refused_with_both_texts(cast):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    response = as_user(cast.teacher).post(
        reverse("lessonstudies:discussion", args=[lesson.pk]), {"decisions": "Менің шешімім", "version": 0}
    )
    assert response.status_code == 409
    assert "Менің шешімім" in response.content.decode()


def test_the_next_lesson_starts_from_the_revised_plan_and_the_lessons_are_compared(cast, django_assert_max_num_queries):
    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    first = make_lesson(cast, cycle, days=-8)
    fill_lesson(cast, first, pupils)
    response = as_user(cast.coach).post(
        reverse("lessonstudies:schedule", args=[cycle.pk]),
        {
            "teacher": cast.teacher.pk,
            "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "class_name": "7 «Ә»",
        },
    )
    assert response.status_code == 302
    second = cycle.lessons.get(number=2)
    assert Notice.objects.filter(recipient=cast.teacher, kind="lessonstudies.scheduled").count() == 2
    plan = second.versions.get()
    assert plan.change_note == "Жұптағы диалогқа 5 минут қосу"
    assert plan.activities.count() == 3 and Prediction.objects.filter(activity__plan=plan).count() == 9
    fill_lesson(cast, second, pupils)
    comparison = compare(cycle)
    assert len(comparison.rows) == 9 and all(len(row.cells) == 2 for row in comparison.rows)
    client = as_user(cast.teacher)
    url = reverse("lessonstudies:compare", args=[cycle.pk])
    with django_assert_max_num_queries(13):
        page = client.get(url)
    assert page.status_code == 200 and "Research lesson 2" in page.content.decode()


def test_the_list_and_the_cycle_page_read_a_constant_number_of_queries(cast):
    def counts() -> tuple[int, int]:
        client = as_user(cast.teacher)
        cycle = Cycle.objects.order_by("pk").first()
        assert cycle is not None
        sizes = []
        for url in (reverse("lessonstudies:network", args=[cast.network.pk]), cycle.get_absolute_url()):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sizes.append(len(queries))
        return sizes[0], sizes[1]

    cycle = make_cycle(cast)
    pupils = add_pupils(cast, cycle)
    fill_lesson(cast, make_lesson(cast, cycle), pupils)
    before = counts()
    for _ in range(3):
        other = make_cycle(cast, theme="Тағы бір зерттеу")
        make_lesson(cast, other)
    lesson = make_lesson(cast, cycle)
    fill_lesson(cast, lesson, pupils)
    assert counts() == before
