from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts import throttle
from accounts.models import User
from ortaq.lib.prepared import prepared
from ortaq.lib.views import client_address


@prepared
def person(pk: int) -> QuerySet[User]:
    return User.objects.filter(pk=pk)[:1]


class EmailBackend(ModelBackend):
    """Signs people in by e-mail address. The demo accounts' published password is
    refused outright where demo logins are off (production), so a demo database
    restored onto a server by mistake cannot be entered with it."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if password == settings.ORTAQ_DEMO_PASSWORD and not settings.ORTAQ_ALLOW_DEMO_LOGINS:
            return None
        if throttle.wait_for(username, client_address(request)):
            return None  # guessing is slowed down, on every path (the site's form and the admin's)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None

    def get_user(self, user_id: Any) -> User | None:
        # Every signed-in request reads its person: with its SQL built once (ortaq/lib/prepared.py).
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            return super().get_user(user_id)
        user = person.first(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
