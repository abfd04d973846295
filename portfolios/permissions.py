"""Who may read a person's record: what they did in the networks (events, open
lessons, observations, awards, tasks), the start of their portfolio.

- The person themselves, the organisers of their networks and the district
  methodologists who oversee those networks read it.
- Others who may see the person's profile get 403; those who may not see the person
  at all get 404.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from networks.models import ORGANISING_ROLES, Membership, Network
from networks.permissions import get_person_for_user
from ortaq.lib.access import require


def get_person_record_for_user(user: User, pk: int) -> User:
    """404 for whoever may not even see the person; 403 for members who may see the
    profile but not the record."""
    person = get_person_for_user(user, pk)
    if person.pk == user.pk or user.is_superuser:
        return person
    # One of the person's networks is organised by the reader, or has a school in a
    # district the reader oversees as its methodologist.
    organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
    allowed = (
        Network.objects.filter(memberships__user=person)
        .filter(Q(pk__in=organised) | Q(school_links__school__district__methodologists=user))
        .exists()
    )
    require(allowed, _("Only the person, their network's organisers and district methodologists see this record."))
    return person
