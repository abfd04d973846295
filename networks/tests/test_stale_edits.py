"""Two leaders editing the charter: the second save is refused with both texts, never
silently put over the first (ortaq/lib/editing.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from networks.models import Network, Role
from networks.tests.factories import CHARTER, member
from ortaq.testing import as_user, english_words, hidden_value, save_twice, stale_section

pytestmark = pytest.mark.django_db


def test_it_refuses_the_second_of_two_saves_and_shows_both_texts(cast):
    other_leader = as_user(member(cast.network, Role.LEADER, full_name="Тоқтарова Әсел"))
    url = reverse("networks:edit", args=[cast.network.pk])
    first = {**CHARTER, "goal": "Бірінші көшбасшының мақсаты"}
    second = {**CHARTER, "goal": "Екінші көшбасшының мақсаты", "is_listed": ""}

    response = save_twice(url, as_user(cast.leader), other_leader, first, second)

    section = stale_section(response)
    assert "Бірінші көшбасшының мақсаты" in section and "Екінші көшбасшының мақсаты" in section
    assert "иә" in section and "жоқ" in section  # «listed», as a person reads it
    assert english_words(response.content.decode()) == set()
    assert response.context["form"]["goal"].value() == "Екінші көшбасшының мақсаты"
    network = Network.objects.get(pk=cast.network.pk)
    assert network.goal == "Бірінші көшбасшының мақсаты" and network.is_listed
    assert hidden_value(response, "version") == str(network.version) == "2"

    again = other_leader.post(url, {**second, "version": hidden_value(response, "version")})
    assert again.status_code == 302
    network.refresh_from_db()
    assert network.goal == "Екінші көшбасшының мақсаты" and not network.is_listed and network.version == 3


def test_it_saves_an_edit_and_moves_the_version_on(cast):
    client = as_user(cast.leader)
    url = reverse("networks:edit", args=[cast.network.pk])
    response = client.post(url, {**CHARTER, "goal": "Жаңа мақсат", "version": hidden_value(client.get(url), "version")})
    assert response.status_code == 302
    network = Network.objects.get(pk=cast.network.pk)
    assert network.goal == "Жаңа мақсат" and network.version == 2


def test_it_refuses_a_translation_opened_before_the_charter_changed(cast):
    """The translation is part of the charter: two translators at once, or a translator
    and an editor, would otherwise each write back the copy they read."""
    client = as_user(cast.leader)
    url = reverse("networks:translate", args=[cast.network.pk, "ru"])
    first = {"goal": "Развивать профессиональные знания учителя."}
    second = {"goal": "Развивать знания", "motto": "Где единство, там и жизнь"}

    response = save_twice(url, client, client, first, second)

    section = stale_section(response)
    assert "Развивать профессиональные знания учителя." in section and "Где единство, там и жизнь" in section
    network = Network.objects.get(pk=cast.network.pk)
    assert network.translations == {"ru": first} and network.version == 2
    again = client.post(url, {**second, "version": hidden_value(response, "version")})
    assert again.status_code == 302
    network.refresh_from_db()
    assert network.translations == {"ru": second} and network.version == 3
