from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.models import User


class EmailBackend(ModelBackend):
    """Signs people in by e-mail address. The demo accounts' published password is
    refused outright where demo logins are off (production), so a demo database
    restored onto a server by mistake cannot be entered with it."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if password == settings.ORTAQ_DEMO_PASSWORD and not settings.ORTAQ_ALLOW_DEMO_LOGINS:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None
