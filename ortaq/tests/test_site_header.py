"""The site header comes from the cache ({% site_header %}): each person still sees
their own menu, the section they are in, and a language switch that brings them back
to the page they are on."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ortaq.lib.fragments import csrf_placeholder
from ortaq.templatetags.ortaq_fragments import NEXT_MARKER
from ortaq.testing import as_user

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def header(client: Client, url: str, query: dict | None = None) -> str:
    html = client.get(url, query).content.decode()
    assert NEXT_MARKER not in html and csrf_placeholder() not in html
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_each_person_sees_their_own_menu_whoever_filled_the_cache(cast, admin_client, client):
    staff = header(admin_client, "/search/")
    assert "/admin/" in staff and 'aria-current="page"' in staff
    member = Client()
    member.force_login(cast.teacher)
    mine = header(member, "/search/")
    assert "/admin/" not in mine and "/accounts/logout/" in mine
    assert re.search(r'href="/search/"\s*aria-current="page"', mine)
    assert 'aria-current="page"' not in header(member, "/networks/").split("/search/")[1].split(">")[0]
    anonymous = header(client, "/")
    assert "/accounts/login/" in anonymous and "/accounts/logout/" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_the_language_switch_comes_back_to_this_page_escaped(cast):
    member = Client()
    member.force_login(cast.teacher)
    first = header(member, "/search/", {"q": "сабақ"})
    second = header(member, "/search/", {"q": '"><script>alert(1)</script>'})
    assert 'name="next" value="/search/?q=%D1%81%D0%B0%D0%B1%D0%B0%D2%9B"' in first
    assert "<script>" not in second and 'value="/search/?q=%22%3E%3Cscript%3E' in second


@pytest.mark.django_db
def test_the_sign_in_and_network_pages_load_no_htmx_and_a_form_with_a_picker_does(cast):
    assert "htmx" not in Client().get(reverse("accounts:login")).content.decode()
    leader = as_user(cast.leader)
    assert "htmx" not in leader.get(reverse("networks:detail", args=[cast.network.pk])).content.decode()
    assert "htmx-2." in leader.get(reverse("networks:group_create", args=[cast.network.pk])).content.decode()
