"""Observing open lessons: the configured form, several observers, the combined
feedback, and the rule that keeps observations from the teacher until released."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.tests.factories import make_lesson
from observations import actions
from observations.models import Criterion, Observation, ObservationForm
from ortaq.testing import as_user, hidden_value, save_twice

pytestmark = pytest.mark.django_db


def scores_for(lesson, *values: int) -> dict[int, int]:
    return {c.pk: v for c, v in zip(lesson.form.criteria.order_by("position"), values, strict=True)}


def observe(
    lesson, observer, *values: int, what_worked: str = "", what_to_develop: str = "", comments: str = ""
) -> Observation:
    return actions.save_observation(
        lesson,
        observer,
        scores=scores_for(lesson, *values),
        what_worked=what_worked,
        what_to_develop=what_to_develop,
        comments=comments,
        submit=True,
    )


def test_the_combined_feedback_averages_and_counts_levels(cast):
    lesson = make_lesson(cast, feedback_needs_release=False)
    observe(lesson, cast.coach, 4, 3, what_worked="Пікірталас тудырды", what_to_develop="Уақыт")
    observe(lesson, cast.director, 3, 3, comments="Рақмет")
    observe(lesson, cast.leader, 4, 1)

    feedback = lesson.feedback(for_teacher=True)

    assert feedback.observers == 3
    first, second = feedback.criteria
    assert first.average == pytest.approx(3.67, abs=0.01) and first.count == 3
    assert [(level, count) for level, _d, count, _s in first.distribution] == [(1, 0), (2, 0), (3, 1), (4, 2)]
    assert second.average == pytest.approx(2.33, abs=0.01)
    assert feedback.what_worked == ["Пікірталас тудырды"]
    assert feedback.what_to_develop == ["Уақыт"]
    assert feedback.comments == ["Рақмет"]


def test_observations_wait_for_the_organisers_release(cast):
    lesson = make_lesson(cast)  # feedback_needs_release is on by default
    coach = observe(lesson, cast.coach, 4, 4, what_worked="Жақсы топтық жұмыс")
    observe(lesson, cast.director, 2, 2, what_to_develop="Саралау")

    assert lesson.feedback(for_teacher=True).observers == 0
    assert lesson.feedback(for_teacher=True).held_back == 2
    page = as_user(cast.teacher).get(lesson.get_absolute_url()).content.decode()
    assert "Жақсы топтық жұмыс" not in page

    response = as_user(cast.leader).post(reverse("observations:release", args=[lesson.pk]), {"observation": coach.pk})

    assert response.status_code == 302
    feedback = lesson.feedback(for_teacher=True)
    assert feedback.observers == 1 and feedback.held_back == 1
    assert feedback.what_worked == ["Жақсы топтық жұмыс"] and feedback.what_to_develop == []
    page = as_user(cast.teacher).get(lesson.get_absolute_url()).content.decode()
    assert "Жақсы топтық жұмыс" in page and "Саралау" not in page
    # The organiser sees everything all along.
    assert lesson.feedback(for_teacher=False).observers == 2


def test_a_teacher_cannot_release_or_read_others_observations(cast):
    lesson = make_lesson(cast)
    observe(lesson, cast.coach, 4, 4, what_worked="Жасырын пікір")

    assert as_user(cast.teacher).post(reverse("observations:release", args=[lesson.pk])).status_code == 403
    assert as_user(cast.coordinator).post(reverse("observations:release", args=[lesson.pk])).status_code == 302
    colleague_page = as_user(cast.director).get(lesson.get_absolute_url()).content.decode()
    assert "Жасырын пікір" not in colleague_page


def test_drafts_do_not_count_and_a_submitted_form_is_final(cast):
    lesson = make_lesson(cast, feedback_needs_release=False)
    actions.save_observation(lesson, cast.coach, scores=scores_for(lesson, 4, 4), submit=False)

    assert lesson.feedback(for_teacher=False).observers == 0
    observe(lesson, cast.coach, 3, 3)
    with pytest.raises(ValidationError, match="already submitted"):
        observe(lesson, cast.coach, 1, 1)
    assert lesson.feedback(for_teacher=False).criteria[0].average == 3


def test_bad_scores_are_refused_and_change_nothing(cast):
    lesson = make_lesson(cast)
    client = as_user(cast.coach)
    first, second = Criterion.objects.filter(form=lesson.form_id).order_by("position")

    incomplete = client.post(
        reverse("observations:observe", args=[lesson.pk]), {f"criterion_{first.pk}": 3, "submit": "1"}
    )
    out_of_range = client.post(
        reverse("observations:observe", args=[lesson.pk]),
        {f"criterion_{first.pk}": 9, f"criterion_{second.pk}": 2, "submit": "1"},
    )

    assert incomplete.status_code == 200 and "every criterion" in incomplete.content.decode()
    assert out_of_range.status_code == 200
    assert not Observation.objects.exists()


def test_an_observer_fills_the_form_through_the_page(cast):
    lesson = make_lesson(cast)
    first, second = Criterion.objects.filter(form=lesson.form_id).order_by("position")
    client = as_user(cast.coach)

    assert client.get(reverse("observations:observe", args=[lesson.pk])).status_code == 200
    response = client.post(
        reverse("observations:observe", args=[lesson.pk]),
        {f"criterion_{first.pk}": 4, f"criterion_{second.pk}": 3, "what_worked": "Диалог", "submit": "1"},
    )

    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.is_submitted and sorted(observation.scores.values_list("score", flat=True)) == [3, 4]


def test_the_teacher_does_not_observe_their_own_lesson(cast):
    lesson = make_lesson(cast)

    assert as_user(cast.teacher).get(reverse("observations:observe", args=[lesson.pk])).status_code == 403
    with pytest.raises(ValidationError):
        observe(lesson, cast.teacher, 4, 4)


def test_the_network_configures_a_form_as_text(cast):
    text = (
        "Оқу мақсаттарының айқындығы\n1: Айтылмайды\n2: Айтылады\n3: Нақты\n4: Оқушылар өздері айтады\n"
        "Саралау\n1) Жоқ\n2) Бар"
    )
    client = as_user(cast.leader)

    client.post(reverse("observations:forms", args=[cast.network.pk]), {"name": "Бақылау парағы", "criteria": text})
    bad = client.post(
        reverse("observations:forms", args=[cast.network.pk]), {"name": "Қате", "criteria": "1: деңгей\nКритерий"}
    )

    form = ObservationForm.objects.get()
    assert [c.title for c in form.criteria.all()] == ["Оқу мақсаттарының айқындығы", "Саралау"]
    assert [lv.descriptor for lv in form.criteria.get(position=1).levels.all()][-1] == "Оқушылар өздері айтады"
    assert bad.status_code == 200 and "before its levels" in bad.content.decode()
    assert (
        as_user(cast.teacher)
        .post(reverse("observations:forms", args=[cast.network.pk]), {"name": "x", "criteria": text})
        .status_code
        == 403
    )


def test_a_draft_saved_from_another_device_is_not_overwritten_silently(cast):
    """The observer keeps the form open on a phone and a laptop: the laptop's older
    form is refused with both texts, and what it typed stays in the form."""
    lesson = make_lesson(cast)
    url = reverse("observations:observe", args=[lesson.pk])
    phone, laptop = as_user(cast.coach), as_user(cast.coach)

    response = save_twice(
        url, phone, laptop, {"what_worked": "Телефоннан: топтық жұмыс"}, {"what_worked": "Ноутбуктен: сұрақтар"}
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Телефоннан: топтық жұмыс" in page and "Ноутбуктен: сұрақтар" in page
    assert Observation.objects.get(lesson=lesson, observer=cast.coach).what_worked == "Телефоннан: топтық жұмыс"
    again = laptop.post(url, {"what_worked": "Ноутбуктен: сұрақтар", "version": hidden_value(response, "version")})
    assert again.status_code == 302
    assert Observation.objects.get(lesson=lesson, observer=cast.coach).what_worked == "Ноутбуктен: сұрақтар"


def test_a_draft_saved_in_the_middle_of_the_lesson_goes_on_in_the_form(cast):
    lesson = make_lesson(cast)
    url = reverse("observations:observe", args=[lesson.pk])
    client = as_user(cast.coach)

    response = client.post(url, {"what_worked": "Топтық жұмыс", "version": hidden_value(client.get(url), "version")})

    assert response.status_code == 302 and response["Location"] == url
    assert "Топтық жұмыс" in client.get(url).content.decode()


def test_text_typed_after_the_observation_was_submitted_elsewhere_stays_in_the_form(cast):
    lesson = make_lesson(cast)
    url = reverse("observations:observe", args=[lesson.pk])
    laptop = as_user(cast.coach)
    opened = hidden_value(laptop.get(url), "version")
    actions.save_observation(lesson, cast.coach, scores=scores_for(lesson, 4, 3), what_worked="Телефоннан", submit=True)

    response = laptop.post(url, {"what_worked": "Ноутбуктен: ұзақ пікір", "version": opened, "save": "1"})

    assert response.status_code == 409
    assert "Ноутбуктен: ұзақ пікір" in response.content.decode()
    assert Observation.objects.get().what_worked == "Телефоннан"
