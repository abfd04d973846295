"""What a person may do with their own account. Seeing other people (the person page,
a certificate file) goes through the networks they share: networks/permissions.py.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Certification, User


def get_certification_for_owner(user: User, pk: int) -> Certification:
    certification = Certification.objects.filter(pk=pk, user=user).first()
    if certification is None:
        raise Http404(_("No such certification."))
    return certification


def get_api_token_for_owner(user: User, pk: int) -> ApiToken:
    """A person's own live token; anyone else's is 404, as if it did not exist."""
    token = ApiToken.objects.filter(pk=pk, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise Http404(_("No such token."))
    return token
