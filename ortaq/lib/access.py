"""The one refusal every app's permissions use.

``get_<thing>_for_user`` answers 404 for people who may not know the thing exists;
``require(allowed, message)`` answers 403 to those who may see it but not do this,
with a message in their language saying what they cannot do (each app's
``permissions.REFUSED`` is its usual one).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise


def require(allowed: bool, message: str | Promise) -> None:
    if not allowed:
        raise PermissionDenied(message)
