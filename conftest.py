from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# Before Django reads its settings: the test profile (fast hashing, mail kept in memory).
os.environ.setdefault("ORTAQ_ENV", "test")

if TYPE_CHECKING:
    from ortaq.testing import Cast


# The moment every test lives in, unless it says otherwise with @pytest.mark.today(...):
# a Monday of the second quarter of 2026–2027, at 10:00 in Almaty. Time runs on from it
# (a live server and the browser see seconds pass), but no test reads the real date, so
# the suite gives the same answers on any day it is run. ORTAQ_TEST_TODAY moves the
# whole suite to another day (`ORTAQ_TEST_TODAY=2028-02-29 make test`): it must pass
# on any day of any year, and CI runs it on several.
DEFAULT_TODAY = os.environ.get("ORTAQ_TEST_TODAY") or "2026-11-23 10:00"


def frozen_moment(text: str) -> datetime.datetime:
    """A local wall-clock time ("2027-02-29 10:00", or a date for 10:00) in the site's zone."""
    from django.utils import timezone

    moment = datetime.datetime.fromisoformat(text if " " in text else f"{text} 10:00")
    return timezone.make_aware(moment)


@pytest.fixture(autouse=True)
def _frozen_clock(request: pytest.FixtureRequest, time_machine: Any) -> datetime.datetime:
    marker = request.node.get_closest_marker("today")
    moment = frozen_moment(marker.args[0] if marker else DEFAULT_TODAY)
    time_machine.move_to(moment, tick=True)
    return moment


@pytest.fixture
def cast(db: None) -> Cast:
    """The fixed people of every test: leader, coordinator, director, coach,
    teacher, a methodologist seeing the network through the district, an outsider."""
    from ortaq.testing import make_cast

    return make_cast()


@pytest.fixture(autouse=True)
def _speed_helpers(request: pytest.FixtureRequest, settings: Any) -> None:
    """Tests of the speed helpers themselves (@pytest.mark.speed_helpers) run with them
    on, whatever ORTAQ_SPEED_HELPERS says for the rest of the suite."""
    if request.node.get_closest_marker("speed_helpers"):
        settings.SPEED_HELPERS = True


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any) -> Path:
    """Every test stores uploaded files in a folder of its own, thrown away afterwards:
    no test writes into var/media, and a test can look at what was stored."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache: what one test kept (a network's
    indicator counts, a material's pending views) must not reach the next, whose
    rows may have the same ids."""
    from django.core.cache import cache

    from surveys.answering import FROZEN

    cache.clear()
    FROZEN.clear()  # the questions of frozen versions, kept per process


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
