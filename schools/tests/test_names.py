"""A school asked for is compared with the district's schools as people write names
(schools/names.py): the same name whatever the case and signs, a near one shown."""

from __future__ import annotations

from dataclasses import dataclass

from schools import names


@dataclass
class Named:
    name: str


DISTRICT = [Named("№7 орта мектеп"), Named("№17 орта мектеп"), Named("Абай атындағы мектеп-гимназия")]


def test_it_takes_a_name_written_another_way_for_the_same_school():
    assert names.same_name("№ 7 ОРТА мектеп", "№7 орта мектеп")
    assert names.same_named("«№7» орта  мектеп.", DISTRICT) is DISTRICT[0]
    assert names.same_named("№7 орта мектебі", DISTRICT) is None


def test_it_offers_near_names_closest_first_and_never_another_number():
    assert names.near_matches("№ 7 орта мектебі", DISTRICT) == [DISTRICT[0]]
    assert names.near_matches("Абай атындагы мектеп гимназиясы", DISTRICT) == [DISTRICT[2]]
    assert names.near_matches("Жамбыл атындағы орта мектеп", DISTRICT) == []


def test_the_same_number_is_near_whatever_the_words():
    assert names.near_matches("№17 мектеп", DISTRICT) == [DISTRICT[1]]
