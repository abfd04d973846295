"""Fixtures of the forum tests: the cast's network forum with two categories and the
forum of the cast's group."""

from __future__ import annotations

import pytest

from forums.models import Category, Forum


@pytest.fixture
def forum(cast) -> Forum:
    forum = Forum.objects.create(network=cast.network)
    Category.objects.create(forum=forum, name="Критериалды бағалау", position=1)
    Category.objects.create(forum=forum, name="Диалогтық оқыту", position=2)
    return forum


@pytest.fixture
def group_forum(cast) -> Forum:
    return Forum.objects.create(network=cast.network, group=cast.group)


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts (see the root conftest)."""
