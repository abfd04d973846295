"""Who sees which material and who may change it: materials/permissions.py checked
through every view of the library, for every fixed person."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from materials import actions
from materials.models import Collection, Comment, Material, UsefulMark
from materials.permissions import can_edit, get_material_for_user
from materials.tests.factories import publish
from networks.audiences import Visibility
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def library_urls(cast) -> list[tuple[str, str]]:
    """Every URL of the library, with a material and a collection of the network."""
    material = publish(cast, by=cast.coach)
    file = material.current_version.files.get()
    comment = actions.comment(material, author=cast.coach, body="Жақсы жоспар")
    collection = actions.create_collection(cast.network, by=cast.coach, title="Диалогтық оқыту")
    item = actions.add_to_collection(collection, material, by=cast.coach)
    n = cast.network.pk
    return [
        ("get", reverse("materials:home")),
        ("get", reverse("materials:list", args=[n])),
        ("get", reverse("materials:create", args=[n])),
        ("get", reverse("materials:collection_list", args=[n])),
        ("get", reverse("materials:collection_create", args=[n])),
        ("get", reverse("materials:detail", args=[material.pk])),
        ("get", reverse("materials:edit", args=[material.pk])),
        ("get", reverse("materials:version_create", args=[material.pk])),
        ("get", reverse("materials:delete", args=[material.pk])),
        ("post", reverse("materials:delete", args=[material.pk])),
        ("post", reverse("materials:hide", args=[material.pk])),
        ("post", reverse("materials:useful", args=[material.pk])),
        ("post", reverse("materials:comment", args=[material.pk])),
        ("post", reverse("materials:collect", args=[material.pk])),
        ("post", reverse("materials:comment_delete", args=[comment.pk])),
        ("post", reverse("materials:comment_hide", args=[comment.pk])),
        ("get", reverse("materials:file", args=[file.pk])),
        ("get", reverse("materials:thumbnail", args=[file.pk])),
        ("get", reverse("materials:collection_detail", args=[collection.pk])),
        ("get", reverse("materials:collection_edit", args=[collection.pk])),
        ("get", reverse("materials:collection_delete", args=[collection.pk])),
        ("post", reverse("materials:collection_delete", args=[collection.pk])),
        ("post", reverse("materials:collection_item_move", args=[collection.pk, item.pk])),
        ("post", reverse("materials:collection_item_remove", args=[collection.pk, item.pk])),
    ]


def nothing_changed(cast) -> None:
    material = Material.objects.get()
    assert material.hidden_at is None and material.useful_count == 0
    assert Comment.objects.get().hidden_at is None
    assert UsefulMark.objects.count() == 0
    assert Collection.objects.get().items.count() == 1


def test_it_answers_404_to_an_outsider_on_every_library_page(cast):
    urls = library_urls(cast)
    client = as_user(cast.outsider)
    for method, url in urls:
        if url == reverse("materials:home"):
            continue  # their own (empty) library
        response = getattr(client, method)(url)
        # The thumbnail of a PDF is 404 for everyone; the point is that nothing leaks.
        assert response.status_code == 404, (method, url, response.status_code)
    nothing_changed(cast)


def test_it_sends_anonymous_visitors_to_sign_in(cast):
    client = Client()
    for method, url in library_urls(cast):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), (method, url)
    nothing_changed(cast)


def test_it_answers_403_to_a_teacher_who_tries_to_change_someone_elses_material(cast):
    client = as_user(cast.teacher)
    urls = library_urls(cast)
    material = Material.objects.get()
    collection = Collection.objects.get()
    forbidden = {
        reverse("materials:edit", args=[material.pk]),
        reverse("materials:version_create", args=[material.pk]),
        reverse("materials:delete", args=[material.pk]),
        reverse("materials:hide", args=[material.pk]),
        reverse("materials:comment_delete", args=[Comment.objects.get().pk]),
        reverse("materials:comment_hide", args=[Comment.objects.get().pk]),
        reverse("materials:collection_edit", args=[collection.pk]),
        reverse("materials:collection_delete", args=[collection.pk]),
        *(url for _m, url in urls if "/items/" in url),
    }
    for method, url in urls:
        if url not in forbidden:
            continue
        response = getattr(client, method)(url)
        assert response.status_code == 403, (method, url, response.status_code)
    nothing_changed(cast)


def test_the_district_methodologist_reads_but_cannot_publish_or_change(cast):
    material = publish(cast, by=cast.coach)
    client = as_user(cast.methodologist)
    assert client.get(reverse("materials:list", args=[cast.network.pk])).status_code == 200
    assert client.get(material.get_absolute_url()).status_code == 200
    assert client.get(reverse("materials:create", args=[cast.network.pk])).status_code == 403
    assert client.get(reverse("materials:edit", args=[material.pk])).status_code == 403
    assert client.post(reverse("materials:delete", args=[material.pk])).status_code == 403
    assert Material.objects.filter(pk=material.pk).exists()


def test_authors_and_organisers_may_edit_and_others_may_not(cast):
    material = publish(cast, by=cast.teacher, coauthors=[cast.director])
    assert can_edit(cast.teacher, material) and can_edit(cast.director, material)
    assert can_edit(cast.leader, material) and can_edit(cast.coordinator, material)
    assert not can_edit(cast.coach, material)
    assert not can_edit(cast.methodologist, material)
    assert as_user(cast.coordinator).get(reverse("materials:edit", args=[material.pk])).status_code == 200


# --- Visibility ----------------------------------------------------------------------------


def test_a_network_material_is_seen_by_the_network_only(cast):
    material = publish(cast, visibility=Visibility.NETWORK)
    for person in (cast.leader, cast.teacher, cast.coach, cast.methodologist):
        assert list(Material.objects.visible_to(person)) == [material], person
    assert list(Material.objects.visible_to(cast.outsider)) == []
    assert as_user(cast.outsider).get(material.get_absolute_url()).status_code == 404


def test_a_group_material_is_seen_by_the_group_and_the_organisers(cast):
    material = publish(cast, by=cast.coach, visibility=Visibility.GROUP, group=cast.group)
    for person in (cast.coach, cast.teacher, cast.leader, cast.coordinator):
        assert get_material_for_user(person, material.pk) == material
    for person in (cast.director, cast.methodologist, cast.outsider):
        assert not Material.objects.visible_to(person).exists(), person
        assert as_user(person).get(material.get_absolute_url()).status_code == 404


def test_a_public_material_is_read_by_anyone_but_listed_only_in_its_network(cast):
    material = publish(cast, visibility=Visibility.PUBLIC)
    assert Client().get(material.get_absolute_url()).status_code == 200
    assert as_user(cast.outsider).get(material.get_absolute_url()).status_code == 200
    page = as_user(cast.outsider).get(reverse("materials:home"))
    assert material.title not in page.content.decode()
    # ...and a stranger reading it may not take part.
    response = as_user(cast.outsider).post(reverse("materials:useful", args=[material.pk]), {"useful": "1"})
    assert response.status_code == 403
    assert as_user(cast.outsider).get(reverse("materials:edit", args=[material.pk])).status_code == 403


def test_an_anonymous_reader_of_a_public_material_leaves_nothing_behind(cast):
    material = publish(cast, visibility=Visibility.PUBLIC)
    file = material.current_version.files.get()
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(material.get_absolute_url())
        download = client.get(file.get_absolute_url() + "?download=1")
    assert page.status_code == 200 and download.status_code == 200
    assert material.title in page.content.decode()
    for response in (page, download):
        assert "Set-Cookie" not in response.headers, response.cookies
        assert not response.cookies
    assert Session.objects.count() == 0
    writes = [q["sql"] for q in queries if not q["sql"].lstrip("( ").upper().startswith("SELECT")]
    assert writes == []


def test_a_hidden_material_is_seen_only_by_its_authors_and_the_organisers(cast):
    material = publish(cast, by=cast.teacher, visibility=Visibility.PUBLIC)
    actions.hide_material(material, by=cast.leader, hidden=True)
    assert Material.objects.visible_to(cast.teacher).exists()
    assert Material.objects.visible_to(cast.coordinator).exists()
    assert not Material.objects.visible_to(cast.coach).exists()
    assert Client().get(material.get_absolute_url()).status_code == 302  # anonymous: sign in
    assert as_user(cast.coach).get(material.get_absolute_url()).status_code == 404
    page = as_user(cast.teacher).get(material.get_absolute_url())
    assert page.status_code == 200 and page.context["material"].is_hidden


def test_only_organisers_hide_a_material(cast):
    material = publish(cast, by=cast.teacher)
    url = reverse("materials:hide", args=[material.pk])
    assert as_user(cast.teacher).post(url, {"hidden": "1"}).status_code == 403  # the author cannot
    assert as_user(cast.coordinator).post(url, {"hidden": "1"}).status_code == 302
    material.refresh_from_db()
    assert material.is_hidden and material.hidden_by == cast.coordinator


def test_one_materials_access_agrees_with_the_librarys_visibility_rule(cast, django_user_model):
    """get_material_access decides one material from the reader's standing
    (Material.is_readable); the lists use MaterialQuerySet.visible_to. Every person ×
    every visibility × hidden or not: both say the same."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from materials.permissions import get_material_access

    admin = django_user_model.objects.create_superuser(email="admin@example.kz", password="x", full_name="Admin")
    readers = [
        *(cast.leader, cast.coordinator, cast.director, cast.coach, cast.teacher),
        *(cast.methodologist, cast.outsider, admin, AnonymousUser()),
    ]
    materials = []
    for visibility in Visibility:
        for hidden in (False, True):
            group = {"group": cast.group} if visibility == Visibility.GROUP else {}
            material = publish(cast, by=cast.coach, visibility=visibility, **group)
            if hidden:
                actions.hide_material(material, by=cast.leader, hidden=True)
            materials.append(material)
    seen_by_anyone = set()
    for reader in readers:
        listed = set(Material.objects.visible_to(reader).values_list("pk", flat=True))
        for material in materials:
            try:
                get_material_access(reader, material.pk)
                opened = True
            except Http404:
                opened = False
            assert opened == (material.pk in listed), (reader, material.visibility, material.hidden_at)
            seen_by_anyone |= {material.pk} if opened and reader is not admin else set()
    # The product covers both answers for every kind of material.
    assert len(seen_by_anyone) == len(materials)


def test_the_collections_on_a_materials_page_agree_with_the_collections_visibility_rule(cast, django_user_model):
    """A material's page lists the collections holding it that the reader may open,
    decided per row (Collection.is_readable); the lists use
    CollectionQuerySet.visible_to. Every person × every visibility × made by a
    member or an organiser: both say the same."""
    from django.contrib.auth.models import AnonymousUser

    from materials.permissions import readable_collections_with

    admin = django_user_model.objects.create_superuser(email="admin@example.kz", password="x", full_name="Admin")
    readers = [
        *(cast.leader, cast.coordinator, cast.director, cast.coach, cast.teacher),
        *(cast.methodologist, cast.outsider, admin, AnonymousUser()),
    ]
    material = publish(cast, by=cast.coach, visibility=Visibility.PUBLIC)
    collections = []
    for visibility in Visibility:
        for maker in (cast.director, cast.coordinator):
            group = {"group": cast.group} if visibility == Visibility.GROUP else {}
            collection = Collection.objects.create(
                network=cast.network, title=f"{visibility} {maker.pk}", visibility=visibility, created_by=maker, **group
            )
            actions.add_to_collection(collection, material, by=maker)
            collections.append(collection)
    seen = set()
    for reader in readers:
        listed = set(Collection.objects.visible_to(reader).values_list("pk", flat=True))
        shown = {c.pk for c in readable_collections_with(reader, material.pk)}
        assert shown == listed & {c.pk for c in collections}, reader
        seen |= shown if reader is not admin else set()
    # Some reader sees each collection, and some reader is refused each non-public one.
    assert seen == {c.pk for c in collections}
    outsider_sees = {c.pk for c in readable_collections_with(cast.outsider, material.pk)}
    assert outsider_sees == {c.pk for c in collections if c.visibility == Visibility.PUBLIC}
