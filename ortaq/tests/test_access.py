"""The one refusal of every app (ortaq/lib/access.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy, override

from ortaq.lib.access import require


def test_it_lets_through_what_is_allowed():
    assert require(True, gettext_lazy("You cannot change this event.")) is None


def test_it_refuses_with_the_message_in_the_persons_language():
    with override("kk"), pytest.raises(PermissionDenied) as refused:
        require(False, gettext_lazy("You cannot change this event."))
    with override("kk"):
        assert str(refused.value) == "Бұл іс-шараны өзгертуге құқығыңыз жоқ."
