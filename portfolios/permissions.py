"""Who may read a person's record: what they did in the networks (events, open
lessons, observations, awards, tasks), the start of their portfolio.

- The person themselves, the organisers of their networks and the district
  methodologists who oversee those networks read it.
- Others who may see the person's profile get 403; those who may not see the person
  at all get 404.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from networks.permissions import get_person_for_user, oversees
from ortaq.lib.access import require


def get_person_record_for_user(user: User, pk: int) -> User:
    """404 for whoever may not even see the person; 403 for members who may see the
    profile but not the record."""
    person = get_person_for_user(user, pk)
    require(
        oversees(user, person),
        _("Only the person, their network's organisers and district methodologists see this record."),
    )
    return person
