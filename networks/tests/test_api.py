"""/api/v1/networks/ (networks/api.py): the same rules as the pages, through the API."""

from __future__ import annotations

import pytest

from networks.models import Group, Membership, Network, NetworkSchool, Role
from networks.tests.factories import NetworkFactory, member
from ortaq.testing import api_as
from schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def endpoints(cast) -> list[tuple[str, str, dict]]:
    n, g = cast.network.pk, cast.group.pk
    teacher = cast.network.memberships.get(user=cast.teacher).pk
    return [
        ("get", f"/api/v1/networks/{n}/", {}),
        ("patch", f"/api/v1/networks/{n}/", {"motto": "Бірге"}),
        ("get", f"/api/v1/networks/{n}/schools/", {}),
        ("post", f"/api/v1/networks/{n}/schools/", {"school": cast.attached_school.pk}),
        ("delete", f"/api/v1/networks/{n}/schools/{cast.attached_school.pk}/", {}),
        ("get", f"/api/v1/networks/{n}/members/", {}),
        ("get", f"/api/v1/networks/{n}/members/{teacher}/", {}),
        ("patch", f"/api/v1/networks/{n}/members/{teacher}/", {"role": "mentor"}),
        ("delete", f"/api/v1/networks/{n}/members/{teacher}/", {}),
        ("get", f"/api/v1/networks/{n}/groups/", {}),
        ("post", f"/api/v1/networks/{n}/groups/", {"name": "Жаңа топ"}),
        ("get", f"/api/v1/networks/{n}/groups/{g}/", {}),
        ("patch", f"/api/v1/networks/{n}/groups/{g}/", {"description": "—"}),
        ("delete", f"/api/v1/networks/{n}/groups/{g}/", {}),
    ]


def test_it_answers_404_to_an_outsider_on_every_network_endpoint(cast):
    client = api_as(cast.outsider)
    for method, url, data in endpoints(cast):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    assert Group.objects.filter(pk=cast.group.pk).exists()
    assert cast.network.memberships.filter(user=cast.teacher).exists()


def test_it_answers_403_to_read_only_people_on_every_change(cast):
    for person in (cast.methodologist, cast.director):
        client = api_as(person)
        for method, url, data in endpoints(cast):
            response = getattr(client, method)(url, data, format="json")
            expected = 200 if method == "get" else 403
            assert response.status_code == expected, (person, method, url, response.status_code)
    cast.network.refresh_from_db()
    assert cast.network.motto != "Бірге"
    assert cast.network.school_links.count() == 2
    assert not Group.objects.filter(name="Жаңа топ").exists()


def test_it_lists_exactly_the_networks_the_pages_show(cast):
    NetworkFactory.create(name="Басқа желі")
    for person in (cast.teacher, cast.methodologist, cast.outsider):
        listed = {row["id"] for row in api_as(person).get("/api/v1/networks/").json()["results"]}
        assert listed == set(Network.objects.visible_to(person).values_list("pk", flat=True))


def test_it_shows_a_network_with_its_schools_and_figures(cast):
    body = api_as(cast.teacher).get(f"/api/v1/networks/{cast.network.pk}/").json()
    assert body["name"] == "Шуақ"
    assert {school["name"] for school in body["schools"]} == {"Абай атындағы мектеп-гимназия", "№7 орта мектеп"}
    assert body["schools"][0]["role"] == NetworkSchool.Role.LEADING
    assert body["indicators"]["schools"] == 2
    assert body["indicators"]["teachers"] == cast.network.indicators().teachers


def test_it_answers_304_when_the_client_holds_the_network_already(cast):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    api_as(cast.leader).patch(url, {"motto": "Бірлік"}, format="json")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_it_refuses_a_charter_change_made_on_an_old_reading(cast):
    url = f"/api/v1/networks/{cast.network.pk}/"
    leader, coordinator_leader = api_as(cast.leader), api_as(member(cast.network, Role.LEADER))
    read = leader.get(url)
    other = coordinator_leader.get(url)
    assert (
        coordinator_leader.patch(
            url, {"goal": "Бірінші", "version": other.json()["version"]}, format="json"
        ).status_code
        == 200
    )
    stale = leader.patch(url, {"goal": "Екінші", "version": read.json()["version"]}, format="json")
    assert stale.status_code == 409
    by_tag = leader.patch(url, {"goal": "Үшінші"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert by_tag.status_code == 412
    cast.network.refresh_from_db()
    assert cast.network.goal == "Бірінші"


def test_it_lets_the_leader_add_and_remove_schools(cast):
    school = SchoolFactory.create(name="№12 мектеп")
    client = api_as(cast.leader)
    added = client.post(f"/api/v1/networks/{cast.network.pk}/schools/", {"school": school.pk}, format="json")
    assert added.status_code == 201 and added.json()["name"] == "№12 мектеп"
    assert client.delete(f"/api/v1/networks/{cast.network.pk}/schools/{school.pk}/").status_code == 204
    assert not cast.network.school_links.filter(school=school).exists()


def test_it_finds_members_by_words_and_filters_as_the_members_page(cast):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/members/"
    by_name = client.get(url, {"q": "әлиева"}).json()["results"]
    assert [row["person"]["full_name"] for row in by_name] == ["Әлиева Гүлназ"]
    by_role = client.get(url, {"role": Role.COACH}).json()["results"]
    assert [row["person"]["full_name"] for row in by_role] == ["Бекова Айгүл"]
    by_school = client.get(url, {"school": cast.attached_school.pk}).json()["results"]
    assert {row["person"]["full_name"] for row in by_school} == {"Омарова Сәуле", "Бекова Айгүл", "Жұмабеков Ерлан"}


def test_it_pages_members_by_cursor_with_the_same_queries_for_any_size(cast, django_assert_max_num_queries):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/members/?page_size=3"
    with django_assert_max_num_queries(8):
        first = client.get(url).json()
    for number in range(40):
        member(cast.network, email=f"t{number}@example.kz")
    with django_assert_max_num_queries(8):
        second = client.get(url).json()
    assert len(first["results"]) == len(second["results"]) == 3
    seen, page = [], client.get(url).json()
    while True:
        seen += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert len(seen) == len(set(seen)) == cast.network.memberships.count()


def test_it_changes_roles_and_removes_members_as_the_pages_allow(cast):
    leader_membership = cast.network.memberships.get(user=cast.leader)
    teacher_membership = cast.network.memberships.get(user=cast.teacher)
    coordinator = api_as(cast.coordinator)
    url = f"/api/v1/networks/{cast.network.pk}/members/"
    assert coordinator.patch(f"{url}{teacher_membership.pk}/", {"role": "mentor"}, format="json").status_code == 200
    assert coordinator.patch(f"{url}{teacher_membership.pk}/", {"role": "leader"}, format="json").status_code == 403
    assert coordinator.delete(f"{url}{leader_membership.pk}/").status_code == 403
    last_leader = api_as(cast.leader).delete(f"{url}{leader_membership.pk}/")
    assert last_leader.status_code == 400
    assert Membership.objects.filter(pk=leader_membership.pk).exists()
    assert coordinator.delete(f"{url}{teacher_membership.pk}/").status_code == 204
    assert not Membership.objects.filter(pk=teacher_membership.pk).exists()
    assert not cast.group.members.filter(pk=cast.teacher.pk).exists()


def test_it_forms_groups_of_the_networks_members_only(cast):
    client = api_as(cast.coordinator)
    url = f"/api/v1/networks/{cast.network.pk}/groups/"
    refused = client.post(url, {"name": "Зерттеу тобы", "member_ids": [cast.outsider.pk]}, format="json")
    assert refused.status_code == 400 and "member_ids" in refused.json()["errors"]
    made = client.post(
        url,
        {"name": "Зерттеу тобы", "kind": "research", "leader_id": cast.coach.pk, "member_ids": [cast.teacher.pk]},
        format="json",
    )
    assert made.status_code == 201, made.json()
    group = Group.objects.get(pk=made.json()["id"])
    assert group.leader == cast.coach and list(group.members.all()) == [cast.teacher]
    same_name = client.post(url, {"name": "Зерттеу тобы"}, format="json")
    assert same_name.status_code == 400
    # The group's leader may change it but not delete it.
    coach = api_as(cast.coach)
    assert coach.patch(f"{url}{group.pk}/", {"description": "Lesson Study"}, format="json").status_code == 200
    assert coach.delete(f"{url}{group.pk}/").status_code == 403
    assert client.delete(f"{url}{group.pk}/").status_code == 204


def test_it_lists_groups_in_the_same_queries_for_any_number(cast, django_assert_max_num_queries):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/groups/"
    with django_assert_max_num_queries(9):
        client.get(url)
    for number in range(10):
        group = Group.objects.create(network=cast.network, name=f"Топ {number}", leader=cast.coach)
        group.members.add(cast.teacher)
        group.tasks.create(title="Жоспар")
    with django_assert_max_num_queries(9):
        assert len(client.get(url).json()["results"]) == 11
