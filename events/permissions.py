"""Who may see and do what with events. Every view of the app asks here.

- An event belongs to a network; whoever may read the network (members, the
  district methodologists) may read its events. Outsiders get 404, the same answer
  as for an event that does not exist.
- Organisers — the network's leaders and coordinators, and the event's own
  organiser and responsible people — plan, invite, mark attendance, write the
  record, add open lessons (and so release their observations, ``observations``)
  and issue awards (``awards``).
- Members take part: register, check in.
- Read-only people who try to change something get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from events.models import Event, EventSeries, WorkPlan
from networks.models import Network, Role
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from schools.models import School


class EventAccess:
    """An event with the person's standing towards it."""

    def __init__(self, event: Event, access: Access, user: User) -> None:
        self.event = event
        self.access = access
        self.user = user

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def is_member(self) -> bool:
        return self.access.is_member

    @cached_property
    def can_organise(self) -> bool:
        event = self.event
        if self.access.can_organise or (event.organiser_id is not None and event.organiser_id == self.user.pk):
            return True
        return self.access.is_member and event.responsible.filter(pk=self.user.pk).exists()


REFUSED = gettext_lazy("You cannot change this event.")


def events_visible_to(user: User) -> QuerySet[Event]:
    return Event.objects.visible_to(user)


def get_event_for_user(user: User, pk: int) -> EventAccess:
    event = (
        Event.objects.select_related("network", "series", "organiser", "host_school", "plan__year")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404(_("No such event."))
    try:
        access = get_network_access(user, event.network_id)
    except Http404:
        raise Http404(_("No such event.")) from None
    return EventAccess(event, access, user)


def get_organised_event(user: User, pk: int) -> EventAccess:
    event_access = get_event_for_user(user, pk)
    require(event_access.can_organise, REFUSED)
    return event_access


@dataclass(frozen=True)
class SeriesAccess:
    series: EventSeries
    access: Access
    user: User

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def can_organise(self) -> bool:
        return self.access.can_organise or self.series.organiser_id == self.user.pk


def get_series_for_user(user: User, pk: int) -> SeriesAccess:
    series = EventSeries.objects.select_related("network", "organiser").filter(pk=pk).first()
    if series is None:
        raise Http404(_("No such event."))
    try:
        access = get_network_access(user, series.network_id)
    except Http404:
        raise Http404(_("No such event.")) from None
    return SeriesAccess(series, access, user)


def get_plan_network(user: User, pk: int) -> Access:
    return get_network_access(user, pk)


def may_change_plan(access: Access, plan: WorkPlan | None, user: User) -> bool:
    """The network's organisers plan; a school's director also plans their school's own plan."""
    if access.can_organise:
        return True
    if plan is not None and plan.school_id is not None:
        return access.role == Role.DIRECTOR and user.school_id == plan.school_id
    return False


@dataclass(frozen=True)
class SchoolAccess:
    """A school with the networks through which the person may see it."""

    school: School
    networks: QuerySet[Network]


def get_school_for_user(user: User, pk: int) -> SchoolAccess:
    """A school's calendar is for those who may read one of the networks it belongs to;
    it shows only those networks' events."""
    networks = Network.objects.visible_to(user).filter(school_links__school_id=pk)
    school = School.objects.filter(pk=pk, network_links__network__in=networks).distinct().first()
    if school is None:
        raise Http404(_("No such school."))
    return SchoolAccess(school, networks)
