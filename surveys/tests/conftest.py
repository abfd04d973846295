from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts (see the root conftest)."""


@pytest.fixture
def library(db):
    """The shipped questionnaires, loaded."""
    from surveys.shipped import load_library

    return {instrument.code: instrument for instrument, _changed in load_library()}
