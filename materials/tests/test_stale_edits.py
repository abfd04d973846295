"""Two people editing one material: the second save is refused with both versions,
never silently put over the first (ortaq/lib/editing.py)."""

from __future__ import annotations

from django.urls import reverse

from materials import actions, counters
from materials.models import Material
from materials.tests.factories import publish
from ortaq.testing import as_user, hidden_value, save_twice, stale_section

DATA = {
    "title": "Квадрат теңдеулерді шешу",
    "kind": "lesson_plan",
    "language": "kk",
    "visibility": "network",
    "licence": "cc-by-4.0",
    "grades": ["8"],
}


def test_it_refuses_the_second_of_two_saves_and_shows_both_versions(cast):
    material = publish(cast, by=cast.teacher, grades=[8])
    url = reverse("materials:edit", args=[material.pk])
    moderator = as_user(cast.coordinator)
    first = {**DATA, "description": "Автордың сипаттамасы", "grades": ["8", "9"]}
    second = {**DATA, "description": "Модератордың сипаттамасы", "kind": "worksheet"}

    response = save_twice(url, as_user(cast.teacher), moderator, first, second)

    section = stale_section(response)
    assert "Автордың сипаттамасы" in section and "Модератордың сипаттамасы" in section
    assert "8, 9" in section and "worksheet" in section and "short-term lesson plan" in section
    assert response.context["form"]["description"].value() == "Модератордың сипаттамасы"
    material = Material.objects.get(pk=material.pk)
    assert material.description == "Автордың сипаттамасы" and material.grades == [8, 9]
    assert hidden_value(response, "version") == str(material.version) == "2"

    again = moderator.post(url, {**second, "version": hidden_value(response, "version")})
    assert again.status_code == 302
    material.refresh_from_db()
    assert material.description == "Модератордың сипаттамасы" and material.grades == [8] and material.version == 3


def test_it_saves_an_edit_and_moves_the_version_on(cast):
    material = publish(cast, by=cast.teacher)
    client = as_user(cast.teacher)
    url = reverse("materials:edit", args=[material.pk])
    response = client.post(url, {**DATA, "title": "Жаңа атауы", "version": hidden_value(client.get(url), "version")})
    assert response.status_code == 302
    material = Material.objects.get(pk=material.pk)
    assert material.title == "Жаңа атауы" and material.version == 2


def test_it_keeps_the_counts_added_while_an_edit_was_being_saved(cast):
    """The form does not show the counters: a save must not write back those it read."""
    material = publish(cast, by=cast.teacher)
    read_before = Material.objects.get(pk=material.pk)
    counters.count(counters.VIEWS, material.pk)
    counters.flush()

    read_before.title = "Жаңа атауы"
    actions.update_material(read_before, version=read_before.version)

    material = Material.objects.get(pk=material.pk)
    assert material.title == "Жаңа атауы" and material.view_count == 1
