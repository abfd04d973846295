"""id_url gives what reverse gives, under a script prefix and another URL configuration too."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix, set_urlconf

from ortaq.lib.urls import id_url

NAMES = ["events:detail", "forums:thread", "materials:detail", "networks:person", "networks:detail"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 42, 10**12])
def test_it_gives_what_reverse_gives(name, pk):
    assert id_url(name, pk) == reverse(name, args=[pk])


def test_it_follows_the_script_prefix():
    set_script_prefix("/ortaq/")
    try:
        assert id_url("forums:thread", 7) == reverse("forums:thread", args=[7]) == "/ortaq/forum/threads/7/"
    finally:
        clear_script_prefix()
    assert id_url("forums:thread", 7) == "/forum/threads/7/"


def test_it_follows_a_requests_urlconf():
    set_urlconf("bench.urls")
    try:
        assert id_url("events:detail", 3) == reverse("events:detail", args=[3])
    finally:
        set_urlconf(None)


def test_it_refuses_a_pattern_without_one_id():
    with pytest.raises(NoReverseMatch):
        id_url("home", 1)


def routes(patterns=None, prefix: str = ""):
    """Every page's route, its parts joined, for those whose address holds an id."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<id:" in prefix + route:
            yield prefix + route


def test_it_answers_an_id_past_64_bits_with_not_found(cast):
    """A number past the databases' integers is no row: 404, not SQLite's overflow."""
    import re

    from django.test import Client

    client = Client()
    client.force_login(cast.leader)
    seen = 0
    for route in routes():
        if route.startswith("api/"):
            continue  # the API's router has its own bound, tested with the API
        url = "/" + re.sub(r"<str:[a-z_]+>", "x", re.sub(r"<id:[a-z_]+>", "9" * 20, route))
        assert client.get(url).status_code == 404, url
        seen += 1
    assert seen > 100
