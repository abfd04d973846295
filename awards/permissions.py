"""Who may see and do what with awards. Every view of the app asks here.

- An event's organisers issue and revoke its awards (``events.permissions``).
- The recipient and the organisers open an award's PDF; other members get 403,
  outsiders 404.
- Anyone, signed in or not, checks a document by its code on the verification page.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from awards.models import Award
from events.permissions import get_organised_event
from networks.permissions import get_network_access
from ortaq.lib.access import require

REFUSED = gettext_lazy("You cannot change this event.")


def get_award_for_user(user: User, pk: int) -> Award:
    """The recipient and the organisers may open an award's PDF; other members 403."""
    award = Award.objects.select_related("network", "event", "recipient").filter(pk=pk).first()
    if award is None:
        raise Http404(_("No such award."))
    if award.recipient_id == user.pk or user.is_superuser:
        return award
    access = get_network_access(user, award.network_id)
    require(access.can_organise or (award.event is not None and award.event.organiser_id == user.pk), REFUSED)
    return award


def get_revocable_award(user: User, pk: int) -> Award:
    """An award of an event the person organises (404 for outsiders, 403 for members)."""
    award = Award.objects.select_related("event").filter(pk=pk).first()
    if award is None or award.event_id is None:
        raise Http404(_("No such award."))
    get_organised_event(user, award.event_id)
    return award
