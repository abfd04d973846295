"""Reading queries and highlighting, without a database."""

from __future__ import annotations

import pytest

from search.engine import fts5_query, tsquery, tsvector
from search.tests.helpers import HOSTILE
from search.text import Term, highlight, parse_query, snippet, words


def test_a_query_is_its_words_each_a_prefix():
    assert parse_query("Мұғалім   СабАҚ") == [Term("мұғалім"), Term("сабақ")]


def test_numbers_and_single_letters_are_exact_words():
    assert parse_query("7 сынып а") == [Term("7", prefix=False), Term("сынып"), Term("а", prefix=False)]


def test_an_objective_code_stays_one_term():
    assert parse_query("мақсат 7.2.1.1.") == [Term("мақсат"), Term("7.2.1.1", prefix=False, is_code=True)]


def test_operators_in_capitals_are_left_out_and_lower_case_words_kept():
    assert parse_query("мұғалім OR сабақ AND NOT NEAR or") == [Term("мұғалім"), Term("сабақ"), Term("or")]


def test_repeated_words_count_once_and_there_are_at_most_eight():
    assert parse_query("сабақ Сабақ САБАҚ") == [Term("сабақ")]
    assert len(parse_query(" ".join(f"сөз{n}" for n in range(20)))) == 8


def test_yo_is_read_as_ye_but_short_i_stays():
    assert parse_query("Ёлка йод") == [Term("елка"), Term("йод")]
    assert words("ЁЛКА мой") == ["елка", "мой"]


@pytest.mark.parametrize("query", HOSTILE)
def test_no_input_can_put_syntax_into_the_full_text_queries(query):
    terms = parse_query(query)
    for term in terms:
        assert all(char.isalnum() or char == "." for char in term.text), term
    expression = fts5_query(terms)
    # Only our own quotes, stars, brackets and operators, balanced.
    assert expression.count('"') % 2 == 0
    assert expression.count("(") == expression.count(")")
    assert tsquery(terms).count("'") % 2 == 0


def test_a_final_k_q_or_p_is_also_looked_for_voiced():
    assert [term.forms for term in parse_query("сабақ кітап жүрек мұғалім ақ")] == [
        ("сабақ", "сабағ"),
        ("кітап", "кітаб"),
        ("жүрек", "жүрег"),
        ("мұғалім",),
        ("ақ",),
    ]
    assert highlight("Сабағы мен сабақтары, кітабы", parse_query("сабақ кітап")) == (
        "<mark>Сабағы</mark> мен <mark>сабақтары</mark>, <mark>кітабы</mark>"
    )


def test_fts5_and_tsquery_expressions():
    terms = parse_query("мұғалім 7.2.1.1 7 сабақ")
    assert fts5_query(terms) == (
        '({title body} : ("мұғалім"*) OR {title_keys body_keys} : ("мұғалім"))'
        ' AND {title body codes} : ("7x2x1x1" OR "7x2x1x1x"* OR "7 2 1 1")'
        ' AND {title body} : ("7")'
        ' AND ({title body} : ("сабақ"* OR "сабағ"*) OR {title_keys body_keys} : ("сабақ"))'
    )
    assert tsquery(terms) == (
        "('мұғалім':* | '=мұғалім' | 'мұғалім') & ('7x2x1x1' | '7x2x1x1x':* | ('7' <-> '2' <-> '1' <-> '1')) & '7'"
        " & ('сабақ':* | 'сабағ':* | '=сабақ' | 'сабақ')"
    )
    # A word that may have been typed on a Russian keyboard: its stems, and its
    # skeleton as a beginning of a key.
    (term,) = parse_query("мугалим")
    assert fts5_query([term]) == (
        '({title body} : ("мугалим"*) OR {title_keys body_keys} : ("мугалим" OR "\ue000мугал" OR "мугалим"*))'
    )


def test_the_postgresql_vector_holds_the_words_python_reads():
    vector = tsvector("Бірін-бірі ТЫҢДАУ", "7.2.1.1 7.2.1.2", "Ёлка, тыңдау.", ["kthread", "n3"])
    words, prefixes = vector.split(" '~")[0].split(" '", 6)[:6], vector.split(" '", 6)[6]
    assert " '".join(words) == "'бірін':1A 'бірі':2A 'тыңдау':3A,7D '7x2x1x1':4A '7x2x1x2':5A 'елка':6D"
    # The prefixes of 2 to 10 letters of each word, then the facets.
    assert prefixes.startswith("7x2^' '7x2x1^'")
    assert "'тың^' 'тыңд^' 'тыңда^' 'тыңдау^'" in vector and "'е^'" not in vector and "'ел^'" in vector
    assert "'7x2x1x1^'" in vector and "'7x2x1x1x^'" not in vector  # 7 letters long: its own prefix, no more
    assert vector.endswith("'~kthread' '~n3'")


def test_highlighting_escapes_the_text_before_marking_it():
    html = highlight("<script>alert('мұғалім')</script> Мұғалімдер & ата-аналар", parse_query("мұғалім"))
    assert html == (
        "&lt;script&gt;alert(&#x27;<mark>мұғалім</mark>&#x27;)&lt;/script&gt; <mark>Мұғалімдер</mark> &amp; ата-аналар"
    )


def test_highlighting_marks_prefixes_not_the_middle_of_words():
    assert highlight("Әлемдегі алем ғалым", parse_query("әлем ғалым")) == (
        "<mark>Әлемдегі</mark> алем <mark>ғалым</mark>"
    )


def test_highlighting_marks_an_objective_code_but_not_a_longer_one():
    html = highlight("7.2.1.1 мен 7.2.1.10 және 17.2.1.1", parse_query("7.2.1.1"))
    assert html == "<mark>7.2.1.1</mark> мен 7.2.1.10 және 17.2.1.1"


def test_a_snippet_is_cut_around_the_matches():
    text = " ".join(f"сөз{n}" for n in range(100)) + " мұғалімдердің кеңесі " + " ".join(f"сөз{n}" for n in range(100))
    html = snippet(text, parse_query("мұғалім"), length=10)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>мұғалімдердің</mark> кеңесі" in html
    assert len(html.split()) <= 14


def test_a_snippet_without_matches_is_the_beginning_of_the_text():
    html = snippet("Бірінші сөйлем. <b>Екінші</b> сөйлем.\n\nҮшінші.", parse_query("тақырып"))
    assert html == "Бірінші сөйлем. &lt;b&gt;Екінші&lt;/b&gt; сөйлем. Үшінші."


def test_an_empty_text_has_an_empty_snippet():
    assert snippet("", parse_query("сөз")) == ""
    assert snippet("...", parse_query("сөз")) == ""


def test_a_key_that_is_a_word_of_the_vector_is_written_once():
    """PostgreSQL's vector: «мұғалім» is a word and the key of «мұғалімдер»; the query
    looks for a key marked or as a word, so the vector holds it once (it is read
    from TOAST for every row a common word's search walks)."""
    vector = tsvector("Мұғалім", "", "мұғалімдер сабағы")
    assert "'мұғалім':1A" in vector
    assert "'=мұғалім'" not in vector
    assert "'=сабақ':2D" in vector  # no word «сабақ» here
