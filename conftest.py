from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

# Before Django reads its settings: the test profile (fast hashing, mail kept in memory).
os.environ.setdefault("ORTAQ_ENV", "test")

if TYPE_CHECKING:
    from ortaq.lib.testing import Cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The fixed people of every test: leader, coordinator, director, coach,
    teacher, a methodologist seeing the network through the district, an outsider."""
    from ortaq.lib.testing import make_cast

    return make_cast()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache: what one test kept (a network's
    indicator counts, a material's pending views) must not reach the next, whose
    rows may have the same ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def english_interface(request, settings, monkeypatch):
    """For tests that read the English source texts of messages (an app's conftest
    makes it autouse); the Kazakh and Russian renderings are checked by
    ortaq/tests/test_no_english_in_kazakh.py and test_translations.py. People's own
    language choice is set aside, except in tests marked ``any_language``."""
    from accounts.middleware import UserLanguageMiddleware

    if request.node.get_closest_marker("any_language"):
        return
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(UserLanguageMiddleware, "__call__", lambda self, request: self.get_response(request))
