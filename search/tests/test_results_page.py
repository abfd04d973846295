"""The results page: open to everyone, showing each person only what they may see,
in a fixed number of queries, and never writing a session for a visitor."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import index
from search.tests.helpers import document

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def found(cast, put):
    put(title="Критериалды бағалау", body="Дескрипторлар", network_id=cast.network.pk, url="/forum/threads/1/")
    put(
        "post",
        title="Критериалды бағалау",
        body="Мұғалімдердің бағалау тәжірибесі",
        network_id=cast.network.pk,
        url="/forum/threads/1/?after=40#post-57",
    )
    put("material", title="Бағалау рубрикасы", network_id=cast.network.pk, is_public=True, url="/library/3/")


def test_a_visitor_finds_public_materials_and_no_session_is_written(client, found):
    response = client.get(URL, {"q": "бағалау"})
    assert response.status_code == 200
    hits = response.context["results"].hits
    assert [hit.title for hit in hits] == ["Бағалау рубрикасы"]
    assert 'href="/library/3/"' in response.text
    assert "sessionid" not in response.cookies
    assert "Set-Cookie" not in str(response.headers)
    assert not response.cookies  # not even the CSRF cookie (found by `make bench`)


def test_an_outsider_finds_nothing_of_the_network_even_when_naming_it(cast, found):
    response = signed_in(cast.outsider).get(URL, {"q": "бағалау", "network": cast.network.pk})
    assert response.status_code == 200
    # The network is not among the outsider's choices: the filter is left out, not obeyed.
    assert [hit.title for hit in response.context["results"].hits] == ["Бағалау рубрикасы"]
    assert "Дескриптор" not in response.text


def test_a_member_gets_links_straight_to_the_reply_under_its_thread(cast, found):
    response = signed_in(cast.teacher).get(URL, {"q": "мұғалім"})
    (thread,) = response.context["results"].hits
    assert (thread.url, thread.matched) == ("/forum/threads/1/", False)
    assert [reply.url for reply in thread.replies] == ["/forum/threads/1/?after=40#post-57"]
    assert 'href="/forum/threads/1/?after=40#post-57"' in response.text
    assert "<mark>Мұғалімдердің</mark>" in response.text


def test_filters_that_do_not_validate_are_left_out(cast, found):
    response = signed_in(cast.teacher).get(URL, {"q": "бағалау", "grade": "он", "date_from": "ертең", "page": "-3"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.count == 2
    assert sorted((hit.kind, len(hit.replies)) for hit in results.hits) == [("material", 0), ("thread", 1)]


def test_the_kind_filter_narrows_the_results(cast, found):
    response = signed_in(cast.teacher).get(URL, {"q": "бағалау", "kind": "material"})
    assert [hit.kind for hit in response.context["results"].hits] == ["material"]


def test_no_query_shows_the_form_without_searching(cast):
    client = signed_in(cast.teacher)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"] is None


def test_the_page_takes_the_same_queries_for_3_and_60_results(cast):
    client = signed_in(cast.teacher)
    index.put_many(document(title=f"Сабақ {n}", network_id=cast.network.pk) for n in range(3))
    client.get(URL, {"q": "сабақ"})  # the session and the user are cached by the first request

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"q": "сабақ"})
        assert response.status_code == 200
        return len(captured)

    few = queries()
    index.put_many(document(title=f"Сабақ жоспары {n}", network_id=cast.network.pk) for n in range(57))
    many = queries()
    assert few == many
    assert many <= 10
    response = client.get(URL, {"q": "сабақ"})
    assert len(response.context["results"].hits) == 20
    assert response.context["results"].has_next
    assert 'rel="next"' in response.text


def test_only_get_is_allowed(cast):
    response = signed_in(cast.teacher).post(URL, {"q": "сабақ"})
    assert response.status_code == 405


def filters_disclosure(response) -> str:
    html = response.content.decode()
    start = html.index('<details class="filters-box"')
    return html[start : html.index(">", start) + 1]


def test_it_sends_the_filters_closed_unless_one_is_chosen(client, found):
    assert " open" not in filters_disclosure(client.get(URL, {"q": "бағалау"}))
    assert " open" not in filters_disclosure(client.get(URL, {"q": "бағалау", "kind": "", "page": "2"}))
    chosen = client.get(URL, {"q": "бағалау", "kind": "material", "grade": "7"})
    assert filters_disclosure(chosen).endswith(" open>")
    assert '<span class="badge">2</span>' in chosen.content.decode()
    # A filter that does not validate opens them too, to be seen and corrected.
    assert filters_disclosure(client.get(URL, {"q": "бағалау", "date_from": "ертең"})).endswith(" open>")
