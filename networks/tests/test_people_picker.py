"""The people picker: its search (networks:people) finds a network's people by part of a
name, school or subject, in Kazakh letters of any case, only among those the asker may
see; its widget renders a working control without JavaScript and the search box beside it."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from networks.forms import GroupForm
from networks.models import Group, Membership, Network
from networks.people import FOUND_AT_MOST
from networks.tests.factories import member
from ortaq.testing import as_user, people_pickers
from schools.tests.factories import SchoolFactory
from subjects.models import Subject

pytestmark = pytest.mark.django_db


def found(client, network: Network, q: str, **params: str) -> list[int]:
    """The people the search offers, as the pks the picker would choose."""
    response = client.get(reverse("networks:people", args=[network.pk]), {"q": q, **params})
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'role="option"[^>]*data-value="(\d+)"', response.content.decode())]


def test_it_finds_aliyeva_by_kazakh_letters_in_any_case(cast):
    client = as_user(cast.teacher)
    assert found(client, cast.network, "әли") == [cast.leader.pk]
    assert found(client, cast.network, "ӘЛИ") == [cast.leader.pk]
    assert found(client, cast.network, "  гҮлНАЗ  әлИЕВА ") == [cast.leader.pk]


def test_it_finds_kazakh_names_typed_without_kazakh_letters(cast):
    alimov = member(cast.network, full_name="Алимов Қайрат")
    client = as_user(cast.teacher)
    # A Russian keyboard has no «ә»: «али» finds both; «әли» only the one with «ә».
    assert set(found(client, cast.network, "али")) == {cast.leader.pk, alimov.pk}
    assert found(client, cast.network, "әли") == [cast.leader.pk]


def test_it_finds_people_by_school_and_subject_names_first(cast):
    maths = Subject.objects.create(code="maths-t", name_kk="Математика", name_ru="Математика", name_en="Maths")
    cast.teacher.subjects.add(maths)
    named = member(cast.network, full_name="Математикова Айжан")
    azamat = member(cast.network, full_name="Иманбаев Азамат")
    client = as_user(cast.leader)
    # A name beginning with it first, then a subject beginning with it, then a name with it inside.
    assert found(client, cast.network, "мат") == [named.pk, cast.teacher.pk, azamat.pk]
    assert found(client, cast.network, "матем") == [named.pk, cast.teacher.pk]
    assert found(client, cast.network, "maths") == [cast.teacher.pk]
    assert set(found(client, cast.network, "гимназия")) == {cast.leader.pk, cast.coordinator.pk}
    # Every word must be found somewhere: the name and the school together.
    assert found(client, cast.network, "сейітов гимназия") == [cast.coordinator.pk]


def test_it_puts_those_whose_surname_begins_with_it_first(cast):
    surname = member(cast.network, full_name="Жұмабекова Айжан")
    patronymic = member(cast.network, full_name="Әлиев Ерболат Жұмабайұлы")
    inside = member(cast.network, full_name="Бекжұмаев Нұрлан")
    # The cast's teacher is «Жұмабеков Ерлан», before «Жұмабекова» in Kazakh order.
    expected = [cast.teacher.pk, surname.pk, patronymic.pk, inside.pk]
    assert found(as_user(cast.leader), cast.network, "жұма") == expected


def test_it_finds_only_active_members_of_the_network_the_asker_may_see(cast):
    other = Network.objects.create(name="Даму")
    elsewhere = member(other, full_name="Әлиева Дана")
    member(cast.network, full_name="Әлиева Мәрия", is_active=False)
    client = as_user(cast.teacher)
    # Neither another network's Әлиева nor one whose account is closed; nor the outsider.
    assert found(client, cast.network, "әлиева") == [cast.leader.pk]
    assert found(as_user(cast.leader), cast.network, "мәрия") == []
    assert found(client, cast.network, "бөгде") == []
    # Who belongs to both networks finds the other's people at its own address.
    Membership.objects.create(network=other, user=cast.teacher)
    assert found(client, other, "әлиева") == [elsewhere.pk]


def test_the_district_methodologist_finds_the_network_s_people(cast):
    assert found(as_user(cast.methodologist), cast.network, "әли") == [cast.leader.pk]


def test_it_refuses_outsiders_and_sends_visitors_to_sign_in(cast, client):
    url = reverse("networks:people", args=[cast.network.pk])
    response = as_user(cast.outsider).get(url, {"q": "әли"})
    assert response.status_code == 404
    assert "Әлиева".encode() not in response.content
    response = client.get(url, {"q": "әли"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert as_user(cast.teacher).post(url, {"q": "әли"}).status_code == 405


def test_it_shows_at_most_twenty_and_says_there_are_more(cast):
    school = SchoolFactory(name="Ақмол орта мектебі")
    for n in range(FOUND_AT_MOST + 5):
        member(cast.network, full_name=f"Әлиева {n:02d}", school=school)
    response = as_user(cast.leader).get(reverse("networks:people", args=[cast.network.pk]), {"q": "әлиева"})
    body = response.content.decode()
    assert body.count('role="option"') == FOUND_AT_MOST == 20
    assert "data-status" in body and str(FOUND_AT_MOST) in body.split("data-status")[1]
    # The leader sorts first in Kazakh order: «Әлиева 00» … before «Әлиева Гүлназ».
    assert f'data-label="Әлиева 00 — {school.name}"' in body


def test_it_leaves_out_those_already_chosen(cast):
    client = as_user(cast.leader)
    everyone = found(client, cast.network, "ов")
    assert cast.teacher.pk in everyone and cast.coordinator.pk in everyone
    left = found(client, cast.network, "ов", exclude=f"{cast.teacher.pk},{cast.coordinator.pk},x")
    assert left == [pk for pk in everyone if pk not in (cast.teacher.pk, cast.coordinator.pk)]


def test_it_waits_for_two_letters_without_reading_people(cast):
    client = as_user(cast.leader)
    client.get(reverse("networks:detail", args=[cast.network.pk]))  # the session is read once
    url = reverse("networks:people", args=[cast.network.pk])
    with CaptureQueriesContext(connection) as one_letter:
        response = client.get(url, {"q": "ә"})
    assert 'role="option"' not in response.content.decode() and "data-status" in response.content.decode()
    with CaptureQueriesContext(connection) as two_letters:
        client.get(url, {"q": "әл"})
    # The networks the asker sees, the people, their subjects.
    assert len(two_letters) == len(one_letter) + 3


def test_it_costs_the_same_queries_for_5_or_300_people(cast):
    client = as_user(cast.leader)
    url = reverse("networks:people", args=[cast.network.pk])
    client.get(url, {"q": "ов"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "ов"})
    maths = Subject.objects.create(code="maths-q", name_kk="Математика", name_ru="Математика", name_en="Maths")
    for person in UserFactory.create_batch(300, school=cast.attached_school):
        Membership.objects.create(network=cast.network, user=person)
        person.subjects.add(maths)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"q": "мұғалім"})
    assert response.content.decode().count('role="option"') == FOUND_AT_MOST
    assert len(many) == len(few) <= 6


# --- The widget ------------------------------------------------------------------------------


def test_the_widget_renders_the_control_and_a_search_box_for_the_network(cast):
    html = str(GroupForm(network=cast.network))
    url = reverse("networks:people", args=[cast.network.pk])
    # Without JavaScript: a select of the leader, check boxes of the members.
    assert '<select name="leader" id="id_leader">' in html
    assert f'<input type="checkbox" name="members" value="{cast.teacher.pk}"' in html
    # With it: a search box asking the network, hidden until the script shows it.
    assert html.count(f'hx-get="{url}"') == 2
    assert 'id="id_members_search" class="people-picker__input" role="combobox"' in html
    assert 'aria-controls="id_leader_listbox"' in html and 'role="status"' in html


def test_the_widget_keeps_the_chosen_people_when_the_form_comes_back(cast):
    data = {"name": "", "kind": "other", "leader": cast.coach.pk, "members": [cast.teacher.pk]}
    form = GroupForm(data, network=cast.network)
    assert not form.is_valid()
    html = str(form)
    assert f'<option value="{cast.coach.pk}" selected>' in html
    assert re.search(rf'value="{cast.teacher.pk}"[^>]*checked', html)


def test_the_group_form_picks_its_leader_and_members_by_name_and_refuses_outsiders(cast):
    client = as_user(cast.coordinator)
    url = reverse("networks:group_create", args=[cast.network.pk])
    search = reverse("networks:people", args=[cast.network.pk])
    assert people_pickers(client.get(url)) == {"leader": search, "members": search}
    data = {"name": "Топ", "kind": "other", "leader": cast.outsider.pk, "members": [cast.teacher.pk]}
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["form"].errors["leader"]
    assert not Group.objects.filter(name="Топ").exists()
    assert client.post(url, {**data, "leader": cast.coach.pk}).status_code == 302
    group = Group.objects.get(name="Топ")
    assert group.leader == cast.coach and list(group.members.all()) == [cast.teacher]
