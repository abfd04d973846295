"""A material or a version sent again (a phone whose connection dropped) is made once,
and the retry leads to it (accounts/submissions.py)."""

from __future__ import annotations

from django.urls import reverse

from materials.models import Material
from materials.tests.factories import publish
from ortaq.testing import as_user, hidden_value, send_twice

MATERIAL = {
    "title": "Квадрат теңдеулер",
    "kind": "lesson_plan",
    "language": "kk",
    "visibility": "network",
    "licence": "cc-by-4.0",
    "link": "https://example.kz/plan",
}


def test_it_publishes_one_material_of_a_retried_send_and_leads_to_it(cast):
    first, again = send_twice(as_user(cast.teacher), reverse("materials:create", args=[cast.network.pk]), MATERIAL)
    material = Material.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == material.get_absolute_url()


def test_it_publishes_two_materials_of_two_forms(cast):
    client = as_user(cast.teacher)
    url = reverse("materials:create", args=[cast.network.pk])
    for title in ("Бірінші", "Екінші"):
        key = hidden_value(client.get(url), "submission_key")
        assert client.post(url, {**MATERIAL, "title": title, "submission_key": key}).status_code == 302
    assert sorted(Material.objects.values_list("title", flat=True)) == ["Бірінші", "Екінші"]


def test_it_adds_one_version_of_a_retried_upload(cast):
    material = publish(cast, by=cast.teacher)
    url = reverse("materials:version_create", args=[material.pk])
    first, again = send_twice(as_user(cast.teacher), url, {"link": "https://example.kz/v2", "note": "Түзетілді"})
    assert first["Location"] == again["Location"] == material.get_absolute_url()
    assert sorted(material.versions.values_list("number", flat=True)) == [1, 2]


def test_a_key_another_person_used_does_not_lead_to_their_material(cast):
    url = reverse("materials:create", args=[cast.network.pk])
    key = hidden_value(as_user(cast.teacher).get(url), "submission_key")
    theirs = as_user(cast.teacher).post(url, {**MATERIAL, "submission_key": key})

    mine = as_user(cast.coach).post(url, {**MATERIAL, "title": "Менікі", "submission_key": key})

    assert mine["Location"] == Material.objects.get(title="Менікі").get_absolute_url() != theirs["Location"]
