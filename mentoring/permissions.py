"""Who may see and do what with mentoring pairs. Every view and API endpoint of the
app asks here.

- The pair's mentor and mentee read and write its goals and its meeting log, and
  complete it.
- The network's organisers (leader, coordinators) create pairs and see every pair of
  the network: that it exists, its people, kind, goals, status and the day it last
  met — never the meeting notes (the firewall between development and evaluation),
  unless both of the pair share the log (``Pair.log_shared``). They may also complete
  a pair; anything else they try is refused with 403.
- Anyone else — a director, other members, the district methodologists, outsiders —
  gets 404 for a pair, as for one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from mentoring.models import Meeting, Pair
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require

REFUSED = gettext_lazy("Only the mentor and the mentee write in this pair's log.")
REFUSED_CREATE = gettext_lazy("Only the network's organisers create mentoring pairs.")


@dataclass(frozen=True)
class PairAccess:
    pair: Pair
    user: User
    can_organise: bool

    @property
    def is_party(self) -> bool:
        return self.pair.includes(self.user)

    @property
    def is_mentor(self) -> bool:
        return self.pair.mentor_id == self.user.pk

    @property
    def can_write(self) -> bool:
        """Goals and meetings: the pair itself, while it is active."""
        return self.is_party and self.pair.is_active

    @property
    def can_read_log(self) -> bool:
        return self.is_party or (self.can_organise and self.pair.log_shared)

    @property
    def can_complete(self) -> bool:
        return self.pair.is_active and (self.is_party or self.can_organise)


def pairs_visible_to(user: User) -> QuerySet[Pair]:
    return Pair.objects.visible_to(user)


def get_pair_for_user(user: User, pk: int) -> PairAccess:
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such mentoring pair."))
    pair = Pair.objects.select_related("network", "mentor__school", "mentee__school").filter(pk=pk).first()
    if pair is None:
        raise Http404(_("No such mentoring pair."))
    if pair.includes(user):
        return PairAccess(pair, user, can_organise=user.is_superuser)
    try:
        access = get_network_access(user, pair.network_id, pair.network)
    except Http404:
        raise Http404(_("No such mentoring pair.")) from None
    if not access.can_organise:
        raise Http404(_("No such mentoring pair."))
    return PairAccess(pair, user, can_organise=True)


def get_written_pair(user: User, pk: int) -> PairAccess:
    pair_access = get_pair_for_user(user, pk)
    require(pair_access.can_write, REFUSED)
    return pair_access


def get_pair_log(user: User, pk: int) -> PairAccess:
    """A pair's meetings: 404 to those who may see the pair but not its notes, as if
    there were no log to find."""
    pair_access = get_pair_for_user(user, pk)
    if not pair_access.can_read_log:
        raise Http404(_("No such mentoring pair."))
    return pair_access


def meetings_readable(pair_access: PairAccess) -> QuerySet[Meeting]:
    if not pair_access.can_read_log:
        return Meeting.objects.none()
    return pair_access.pair.meetings.select_related("written_by")


def get_network_pairs(user: User, pk: int) -> Access:
    """A network's list of pairs: its readers open it (each sees their own pairs; the
    organisers every pair)."""
    return get_network_access(user, pk)


def get_pairs_organised(user: User, pk: int) -> Access:
    access = get_network_access(user, pk)
    require(access.can_organise, REFUSED_CREATE)
    return access
