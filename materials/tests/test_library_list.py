"""Browsing a network's library: filters, newest first, pages by cursor, and a fixed
number of queries however many materials there are."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from materials import actions
from materials.models import Material, format_grades, split_objective_codes, split_tags
from materials.paging import cursor_of, parse_cursor
from materials.tests.factories import publish
from networks.audiences import Visibility
from networks.models import Network
from ortaq.testing import as_user
from subjects.models import Subject

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [m.title for m in response.context["page"]]


def library(cast, **params):
    return as_user(cast.coach).get(reverse("materials:list", args=[cast.network.pk]), params)


@pytest.fixture
def shelf(cast):
    maths, geography = Subject.objects.get(code="mathematics"), Subject.objects.get(code="geography")
    publish(cast, title="Квадрат теңдеулер", subject=maths, grades=[9], objective_codes=["9.2.2.1"])
    publish(cast, title="Бөлшектер ОМЖ", subject=maths, grades=[5, 6], kind=Material.Kind.MEDIUM_TERM_PLAN)
    publish(cast, title="Мұхиттар", subject=geography, grades=[7], objective_codes=["7.3.2.1", "7.3.2.2"])
    publish(cast, title="Решение уравнений", subject=maths, grades=[8, 9], language="ru", tags=["дискриминант"])
    publish(cast, title="Holidays BJB", grades=[6], language="en", kind=Material.Kind.ASSESSMENT)
    return cast


def test_it_lists_the_newest_first(shelf):
    assert titles(library(shelf)) == [
        "Holidays BJB",
        "Решение уравнений",
        "Мұхиттар",
        "Бөлшектер ОМЖ",
        "Квадрат теңдеулер",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"subject": "geography"}, ["Мұхиттар"]),
        ({"subject": "mathematics", "grade": "9"}, ["Решение уравнений", "Квадрат теңдеулер"]),
        ({"grade": "6"}, ["Holidays BJB", "Бөлшектер ОМЖ"]),
        ({"grade": "0"}, []),
        ({"kind": "medium_term_plan"}, ["Бөлшектер ОМЖ"]),
        ({"language": "ru"}, ["Решение уравнений"]),
        ({"objective": "7.3.2.2"}, ["Мұхиттар"]),
        ({"objective": " 7. 3.2 "}, ["Мұхиттар"]),  # a prefix, typed carelessly, finds the objectives under it
        ({"objective": "7.3.2.3"}, []),
        ({"tag": "Дискриминант"}, ["Решение уравнений"]),
        ({"subject": "no-such-subject", "grade": "twelve"}, None),  # broken links show everything
    ],
)
def test_it_filters(shelf, params, expected):
    response = library(shelf, **params)
    assert response.status_code == 200
    if expected is None:
        assert len(titles(response)) == 5
    else:
        assert titles(response) == expected


def test_it_shows_only_what_the_person_may_see(shelf):
    publish(shelf, by=shelf.coach, title="Топқа ғана", visibility=Visibility.GROUP, group=shelf.group)
    assert "Топқа ғана" in titles(library(shelf))
    response = as_user(shelf.director).get(reverse("materials:list", args=[shelf.network.pk]))
    assert "Топқа ғана" not in titles(response)


def test_it_pages_by_cursor_without_gaps_or_repeats(cast):
    start = timezone.now() - datetime.timedelta(days=30)
    for number in range(45):
        # Five share one moment: the id decides between them.
        moment = start + datetime.timedelta(hours=number - number % 5 if number < 10 else number)
        publish(cast, title=f"Материал {number:02d}", created_at=moment)
    expected = [m.title for m in Material.objects.order_by("-created_at", "-id")]
    seen, after = [], None
    for _page in range(3):
        response = library(cast, **({"after": after} if after else {}))
        seen += titles(response)
        after = response.context["page"].next_cursor
    assert seen == expected and after is None
    # Going back from the third page gives the second.
    third = library(cast, after=cursor_of(Material.objects.order_by("-created_at", "-id")[39]))
    back = library(cast, before=third.context["page"].previous_cursor)
    assert titles(back) == expected[20:40]


def test_a_damaged_cursor_starts_from_the_newest(cast):
    publish(cast, title="Бір")
    assert titles(library(cast, after="not-a-cursor")) == ["Бір"]
    assert parse_cursor("!!!") is None and parse_cursor("MjAyNHxh") is None


def test_the_list_needs_the_same_queries_for_5_or_25_materials(cast):
    client = as_user(cast.coach)
    url = reverse("materials:list", args=[cast.network.pk])

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and len(response.context["page"]) == min(Material.objects.count(), 20)
        return len(queries)

    for number in range(5):
        publish(cast, title=f"Материал {number}", coauthors=[cast.director], tags=["тег"])
    few = count_queries()
    for number in range(20):
        publish(cast, by=cast.coach, title=f"Тағы {number}", objective_codes=["5.1.1.1"])
    assert count_queries() == few
    # session, user, network access (the membership with its network), the networks
    # the person sees, subjects for the filter, the page of materials, their authors,
    # the bell's unread count.
    assert few == 8


def test_the_list_does_not_count_the_rows(cast):
    publish(cast)
    client = as_user(cast.coach)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("materials:list", args=[cast.network.pk]), {"grade": "9", "objective": "9.2.2.1"})
    # (The bell's count of unread notices is the header's, not the list's.)
    assert not [q for q in queries if "COUNT(" in q["sql"].upper() and "notifications_notice" not in q["sql"]]


def test_the_home_lists_every_network_of_the_person(cast):
    publish(cast, title="Шуақтан")
    other = Network.objects.create(name="Даму")
    other.memberships.create(user=cast.coach, role="teacher")
    actions.publish_material(other, by=cast.coach, link="https://example.kz", title="Дамудан", kind="article")
    response = as_user(cast.coach).get(reverse("materials:home"))
    assert titles(response) == ["Дамудан", "Шуақтан"]
    response = as_user(cast.coach).get(reverse("materials:home"), {"network": other.pk})
    assert titles(response) == ["Дамудан"]
    assert titles(as_user(cast.teacher).get(reverse("materials:home"))) == ["Шуақтан"]


def test_objective_codes_and_tags_are_normalised():
    codes = " 7. 2.1.1 ,7.2.1.2;6.l1\n9.2.2.1.\n7.2.1.1"
    assert split_objective_codes(codes) == ["7.2.1.1", "7.2.1.2", "6.L1", "9.2.2.1"]
    assert split_tags("Диалогтық  оқыту, #Инклюзия,, диалогтық оқыту") == ["диалогтық оқыту", "инклюзия"]
    assert format_grades([5, 6, 7, 8, 9]) == "5–9"
    assert format_grades([1, 3, 4, 7]) == "1, 3, 4, 7"
    assert format_grades([0, 1, 2, 10]) == "0–2, 10"
