"""The school development rubric of seed 002 (appendix 2) as data; a school places
itself, the leading school or the methodologist moderates; the network map."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ortaq.testing import as_user, english_words
from plans import actions
from plans.models import Descriptor, Placement, RubricArea, RubricStage
from plans.tests.factories import academic_year, rubric

pytestmark = pytest.mark.django_db


def add_rubric() -> None:
    importlib.import_module("plans.migrations.0002_rubric").add_rubric(apps, None)


def test_it_holds_the_seeds_three_areas_at_four_stages_in_three_languages():
    areas, stages = rubric()
    assert [a.name_kk for a in areas] == [
        "Көшбасшылық",
        "Оқыту тәжірибесін жетілдіру үшін мұғалімнің біліктілігін арттыру",
        "Қоғамдастық",
    ]
    assert [s.name_kk for s in stages][:3] == [
        "Дамудың басталуы",
        "Кейінгі даму",
        "Жергілікті жердегі табысты тәжірибелер",
    ]
    assert Descriptor.objects.count() == 12
    assert all(d.text_kk and d.text_ru and d.text_en for d in Descriptor.objects.all())
    first = Descriptor.objects.get(area__code="leadership", stage__number=1)
    assert first.text_kk.startswith("Көшбасшылық негізінен тиісті курстарға жіберілген")
    with translation.override("ru"):
        assert first.text.startswith("Лидерство в основном") and areas[2].name == "Сообщество"


def test_it_loads_the_rubric_again_without_changing_it():
    before = list(Descriptor.objects.values_list("pk", "text_kk"))
    Descriptor.objects.filter(area__code="community", stage__number=4).update(text_kk="өзгертілген")
    add_rubric()
    add_rubric()
    assert list(Descriptor.objects.values_list("pk", "text_kk")) == before
    assert (RubricArea.objects.count(), RubricStage.objects.count()) == (3, 4)


def test_it_lets_a_school_place_itself_and_asks_for_moderation_again_when_it_moves(cast):
    areas, stages = rubric()
    year = academic_year()
    url = reverse("plans:rubric_school", args=[cast.network.pk, cast.attached_school.pk]) + f"?year={year.pk}"
    prefix = f"area-{areas[1].pk}"
    response = as_user(cast.director).post(
        url,
        {
            "area": areas[1].pk,
            f"{prefix}-stage": stages[1].pk,
            f"{prefix}-evidence": "/events/1/\nХаттама",
            f"{prefix}-version": "0",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.stage, placement.moderation) == (stages[1], Placement.Moderation.PENDING)
    assert placement.evidence_items() == [("/events/1/", "/events/1/"), ("Хаттама", "")]
    actions.moderate(placement, agree=True, proposed_stage=None, reason="", by=cast.leader, version=placement.version)
    placement.refresh_from_db()
    moved = actions.place_school(
        cast.network, cast.attached_school, year=year, area=areas[1], stage=stages[2], evidence="Жаңа",
        by=cast.director, version=placement.version,
    )  # fmt: skip
    assert moved.pk == placement.pk and moved.moderation == Placement.Moderation.PENDING and moved.moderated_by is None


def test_it_refuses_a_proposal_without_a_reason_or_with_the_same_stage(cast):
    areas, stages = rubric()
    placement = actions.place_school(
        cast.network, cast.attached_school, year=academic_year(), area=areas[0], stage=stages[2],
        evidence="Хаттама", by=cast.director, version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        actions.moderate(placement, agree=False, proposed_stage=stages[1], reason=" ", by=cast.leader, version=None)
    with pytest.raises(ValidationError):
        actions.moderate(placement, agree=False, proposed_stage=stages[2], reason="Себеп", by=cast.leader, version=None)
    response = as_user(cast.leader).post(
        reverse("plans:moderate", args=[placement.pk]),
        {"decision": "propose", "proposed_stage": "", "reason": "Дәлел аз", "version": placement.version},
    )
    assert response.status_code == 200 and "Дәлел аз" in response.content.decode()
    assert Placement.objects.get().moderation == Placement.Moderation.PENDING


def test_it_does_not_let_the_leading_school_moderate_itself(cast):
    areas, stages = rubric()
    placement = actions.place_school(
        cast.network, cast.leading_school, year=academic_year(), area=areas[0], stage=stages[2],
        evidence="Хаттама", by=cast.leader, version=None,
    )  # fmt: skip
    assert as_user(cast.leader).get(reverse("plans:moderate", args=[placement.pk])).status_code == 403
    assert as_user(cast.methodologist).get(reverse("plans:moderate", args=[placement.pk])).status_code == 200


def test_it_maps_the_schools_by_area_with_words_beside_the_colours(cast):
    areas, stages = rubric()
    previous, year = academic_year(-1), academic_year()
    for chosen, number in ((previous, 0), (year, 2)):
        actions.place_school(
            cast.network, cast.attached_school, year=chosen, area=areas[0], stage=stages[number],
            evidence="Хаттама", by=cast.director, version=None,
        )  # fmt: skip
    response = as_user(cast.teacher).get(reverse("plans:rubric", args=[cast.network.pk]) + f"?year={year.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="stage stage--3"' in page and stages[2].name_kk in page  # colour, number and name
    assert "▲" in page  # moved up two stages since last year, said in words too
    assert cast.leading_school.name in page and "stage--none" in page
    assert "data-print" in page and not english_words(page)


def test_it_shows_a_schools_history_by_year(cast):
    areas, stages = rubric()
    for chosen, number in ((academic_year(-1), 0), (academic_year(), 1)):
        actions.place_school(
            cast.network, cast.attached_school, year=chosen, area=areas[2], stage=stages[number],
            evidence="Хаттама", by=cast.director, version=None,
        )  # fmt: skip
    page = (
        as_user(cast.methodologist)
        .get(reverse("plans:rubric_school", args=[cast.network.pk, cast.attached_school.pk]))
        .content.decode()
    )
    history = page[page.index('id="history-heading"') :]
    assert history.index(str(academic_year())) < history.index(str(academic_year(-1)))
    assert f"1. {stages[0].name_kk}" in history and f"2. {stages[1].name_kk}" in history
