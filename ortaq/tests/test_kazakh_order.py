"""Names in Kazakh alphabetical order wherever a list is sorted by name (issue 15,
point 11): а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы
і ь э ю я — where SQLite and PostgreSQL's default collations put ә, ғ, қ, ң, ө, ұ, ү,
һ, і after я. On both databases: the collation of ortaq/lib/collation.py, the
members, schools and people picker of a network, and the admin's lists and menu."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from networks.models import NetworkSchool, Role
from networks.tests.factories import member
from ortaq.lib.collation import KazakhOrder, kazakh_sort_key
from ortaq.testing import as_user
from schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# Written from the alphabet above, not computed: Ә after А, Қ after К, Ұ and Ү after
# У, І after Ы, and all of them before Я.
IN_ORDER = ["Айгүл", "Әлия", "Бауыржан", "Ғалия", "Кәмила", "Қуаныш"]
IN_ORDER += ["Уәлихан", "Ұлан", "Үміт", "Ыбырай", "Іңкәр", "Ясмин"]
SHUFFLED = [IN_ORDER[i] for i in (11, 9, 2, 10, 1, 5, 0, 8, 3, 7, 4, 6)]


def test_the_sort_key_follows_the_kazakh_alphabet():
    assert sorted(SHUFFLED, key=kazakh_sort_key) == IN_ORDER
    assert sorted(["Іңкәр", "Ыбырай"], key=kazakh_sort_key) == ["Ыбырай", "Іңкәр"]
    assert sorted(["Бауыржан", "Әлия", "Айгүл"], key=kazakh_sort_key) == ["Айгүл", "Әлия", "Бауыржан"]


def test_the_database_sorts_in_kazakh_order():
    for number, name in enumerate(SHUFFLED):
        User.objects.create(email=f"p{number}@example.kz", full_name=f"{name} Тестова")
    names = User.objects.order_by(KazakhOrder("full_name")).values_list("full_name", flat=True)
    assert [name.split()[0] for name in names] == IN_ORDER
    backwards = User.objects.order_by(KazakhOrder("full_name").desc()).values_list("full_name", flat=True)
    assert [name.split()[0] for name in backwards] == IN_ORDER[::-1]


def order_on_page(html: str, names: list[str]) -> list[str]:
    """The names as the page shows them, by where each first appears."""
    return sorted(names, key=lambda name: html.index(name))


@pytest.fixture
def people(cast):
    school = cast.attached_school
    return [member(cast.network, Role.TEACHER, full_name=f"{name} Сынақова", school=school) for name in SHUFFLED]


def test_a_network_s_members_and_the_people_picker_are_in_kazakh_order(cast, people):
    names = [f"{name} Сынақова" for name in IN_ORDER]
    leader = as_user(cast.leader)
    members = leader.get(reverse("networks:members", args=[cast.network.pk]), {"q": "Сынақова"})
    assert order_on_page(members.content.decode(), names) == names
    # All match alike (by their surname), so the picker lists them by name.
    found = leader.get(reverse("networks:people", args=[cast.network.pk]), {"q": "Сынақова"})
    assert order_on_page(found.content.decode(), names) == names


def test_a_network_s_schools_are_in_kazakh_order(cast):
    names = [f"{name} атындағы мектеп" for name in IN_ORDER]
    for name in SHUFFLED:
        school = SchoolFactory.create(name=f"{name} атындағы мектеп")
        NetworkSchool.objects.create(network=cast.network, school=school, role=NetworkSchool.Role.ATTACHED)
    page = as_user(cast.teacher).get(reverse("networks:schools", args=[cast.network.pk]))
    assert order_on_page(page.content.decode(), names) == names


def test_the_admin_lists_people_in_kazakh_order_and_sorts_a_column_so(people):
    names = [f"{name} Сынақова" for name in IN_ORDER]
    client = as_user(User.objects.create_superuser("root@example.kz", "x", full_name="Әкімші"))
    url = reverse("admin:accounts_user_changelist")
    assert order_on_page(client.get(url, {"q": "Сынақова"}).content.decode(), names) == names
    # A click on the name column's header: ascending («o=1»), then descending («o=-1»).
    assert order_on_page(client.get(url, {"q": "Сынақова", "o": "1"}).content.decode(), names) == names
    assert order_on_page(client.get(url, {"q": "Сынақова", "o": "-1"}).content.decode(), names) == names[::-1]
    # A column of people (the memberships' «person») sorts by their names the same way.
    memberships = reverse("admin:networks_membership_changelist")
    assert order_on_page(client.get(memberships, {"q": "Сынақова", "o": "1"}).content.decode(), names) == names


def test_the_admin_menu_is_in_kazakh_order(cast):
    client = as_user(User.objects.create_superuser("root@example.kz", "x", full_name="Әкімші"))
    html = client.get(reverse("admin:index")).content.decode()
    apps = [re.sub(r"<[^>]+>", "", caption).strip() for caption in re.findall(r"<caption>(.*?)</caption>", html, re.S)]
    assert len(apps) == len({model._meta.app_label for model in admin.site._registry})
    assert apps == sorted(apps, key=kazakh_sort_key)
    assert apps != sorted(apps)  # code-point order would differ: the test sees the difference
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table, re.S)
        models_ = [re.sub(r"<[^>]+>", "", row).strip() for row in rows]
        assert models_ == sorted(models_, key=kazakh_sort_key)
