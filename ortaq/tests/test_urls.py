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
