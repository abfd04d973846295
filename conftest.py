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
