import pytest


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts (see the root conftest)."""
