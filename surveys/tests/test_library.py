"""The shipped library: loaded by a command, idempotent, in three languages, scored with
reverse-keyed items, and versioned when a survey already runs on it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from surveys import actions
from surveys.models import LANGUAGES, Instrument, InstrumentVersion, Item, ItemKind, Scale
from surveys.shipped import LIBRARY, load_library
from surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db


def test_it_loads_the_five_questionnaires_once(library):
    assert set(library) == {
        "needs-assessment",
        "teacher-questionnaire",
        "event-feedback",
        "parents-engagement",
        "pupils-engagement",
    }
    counts = (Instrument.objects.count(), InstrumentVersion.objects.count(), Item.objects.count())
    out = io.StringIO()
    call_command("load_survey_library", stdout=out)
    assert (Instrument.objects.count(), InstrumentVersion.objects.count(), Item.objects.count()) == counts
    assert "unchanged" in out.getvalue() and "loaded" not in out.getvalue()


def test_every_text_is_in_kazakh_russian_and_english(library):
    for item in Item.objects.all():
        assert all(item.text.get(language) for language in LANGUAGES), item.code
        for option in item.options:
            assert all(option["label"].get(language) for language in LANGUAGES), (item.code, option)
    for scale in Scale.objects.prefetch_related("points"):
        for point in scale.points.all():
            assert all(point.label.get(language) for language in LANGUAGES), scale.code


def test_the_teacher_questionnaire_measures_its_constructs_with_reverse_keyed_items(library):
    items = Item.objects.filter(section__version__instrument=library["teacher-questionnaire"])
    subscales = set(items.exclude(subscale="").values_list("subscale", flat=True))
    assert {
        "se_instruction",
        "se_management",
        "se_engagement",
        "satisfaction",
        "collaboration",
        "feedback",
    } <= subscales
    reversed_items = set(items.filter(reverse_keyed=True).values_list("code", flat=True))
    assert {"js_regret", "js_leave", "pd_waste", "fb_formality"} == reversed_items
    assert all(item.kind == ItemKind.LIKERT for item in items.filter(reverse_keyed=True))


def test_the_event_feedback_form_asks_three_questions(library):
    items = Item.objects.filter(section__version__instrument=library["event-feedback"])
    assert items.count() == 3


def test_a_changed_file_makes_a_new_version_once_a_survey_runs_on_the_old(cast, library, tmp_path):
    survey = make_survey(cast, library["event-feedback"])
    assert survey.version.is_frozen
    for path in LIBRARY.glob("*.json"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    changed = tmp_path / "event-feedback.json"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Үш сұрақ", "Тек үш сұрақ"), encoding="utf-8")
    load_library(tmp_path)
    instrument = library["event-feedback"]
    assert list(instrument.versions.values_list("number", flat=True)) == [1, 2]
    # The running survey still asks the questions it was answered with.
    survey.refresh_from_db()
    assert survey.version.number == 1 and survey.version.sections.get().items.count() == 3


def test_editing_a_frozen_version_edits_a_copy(cast, library):
    instrument = library["teacher-questionnaire"]
    first = instrument.latest_version()
    assert actions.editable_version(instrument) == first  # nobody answers it yet
    make_survey(cast, instrument)
    second = actions.editable_version(instrument)
    assert second.number == 2 and not second.is_frozen
    assert Item.objects.filter(section__version=second).count() == Item.objects.filter(section__version=first).count()
    matrix = Item.objects.get(section__version=second, code="efficacy")
    assert matrix.rows.count() == 9 and all(row.section.version == second for row in matrix.rows.all())
    first.refresh_from_db()
    with pytest.raises(Exception, match="new version"):
        first.check_editable()
