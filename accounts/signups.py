"""Creating an account in two steps, so that sign-up never tells whether an address
already has an account (issue 14.4).

1. The person gives a name and an e-mail address. Every address gets the same page
   («we sent you a letter»). A new address gets a link to finish; an address that has
   an account gets a letter saying someone tried to register with it, with a link to
   sign in or reset the password.
2. The link (signed, valid ORTAQ_SIGNUP_LINK_DAYS days, nothing stored until then)
   opens a page where the person sets the password; the account is made, signed in,
   and sent where it was going (an invitation, say).

Following the link also proves the person reads that mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User

SALT = "ortaq.accounts.signup"


@dataclass(frozen=True)
class Applicant:
    full_name: str
    email: str
    language: str
    next: str


def start(full_name: str, email: str, *, language: str, next_url: str) -> None:
    """Sends the letter that fits the address; the caller answers alike either way."""
    applicant = Applicant(full_name, email, language, next_url)
    if User.objects.filter(email=email).exists():
        context: dict[str, Any] = {
            "login_url": settings.SITE_URL + reverse("accounts:login"),
            "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
        }
        subject = _("Someone tried to create an Ortaq account with your address")
        body = render_to_string("accounts/email/signup_exists.txt", context)
    else:
        token = signing.dumps(applicant.__dict__, salt=SALT, compress=True)
        context = {
            "name": full_name,
            "url": settings.SITE_URL + reverse("accounts:signup_finish", args=[token]),
            "days": settings.ORTAQ_SIGNUP_LINK_DAYS,
        }
        subject = _("Finish creating your Ortaq account")
        body = render_to_string("accounts/email/signup_finish.txt", context)
    send_mail(subject, body, None, [email])


def read(token: str) -> Applicant | None:
    """The applicant of a link, or None for a link that is damaged or too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.ORTAQ_SIGNUP_LINK_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    try:
        return Applicant(**data)
    except TypeError:
        return None
