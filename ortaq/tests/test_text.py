"""What people type to find someone, compared as they expect (ortaq.lib.text.TypedQuery)."""

from __future__ import annotations

from ortaq.lib.text import TypedQuery


def test_it_finds_kazakh_letters_in_any_case_in_a_name():
    assert TypedQuery("ӘЛИ").matches("Әлиева Гүлназ")
    assert TypedQuery("  гҮлНАЗ  әлИЕВА ").matches("Әлиева Гүлназ")
    assert TypedQuery("бек").matches("Жұмабеков Ерлан")  # part of a name, anywhere
    assert not TypedQuery("әли").matches("Алиев Ерлан")


def test_typed_without_kazakh_letters_it_finds_them_too():
    assert TypedQuery("али").matches("Әлиева Гүлназ") and TypedQuery("али").matches("Алиев Ерлан")
    assert TypedQuery("Сейитов").matches("Сейітов Нұрлан")
    assert TypedQuery("ёлкин").matches("Елкина") and TypedQuery("елкин").matches("Ёлкина")


def test_the_other_texts_are_found_by_the_beginnings_of_their_words():
    school = "Абай атындағы мектеп-гимназия"
    assert TypedQuery("гимназ").matches("Сейітов Нұрлан", school)
    assert TypedQuery("№7").matches("Омарова Сәуле", "№7 орта мектеп")
    assert TypedQuery("сәуле 7").matches("Омарова Сәуле", "№7 орта мектеп")
    # «мұғалім» (the role) has «али» inside, not at a word's beginning.
    assert not TypedQuery("али").matches("Бекова Айгүл", "мұғалім")
    assert not TypedQuery("әлиева гимназ").matches("Әлиева Гүлназ", "№7 орта мектеп")


def test_it_counts_the_letters_typed_and_finds_nothing_for_nothing():
    assert len(TypedQuery(" ә ")) == 1 and len(TypedQuery("№7")) == 1 and len(TypedQuery("ә л")) == 2
    assert not TypedQuery("").matches("Әлиева", "мектеп") and not TypedQuery("№").begins_words_of("№7")
    assert TypedQuery("әли гүл").begins_words_of("Әлиева Гүлназ")
    assert not TypedQuery("лиева").begins_words_of("Әлиева Гүлназ")
