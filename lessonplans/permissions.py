"""Who may see and change a series of sequenced lessons. Every view and API endpoint of
the app asks here; nothing else decides.

- A published series is read by whoever reads its network (members, the district's
  methodologists).
- A draft is read only by its authors and the members of the group that builds it
  (with the site's administrators): everyone else gets 404, the same answer as for a
  series that does not exist.
- The authors and the group's members edit the series, its lessons and their stages,
  and publish it to the library; readers who try get 403.
- A member of the network starts a series; someone who sees the network only through
  the district does not (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from lessonplans.models import LessonPlan, Series, SeriesQuerySet
from networks.models import Group, GroupMembership, Network
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require

REFUSED = gettext_lazy("Only the series' authors and its group's members can change this.")
REFUSED_CREATE = gettext_lazy("Only the network's members start a series of lessons.")


def series_visible_to(user: User) -> SeriesQuerySet:
    return Series.objects.visible_to(user)


@dataclass(frozen=True)
class SeriesAccess:
    """A series with the person's standing towards it."""

    series: Series
    access: Access
    user: User
    is_author: bool
    in_group: bool

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def can_edit(self) -> bool:
        return self.is_author or self.in_group or self.access.is_admin

    @property
    def can_publish(self) -> bool:
        return self.can_edit


def get_series_for_user(user: User, pk: int) -> SeriesAccess:
    series = Series.objects.select_related("network", "group", "subject").filter(pk=pk).first()
    if series is None:
        raise Http404(_("No such series."))
    try:
        access = get_network_access(user, series.network_id, series.network)
    except Http404:
        raise Http404(_("No such series.")) from None
    is_author = series.authors.filter(pk=user.pk).exists()
    in_group = (
        series.group_id is not None and GroupMembership.objects.filter(group=series.group_id, user=user.pk).exists()
    )
    if not (series.is_published or is_author or in_group or access.is_admin):
        raise Http404(_("No such series."))
    return SeriesAccess(series, access, user, is_author, in_group)


def get_edited_series(user: User, pk: int) -> SeriesAccess:
    series_access = get_series_for_user(user, pk)
    require(series_access.can_edit, REFUSED)
    return series_access


def get_lesson_for_user(user: User, pk: int) -> tuple[SeriesAccess, LessonPlan]:
    lesson = LessonPlan.objects.filter(pk=pk).only("pk", "series_id").first()
    if lesson is None:
        raise Http404(_("No such lesson plan."))
    try:
        series_access = get_series_for_user(user, lesson.series_id)
    except Http404:
        raise Http404(_("No such lesson plan.")) from None
    lesson = LessonPlan.objects.select_related("teacher", "updated_by").get(pk=pk)
    lesson.series = series_access.series
    return series_access, lesson


def get_edited_lesson(user: User, pk: int) -> tuple[SeriesAccess, LessonPlan]:
    series_access, lesson = get_lesson_for_user(user, pk)
    require(series_access.can_edit, REFUSED)
    return series_access, lesson


def may_start_series(access: Access) -> bool:
    return access.is_member or access.is_admin


def groups_for(access: Access, user: User) -> QuerySet[Group]:
    """The groups a person may name as a series' developing group: their own groups of
    the network; every group of it for its organisers."""
    groups = Group.objects.filter(network=access.network)
    if access.can_organise:
        return groups
    return groups.filter(pk__in=GroupMembership.objects.filter(user=user).values("group_id"))
