"""Who may see and do what with awards. Every view of the app asks here.

- An event's organisers issue and revoke its awards (``events.permissions``).
- The recipient and the event's organisers (the network's, the event's own organiser
  and its responsible members) open an award's PDF; other members get 403, outsiders
  404. ``awards_visible_to`` lists the same awards.
- Anyone, signed in or not, checks a document by its code on the verification page.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from awards.models import Award
from events.models import Event
from events.permissions import get_event_for_user, get_organised_event
from networks.models import ORGANISING_ROLES, Membership, Network
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
    if award.event_id is not None:
        organises = get_event_for_user(user, award.event_id).can_organise
    else:  # its event was deleted: the network's organisers keep it
        organises = get_network_access(user, award.network_id).can_organise
    require(organises, REFUSED)
    return award


def awards_visible_to(user: User) -> QuerySet[Award]:
    """``get_award_for_user`` as a list: a person's own awards, and those of the events
    they organise."""
    if not user.is_authenticated or not user.is_active:
        return Award.objects.none()
    if user.is_superuser:
        return Award.objects.all()
    member_of = Membership.objects.filter(user=user).values("network_id")
    organised = member_of.filter(role__in=ORGANISING_ROLES)
    responsible = Event.responsible.through.objects.filter(event=OuterRef("event"), user=user)
    return Award.objects.filter(
        Q(recipient=user)
        | Q(network__in=organised)
        | Q(event__organiser=user, network__in=Network.objects.visible_to(user))
        | Q(Exists(responsible), network__in=member_of)
    )


def get_revocable_award(user: User, pk: int) -> Award:
    """An award of an event the person organises (404 for outsiders, 403 for members)."""
    award = Award.objects.select_related("event").filter(pk=pk).first()
    if award is None or award.event_id is None:
        raise Http404(_("No such award."))
    get_organised_event(user, award.event_id)
    return award
