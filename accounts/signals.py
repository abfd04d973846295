"""Sign-in attempts counted for the throttle (accounts/throttle.py), whatever path
they took: Django sends these for the site's form, the admin's and any other."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts import throttle
from accounts.models import User
from ortaq.lib.views import client_address


@receiver(user_login_failed)
def count_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    throttle.note_failure(credentials.get("username"), client_address(request))


@receiver(user_logged_in)
def forget_failures(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    throttle.note_success(user.email)
