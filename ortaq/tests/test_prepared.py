"""Queries built once per process (ortaq/lib/prepared.py): the rows are those the
queryset gives, for any values; a builder that cannot be prepared is refused."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.tests.factories import UserFactory
from networks.models import GroupMembership, Membership, Network
from ortaq.lib.prepared import PreparedQueryError, counted, prepared
from ortaq.testing import Cast

pytestmark = pytest.mark.speed_helpers


def memberships_of(network_id: int, user_id: int, *, with_network: bool = True) -> QuerySet[Membership]:
    rows = Membership.objects.filter(network=network_id).annotate(
        in_group=Exists(GroupMembership.objects.filter(user=OuterRef("user"), group__network=network_id)),
        is_asker=Exists(Membership.objects.filter(pk=OuterRef("pk"), user=user_id)),
    )
    if with_network:
        rows = rows.select_related("network", "user")
    return rows.order_by("user__email")


prepared_memberships = prepared(memberships_of)


def standing(membership: Membership) -> tuple[object, ...]:
    return (
        membership.pk,
        membership.user.email,
        membership.network.name,
        membership.role,
        membership.in_group,
        membership.is_asker,
    )


def test_it_gives_the_rows_the_queryset_gives(cast: Cast) -> None:
    for person in (cast.teacher, cast.leader, cast.outsider):
        expected = [standing(m) for m in memberships_of(cast.network.pk, person.pk)]
        assert [standing(m) for m in prepared_memberships(cast.network.pk, person.pk)] == expected
    assert any(m.is_asker for m in prepared_memberships(cast.network.pk, cast.teacher.pk))
    assert {m.user.email for m in prepared_memberships(cast.network.pk, cast.teacher.pk) if m.in_group} == {
        cast.coach.email,
        cast.teacher.email,
    }
    other = Network.objects.create(name="Басқа желі")
    assert prepared_memberships(other.pk, cast.teacher.pk) == []


def test_it_reads_with_one_query_and_builds_each_shape_once(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = []

    def counted(network_id: int, *, kind: str) -> QuerySet[Membership]:
        builds.append(kind)
        return Membership.objects.filter(network=network_id, role=kind)

    query = prepared(counted)
    with CaptureQueriesContext(connection) as captured:
        leaders = query(cast.network.pk, kind="leader")
        teachers = query(cast.network.pk, kind="teacher")
        again = query(cast.network.pk, kind="teacher")
    assert [m.user_id for m in leaders] == [cast.leader.pk]
    assert [m.user_id for m in teachers] == [m.user_id for m in again] == [cast.teacher.pk]
    assert len(captured) == 3
    # Twice per shape (two sets of stand-ins), never again.
    assert builds == ["leader", "leader", "teacher", "teacher"]


def test_it_gives_values_rows_and_aggregates(cast: Cast) -> None:
    @prepared
    def roles(network_id: int) -> QuerySet:
        return Membership.objects.filter(network=network_id).values("role").annotate(n=Count("pk")).order_by("role")

    assert roles(cast.network.pk) == list(
        Membership.objects.filter(network=cast.network).values("role").annotate(n=Count("pk")).order_by("role")
    )
    assert {row["role"] for row in roles(cast.network.pk)} >= {"leader", "teacher", "coach"}


def test_it_takes_strings_and_aware_datetimes(cast: Cast) -> None:
    @prepared
    def joined_since(email: str, since: datetime.datetime) -> QuerySet[Membership]:
        return Membership.objects.filter(user__email=email, joined_at__gte=since)

    long_ago = timezone.now() - datetime.timedelta(days=3)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert [m.user_id for m in joined_since(cast.teacher.email, long_ago)] == [cast.teacher.pk]
    assert joined_since(cast.teacher.email, tomorrow) == []
    assert joined_since("nobody@example.kz", long_ago) == []


def test_its_shape_may_be_none(cast: Cast) -> None:
    @prepared
    def groups(network_id: int, *, leader: int | None) -> QuerySet:
        return cast.network.groups.model.objects.filter(network=network_id, leader=leader)

    assert [g.pk for g in groups(cast.network.pk, leader=None)] == []
    assert [g.pk for g in groups(cast.network.pk, leader=cast.coach.pk)] == [cast.group.pk]


def test_a_shape_that_matches_nothing_asks_nothing(cast: Cast) -> None:
    @prepared
    def maybe(network_id: int, *, allowed: bool) -> QuerySet[Membership]:
        rows = Membership.objects.filter(network=network_id)
        return rows if allowed else rows.none()

    with CaptureQueriesContext(connection) as captured:
        assert maybe(cast.network.pk, allowed=False) == []
    assert len(captured) == 0
    assert len(maybe(cast.network.pk, allowed=True)) == 5


def test_first_gives_one_row_or_none(cast: Cast) -> None:
    @prepared
    def membership(network_id: int, user_id: int) -> QuerySet[Membership]:
        return Membership.objects.filter(network=network_id, user=user_id).select_related("network")[:1]

    found = membership.first(cast.network.pk, cast.coach.pk)
    assert found is not None and found.role == "coach" and found.network.name == "Шуақ"
    assert membership.first(cast.network.pk, cast.outsider.pk) is None


@pytest.mark.parametrize("helpers", [True, False])
def test_count_gives_what_the_querysets_count_gives_none_included(cast: Cast, settings, helpers: bool) -> None:
    settings.SPEED_HELPERS = helpers

    @prepared
    def members_with_role(network_id: int, role: str) -> QuerySet:
        return counted(Membership.objects.filter(network=network_id, role=role))

    for role in ("teacher", "coach", "nobody"):
        expected = Membership.objects.filter(network=cast.network, role=role).count()
        assert members_with_role.count(cast.network.pk, role) == expected
    assert members_with_role.count(cast.network.pk, "nobody") == 0
    assert members_with_role.count(cast.network.pk, "teacher") >= 1


REFUSED = {
    # A slice bound is written into the SQL.
    "slice": (lambda network_id, n: Membership.objects.filter(network=network_id)[:n], (3,)),
    # icontains wraps the value in «%»: the parameter is not the value.
    "icontains": (
        lambda network_id, text: Membership.objects.filter(network=network_id, user__email__icontains=text),
        ("teacher",),
    ),
    # The clock: a parameter that changes on its own.
    "clock": (lambda network_id: Membership.objects.filter(network=network_id, joined_at__lte=timezone.now()), ()),
    # A value that never reaches the SQL.
    "unused": (lambda network_id, unused: Membership.objects.filter(network=network_id), (7,)),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_it_refuses_a_builder_it_cannot_prepare(cast: Cast, name: str) -> None:
    build, values = REFUSED[name]
    with pytest.raises(PreparedQueryError):
        prepared(build)(cast.network.pk, *values)


@pytest.mark.parametrize("value", [True, None, 1.5, datetime.date(2026, 1, 1), datetime.datetime(2026, 1, 1)])
def test_it_refuses_a_value_that_is_shape(db: None, value: object) -> None:
    query = prepared(lambda pk: User.objects.filter(pk=pk))
    with pytest.raises(PreparedQueryError):
        query(value)


def test_it_refuses_the_wrong_number_of_values(db: None) -> None:
    query = prepared(lambda pk: User.objects.filter(pk=pk))
    with pytest.raises(PreparedQueryError):
        query()
    with pytest.raises(PreparedQueryError):
        query(1, 2)


@pytest.mark.django_db(transaction=True)
def test_another_thread_reads_on_its_own_connection() -> None:
    people = [UserFactory(), UserFactory()]
    query = prepared(lambda pk: User.objects.filter(pk=pk))
    assert [u.pk for u in query(people[0].pk)] == [people[0].pk]  # compiled on this thread
    seen: dict[str, object] = {}

    def other() -> None:
        try:
            with CaptureQueriesContext(connections["default"]) as captured:
                seen["rows"] = [u.pk for u in query(people[1].pk)]
            seen["queries"] = len(captured)
            seen["connection"] = connections["default"]
        finally:
            connections.close_all()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen["rows"] == [people[1].pk]
    assert seen["queries"] == 1
    assert seen["connection"] is not connections["default"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(network_index=st.integers(0, 2), person_index=st.integers(0, 7), with_network=st.booleans())
def test_it_agrees_with_the_queryset_for_any_values(
    cast: Cast, network_index: int, person_index: int, with_network: bool
) -> None:
    networks = [cast.network.pk, cast.network.pk + 1000, 0]
    people = [cast.teacher, cast.leader, cast.coach, cast.director, cast.coordinator, cast.methodologist, cast.outsider]
    person_id = people[person_index].pk if person_index < len(people) else -5
    network_id = networks[network_index]
    expected = [
        (m.pk, m.role, m.in_group, m.is_asker) for m in memberships_of(network_id, person_id, with_network=with_network)
    ]
    got = [
        (m.pk, m.role, m.in_group, m.is_asker)
        for m in prepared_memberships(network_id, person_id, with_network=with_network)
    ]
    assert got == expected


def test_a_builder_may_take_as_many_values_as_its_shape_uses(cast: Cast) -> None:
    @prepared
    def members(network_id: int, *values: int, role: bool) -> QuerySet[Membership]:
        rows = Membership.objects.filter(network=network_id)
        if role:
            (user_id,) = values
            rows = rows.filter(user=user_id)
        return rows.order_by("pk")

    assert len(members(cast.network.pk, role=False)) == 5
    assert [m.user_id for m in members(cast.network.pk, cast.coach.pk, role=True)] == [cast.coach.pk]
    with pytest.raises(PreparedQueryError):
        members(cast.network.pk, cast.coach.pk, role=False)  # a value the shape does not use


@pytest.mark.parametrize("lookup", ["exact", "gt", "gte", "lt", "lte"])
def test_it_compares_small_integer_columns_on_every_database(cast: Cast, lookup: str) -> None:
    """PostgreSQL's smallint holds up to 32767: a stand-in beyond it would make Django
    drop the condition or the whole query while compiling."""
    from materials.models import Authorship
    from materials.tests.factories import publish

    material = publish(cast, by=cast.coach)
    Authorship.objects.create(material=material, user=cast.teacher, position=1)

    def by_position(material_id: int, position: int) -> QuerySet[Authorship]:
        rows = Authorship.objects.filter(material=material_id, **{f"position__{lookup}": position})
        return rows.order_by("position")

    query = prepared(by_position)
    for position in (0, 1, 2):
        expected = [a.pk for a in by_position(material.pk, position)]
        assert [a.pk for a in query(material.pk, position)] == expected, position


def test_it_takes_a_choice_as_its_plain_value(cast: Cast) -> None:
    from networks.models import Role

    @prepared
    def with_role(network_id: int, role: str) -> QuerySet[Membership]:
        return Membership.objects.filter(network=network_id, role=role)

    assert [m.user_id for m in with_role(cast.network.pk, Role.COACH)] == [cast.coach.pk]
    assert [m.user_id for m in with_role(cast.network.pk, "coach")] == [cast.coach.pk]
    assert len(with_role._compiled) == 1  # a member of the choices and its value are one shape
