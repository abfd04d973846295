"""Collections a coach assembles: ordered, visible like materials, and never showing
a reader a material they could not open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from materials import actions
from materials.models import Collection
from materials.tests.factories import publish
from networks.audiences import Visibility
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [item.material.title for item in response.context["items"]]


def test_a_member_creates_a_collection_and_fills_it_from_material_pages(cast):
    first, second = publish(cast, title="Бір"), publish(cast, title="Екі")
    client = as_user(cast.coach)
    response = client.post(
        reverse("materials:collection_create", args=[cast.network.pk]),
        {"title": "  Диалогтық   оқыту ", "description": "Коучингке", "visibility": "network"},
    )
    collection = Collection.objects.get()
    assert response.status_code == 302 and collection.title == "Диалогтық оқыту"
    for material in (second, first, second):  # adding twice keeps one place
        client.post(reverse("materials:collect", args=[material.pk]), {"collection": collection.pk})
    assert titles(client.get(collection.get_absolute_url())) == ["Екі", "Бір"]


def test_the_maker_reorders_and_takes_out(cast):
    materials = [publish(cast, title=t) for t in ("A", "B", "C")]
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    items = [actions.add_to_collection(collection, m, by=cast.coach) for m in materials]
    client = as_user(cast.coach)
    client.post(reverse("materials:collection_item_move", args=[collection.pk, items[2].pk]), {"direction": "up"})
    assert titles(client.get(collection.get_absolute_url())) == ["A", "C", "B"]
    client.post(reverse("materials:collection_item_move", args=[collection.pk, items[0].pk]), {"direction": "down"})
    assert titles(client.get(collection.get_absolute_url())) == ["C", "A", "B"]
    client.post(reverse("materials:collection_item_remove", args=[collection.pk, items[1].pk]), {"confirmed": "yes"})
    assert titles(client.get(collection.get_absolute_url())) == ["C", "A"]


def test_a_reader_sees_only_the_materials_they_may_open(cast):
    open_to_all = publish(cast, title="Желіге")
    for_group = publish(cast, by=cast.coach, title="Топқа", visibility=Visibility.GROUP, group=cast.group)
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама", visibility=Visibility.PUBLIC)
    for material in (for_group, open_to_all):
        actions.add_to_collection(collection, material, by=cast.coach)
    assert titles(as_user(cast.teacher).get(collection.get_absolute_url())) == ["Топқа", "Желіге"]
    assert titles(as_user(cast.director).get(collection.get_absolute_url())) == ["Желіге"]
    anonymous = Client().get(collection.get_absolute_url())
    assert anonymous.status_code == 200 and titles(anonymous) == []  # public collection, network materials
    assert "Set-Cookie" not in anonymous.headers


def test_a_collection_is_visible_like_a_material(cast):
    collection = actions.create_collection(
        cast.network, by=cast.coach, title="Топ үшін", visibility=Visibility.GROUP, group=cast.group
    )
    assert as_user(cast.teacher).get(collection.get_absolute_url()).status_code == 200
    assert as_user(cast.leader).get(collection.get_absolute_url()).status_code == 200
    assert as_user(cast.director).get(collection.get_absolute_url()).status_code == 404
    assert as_user(cast.outsider).get(collection.get_absolute_url()).status_code == 404
    listed = as_user(cast.director).get(reverse("materials:collection_list", args=[cast.network.pk]))
    assert list(listed.context["page"]) == []


def test_only_the_maker_and_organisers_edit_a_collection(cast):
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    url = reverse("materials:collection_edit", args=[collection.pk])
    assert as_user(cast.teacher).get(url).status_code == 403
    assert as_user(cast.coordinator).post(url, {"title": "Жаңа атау", "visibility": "network"}).status_code == 302
    collection.refresh_from_db()
    assert collection.title == "Жаңа атау"


def test_the_methodologist_cannot_start_a_collection(cast):
    response = as_user(cast.methodologist).get(reverse("materials:collection_create", args=[cast.network.pk]))
    assert response.status_code == 403


def test_a_group_collection_needs_a_group(cast):
    response = as_user(cast.coach).post(
        reverse("materials:collection_create", args=[cast.network.pk]), {"title": "Топқа", "visibility": "group"}
    )
    assert response.status_code == 200 and response.context["form"].errors["group"]
    assert not Collection.objects.exists()


def test_adding_to_a_collection_with_htmx_changes_the_card_alone_so_a_comment_being_typed_stays(cast):
    material = publish(cast)
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")

    response = as_user(cast.coach).post(
        reverse("materials:collect", args=[material.pk]), {"collection": collection.pk}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section class="card" id="collections"')
    assert "<textarea" not in html and "Топтама" in html and 'role="status"' in html
    assert collection.items.filter(material=material).exists()
