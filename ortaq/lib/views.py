"""Small helpers that every app's views share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from accounts.models import User


def user_of(request: HttpRequest) -> User:
    """The signed-in person, typed as our User (views behind login_required)."""
    return request.user  # type: ignore[return-value]


def first_error(error: ValidationError) -> str:
    """A refused action's reasons as one line for a flash message."""
    return " ".join(error.messages)


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    """The ``next`` address of the form or the link, if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def client_address(request: HttpRequest | None) -> str:
    """The address a request came from. Behind our proxy (ORTAQ_BEHIND_PROXY) it is the
    last entry of X-Forwarded-For, the one the proxy appended; earlier entries are the
    client's own say and can be anything."""
    if request is None:
        return ""
    if settings.ORTAQ_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]
