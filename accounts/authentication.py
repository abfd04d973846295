"""The API's sign-in by personal token (accounts/actions.py makes and checks them).

Its own module, importing no DRF views: DRF reads its settings' classes while its
views module loads, and would find this half-imported otherwise."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.actions import authenticate_api_token
from accounts.models import ApiToken, User


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>`` (``Token <token>`` is read too). A request
    without the header is left to the session; a wrong, revoked or expired token is 401."""

    keywords = ("bearer", "token")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as «Authorization: Bearer <token>»."))
        token = authenticate_api_token(header[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown, revoked or expired."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
