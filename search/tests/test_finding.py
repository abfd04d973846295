"""What a query finds, in Kazakh, Russian and English, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.tests.factories import UserFactory
from search.models import SearchDocument, Word
from search.query import Filters, search
from search.tests.helpers import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def titles(user, query, **filters) -> list[str]:
    return [hit.title for hit in search(user, query, Filters(**filters))]


def test_a_kazakh_stem_finds_its_word_forms_in_any_case(admin, put):
    put(title="Мұғалімдердің кәсіби дамуы")
    put(title="МҰҒАЛІМДЕРГЕ АРНАЛҒАН КЕҢЕС")
    put(title="Оқушылардың жобалары")
    assert sorted(titles(admin, "мұғалім")) == ["МҰҒАЛІМДЕРГЕ АРНАЛҒАН КЕҢЕС", "Мұғалімдердің кәсіби дамуы"]
    # Another form finds them by their stem, the form itself first.
    assert titles(admin, "МҰҒАЛІМДЕРДІҢ") == ["Мұғалімдердің кәсіби дамуы", "МҰҒАЛІМДЕРГЕ АРНАЛҒАН КЕҢЕС"]
    assert sorted(titles(admin, "мұғалімге")) == ["МҰҒАЛІМДЕРГЕ АРНАЛҒАН КЕҢЕС", "Мұғалімдердің кәсіби дамуы"]


def test_a_word_ending_in_k_q_or_p_finds_its_voiced_forms_and_back(admin, put):
    put(title="Ашық сабағы", body="Кітабы мен жүрегі")
    put(title="Мектеп жоспары")
    assert titles(admin, "сабақ") == ["Ашық сабағы"]
    assert titles(admin, "кітап жүрек") == ["Ашық сабағы"]
    assert titles(admin, "мектебі") == ["Мектеп жоспары"]
    assert titles(admin, "сабақтар кітаптарды") == ["Ашық сабағы"]


def test_a_word_that_drops_a_vowel_is_found_by_its_other_form(admin, put):
    put(title="Қазақ халқының салты")
    put(title="Орнына басқа мұғалім келді")
    assert titles(admin, "халық") == ["Қазақ халқының салты"]
    assert titles(admin, "халықтың") == ["Қазақ халқының салты"]
    assert titles(admin, "орын") == ["Орнына басқа мұғалім келді"]


def test_a_word_typed_on_a_russian_keyboard_is_found_below_its_right_spelling(admin, put):
    put(title="Мұғалімдерге арналған сабақ")
    put(title="Мугалим")  # the same letters as the query: found first
    put(title="Оқушылар", body="Ашық сабақтың бағалауы")
    assert titles(admin, "мугалим") == ["Мугалим", "Мұғалімдерге арналған сабақ"]
    assert sorted(titles(admin, "мугалимдерге")) == ["Мугалим", "Мұғалімдерге арналған сабақ"]
    assert titles(admin, "ашык сабак") == ["Оқушылар"]
    assert titles(admin, "багалау окушы") == ["Оқушылар"]
    # A word with a Kazakh letter in it was typed on a Kazakh keyboard: it is not
    # folded, only offered the word it is near.
    assert search(admin, "мұғалим").is_fuzzy


def test_a_kazakh_word_in_latin_letters_is_found(admin, put):
    put(title="Мұғалімдердің кәсіби дамуы", body="Оқушылар мектебі")
    put(title="Lesson Study", body="Reading lessons")
    for query in ("mūğalım", "mugalim", "mug'alim", "oquşy", "o'qushy", "oqushylar", "mektebi", "mektep"):
        assert titles(admin, query) == ["Мұғалімдердің кәсіби дамуы"], query
    # A word the library has in Latin letters is not read as Kazakh.
    assert titles(admin, "lesson") == ["Lesson Study"]


def test_russian_words_are_found_by_their_stems(admin, put):
    put(title="Работа учителя в школе", body="Квадратных уравнений нет на уроках")
    put(title="Мектептегі бала", body="Балы жоғары")
    for query in ("школа", "учителей", "урок", "квадратные уравнения", "уроки"):
        assert titles(admin, query) == ["Работа учителя в школе"], query
    # A Kazakh word is not found by a Russian stem of the same letters («бала», «бал»).
    assert titles(admin, "бала") == ["Мектептегі бала"]


def test_a_kazakh_form_of_a_loanword_finds_it_in_a_russian_text(admin, put):
    """«диалогтың», «дескрипторлары» are Kazakh forms of words Russian writes alike:
    a teacher asking for them wants the Russian material on dialogue too, below the
    Kazakh ones. A Kazakh word does not find its Russian translation: «мектептің»
    (the school's) is not a form of «школа», and no stemmer could say it is — that
    is not a miss. Nor does a short stem meet a Russian word of the same letters
    («балалар», children: «бала», not the Russian «бал»)."""
    put(title="Диалог на уроке", body="Дескрипторы и критерии диалога", language="ru")
    put(title="Диалогтың түрлері", body="Дескрипторларын жазу")
    put(title="Работа в школе", body="Бал в школе")
    assert titles(admin, "диалогтың") == ["Диалогтың түрлері", "Диалог на уроке"]
    assert titles(admin, "дескрипторлары") == ["Диалогтың түрлері", "Диалог на уроке"]
    assert titles(admin, "мектептің") == []
    assert titles(admin, "балалар") == []


def test_latin_look_alikes_in_a_cyrillic_word_are_read_as_cyrillic(admin, put):
    put(title="Бағалау мəселесi", body="Kpитepий")  # Latin «ə», «i», «p», «e»
    assert titles(admin, "мәселесі") == ["Бағалау мәселесі"]
    assert titles(admin, "критерий") == ["Бағалау мәселесі"]


def test_a_capital_schwa_matches_a_small_one(admin, put):
    put(title="Жаңалықтар", body="әлемдегі білім беру жүйелері")
    assert titles(admin, "Әлем") == ["Жаңалықтар"]


@pytest.mark.parametrize("query", ["ғылым", "қазақ", "өнер", "ұстаз", "үміт", "һауа", "ілім", "әдіс", "оңай"])
def test_every_kazakh_letter_folds_its_case(admin, put, query):
    put(title="ҒЫЛЫМ ҚАЗАҚ ӨНЕР ҰСТАЗ ҮМІТ ҺАУАРАЙЫ ІЛІМ ӘДІСТЕМЕ ОҢАЙ")
    assert len(titles(admin, query)) == 1
    assert len(titles(admin, query.upper())) == 1


@pytest.mark.parametrize(
    ("query", "text"),
    [("әлем", "алем"), ("ұстаз", "устаз"), ("ілім", "илим"), ("қала", "кала"), ("иод", "йод"), ("әс", "ас")],
)
def test_letters_with_marks_are_other_letters(admin, put, query, text):
    put(title=text)
    results = search(admin, query)
    # No match; at most the title offered as a near word, and said so.
    assert results.hits == [] or results.is_fuzzy


def test_yo_and_ye_find_each_other(admin, put):
    put(title="Ёлка в школе")
    put(title="Новогодняя елка")
    assert len(titles(admin, "елка")) == 2
    assert len(titles(admin, "ёлка")) == 2
    assert titles(admin, "йод") == []


def test_russian_and_english_words_are_found_by_their_beginnings(admin, put):
    put(title="Работа с учителями", body="Опыт наставничества")
    put(title="Teaching reading", body="Lesson Study cycles")
    assert titles(admin, "учител") == ["Работа с учителями"]
    assert titles(admin, "наставн опыт") == ["Работа с учителями"]
    assert titles(admin, "teach") == ["Teaching reading"]
    assert titles(admin, "LESSON stud") == ["Teaching reading"]


def test_every_word_must_match(admin, put):
    put(title="Мұғалімдердің кәсіби дамуы")
    put(title="Мұғалімдер кеңесі")
    assert titles(admin, "мұғалім кәсіби") == ["Мұғалімдердің кәсіби дамуы"]


def test_an_objective_code_finds_its_material_and_the_codes_under_it(admin, put):
    put("material", title="Бөлшектер", objective_codes=["7.2.1.1", "7.2.1.2"])
    put("material", title="Пайыздар", objective_codes=["7.2.1.10"])
    put("material", title="Теңдеулер", objective_codes=["8.2.1.1"])
    put("post", title="Сабақ талдауы", body="Оқу мақсаты: 7.2.1.1 бойынша тапсырма")
    assert sorted(titles(admin, "7.2.1.1")) == ["Бөлшектер", "Сабақ талдауы"]
    assert sorted(titles(admin, "7.2")) == ["Бөлшектер", "Пайыздар", "Сабақ талдауы"]
    assert titles(admin, "бөлшек 7.2.1.2") == ["Бөлшектер"]


def test_the_title_counts_more_than_the_text(admin, put):
    put(title="Жиналыс хаттамасы", body="Кездесуде бағалау туралы сөйлестік")
    put(title="Бағалау критерийлері", body="Критерийлер")
    assert titles(admin, "бағалау") == ["Бағалау критерийлері", "Жиналыс хаттамасы"]


def test_a_reply_is_found_by_its_own_words_not_its_threads_title(admin, put):
    put("thread", title="Бағалау критерийлері", body="Қалай жазамыз?")
    put("post", title="Бағалау критерийлері", body="Дескрипторлардан бастаңыз")
    assert [hit.kind for hit in search(admin, "бағалау")] == ["thread"]
    (reply,) = search(admin, "дескриптор")
    assert (reply.kind, reply.title) == ("post", "Бағалау критерийлері")


def test_the_results_carry_highlighted_escaped_text(admin, put, cast):
    put(
        title="<b>Мұғалімдерге</b> кеңес",
        body="Бұл жазбада <script>alert('xss')</script> бар, мұғалімдердің тәжірибесі туралы.",
        network_id=cast.network.pk,
        url="/forum/threads/7/#post-12",
    )
    (hit,) = search(admin, "мұғалім")
    assert hit.title_html == "&lt;b&gt;<mark>Мұғалімдерге</mark>&lt;/b&gt; кеңес"
    assert "<script>" not in hit.snippet and "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in hit.snippet
    assert "<mark>мұғалімдердің</mark>" in hit.snippet
    assert (hit.kind, hit.url, hit.network_name) == ("thread", "/forum/threads/7/#post-12", "Шуақ")
    assert hit.kind_label == SearchDocument.Kind.THREAD.label
    assert hit.rank > 0


@pytest.mark.parametrize("query", HOSTILE)
def test_no_query_breaks_the_search(admin, put, query):
    put(title="Мұғалім сабақ", body="a b NEAR OR")
    results = search(admin, query)
    assert isinstance(results.hits, list)
    results = search(AnonymousUser(), query)
    assert isinstance(results.hits, list)


def test_an_empty_query_finds_nothing(admin, put):
    put(title="Сабақ")
    results = search(admin, "  * ")
    assert (results.hits, results.terms, results.has_next) == ([], [], False)


def test_the_pages_follow_each_other(admin, put):
    for n in range(5):
        put(title=f"Сабақ {n}")
    first = search(admin, "сабақ", limit=2)
    second = search(admin, "сабақ", limit=2, offset=2)
    third = search(admin, "сабақ", limit=2, offset=4)
    assert first.has_next and second.has_next and not third.has_next
    seen = [hit.title for page in (first, second, third) for hit in page]
    assert sorted(seen) == [f"Сабақ {n}" for n in range(5)]


def test_a_misspelt_word_finds_the_word_it_was_near(admin, put):
    put(title="Мұғалімдердің кәсіби дамуы")
    put(title="Оқушылардың жобалары")
    results = search(admin, "кәсби дамуы")
    assert (results.suggestion, results.is_fuzzy) == ("кәсіби дамуы", True)
    assert [hit.title for hit in results] == ["Мұғалімдердің кәсіби дамуы"]
    assert "<mark>кәсіби</mark>" in results.hits[0].title_html
    for query in ("оқшылар", "жобларын", "мугалмдер"):
        assert search(admin, query).is_fuzzy, query
    exact = search(admin, "кәсіби")
    assert (exact.suggestion, exact.is_fuzzy) == ("", False)
    assert [hit.title for hit in exact] == ["Мұғалімдердің кәсіби дамуы"]


def test_a_search_that_finds_little_suggests_a_near_word_beside_it(admin, put):
    put(title="Кәсби дамуы")  # a misspelling in a title: found as typed
    for n in range(3):
        put(title=f"Кәсіби даму {n}")
    Word.objects.filter(word="кәсіби").update(documents=3)  # as a rebuild counts them
    results = search(admin, "кәсби")
    assert [hit.title for hit in results] == ["Кәсби дамуы"]
    assert (results.suggestion, results.is_fuzzy) == ("кәсіби", False)
    assert search(admin, "кәсіби").suggestion == ""
    assert search(admin, "мүлдем жоқ сөз").suggestion == ""


@pytest.mark.parametrize("matches", [2, 10])
def test_a_common_word_ranks_its_newest_matches(admin, put, monkeypatch, matches):
    """Ranking reads the newest RANKED matches (here 3) of a word, on either database."""
    from search import engine

    monkeypatch.setattr(engine, "RANKED", 3)
    for number in range(matches):
        put(title=f"Бағалау {number}", body="бағалау")
        put(title=f"Басқа {number}")
    found = titles(admin, "бағалау")
    assert set(found) == {f"Бағалау {number}" for number in range(max(0, matches - 3), matches)}


def test_a_threads_matching_replies_are_one_result_beneath_it(admin, put):
    put("thread", title="Кері байланыс", body="Бағалау туралы", url="/forum/threads/5/")
    replies = [
        put("post", title="Кері байланыс", body=f"Дескриптор {n}", url=f"/forum/threads/5/?after=20#post-{n}")
        for n in range(5)
    ]
    put("material", title="Дескрипторлар жинағы", url="/library/9/")
    results = search(admin, "дескриптор")
    assert results.count == 2
    thread = next(hit for hit in results if hit.kind == "thread")
    # The thread leads, not matched itself; its three newest matching replies beneath, the others counted.
    assert (thread.url, thread.matched, thread.snippet) == ("/forum/threads/5/", False, "")
    assert [reply.url for reply in thread.replies] == [doc["url"] for doc in replies[:1:-1]]
    assert thread.more_replies == 2
    assert all("<mark>Дескриптор</mark>" in reply.snippet for reply in thread.replies)
    # Found by its own words too, the thread is a result with a snippet of its own.
    (both,) = search(admin, "бағалау")
    assert (both.matched, both.replies) == (True, ())


def test_a_russian_sentence_in_a_kazakh_text_is_read_as_russian(admin, put):
    """A word either language could have goes by its sentence: «школе» in a Kazakh
    post's Russian quotation is Russian (and found by «школа»); «Электр» in a Kazakh
    title is Kazakh («э» is no sign of Russian), and a Russian material's declared
    language holds for its sentences that show none."""
    put(title="Ашық сабақ", body="Әріптестер жазды. В нашей школе учителя проводят уроки в форме диалога.")
    put(kind="material", title="Бастауыш сынып: Электр тогы", body="Понятно, спасибо!", language="kk")
    put(kind="material", title="Решение квадратных уравнений", body="Сборник задач", language="ru")
    assert titles(admin, "школа") == ["Ашық сабақ"]
    assert titles(admin, "сыныбы") == ["Бастауыш сынып: Электр тогы"]
    assert titles(admin, "уравнение") == ["Решение квадратных уравнений"]


def test_a_russian_word_finds_a_kazakh_text_that_borrowed_it(admin, put):
    """A long Russian stem is a beginning too: «программы» finds «программасы» of a
    Kazakh text, which has only Kazakh stems; a short one is not («школы» does not
    find «школьник»)."""
    put(title="Оқу программасы", body="Жаңартылған мазмұн")
    put(title="Школьник", body="Ученик")
    put(title="Мектеп", body="Наша школа")
    assert titles(admin, "программы") == ["Оқу программасы"]
    assert titles(admin, "школы") == ["Мектеп"]
