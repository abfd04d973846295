from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings) -> Path:
    """Every library test stores its files in a folder of its own, checked and
    thrown away afterwards; the counters start from an empty cache."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    cache.clear()
    return root


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts (see the root conftest)."""
