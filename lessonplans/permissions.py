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

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from lessonplans.models import LessonPlan, Series, SeriesQuerySet
from networks.models import Group, GroupMembership, Network
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared

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


# Every page of a series asks these first: their SQL is built once (ortaq/lib/prepared.py).


def _standing(user_id: int, series: str = "") -> dict[str, Exists]:
    """Whether the person is among the series' authors, or in the group that builds it
    (``series`` leads to the series)."""
    authors = Series.authors.through.objects.filter(series=OuterRef(f"{series}pk"), user=user_id)
    group = GroupMembership.objects.filter(group=OuterRef(f"{series}group"), user=user_id)
    return {"reader_is_author": Exists(authors), "reader_in_group": Exists(group)}


@prepared
def series_of(series_id: int, user_id: int) -> QuerySet[Series]:
    return (
        Series.objects.select_related("network", "group", "subject")
        .annotate(**_standing(user_id))
        .filter(pk=series_id)
        .order_by()[:1]
    )


@prepared
def lesson_plan_of(lesson_id: int, user_id: int) -> QuerySet[LessonPlan]:
    return (
        LessonPlan.objects.select_related(
            "teacher", "updated_by", "series__network", "series__group", "series__subject"
        )
        .annotate(**_standing(user_id, "series__"))
        .filter(pk=lesson_id)
        .order_by()[:1]
    )


def get_series_for_user(user: User, pk: int) -> SeriesAccess:
    series = series_of.first(pk, user.pk) if user.is_authenticated else None
    if series is None:
        raise Http404(_("No such series."))
    return series_access_of(user, series, series.reader_is_author, series.reader_in_group)  # type: ignore[attr-defined]


def series_access_of(user: User, series: Series, is_author: bool, in_group: bool) -> SeriesAccess:
    try:
        access = get_network_access(user, series.network_id, series.network)
    except Http404:
        raise Http404(_("No such series.")) from None
    if not (series.is_published or is_author or in_group or access.is_admin):
        raise Http404(_("No such series."))
    return SeriesAccess(series, access, user, is_author, in_group)


def get_edited_series(user: User, pk: int) -> SeriesAccess:
    series_access = get_series_for_user(user, pk)
    require(series_access.can_edit, REFUSED)
    return series_access


def get_lesson_for_user(user: User, pk: int) -> tuple[SeriesAccess, LessonPlan]:
    lesson = lesson_plan_of.first(pk, user.pk) if user.is_authenticated else None
    if lesson is None:
        raise Http404(_("No such lesson plan."))
    standing = lesson.reader_is_author, lesson.reader_in_group  # type: ignore[attr-defined]
    try:
        series_access = series_access_of(user, lesson.series, *standing)
    except Http404:
        raise Http404(_("No such lesson plan.")) from None
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
