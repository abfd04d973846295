"""The ҚМЖ edit page: the lesson's fields and its stages in one form; adding, removing
and moving rows save what is typed; a refused form comes back as typed; learning
objective codes are checked against the curriculum's dotted format."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from lessonplans.models import LessonPlan, Series
from lessonplans.tests.factories import make_series
from ortaq.testing import as_user, hidden_value
from subjects.models import Subject

pytestmark = pytest.mark.django_db


def form_data(client: Any, lesson: LessonPlan, **changes: Any) -> dict[str, Any]:
    """What the edit page sends back unchanged, with ``changes``."""
    url = reverse("lessonplans:lesson_edit", args=[lesson.pk])
    version = hidden_value(client.get(url), "version")
    stages = list(lesson.stages.all())
    data: dict[str, Any] = {
        "version": version,
        "topic": lesson.topic,
        "date": "",
        "teacher": lesson.teacher_id or "",
        "class_name": lesson.class_name,
        "present": "",
        "absent": "",
        "objective_codes": ", ".join(lesson.objective_codes),
        "objectives": lesson.objectives,
        "success_criteria": lesson.success_criteria,
        "values": lesson.values,
        "assessment": lesson.assessment,
        "differentiation": lesson.differentiation,
        "resources": lesson.resources,
        "reflection": lesson.reflection,
        "stage-TOTAL_FORMS": str(len(stages)),
        "stage-INITIAL_FORMS": str(len(stages)),
        "stage-MIN_NUM_FORMS": "0",
        "stage-MAX_NUM_FORMS": "1000",
    }
    for index, stage in enumerate(stages):
        for name, value in stage.text_fields.items():
            data[f"stage-{index}-{name}"] = "" if value is None else value
    return data | changes


def test_it_saves_the_lesson_and_its_stages(cast):
    lesson = make_series(cast).lessons.get()
    client = as_user(cast.teacher)
    data = form_data(
        client,
        lesson,
        objective_codes="6.1.2.7; 6. 1.2.9",
        reflection="Оқушылар критерийді өздері айтты",
        **{"stage-1-teacher_actions": "Жаңа тапсырма", "stage-1-minutes": "25"},
    )
    response = client.post(reverse("lessonplans:lesson_edit", args=[lesson.pk]), data)
    assert response.status_code == 302 and response["Location"] == lesson.get_absolute_url()
    lesson.refresh_from_db()
    assert lesson.objective_codes == ["6.1.2.7", "6.1.2.9"]
    assert lesson.reflection == "Оқушылар критерийді өздері айтты"
    assert lesson.updated_by == cast.teacher
    middle = lesson.stages.all()[1]
    assert (middle.teacher_actions, middle.minutes) == ("Жаңа тапсырма", 25)
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "Жаңа тапсырма" in page and "6.1.2.9" in page


def test_it_refuses_a_code_that_is_not_a_curriculum_code_and_keeps_what_was_typed(cast):
    lesson = make_series(cast).lessons.get()
    client = as_user(cast.coach)
    data = form_data(client, lesson, objective_codes="7.2.1.1, сабақ", objectives="Менің жаңа мақсатым")
    response = client.post(reverse("lessonplans:lesson_edit", args=[lesson.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "СӘБАҚ" in page or "САБАҚ" in page  # the wrong code is named
    assert "Менің жаңа мақсатым" in page
    lesson.refresh_from_db()
    assert lesson.objectives == "Оқушылар бөлшектерді салыстыра алады"


@pytest.mark.parametrize(
    ("codes", "valid"),
    [("7.2.1.1", True), ("5.1.2", True), ("10.3.1.2.1", True), ("7.L1", True), ("7.UE3", True), ("7", False),
     ("7.2", False), ("7..1.1", False), ("a.b.c", False)],
)  # fmt: skip
def test_it_checks_the_dotted_format_of_codes(codes, valid):
    from django.core.exceptions import ValidationError

    from lessonplans.models import validate_objective_codes
    from materials.models import split_objective_codes

    try:
        validate_objective_codes(split_objective_codes(codes))
    except ValidationError:
        assert not valid
    else:
        assert valid


def test_it_adds_a_stage_and_saves_what_was_typed(cast):
    lesson = make_series(cast).lessons.get()
    client = as_user(cast.coach)
    url = reverse("lessonplans:lesson_edit", args=[lesson.pk])
    data = form_data(client, lesson, objectives="Жазылған мақсат", add_stage="1")
    response = client.post(url, data)
    assert response.status_code == 302 and "add=1" in response["Location"]
    lesson.refresh_from_db()
    assert lesson.objectives == "Жазылған мақсат"
    page = client.get(response["Location"]).content.decode()
    assert 'name="stage-TOTAL_FORMS" value="4"' in page
    # The new row is sent with the form and kept.
    data = form_data(client, lesson) | {
        "stage-TOTAL_FORMS": "4",
        "stage-3-part": "end",
        "stage-3-minutes": "3",
        "stage-3-teacher_actions": "Үй тапсырмасы",
    }
    assert client.post(url, data).status_code == 302
    assert [s.teacher_actions for s in lesson.stages.all()][-1] == "Үй тапсырмасы"


def test_it_moves_and_removes_stages_when_saved(cast):
    lesson = make_series(cast).lessons.get()
    client = as_user(cast.coach)
    url = reverse("lessonplans:lesson_edit", args=[lesson.pk])
    first = [s.teacher_actions for s in lesson.stages.all()]
    response = client.post(url, form_data(client, lesson, move="0:down"))
    assert response.status_code == 302
    assert [s.teacher_actions for s in lesson.stages.all()] == [first[1], first[0], first[2]]
    response = client.post(url, form_data(client, lesson, **{"stage-2-remove": "on"}))
    assert response.status_code == 302
    assert [s.teacher_actions for s in lesson.stages.all()] == [first[1], first[0]]
    assert [s.order for s in lesson.stages.all()] == [1, 2]


def test_it_adds_a_lesson_at_the_end_with_three_parts_and_moves_it(cast):
    series = make_series(cast)
    client = as_user(cast.teacher)
    response = client.post(reverse("lessonplans:lesson_add", args=[series.pk]), {"topic": "Екінші сабақ"})
    assert response.status_code == 302
    second = series.lessons.get(topic="Екінші сабақ")
    assert second.order == 2
    assert [s.part for s in second.stages.all()] == ["beginning", "middle", "end"]
    client.post(reverse("lessonplans:lesson_move", args=[second.pk]), {"direction": "up"})
    assert list(series.lessons.values_list("topic", flat=True)) == ["Екінші сабақ", "Бөлшектерді салыстыру"]


def test_it_starts_a_series_with_its_authors_and_edits_it(cast):
    client = as_user(cast.teacher)
    url = reverse("lessonplans:series_create", args=[cast.network.pk])
    subject = Subject.objects.get(code="algebra")
    data = {
        "title": "Жаңа топтама",
        "subject": subject.pk,
        "grade": "7",
        "unit": "Көпмүшелер",
        "group": cast.group.pk,
        "modules": ["assessment", "ict"],
        "language": "kk",
        "description": "",
        "authors": [cast.coach.pk],
        "version": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    series = Series.objects.get(title="Жаңа топтама")
    assert set(series.authors.all()) == {cast.teacher, cast.coach}
    assert series.modules == ["assessment", "ict"] and series.status == "draft"
    edit = reverse("lessonplans:series_edit", args=[series.pk])
    version = hidden_value(client.get(edit), "version")
    response = client.post(edit, data | {"title": "Өзгертілген", "version": version, "modules": ["talented"]})
    assert response.status_code == 302
    series.refresh_from_db()
    assert (series.title, series.modules, series.version) == ("Өзгертілген", ["talented"], 2)


def test_it_refuses_a_group_of_another_network(cast):
    from networks.models import Group, Network

    other = Group.objects.create(network=Network.objects.create(name="Бөгде желі"), name="Бөгде топ")
    series = make_series(cast)
    client = as_user(cast.coach)
    edit = reverse("lessonplans:series_edit", args=[series.pk])
    data = {"title": "X", "subject": series.subject_id, "grade": "6", "group": other.pk, "language": "kk",
            "version": hidden_value(client.get(edit), "version")}  # fmt: skip
    assert client.post(edit, data).status_code == 200
    series.refresh_from_db()
    assert series.group == cast.group


def test_it_asks_before_deleting_a_lesson(cast):
    from ortaq.testing import asks_first

    series = make_series(cast)
    lesson = series.lessons.get()
    asks_first(
        as_user(cast.coach),
        reverse("lessonplans:lesson_delete", args=[lesson.pk]),
        lambda: series.lessons.count(),
        shows=[lesson.topic],
    )
    assert not series.lessons.exists()
