"""The written answers are searched on the results page, by the site's Kazakh-aware
matching, for those who run the survey only, and never beyond what the page shows."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ortaq.testing import as_user, english_words
from surveys import results
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db

ANSWERS = [
    "Мұғалімдерге коучинг керек",
    "Мектебімізде диалогтық оқыту енгізіледі",
    "Сабақтарда топтық жұмыс",
    "Коучингтің пайдасы көп болды",
    "Ата-аналармен жұмыс",
    "Бағалау критерийлерін <b>қолданамын</b>",
]


@pytest.fixture
def survey(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    for text in ANSWERS:
        answer(survey, {"useful": 3, "will_use": text})
    return survey


def found(survey, query: str) -> list[str]:
    return [str(text) for hit in results.search_texts(results.report(survey), query) for text in hit.texts]


def test_it_finds_written_answers_by_their_stems_and_marks_the_words(survey):
    assert found(survey, "мұғалім") == ["<mark>Мұғалімдерге</mark> коучинг керек"]
    assert found(survey, "мектеп") == ["<mark>Мектебімізде</mark> диалогтық оқыту енгізіледі"]  # мектебі → мектеп
    assert len(found(survey, "коучинг")) == 2
    assert found(survey, "мугалим") == ["<mark>Мұғалімдерге</mark> коучинг керек"]  # typed on a Russian keyboard
    assert found(survey, "жұмыс топтық") == ["Сабақтарда <mark>топтық</mark> <mark>жұмыс</mark>"]  # every word
    assert found(survey, "олимпиада") == []
    # What a respondent typed is text, never markup.
    assert found(survey, "қолданамын") == ["Бағалау критерийлерін &lt;b&gt;<mark>қолданамын</mark>&lt;/b&gt;"]


def test_the_page_searches_them_with_the_same_queries_as_without(cast, survey):
    client = as_user(cast.leader)
    url = reverse("surveys:results", args=[survey.pk])

    def count(query: str = "") -> tuple[int, str]:
        cache.clear()  # the figures are computed each time (results.kept_report keeps them otherwise)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url + query)
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    plain, page = count()
    assert 'type="search"' in page and "<mark>" not in page
    searched, page = count("?q=коучинг")
    assert searched == plain
    assert "<mark>Коучингтің</mark> пайдасы көп болды" in page and "2 answers found" in page
    grouped, _page = count("?by=school")
    assert count("?by=school&q=коучинг")[0] == grouped
    _count, page = count("?q=олимпиада")
    assert "No written answer has these words." in page


def test_it_searches_nothing_the_page_hides(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    client = as_user(cast.leader)
    url = reverse("surveys:results", args=[survey.pk])
    for n in range(4):
        answer(survey, {"useful": 4, "will_use": f"Коучинг {n}", "improve": "Уақыт аз"})
    page = client.get(url + "?q=коучинг").content.decode()
    assert "Коучинг" not in page and 'type="search"' not in page  # four answers: nothing at all
    answer(survey, {"useful": 2, "will_use": "Коучинг 4"})  # five, but «improve» has four texts
    assert found(survey, "уақыт") == []
    page = client.get(url + "?q=уақыт").content.decode()
    assert "Уақыт аз" not in page and "No written answer has these words." in page
    assert "<mark>Коучинг</mark> 4" in client.get(url + "?q=коучинг").content.decode()


def test_only_those_who_run_the_survey_search_its_answers(cast, survey):
    url = reverse("surveys:results", args=[survey.pk]) + "?q=коучинг"
    assert as_user(cast.outsider).get(url).status_code == 404
    for person in (cast.teacher, cast.director, cast.coach, cast.methodologist):
        response = as_user(person).get(url)
        assert response.status_code == 403 and "Коучинг" not in response.content.decode()
    assert as_user(cast.coordinator).get(url).status_code == 200


@pytest.mark.any_language
@pytest.mark.parametrize(
    ("language", "heading", "none"),
    [
        ("kk", "Жазбаша жауаптардан іздеу", "Бұл сөздер бар жазбаша жауап жоқ."),
        ("ru", "Поиск по письменным ответам", "Нет письменных ответов с этими словами."),
        ("en", "Search the written answers", "No written answer has these words."),
    ],
)
def test_it_speaks_the_readers_language(cast, survey, language, heading, none):
    cast.leader.language = language
    cast.leader.save(update_fields=["language"])
    client = as_user(cast.leader)
    page = client.get(reverse("surveys:results", args=[survey.pk]) + "?q=олимпиада").content.decode()
    assert heading in page and none in page
    if language == "kk":
        found_page = client.get(reverse("surveys:results", args=[survey.pk]) + "?q=коучинг").content.decode()
        assert "2 жауап табылды" in found_page
        assert english_words(found_page) == set()


def test_a_text_matches_when_every_word_of_the_query_does():
    from search.text import matches, parse_query

    text = "Оқушылар 7.2.1.1 мақсатына жетті"
    assert matches(text, parse_query("оқушы 7.2.1.1"))
    assert not matches(text, parse_query("оқушы мұғалім"))
    assert not matches(text, parse_query("7.2.2"))
    assert not matches(text, parse_query("   "))
