"""Results: per item and per scale with reverse-keyed statements turned round, small
groups held back everywhere, waves compared, and a page whose queries do not grow
with the answers."""

from __future__ import annotations

from statistics import fmean

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ortaq.testing import as_user
from schools.models import School
from schools.tests.factories import SchoolFactory
from surveys import results, statistics
from surveys.answering import match_code
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db

SATISFACTION = ("js_overall", "js_again", "js_regret", "js_school", "js_leave")


def satisfied(level: int) -> dict[str, int]:
    """Satisfaction answers of someone content to ``level`` (1–4): they disagree with
    the two statements worded the other way as much as they agree with the rest."""
    return {"js_overall": level, "js_again": level, "js_regret": 5 - level, "js_school": level, "js_leave": 5 - level}


def test_a_scale_turns_its_reverse_keyed_statements_round(cast, library):
    survey = make_survey(cast, library["teacher-questionnaire"])
    levels = [4, 3, 3, 2, 4, 1]
    for level in levels:
        answer(survey, satisfied(level))
    report = results.report(survey)
    scale = next(s for s in report.scales if s.code == "satisfaction")
    assert scale.n == 6 and scale.items == 5
    assert scale.mean == pytest.approx(fmean(levels))
    regret = next(r for r in report.items if r.item.code == "js_regret")
    assert regret.mean == pytest.approx(fmean(5 - level for level in levels))  # the item as asked


def test_fewer_than_five_show_nothing(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    for n in range(4):
        answer(survey, {"useful": 4, "will_use": f"Жауап {n}"})
    report = results.report(survey)
    assert report.suppressed and report.items == [] and report.scales == []
    page = as_user(cast.leader).get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Жауап" not in page and "Results are shown from five answers on" in page


def test_small_groups_are_held_back_with_the_one_that_would_give_them_away(cast, library):
    survey = make_survey(cast, library["needs-assessment"])
    small: School = SchoolFactory.create(name="Шағын мектеп")
    big, middle = cast.attached_school, cast.leading_school
    cast.network.school_links.create(school=small)
    for school, count in ((big, 8), (middle, 6), (small, 2)):
        for _n in range(count):
            answer(survey, {"school": str(school.pk), "role": "teacher", "need_ict": 4, "comment": "Уақыт керек"})
    report = results.report(survey, by="school")
    shown = {group.label for group in report.shown_groups}
    # The small school alone would be 16 − 8 − 6: the middle one is held back too.
    assert shown == {big.name}
    ict = next(r for r in report.items if r.item.code == "need_ict")
    assert set(ict.by_group) == {str(big.pk)}
    school_item = next(r for r in report.items if r.item.code == "school")
    counts = {share.label: share.count for share in school_item.shares}
    assert counts == {big.name: 8, "others, fewer than five each": 8}
    page = as_user(cast.leader).get(reverse("surveys:results", args=[survey.pk]) + "?by=school").content.decode()
    assert small.name not in page


def test_waves_are_compared_over_everyone_and_over_matched_pairs(cast, library):
    before = make_survey(cast, library["teacher-questionnaire"], asks_match_code=True, wave="before")
    after = make_survey(cast, library["teacher-questionnaire"], asks_match_code=True, wave="after", repeats=before)
    assert after.series_salt == before.series_salt
    first, second = [2, 2, 3, 1, 2, 3, 2], [3, 2, 3, 2, 3, 4, 3, 3]
    codes = [
        {"match_mother": letter, "match_day": str(day), "match_place": "А"}
        for letter, day in zip("ӘБВГДЕЖ", range(1, 8), strict=False)
    ]
    for level, code in zip(first, codes, strict=False):
        answer(before, satisfied(level) | code)
    for n, level in enumerate(second):
        answer(after, satisfied(level) | (codes[n] if n < 6 else {}))
    comparison = results.compare(after)
    assert comparison is not None
    change = next(c for c in comparison.changes if c.code == "satisfaction")
    expected = statistics.hedges_g([float(v) for v in first], [float(v) for v in second])
    pairs = statistics.paired(first[:6], second[:6])
    assert change.independent and expected and change.paired and pairs
    assert change.independent.g == pytest.approx(expected.g)
    assert change.pairs == 6
    assert change.paired.d == pytest.approx(pairs.d)
    # A code is a hash of the respondent's own answers and the series' salt, no more.
    assert match_code(before.series_salt, codes[0]) == match_code(after.series_salt, codes[0])
    assert match_code("another series", codes[0]) != match_code(before.series_salt, codes[0])
    page = as_user(cast.leader).get(reverse("surveys:results", args=[after.pk])).content.decode()
    assert "Change since the previous wave" in page


def test_the_results_page_reads_the_same_queries_for_many_answers(cast, library):
    survey = make_survey(cast, library["teacher-questionnaire"])
    client = as_user(cast.leader)
    url = reverse("surveys:results", args=[survey.pk])

    def count(query: str = "") -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url + query)
        assert response.status_code == 200
        return len(context.captured_queries)

    for level in (1, 2, 3, 4, 3):
        answer(
            survey,
            satisfied(level) | {"school": str(cast.attached_school.pk), "wish": "Коучинг", "pd_kinds": ["course"]},
        )
    few, few_grouped = count(), count("?by=school")
    for n in range(40):
        person_school = cast.leading_school if n % 2 else cast.attached_school
        answer(
            survey,
            satisfied(1 + n % 4) | {"school": str(person_school.pk), "wish": f"Тілек {n}", "pd_kinds": ["online"]},
        )
    assert count() == few and count("?by=school") == few_grouped
    assert few <= 20, few


def test_text_answers_are_listed_for_those_who_run_the_survey(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    for n in range(5):
        answer(survey, {"useful": 3, "will_use": f"Сыни ойлау {n}"})
    page = as_user(cast.leader).get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Сыни ойлау 4" in page
    assert as_user(cast.teacher).get(reverse("surveys:results", args=[survey.pk])).status_code == 403


def test_a_needs_assessment_ranks_the_needs_for_the_network_and_each_school(cast, library):
    survey = make_survey(cast, library["needs-assessment"])
    for _n in range(6):
        answer(survey, {"school": str(cast.attached_school.pk), "need_ict": 4, "need_parents": 2, "need_assessment": 3})
    for _n in range(5):
        answer(survey, {"school": str(cast.leading_school.pk), "need_ict": 1, "need_parents": 4, "need_assessment": 3})
    report = results.report(survey, by="school")
    assert [scale.code for scale in report.ranked_needs()] == ["assessment", "parents", "ict"]
    tops = {group.label: [name for name, _value in top] for group, top in report.needs_by_group()}
    assert tops[cast.attached_school.name][0] == "ICT" and tops[cast.leading_school.name][0] == "Working with parents"
    page = as_user(cast.leader).get(reverse("surveys:results", args=[survey.pk]) + "?by=school").content.decode()
    assert "Each school’s three greatest needs" in page.replace("&#x27;", "’").replace("'", "’")


def test_its_figures_are_kept_until_a_response_comes(cast, library, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    survey = make_survey(cast, library["teacher-questionnaire"])
    for level in (4, 3, 3, 2, 4):
        answer(survey, satisfied(level))
    first = results.kept_report(survey)
    with django_assert_num_queries(1):  # the responses' state; the figures are kept
        again = results.kept_report(survey)
    assert again.respondents == first.respondents == 5
    assert [s.mean for s in again.scales] == [s.mean for s in results.report(survey).scales]

    answer(survey, satisfied(1))

    after = results.kept_report(survey)
    assert after.respondents == 6
    scale = next(s for s in after.scales if s.code == "satisfaction")
    assert scale.mean == pytest.approx(fmean([4, 3, 3, 2, 4, 1]))
