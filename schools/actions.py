"""The workflow this app owns: someone asks for their school to be added. Deciding is
the networks app's (networks/actions.py), which knows who may decide and tells them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from schools.models import District, SchoolRequest

if TYPE_CHECKING:
    from accounts.models import User


def request_school(person: User, *, name: str, district: District) -> SchoolRequest:
    """A request waiting for a decision. One at a time per person: a second, even sent
    at the same moment from two pages, is refused."""
    if SchoolRequest.objects.pending().filter(requested_by=person).exists():
        raise ValidationError(_("You have already asked for your school to be added: wait for the decision."))
    try:
        with transaction.atomic():
            return SchoolRequest.objects.create(name=" ".join(name.split()), district=district, requested_by=person)
    except IntegrityError:
        raise ValidationError(_("You have already asked for your school to be added: wait for the decision.")) from None
