"""Who finds what: the same rule as the forums and the library (search/models.py)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.tests.factories import UserFactory
from networks.models import Membership, Role
from networks.tests.factories import NetworkFactory, member
from search.query import Filters, search
from subjects.models import Subject

pytestmark = pytest.mark.django_db


def titles(user, query="сабақ", **filters) -> set[str]:
    return {hit.title for hit in search(user, query, Filters(**filters))}


@pytest.fixture
def documents(cast, put):
    put(title="Желі сабағы", network_id=cast.network.pk)
    put(title="Топ сабағы", network_id=cast.network.pk, group_id=cast.group.pk)
    put("material", title="Ашық сабақ", network_id=cast.network.pk, is_public=True)
    other = NetworkFactory(name="Басқа желі")
    put(title="Басқа желінің сабағы", network_id=other.pk)
    return other


EVERYTHING_OF_THE_NETWORK = {"Желі сабағы", "Топ сабағы", "Ашық сабақ"}


def test_an_outsider_and_a_visitor_find_only_public_materials(cast, documents):
    assert titles(cast.outsider) == {"Ашық сабақ"}
    assert titles(AnonymousUser()) == {"Ашық сабақ"}


@pytest.mark.parametrize("role", ["coach", "teacher", "leader", "coordinator"])
def test_group_members_and_organisers_find_the_groups_documents(cast, documents, role):
    assert titles(getattr(cast, role)) == EVERYTHING_OF_THE_NETWORK


@pytest.mark.parametrize("role", ["director", "methodologist"])
def test_others_who_see_the_network_find_all_but_the_groups_documents(cast, documents, role):
    assert titles(getattr(cast, role)) == {"Желі сабағы", "Ашық сабақ"}


def test_a_group_member_who_left_the_network_finds_nothing_of_the_group(cast, documents):
    Membership.objects.filter(network=cast.network, user=cast.teacher).delete()
    assert titles(cast.teacher) == {"Ашық сабақ"}


def test_a_member_of_another_network_does_not_find_this_ones(cast, documents):
    someone = member(documents, Role.LEADER)
    assert titles(someone) == {"Басқа желінің сабағы", "Ашық сабақ"}


def test_an_administrator_finds_everything(cast, documents):
    assert titles(UserFactory(is_superuser=True)) == EVERYTHING_OF_THE_NETWORK | {"Басқа желінің сабағы"}


def test_a_deactivated_account_finds_only_public_materials(cast, documents):
    cast.teacher.is_active = False
    cast.teacher.save()
    assert titles(cast.teacher) == {"Ашық сабақ"}


# --- Filters ---------------------------------------------------------------------------


def day(d: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 3, d, 23, 30))


@pytest.fixture
def library(cast, put):
    maths = Subject.objects.create(code="maths-test", name_kk="Математика", name_ru="Математика", name_en="Maths")
    history = Subject.objects.create(code="history-test", name_kk="Тарих", name_ru="История", name_en="History")
    material = {"network_id": cast.network.pk}
    put("material", title="Сабақ: бөлшектер", subject_id=maths.pk, grades=[5, 6], created_at=day(1), **material)
    put(
        "material",
        title="Сабақ: теңдеулер",
        subject_id=maths.pk,
        grades=[7],
        created_at=day(2),
        language="ru",
        **material,
    )
    put(
        "material",
        title="Сабақ: хандық",
        subject_id=history.pk,
        grades=[7, 8],
        created_at=day(3),
        material_kind="test",
        **material,
    )
    put("thread", title="Сабақ талқылауы", network_id=cast.network.pk, created_at=day(4))
    put("post", title="Сабақ талқылауы", body="Сабақта топтық жұмыс", network_id=cast.network.pk, created_at=day(5))
    return maths, history


def test_it_filters_by_kind(cast, library):
    assert titles(cast.leader, kinds=("thread", "post")) == {"Сабақ талқылауы"}
    assert len(search(cast.leader, "сабақ", Filters(kinds=("post",))).hits) == 1


def test_it_filters_by_subject_and_grade(cast, library):
    maths, history = library
    assert titles(cast.leader, subject_id=maths.pk) == {"Сабақ: бөлшектер", "Сабақ: теңдеулер"}
    assert titles(cast.leader, grade=7) == {"Сабақ: теңдеулер", "Сабақ: хандық"}
    assert titles(cast.leader, grade=7, subject_id=history.pk) == {"Сабақ: хандық"}
    assert titles(cast.leader, grade=11) == set()


def test_it_filters_by_language_and_kind_of_material(cast, library):
    assert titles(cast.leader, language="ru") == {"Сабақ: теңдеулер"}
    assert titles(cast.leader, material_kind="test") == {"Сабақ: хандық"}


def test_it_filters_by_network(cast, library, put):
    other = NetworkFactory()
    Membership.objects.create(network=other, user=cast.leader, role=Role.TEACHER)
    put(title="Сабақ басқа желіде", network_id=other.pk)
    assert titles(cast.leader, network_id=other.pk) == {"Сабақ басқа желіде"}
    assert titles(cast.outsider, network_id=cast.network.pk) == set()


def test_it_filters_by_dates_including_the_whole_last_day(cast, library):
    # 23:30 in Almaty on the 2nd is still the 2nd, whatever UTC says.
    assert titles(cast.leader, date_from=datetime.date(2026, 3, 2), date_to=datetime.date(2026, 3, 3)) == {
        "Сабақ: теңдеулер",
        "Сабақ: хандық",
    }
    assert titles(cast.leader, date_from=datetime.date(2026, 3, 5)) == {"Сабақ талқылауы"}
    assert titles(cast.leader, date_to=datetime.date(2026, 3, 1)) == {"Сабақ: бөлшектер"}
