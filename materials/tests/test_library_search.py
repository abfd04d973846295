"""The library page's keyword box: the site's search, narrowed to materials (and to
the network whose library it is), so a keyword is found however it was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from materials.tests.factories import publish
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_it_searches_this_networks_materials_however_the_word_was_typed(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(cast, title="Мұғалімдерге арналған бағалау рубрикасы")
        publish(cast, title="Квадрат теңдеулер")
    client = as_user(cast.coach)
    page = client.get(reverse("materials:list", args=[cast.network.pk]))
    box = page.text[page.text.index('class="row-form library-search"') :]
    box = box[: box.index("</form>")]
    assert f'action="{reverse("search:results")}"' in page.text
    assert 'name="kind" value="material"' in box and f'name="network" value="{cast.network.pk}"' in box

    for typed in ("мұғалімдер", "мугалим", "mugalim", "рубрикалар"):
        found = client.get(reverse("search:results"), {"q": typed, "kind": "material", "network": cast.network.pk})
        assert [hit.title for hit in found.context["results"].hits] == ["Мұғалімдерге арналған бағалау рубрикасы"]


def test_the_library_of_all_networks_searches_them_all(cast):
    page = as_user(cast.coach).get(reverse("materials:home"))
    box = page.text[page.text.index('class="row-form library-search"') :]
    box = box[: box.index("</form>")]
    assert 'name="kind" value="material"' in box
    assert 'name="network"' not in box
