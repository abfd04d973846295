"""A network's records as tables: what an export writes, one table to a sheet or file.

A table is its columns and a function that yields its rows. Every table reads a fixed
number of queries however large the network is — one, or two where a cell gathers
several rows of another table (a member's certifications, a material's authors, read
first into a dict keyed by the row's id, as large as the table itself) — and reads its
rows in chunks (``iterator``) as plain tuples, so the 30,000 places of a thousand
events are never held in memory together.

Values are plain: text (``str``), a day (``datetime.date``), a number (``int``), a
yes/no (``bool``) or nothing (``None``). Choices are given by their labels in the
active language; the writers (exchange/files.py) give each kind its form.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.enums import Choices
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Certification, User
from awards.models import Award
from events.models import Event, Participation
from events.models import Kind as EventKind
from materials.models import Authorship, Material, format_grades, mask_to_grades
from networks.audiences import Visibility
from networks.models import Group, GroupMembership, Network, NetworkSchool, Role
from ortaq.lib.collation import KazakhOrder
from schools.models import School

TEXT, DATE, NUMBER, FLAG = "text", "date", "number", "flag"
# Rows fetched from the database at a time.
CHUNK = 1000

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    key: str  # stable, for programs (JSON keys)
    title: str | Promise  # for people, in their language
    kind: str = TEXT
    width: int = 18  # characters, in a workbook


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[Row]]


def labels(choices: type[Choices]) -> dict[Any, str]:
    """A choice set's labels in the active language."""
    return {value: str(label) for value, label in choices.choices}


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def hours_and_minutes(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# --- Schools -------------------------------------------------------------------------------------

SCHOOL_COLUMNS = (
    Column("name", _("school"), width=40),
    Column("district", _("district or city"), width=24),
    Column("region", _("region"), width=24),
    Column("role", pgettext_lazy("school in a network", "role"), width=20),
    Column("language", _("language of instruction"), width=20),
    Column("shifts", _("shifts"), width=14),
    Column("joined", _("joined"), DATE, 12),
    Column("teachers", _("teachers"), NUMBER, 10),
    Column("certified", _("certified"), NUMBER, 12),
)


def school_rows(network: Network) -> Iterator[Row]:
    # The counts of the network's figures (kept in the cache; two queries when not).
    counts = {row.school.pk: row for row in network.indicators().rows}
    roles, languages, shifts = labels(NetworkSchool.Role), labels(School.Language), labels(School.Shifts)
    links = (
        network.school_links.order_by("-role", KazakhOrder("school__name"), "pk")
        .values_list(
            "school_id",
            "school__name",
            "school__district__name",
            "school__district__region__name",
            "role",
            "school__language",
            "school__shifts",
            "joined_on",
        )
        .iterator(chunk_size=CHUNK)
    )
    for school_id, name, district, region, role, language, shift, joined in links:
        row = counts.get(school_id)
        yield (
            name,
            district,
            region,
            roles.get(role, role),
            languages.get(language, language),
            shifts.get(shift, shift),
            joined,
            row.teachers if row else 0,
            row.certified if row else 0,
        )


# --- Members ----------------------------------------------------------------------------------------

MEMBER_COLUMNS = (
    Column("full_name", _("full name"), width=32),
    Column("school", _("school"), width=36),
    Column("position", _("position"), width=20),
    Column("category", _("teacher category"), width=22),
    Column("role", _("role"), width=22),
    Column("joined", _("joined"), DATE, 12),
    Column("certified", _("certified"), FLAG, 12),
    Column("certifications", _("certifications"), width=60),
)


def member_rows(network: Network) -> Iterator[Row]:
    held: dict[int, list[str]] = defaultdict(list)
    certified: set[int] = set()
    of_members = Certification.objects.filter(user__memberships__network=network).order_by("user_id", "-year", "pk")
    for certification in of_members.iterator(chunk_size=CHUNK):
        held[certification.user_id].append(f"{certification.label} ({certification.year})")
        if certification.counts_as_certified:
            certified.add(certification.user_id)
    positions, categories, roles = labels(User.Position), labels(User.Category), labels(Role)
    members = (
        network.memberships.order_by(KazakhOrder("user__full_name"), "pk")
        .values_list(
            "user_id", "user__full_name", "user__school__name", "user__position", "user__category", "role", "joined_at"
        )
        .iterator(chunk_size=CHUNK)
    )
    for user_id, name, school, position, category, role, joined in members:
        yield (
            name,
            school or "",
            positions.get(position, position),
            categories.get(category, category),
            roles.get(role, role),
            local_day(joined),
            user_id in certified,
            "; ".join(held.get(user_id, [])),
        )


# --- Groups ----------------------------------------------------------------------------------------

GROUP_COLUMNS = (
    Column("name", _("group"), width=32),
    Column("kind", _("kind"), width=22),
    Column("leader", _("group leader"), width=28),
    Column("members", _("members"), NUMBER, 10),
    Column("tasks", _("tasks"), NUMBER, 10),
    Column("tasks_done", _("tasks done"), NUMBER, 12),
    Column("created", _("created"), DATE, 12),
    Column("description", _("description"), width=50),
)


def group_rows(network: Network) -> Iterator[Row]:
    kinds = labels(Group.Kind)
    groups = (
        network.groups.order_by(KazakhOrder("name"), "pk")
        .annotate(
            member_count=Count("group_memberships", distinct=True),
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__is_done=True), distinct=True),
        )
        .values_list(
            "name", "kind", "leader__full_name", "member_count", "task_count", "done_count", "created_at", "description"
        )
        .iterator(chunk_size=CHUNK)
    )
    for name, kind, leader, members, tasks, done, created, description in groups:
        yield (name, kinds.get(kind, kind), leader or "", members, tasks, done, local_day(created), description)


GROUP_MEMBER_COLUMNS = (
    Column("group", _("group"), width=32),
    Column("full_name", _("full name"), width=32),
    Column("school", _("school"), width=36),
    Column("is_leader", _("group leader"), FLAG, 14),
    Column("joined", _("joined"), DATE, 12),
)


def group_member_rows(network: Network) -> Iterator[Row]:
    rows = (
        GroupMembership.objects.filter(group__network=network)
        .order_by(KazakhOrder("group__name"), "group_id", KazakhOrder("user__full_name"), "pk")
        .values_list("group__name", "user__full_name", "user__school__name", "user_id", "group__leader_id", "joined_at")
        .iterator(chunk_size=CHUNK)
    )
    for group, name, school, user_id, leader_id, joined in rows:
        yield (group, name, school or "", user_id == leader_id, local_day(joined))


# --- Events and their attendance ------------------------------------------------------------------

EVENT_COLUMNS = (
    Column("date", _("date"), DATE, 12),
    Column("starts", _("starts"), width=8),
    Column("ends", _("ends"), width=8),
    Column("title", _("title"), width=44),
    Column("kind", _("kind"), width=22),
    Column("status", _("status"), width=14),
    Column("place", _("place"), width=30),
    Column("host_school", _("host school"), width=32),
    Column("organiser", _("organiser"), width=28),
    # Each status of a place, and the marks of attendance, counted.
    *(Column(status.value, status.label, NUMBER, 14) for status in Participation.Status),
    *(Column(mark.value, mark.label, NUMBER, 12) for mark in Participation.Attendance),
)


def event_rows(network: Network) -> Iterator[Row]:
    kinds, statuses = labels(EventKind), labels(Event.Status)
    counted = {
        **{status.value: Q(participations__status=status) for status in Participation.Status},
        **{mark.value: Q(participations__attendance=mark) for mark in Participation.Attendance},
    }
    events = (
        Event.objects.filter(network=network)
        .order_by("starts_at", "pk")
        .annotate(**{f"n_{key}": Count("participations", filter=condition) for key, condition in counted.items()})
        .values_list(
            "starts_at",
            "ends_at",
            "title",
            "kind",
            "status",
            "location",
            "online_url",
            "host_school__name",
            "organiser__full_name",
            *(f"n_{key}" for key in counted),
        )
        .iterator(chunk_size=CHUNK)
    )
    for starts, ends, title, kind, status, location, url, host, organiser, *counts in events:
        yield (
            local_day(starts),
            hours_and_minutes(starts),
            hours_and_minutes(ends),
            title,
            kinds.get(kind, kind),
            statuses.get(status, status),
            location or url,
            host or "",
            organiser or "",
            *counts,
        )


ATTENDANCE_COLUMNS = (
    Column("date", _("date"), DATE, 12),
    Column("event", _("event"), width=44),
    Column("full_name", _("full name"), width=32),
    Column("school", _("school"), width=36),
    Column("status", pgettext_lazy("attendance", "status"), width=20),
    Column("attendance", _("attendance"), width=14),
    Column("absence_reason", _("reason for absence"), width=30),
    Column("note", _("note"), width=30),
)


def attendance_rows(network: Network) -> Iterator[Row]:
    statuses = labels(Participation.Status)
    marks, reasons = labels(Participation.Attendance), labels(Participation.AbsenceReason)
    rows = (
        Participation.objects.filter(event__network=network)
        .order_by("event__starts_at", "event_id", KazakhOrder("user__full_name"), "pk")
        .values_list(
            "event__starts_at",
            "event__title",
            "user__full_name",
            "user__school__name",
            "status",
            "attendance",
            "absence_reason",
            "absence_note",
        )
        .iterator(chunk_size=CHUNK)
    )
    for starts, title, name, school, status, mark, reason, note in rows:
        yield (
            local_day(starts),
            title,
            name,
            school or "",
            statuses.get(status, status),
            marks.get(mark, mark),
            reasons.get(reason, reason),
            note,
        )


# --- The library --------------------------------------------------------------------------------------

MATERIAL_COLUMNS = (
    Column("title", _("title"), width=44),
    Column("kind", _("kind"), width=26),
    Column("subject", _("subject"), width=22),
    Column("grades", _("grades"), width=10),
    Column("language", _("language of instruction"), width=16),
    Column("visibility", _("who can see it"), width=24),
    Column("group", _("group"), width=24),
    Column("school", _("school"), width=32),
    Column("authors", _("authors"), width=36),
    Column("published", _("published"), DATE, 12),
    Column("views", _("views"), NUMBER, 10),
    Column("downloads", _("downloads"), NUMBER, 12),
    Column("useful", _("marked useful"), NUMBER, 12),
    Column("hidden", _("hidden"), FLAG, 10),
)


def material_rows(network: Network, reader: User) -> Iterator[Row]:
    # Only what the reader may open: a district's methodologist is not shown a group's
    # materials, nor anyone a hidden one the library would refuse them.
    materials = Material.objects.visible_to(reader).filter(network=network)
    authors: dict[int, list[str]] = defaultdict(list)
    authorships = (
        Authorship.objects.filter(material__in=materials.values("pk"))
        .order_by("material_id", "position", "pk")
        .values_list("material_id", "user__full_name")
    )
    for material_id, name in authorships.iterator(chunk_size=CHUNK):
        authors[material_id].append(name)
    kinds, languages, visibilities = labels(Material.Kind), labels(Material.Language), labels(Visibility)
    language_code = (get_language() or "kk")[:2]  # subjects are named in each language as data
    rows = (
        materials.order_by("-created_at", "-pk")
        .values_list(
            "pk",
            "title",
            "kind",
            "subject__name_kk",
            "subject__name_ru",
            "subject__name_en",
            "grade_mask",
            "language",
            "visibility",
            "group__name",
            "school__name",
            "created_at",
            "view_count",
            "download_count",
            "useful_count",
            "hidden_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        pk, title, kind, subject_kk, subject_ru, subject_en, mask, language, visibility, group, school = row[:11]
        created, views, downloads, useful, hidden = row[11:]
        subject = {"kk": subject_kk, "ru": subject_ru, "en": subject_en}.get(language_code) or subject_kk
        yield (
            title,
            kinds.get(kind, kind),
            subject or "",
            format_grades(mask_to_grades(mask)),
            languages.get(language, language),
            visibilities.get(visibility, visibility),
            group or "",
            school or "",
            ", ".join(authors.get(pk, [])),
            local_day(created),
            views,
            downloads,
            useful,
            hidden is not None,
        )


# --- Awards ---------------------------------------------------------------------------------------------

AWARD_COLUMNS = (
    Column("kind", _("kind"), width=28),
    Column("nomination", _("nomination"), width=30),
    Column("reason", _("for"), width=30),
    Column("recipient", _("recipient"), width=32),
    Column("school", _("school"), width=36),
    Column("event", _("event"), width=40),
    Column("event_date", _("date of the event"), DATE, 14),
    Column("hours", _("hours"), NUMBER, 8),
    Column("issued", _("issued"), DATE, 12),
    Column("code", _("verification code"), width=18),
    Column("revoked", pgettext_lazy("award", "revoked"), DATE, 12),
    Column("revoke_reason", _("reason for revoking"), width=30),
)


def award_rows(network: Network) -> Iterator[Row]:
    kinds = labels(Award.Kind)
    awards = (
        Award.objects.filter(network=network)
        .order_by("-issued_on", "pk")
        .values_list(
            "kind",
            "nomination",
            "reason",
            "recipient_name",
            "recipient__school__name",
            "title",
            "event_date",
            "hours",
            "issued_on",
            "code",
            "revoked_at",
            "revoke_reason",
        )
        .iterator(chunk_size=CHUNK)
    )
    for kind, nomination, reason, name, school, title, day, hours, issued, code, revoked, why in awards:
        yield (kinds.get(kind, kind), nomination, reason, name, school or "", title, day, hours, issued, code,
               local_day(revoked), why)  # fmt: skip


def network_tables(network: Network, reader: User) -> list[Table]:
    """Every table of a network's export, in the order of its sheets."""
    return [
        Table("schools", _("Schools"), SCHOOL_COLUMNS, lambda: school_rows(network)),
        Table("members", _("Members"), MEMBER_COLUMNS, lambda: member_rows(network)),
        Table("groups", _("Groups"), GROUP_COLUMNS, lambda: group_rows(network)),
        Table("group_members", _("Group members"), GROUP_MEMBER_COLUMNS, lambda: group_member_rows(network)),
        Table("events", _("Events"), EVENT_COLUMNS, lambda: event_rows(network)),
        Table("attendance", _("Attendance"), ATTENDANCE_COLUMNS, lambda: attendance_rows(network)),
        Table("materials", _("Library"), MATERIAL_COLUMNS, lambda: material_rows(network, reader)),
        Table("awards", _("Awards"), AWARD_COLUMNS, lambda: award_rows(network)),
    ]
