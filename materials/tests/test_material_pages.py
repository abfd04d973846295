"""The material's own pages: the form, editing, and the page itself."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from materials import actions
from materials.models import Material
from materials.tests.factories import pdf_file, publish
from networks.audiences import Visibility
from networks.models import Group
from ortaq.testing import as_user, people_pickers

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_network_and_the_persons_own_groups(cast):
    other = Group.objects.create(network=cast.network, name="Зерттеуші топ")
    response = as_user(cast.teacher).get(reverse("materials:create", args=[cast.network.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["group"].queryset) == [cast.group]
    assert form.initial["school"] == cast.attached_school.pk
    assert cast.teacher not in form.fields["coauthors"].queryset
    organiser_form = as_user(cast.leader).get(reverse("materials:create", args=[cast.network.pk])).context["form"]
    assert set(organiser_form.fields["group"].queryset) == {cast.group, other}


def test_a_teacher_cannot_show_a_material_to_a_group_they_are_not_in(cast):
    other = Group.objects.create(network=cast.network, name="Зерттеуші топ")
    response = as_user(cast.teacher).post(
        reverse("materials:create", args=[cast.network.pk]),
        {
            "title": "Жоспар",
            "kind": "lesson_plan",
            "language": "kk",
            "visibility": "group",
            "group": other.pk,
            "licence": "cc-by-4.0",
            "link": "https://example.kz/plan",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["group"]
    assert not Material.objects.exists()


def test_the_co_authors_are_picked_by_name_among_the_network_s_people(cast):
    client = as_user(cast.teacher)
    url = reverse("materials:create", args=[cast.network.pk])
    response = client.get(url)
    assert people_pickers(response) == {"coauthors": reverse("networks:people", args=[cast.network.pk])}
    # The search does not offer the first author either.
    assert f'data-exclude="{cast.teacher.pk}"' in response.content.decode()
    data = {
        "title": "Жоспар",
        "kind": "lesson_plan",
        "language": "kk",
        "visibility": "network",
        "licence": "cc-by-4.0",
        "link": "https://example.kz/plan",
        "coauthors": [cast.outsider.pk],
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["form"].errors["coauthors"]
    assert not Material.objects.exists()
    assert client.post(url, {**data, "coauthors": [cast.coach.pk]}).status_code == 302
    assert Material.objects.get().author_list() == [cast.teacher, cast.coach]


def test_editing_keeps_the_first_author_first_and_updates_the_lists(cast):
    material = publish(cast, by=cast.teacher, grades=[9], objective_codes=["9.2.2.1"], tags=["ашық сабақ"])
    client = as_user(cast.teacher)
    form = client.get(reverse("materials:edit", args=[material.pk])).context["form"]
    assert form.initial["objective_codes"] == "9.2.2.1" and form.initial["grades"] == [9]
    response = client.post(
        reverse("materials:edit", args=[material.pk]),
        {
            "title": "Квадрат теңдеулер",
            "kind": "lesson_plan",
            "language": "kk",
            "visibility": "group",
            "group": cast.group.pk,
            "licence": "cc-by-sa-4.0",
            "grades": ["8", "9"],
            "objective_codes": "8.2.2.1; 9.2.2.1",
            "tags": "",
            "coauthors": [cast.coach.pk],
            "version": form["version"].value(),
        },
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.title == "Квадрат теңдеулер" and material.grades == [8, 9]
    assert material.objective_codes() == ["8.2.2.1", "9.2.2.1"]
    assert material.tag_names() == []
    assert material.author_list() == [cast.teacher, cast.coach]
    assert material.visibility == Visibility.GROUP and material.group == cast.group


@pytest.mark.any_language
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_render_in_every_language(cast, language):
    material = publish(cast, by=cast.coach, grades=[5, 6, 7], objective_codes=["5.1.1.1"], tags=["тег"])
    cast.teacher.language = language
    cast.teacher.save()
    client = as_user(cast.teacher)
    pages = [
        reverse("materials:home"),
        reverse("materials:list", args=[cast.network.pk]),
        reverse("materials:create", args=[cast.network.pk]),
        material.get_absolute_url(),
        reverse("materials:collection_list", args=[cast.network.pk]),
        reverse("materials:collection_create", args=[cast.network.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()
    with translation.override(language):
        assert material.get_kind_display() in client.get(material.get_absolute_url()).content.decode()


def test_the_material_page_has_no_inline_script_or_style(cast):
    material = publish(cast, description="Сипаттама")
    page = as_user(cast.teacher).get(material.get_absolute_url()).content.decode()
    assert "<script>" not in page and " style=" not in page and " onclick=" not in page


def test_the_material_page_needs_the_same_queries_however_long_its_history(cast):
    material = publish(cast, by=cast.coach, tags=["тег"], objective_codes=["9.2.2.1"])
    client = as_user(cast.teacher)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(material.get_absolute_url()).status_code == 200
        return len(queries)

    client.get(material.get_absolute_url())  # the first visit starts the session
    few = count_queries()
    for number in range(4):
        actions.add_version(material, by=cast.coach, files=actions.validate_files([pdf_file(), pdf_file()]))
        actions.comment(material, author=[cast.leader, cast.director][number % 2], body=f"Пікір {number}")
        collection = actions.create_collection(cast.network, by=cast.coach, title=f"Топтама {number}")
        actions.add_to_collection(collection, material, by=cast.coach)
    assert count_queries() == few
    # Session, person, the networks they see, the material with the reader's standing,
    # versions, files, authors, objectives with tags, collections it is in, comments,
    # the reader's own collections, the bell's unread count: the project's «about ten»
    # (the session comes from Redis in production).
    assert few <= 12


def test_the_admin_lists_and_opens_every_model(cast, admin_client):
    material = publish(cast, by=cast.coach, tags=["тег"], objective_codes=["9.2.2.1"])
    actions.comment(material, author=cast.teacher, body="Пікір")
    actions.mark_useful(material, cast.teacher, useful=True)
    actions.add_to_collection(
        actions.create_collection(cast.network, by=cast.coach, title="Т"), material, by=cast.coach
    )
    for model in apps.get_app_config("materials").get_models():
        name = model._meta.model_name
        assert admin_client.get(reverse(f"admin:materials_{name}_changelist")).status_code == 200, name
        first = model.objects.first()
        assert admin_client.get(reverse(f"admin:materials_{name}_change", args=[first.pk])).status_code == 200, name
