"""The networks a person sees are read once per person object (every other app's
visible_to starts from them) and read again after any change that moves them."""

from __future__ import annotations

import pytest

from networks.models import Membership, Network, NetworkSchool, Role, visible_network_ids
from networks.tests.factories import NetworkFactory
from schools.tests.factories import DistrictFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_it_reads_them_once_for_the_rest_of_the_request(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = visible_network_ids(cast.teacher)
        again = visible_network_ids(cast.teacher)
    assert first == again == {cast.network.pk}
    with django_assert_num_queries(1):  # the ids are kept; only the networks themselves are read
        assert list(Network.objects.visible_to(cast.teacher)) == [cast.network]


def test_a_membership_made_or_ended_is_seen_by_the_same_person_object(cast):
    other = NetworkFactory()
    assert other.pk not in visible_network_ids(cast.teacher)
    membership = Membership.objects.create(network=other, user=cast.teacher, role=Role.TEACHER)
    assert other.pk in visible_network_ids(cast.teacher)
    membership.delete()
    assert visible_network_ids(cast.teacher) == {cast.network.pk}


def test_oversight_follows_the_district_its_schools_and_its_methodologists(cast):
    district = DistrictFactory(name="Түлкібас ауданы")
    school = SchoolFactory(district=district)
    other = NetworkFactory()
    NetworkSchool.objects.create(network=other, school=school)
    assert other.pk not in visible_network_ids(cast.methodologist)

    district.methodologists.add(cast.methodologist)
    assert other.pk in visible_network_ids(cast.methodologist)
    district.methodologists.remove(cast.methodologist)
    assert other.pk not in visible_network_ids(cast.methodologist)

    school.district = cast.leading_school.district
    school.save()
    assert other.pk in visible_network_ids(cast.methodologist)
    NetworkSchool.objects.filter(network=other).delete()
    assert other.pk not in visible_network_ids(cast.methodologist)


def test_an_outsider_sees_none(cast):
    assert visible_network_ids(cast.outsider) == frozenset()
    assert not Network.objects.visible_to(cast.outsider).exists()
