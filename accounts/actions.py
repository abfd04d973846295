"""What a person does with their account that is more than saving a form."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User

# A token unused for longer than this is still valid; its "last used" is only written
# again after this long, so that reading the API does not write on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)
MAX_TOKEN_DAYS = 366


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """Make a token and return it with its only readable copy."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_TOKEN_DAYS}")
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"scope must be one of {ApiToken.Scope.values}")
    secret = ApiToken.PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        scope=scope,
        hint=secret[: len(ApiToken.PREFIX) + 6],
        digest=token_digest(secret),
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    return token, secret


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def authenticate_api_token(secret: str) -> ApiToken | None:
    """The live token this secret is, with its active user, or None."""
    if not secret.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.live().select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        # An UPDATE with no read-modify-write: several servers may do it at once.
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
