"""Workflows of events that touch several records. Views call these verbs; each runs
in one transaction, so a failure leaves nothing half-done, and e-mails leave only
after the transaction commits, as tasks (events/tasks.py) a worker runs."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from events import notices, tasks
from events.models import (
    Attachment,
    Event,
    EventLesson,
    EventSeries,
    FeedToken,
    Kind,
    MaterialsDispatch,
    Participation,
    Record,
    RecordTask,
)
from materials import actions as library
from materials.models import Material
from networks.models import GroupMembership, Membership, Network, Role
from notifications.actions import notify
from ortaq.lib import editing, uploads
from ortaq.lib.text import plain_code

# Who receives a record's materials for their school (seed 001: «мектеп координаторы»).
COORDINATING_ROLES = (Role.COORDINATOR, Role.DIRECTOR)
ATTACHMENT_FAMILIES = (uploads.IMAGE, uploads.DOCUMENT, uploads.AUDIO, uploads.VIDEO)
ATTACHMENTS = uploads.Accepts(frozenset(ATTACHMENT_FAMILIES))


# --- Planning -------------------------------------------------------------------------------


@transaction.atomic
def create_event(
    network: Network,
    *,
    by: User,
    responsible: Iterable[User] = (),
    target_schools: Iterable[Any] = (),
    target_groups: Iterable[Any] = (),
    submission: Submission | None = None,
    **fields: Any,
) -> Event:
    """``submission``: the form's one-time key; if it made an event already,
    ``AlreadySubmitted`` is raised and nothing is kept."""
    fields.setdefault("organiser", by)
    event = Event.objects.create(network=network, created_by=by, **fields)
    event.responsible.set(list(responsible))
    event.target_schools.set(list(target_schools))
    event.target_groups.set(list(target_groups))
    submissions.record(submission, event.get_absolute_url())
    return event


@transaction.atomic
def update_event(event: Event, *, version: int | None = None, **fields: Any) -> Event:
    """Saves the fields of the edit form. ``version`` is the one the form was opened
    at: if the event was saved or moved since, ``editing.StaleEdit`` is raised and
    nothing changes."""
    editing.claim_version(event, version)
    # Read again under the claim's lock: what the form does not edit (a cancellation,
    # the iCalendar sequence) may have changed since, and the full save must keep it.
    event = Event.objects.get(pk=event.pk)
    m2m = {name: fields.pop(name) for name in ("responsible", "target_schools", "target_groups") if name in fields}
    for name, value in fields.items():
        setattr(event, name, value)
    if event.series_id:
        event.detached = True
    event.sequence += 1
    event.save()
    for name, value in m2m.items():
        getattr(event, name).set(list(value))
    return event


@transaction.atomic
def create_series(
    network: Network,
    *,
    by: User,
    target_schools: Iterable[Any] = (),
    target_groups: Iterable[Any] = (),
    **fields: Any,
) -> EventSeries:
    fields.setdefault("organiser", by)
    series = EventSeries(network=network, **fields)
    series.full_clean()
    series.save()
    series.target_schools.set(list(target_schools))
    series.target_groups.set(list(target_groups))
    materialise(series, by=by)
    return series


@transaction.atomic
def materialise(series: EventSeries, *, by: User | None = None, after: datetime.datetime | None = None) -> list[Event]:
    """Make the Event rows the rule gives that are not there yet (with ``after``, only
    those that start after it). Running it again adds nothing; an occurrence someone
    moved keeps its new date."""
    have = set(series.occurrences.values_list("original_date", flat=True))
    schools = list(series.target_schools.all())
    groups = list(series.target_groups.all())
    created = []
    for day in series.dates():
        if day in have:
            continue
        start = series.start_on(day)
        if after is not None and start <= after:
            continue
        event = Event.objects.create(
            network_id=series.network_id,
            plan_id=series.plan_id,
            series=series,
            original_date=day,
            kind=series.kind,
            title=series.title,
            description=series.description,
            goal=series.goal,
            location=series.location,
            online_url=series.online_url,
            host_school_id=series.host_school_id,
            organiser_id=series.organiser_id,
            capacity=series.capacity,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=series.duration),
            created_by=by,
        )
        event.target_schools.set(schools)
        event.target_groups.set(groups)
        created.append(event)
    return created


@transaction.atomic
def move_event(event: Event, *, starts_at: datetime.datetime, ends_at: datetime.datetime, by: User) -> Event:
    if ends_at <= starts_at:
        raise ValidationError(_("The event must end after it starts."))
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be moved."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.starts_at, event.ends_at = starts_at, ends_at
    event.detached = event.series_id is not None
    event.sequence += 1
    # An edit form opened before the move shows the old date: its save must be refused
    # (ortaq/lib/editing.py), not move the event back.
    event.version += 1
    event.save(update_fields=["starts_at", "ends_at", "detached", "sequence", "version", "updated_at"])
    # The day changed: reminders go out again for the new day.
    event.participations.update(reminded_at=None)
    when = timezone.localtime(starts_at).strftime("%d.%m.%Y %H:%M")
    tell_participants(event, notices.MOVED.key, title=f"{event.title} → {when}", by=by)
    return event


@transaction.atomic
def cancel_event(event: Event, *, by: User, reason: str = "") -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return event
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason.strip()
    event.detached = event.series_id is not None
    event.sequence += 1
    event.save(update_fields=["status", "cancel_reason", "detached", "sequence", "updated_at"])
    tell_participants(event, notices.CANCELLED.key, title=event.title, by=by)
    return event


@transaction.atomic
def restore_event(event: Event, *, by: User) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        event.status = Event.Status.PLANNED
        event.cancel_reason = ""
        event.sequence += 1
        event.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    return event


@transaction.atomic
def cancel_series(series: EventSeries, *, by: User, reason: str = "") -> int:
    """Cancel what is still ahead; what already happened stays on record."""
    series.cancelled_at = timezone.now()
    series.save(update_fields=["cancelled_at", "updated_at"])
    ahead = series.occurrences.filter(starts_at__gt=timezone.now(), status=Event.Status.PLANNED)
    count = 0
    for event in ahead:
        cancel_event(event, by=by, reason=reason)
        count += 1
    return count


# --- Editing a whole series -----------------------------------------------------------------
#
# A series' edit applies to the series and to its dates ahead; a date that has started
# never changes. A date ahead keeps what was changed on it alone, field by field: its
# field is its own when it differs from what the series said before this edit (a
# title edited on that date, a place given for it alone). Its time is its own when it
# was moved — its day is not the one the rule gave it (``original_date``), or its start
# or length differ from the series'. Everything else follows the series; a moved date
# still takes the new texts.
#
# A new rule (weekday, week, day of the month, interval, first or last day) removes the
# dates ahead it no longer gives, unless someone took one up — registered, was marked
# present, or it has a record, files, open lessons or awards — and adds the dates it
# gives that are not there yet. A date kept that way stays as it is in the plan, with
# the series' new texts. Those invited to a removed date and those going to a date
# whose time changes are told (events.cancelled, events.moved).

SERIES_TEXT_FIELDS = (
    "kind",
    "title",
    "description",
    "goal",
    "location",
    "online_url",
    "host_school",
    "capacity",
    "plan",
)
SERIES_AUDIENCE_FIELDS = ("target_schools", "target_groups")
SERIES_TIME_FIELDS = ("start_time", "duration")
SERIES_RULE_FIELDS = ("interval", "week", "weekday", "month_day", "starts_on", "ends_on")
RELATED = ("host_school", "plan")


def field_value(thing: EventSeries | Event, name: str) -> Any:
    return getattr(thing, f"{name}_id") if name in RELATED else getattr(thing, name)


@dataclass(frozen=True)
class DateChange:
    """What an edit of its series does to one date ahead."""

    event: Event
    fields: tuple[str, ...]  # the texts and audiences it takes
    time: tuple[datetime.datetime, datetime.datetime] | None  # its new start and end
    own: bool  # it keeps something of its own


@dataclass
class SeriesEdit:
    """What saving an edit of a series does to its dates: shown before it is saved when
    dates are removed, added or moved, and done by ``edit_series``."""

    series: EventSeries  # with the new values
    audiences: dict[str, list[Any]]
    changed: frozenset[str]
    changes: list[DateChange] = field(default_factory=list)
    removed: list[Event] = field(default_factory=list)
    kept: list[Event] = field(default_factory=list)
    added: list[datetime.date] = field(default_factory=list)
    past: int = 0
    told: int = 0

    @property
    def following(self) -> list[Event]:
        return [change.event for change in self.changes if change.fields or change.time]

    @property
    def own(self) -> list[Event]:
        return [change.event for change in self.changes if change.own]

    @property
    def moved(self) -> list[Event]:
        return [change.event for change in self.changes if change.time]

    @property
    def asks_first(self) -> bool:
        """Whether a person should see what it does before it is done: dates go, come or move."""
        return bool(self.removed or self.kept or self.added or self.moved)


def taken_up(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotates ``taken``: someone registered for it or came, or it has a record, files,
    open lessons or awards (reached by their relation's name: awards sit above events)."""
    people = Participation.objects.filter(event=OuterRef("pk")).filter(
        Q(status__in=(Participation.Status.REGISTERED, Participation.Status.WAITLISTED)) | ~Q(attendance="")
    )
    records = Record.objects.filter(event=OuterRef("pk"))
    files = Attachment.objects.filter(event=OuterRef("pk"))
    lessons = EventLesson.objects.filter(event=OuterRef("pk"))
    awards = Event.objects.filter(pk=OuterRef("pk"), awards__isnull=False)
    return events.annotate(taken=Exists(people) | Exists(records) | Exists(files) | Exists(lessons) | Exists(awards))


def plan_series_edit(
    series: EventSeries, fields: dict[str, Any], *, now: datetime.datetime | None = None
) -> SeriesEdit:
    """What the edit ``fields`` (the series form's) would do to ``series`` as it is saved;
    nothing is written."""
    now = now or timezone.now()
    new = copy.copy(series)
    audiences = {name: list(fields[name]) for name in SERIES_AUDIENCE_FIELDS if name in fields}
    for name, value in fields.items():
        if name not in SERIES_AUDIENCE_FIELDS:
            setattr(new, name, value)
    saved_audiences = {name: {one.pk for one in getattr(series, name).all()} for name in audiences}
    changed = {
        name
        for name in (*SERIES_TEXT_FIELDS, *SERIES_TIME_FIELDS, *SERIES_RULE_FIELDS)
        if name in fields and field_value(new, name) != field_value(series, name)
    } | {name for name, chosen in audiences.items() if {one.pk for one in chosen} != saved_audiences[name]}
    edit = SeriesEdit(new, audiences, frozenset(changed))
    occurrences = list(
        taken_up(series.occurrences.all()).prefetch_related(*SERIES_AUDIENCE_FIELDS).order_by("starts_at", "pk")
    )
    ahead = [event for event in occurrences if event.starts_at > now]
    edit.past = len(occurrences) - len(ahead)
    rule_changed = bool(changed & set(SERIES_RULE_FIELDS))
    dates = set(new.dates()) if rule_changed else set()
    texts = [name for name in SERIES_TEXT_FIELDS if name in changed]
    audience_names = [name for name in SERIES_AUDIENCE_FIELDS if name in changed]
    time_changed = bool(changed & set(SERIES_TIME_FIELDS))
    for event in ahead:
        if rule_changed and event.original_date not in dates:
            if not event.taken:  # type: ignore[attr-defined]
                edit.removed.append(event)
                continue
            edit.kept.append(event)
        follows = [name for name in texts if field_value(event, name) == field_value(series, name)]
        follows += [
            name for name in audience_names if {one.pk for one in getattr(event, name).all()} == saved_audiences[name]
        ]
        on_time = (
            event.original_date == event.local_date
            and event.local_start.time() == series.start_time
            and event.duration_minutes == series.duration
        )
        time = None
        if time_changed and on_time and event.original_date is not None:
            start = new.start_on(event.original_date)
            time = (start, start + datetime.timedelta(minutes=new.duration))
        own = len(follows) < len(texts) + len(audience_names) or (time_changed and not on_time)
        edit.changes.append(DateChange(event, tuple(follows), time, own))
    if rule_changed:
        have = {event.original_date for event in occurrences}
        edit.added = sorted(day for day in dates - have if new.start_on(day) > now)
    told = [*edit.removed, *edit.moved]
    edit.told = (
        Participation.objects.filter(event__in=told, status__in=Participation.GOING).values("user").distinct().count()
        if told
        else 0
    )
    return edit


@transaction.atomic
def edit_series(
    series: EventSeries, fields: dict[str, Any], *, by: User, version: int | None, now: datetime.datetime | None = None
) -> SeriesEdit:
    """Saves an edit of a series and does to its dates what ``plan_series_edit`` says.
    ``version`` is the one the form was opened at: a series saved since raises
    ``editing.StaleEdit`` and nothing changes."""
    now = now or timezone.now()
    editing.claim_version(series, version)
    saved = EventSeries.objects.select_for_update().get(pk=series.pk)
    if saved.is_cancelled:
        raise ValidationError(_("A cancelled series cannot be changed."))
    edit = plan_series_edit(saved, fields, now=now)
    new = edit.series
    new.save()
    for name, chosen in edit.audiences.items():
        getattr(new, name).set(chosen)
    for event in edit.removed:
        invited = User.objects.filter(participations__event=event, participations__status__in=Participation.GOING)
        when = event.local_start.strftime("%d.%m.%Y %H:%M")
        notify(
            invited,
            notices.CANCELLED.key,
            title=f"{event.title}, {when}",
            url=new.get_absolute_url(),
            actor=by,
            network_id=event.network_id,
        )
        event.delete()
    for change in edit.changes:
        apply_date_change(change, new, by=by)
    materialise(new, by=by, after=now)
    return edit


def apply_date_change(change: DateChange, series: EventSeries, *, by: User) -> None:
    event = change.event
    if not (change.fields or change.time):
        return
    for name in change.fields:
        if name in SERIES_AUDIENCE_FIELDS:
            getattr(event, name).set(list(getattr(series, name).all()))
        else:
            setattr(event, name, getattr(series, name))
    updated = [name for name in change.fields if name not in SERIES_AUDIENCE_FIELDS]
    if change.time:
        event.starts_at, event.ends_at = change.time
        updated += ["starts_at", "ends_at"]
    # An edit form of the date opened before this is refused, not saved over it.
    event.sequence += 1
    event.version += 1
    event.save(update_fields=[*updated, "sequence", "version", "updated_at"])
    if change.time:
        event.participations.update(reminded_at=None)
        when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
        tell_participants(event, notices.MOVED.key, title=f"{event.title} → {when}", by=by)


# --- Taking part ----------------------------------------------------------------------------


def target_members(event: Event) -> list[User]:
    """The network's members the event is for: of its schools and groups, or everyone."""
    members = User.objects.filter(is_active=True, memberships__network_id=event.network_id)
    schools = list(event.target_schools.values_list("pk", flat=True))
    groups = list(event.target_groups.values_list("pk", flat=True))
    if schools or groups:
        in_groups = GroupMembership.objects.filter(group__in=groups).values("user")
        members = members.filter(Q(school__in=schools) | Q(pk__in=in_groups))
    return list(members.distinct())


@transaction.atomic
def invite(event: Event, *, by: User, people: Sequence[User] | None = None) -> int:
    """Invite the people (by default the event's target members) who are not on its
    list yet. Returns how many were invited."""
    people = target_members(event) if people is None else list(people)
    have = set(event.participations.values_list("user_id", flat=True))
    rows = [Participation(event=event, user=p, invited_by=by) for p in people if p.pk not in have]
    Participation.objects.bulk_create(rows, ignore_conflicts=True)
    invited = list(event.participations.filter(user__in=[r.user for r in rows], status=Participation.Status.INVITED))
    if invited:
        transaction.on_commit(partial(tasks.email_participants.enqueue, [p.pk for p in invited], "invitation"))
    return len(rows)


def going_count(event: Event) -> int:
    return event.participations.filter(status=Participation.Status.REGISTERED).count()


@transaction.atomic
def register(event: Event, user: User) -> Participation:
    """Take a place, or a place on the waiting list when the event is full. The event
    row is locked so two people cannot take the last place at once."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    if event.has_started():
        raise ValidationError(_("Registration is closed: the event has already started."))
    if not Membership.objects.filter(network_id=event.network_id, user=user).exists():
        raise ValidationError(_("Only members of the network can register."))
    participation, _created = Participation.objects.get_or_create(event=event, user=user)
    if participation.status in (Participation.Status.REGISTERED, Participation.Status.WAITLISTED):
        return participation
    if event.capacity is not None and going_count(event) >= event.capacity:
        participation.status = Participation.Status.WAITLISTED
        participation.waitlisted_at = timezone.now()
    else:
        participation.status = Participation.Status.REGISTERED
        participation.waitlisted_at = None
    participation.absence_reason = ""
    participation.absence_note = ""
    participation.save(update_fields=["status", "waitlisted_at", "absence_reason", "absence_note"])
    return participation


@transaction.atomic
def decline(event: Event, user: User, *, reason: str = "", note: str = "") -> Participation:
    """Not coming (with a reason, which the organiser sees as the reason for absence).
    A freed place goes to the first on the waiting list."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if reason and reason not in Participation.AbsenceReason.values:
        raise ValidationError(_("Choose a reason from the list."))
    participation, _created = Participation.objects.select_for_update().get_or_create(event=event, user=user)
    freed = participation.status == Participation.Status.REGISTERED
    participation.status = Participation.Status.DECLINED
    participation.waitlisted_at = None
    participation.absence_reason = reason
    participation.absence_note = note.strip()[:255]
    participation.save(update_fields=["status", "waitlisted_at", "absence_reason", "absence_note"])
    if freed:
        promote_from_waiting_list(event)
    return participation


def promote_from_waiting_list(event: Event) -> list[Participation]:
    """Move the first people of the waiting list up while there are places. Called
    inside the transaction that holds the event's lock."""
    promoted = []
    while event.capacity is None or going_count(event) < event.capacity:
        first = (
            event.participations.select_for_update()
            .filter(status=Participation.Status.WAITLISTED)
            .order_by("waitlisted_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = Participation.Status.REGISTERED
        first.waitlisted_at = None
        first.save(update_fields=["status", "waitlisted_at"])
        promoted.append(first)
    if promoted:
        transaction.on_commit(partial(tasks.email_participants.enqueue, [p.pk for p in promoted], "promoted"))
    return promoted


@transaction.atomic
def mark_attendance(event: Event, *, by: User, marks: dict[int, tuple[str, str, str]]) -> int:
    """marks: participation id → (attendance, absence reason, note). Unknown ids are refused."""
    rows = {p.pk: p for p in event.participations.select_for_update().filter(pk__in=list(marks))}
    if set(marks) - set(rows):
        raise ValidationError(_("Someone in the list is not on this event's list."))
    for pk, (attendance, reason, note) in marks.items():
        if attendance not in ("", *Participation.Attendance.values):
            raise ValidationError(_("Choose present or absent."))
        if reason and reason not in Participation.AbsenceReason.values:
            raise ValidationError(_("Choose a reason from the list."))
        row = rows[pk]
        row.attendance = attendance
        row.absence_reason = reason if attendance == Participation.Attendance.ABSENT else ""
        row.absence_note = note.strip()[:255] if attendance == Participation.Attendance.ABSENT else ""
    Participation.objects.bulk_update(rows.values(), ["attendance", "absence_reason", "absence_note"])
    return len(rows)


@transaction.atomic
def add_attendee(event: Event, user: User, *, by: User) -> Participation:
    if not Membership.objects.filter(network_id=event.network_id, user=user).exists():
        raise ValidationError(_("Only members of the network can be added."))
    participation, _created = Participation.objects.get_or_create(
        event=event, user=user, defaults={"status": Participation.Status.REGISTERED, "invited_by": by}
    )
    participation.attendance = Participation.Attendance.PRESENT
    participation.save(update_fields=["attendance"])
    return participation


@transaction.atomic
def check_in(event: Event, user: User, code: str, *, now: datetime.datetime | None = None) -> Participation:
    """Self check-in with the short code shown at the meeting, on the event's day only."""
    if not event.checkin_open(now):
        raise ValidationError(_("Check-in is open only on the day of the event."))
    if plain_code(code) != event.checkin_code:
        raise ValidationError(_("The code is not right. Check it on the screen and try again."))
    if not Membership.objects.filter(network_id=event.network_id, user=user).exists():
        raise ValidationError(_("Only members of the network can check in."))
    participation, _created = Participation.objects.get_or_create(
        event=event, user=user, defaults={"status": Participation.Status.REGISTERED}
    )
    if participation.status in (Participation.Status.INVITED, Participation.Status.DECLINED):
        participation.status = Participation.Status.REGISTERED
    participation.attendance = Participation.Attendance.PRESENT
    participation.absence_reason = ""
    participation.checked_in_at = now or timezone.now()
    participation.save()
    return participation


# --- Reminders ------------------------------------------------------------------------------


def send_reminders(now: datetime.datetime | None = None) -> int:
    """E-mail everyone expected at an event that starts tomorrow (local time). A
    reminder is claimed before it is sent, with a conditional update, so running the
    command twice — or two at once — sends each reminder once."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    due = (
        Participation.objects.filter(
            status__in=Participation.GOING,
            reminded_at__isnull=True,
            event__status=Event.Status.PLANNED,
        )
        .filter(event__in=Event.objects.between(tomorrow, tomorrow))
        .select_related("event", "user")
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        claimed = Participation.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed:
            continue
        # The claim is a statement of its own, committed before the worker looks (the
        # command runs in autocommit). The task sends the reminder, and tries again
        # later if the mail server refuses (tasks.REMINDER_RETRIES).
        try:
            tasks.email_reminder.enqueue(pk, now.isoformat())
        except Exception:
            # Neither queued nor sent: give the claim back, so the next run sends it.
            Participation.objects.filter(pk=pk, reminded_at=now).update(reminded_at=None)
            raise
        sent += 1
    return sent


# --- E-mail ---------------------------------------------------------------------------------


def tell_participants(event: Event, key: str, *, title: str, by: User) -> None:
    """Those going to the event hear of a change (notifications centre)."""
    going = User.objects.filter(participations__event=event, participations__status__in=Participation.GOING)
    notify(going, key, title=title, url=event.get_absolute_url(), actor=by, network_id=event.network_id)


# --- The record -----------------------------------------------------------------------------


@transaction.atomic
def save_record(
    event: Event, *, by: User, agenda: str, notes: str, decisions: str, version: int | None = None
) -> Record:
    """Writes the record's text. ``version`` is the one the form was opened at (a record
    not written yet starts at 1, as its row does); a text someone else saved meanwhile
    raises editing.StaleEdit. The same text again writes nothing and claims nothing, so
    a task added from an older page leaves the record alone."""
    record, _created = Record.objects.select_for_update().get_or_create(event=event, defaults={"written_by": by})
    text = (agenda.strip(), notes.strip(), decisions.strip())
    if (record.agenda, record.notes, record.decisions) == text:
        return record
    editing.claim_version(record, version)
    record.agenda, record.notes, record.decisions = text
    record.written_by = by
    record.save(update_fields=["agenda", "notes", "decisions", "written_by", "updated_at"])
    return record


@dataclass(frozen=True)
class NewTask:
    title: str
    owner: User
    due_on: datetime.date | None


@transaction.atomic
def write_record(
    event: Event,
    *,
    by: User,
    agenda: str,
    notes: str,
    decisions: str,
    version: int | None,
    task: NewTask | None = None,
    files: Sequence[UploadedFile] = (),
    toggle: RecordTask | None = None,
    remove: Sequence[Attachment] = (),
) -> tuple[Record, RecordTask | None, list[Attachment]]:
    """One sending of the record page: its text, with whatever else was asked at the
    same time — a new task, new files, a task marked done or open again, the files
    ticked «remove». The text goes first: a stale one refuses all the rest."""
    record = save_record(event, by=by, agenda=agenda, notes=notes, decisions=decisions, version=version)
    added = add_task(event, by=by, title=task.title, owner=task.owner, due_on=task.due_on) if task else None
    attachments = [add_attachment(event, upload, by=by) for upload in files]
    if toggle is not None:
        set_task_done(toggle, done=not toggle.is_done)
    for attachment in remove:
        remove_attachment(attachment)
    return record, added, attachments


@transaction.atomic
def add_task(event: Event, *, by: User, title: str, owner: User, due_on: datetime.date | None) -> RecordTask:
    if not Membership.objects.filter(network_id=event.network_id, user=owner).exists():
        raise ValidationError(_("The owner of a task must be a member of the network."))
    record, _created = Record.objects.get_or_create(event=event, defaults={"written_by": by})
    task = RecordTask.objects.create(record=record, title=title.strip(), owner=owner, due_on=due_on)
    notify(
        [owner], notices.TASK.key, title=task.title, url=event.get_absolute_url(), actor=by, network_id=event.network_id
    )
    return task


@transaction.atomic
def set_task_done(task: RecordTask, *, done: bool) -> RecordTask:
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def add_attachment(event: Event, upload: UploadedFile, *, by: User) -> Attachment:
    detected = ATTACHMENTS.check(upload)  # raises a translated ValidationError
    attachment = Attachment(
        event=event,
        name=(upload.name or "file")[:255],
        family=detected.family,
        mime=detected.mime,
        extension=detected.extension,
        size=detected.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment) -> None:
    """The row now, its file once the removal is committed (a rollback keeps both)."""
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


def coordinators(network: Network) -> list[User]:
    """Each member school's coordinators: members with the coordinator or director role
    who work at one of the network's schools."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__network=network,
            memberships__role__in=COORDINATING_ROLES,
            school__network_links__network=network,
        )
        .select_related("school")
        .distinct()
        .order_by("school__name", "full_name")
    )


@transaction.atomic
def send_to_coordinators(event: Event, *, by: User) -> MaterialsDispatch:
    """Send the record and links to its files to every member school's coordinators
    in one action, put the same materials in the network's library, and keep a note
    that it was sent."""
    record = Record.objects.filter(event=event).first()
    if record is None:
        raise ValidationError(_("Write the record first: there is nothing to send yet."))
    recipients = coordinators(event.network)
    if not recipients:
        raise ValidationError(_("No member school has a coordinator or director in the network yet."))
    attachments = list(event.attachments.all())
    earlier = record.dispatches.exclude(material=None).select_related("material").first()
    material = earlier.material if earlier else publish_to_library(event, record, attachments, by=by)
    dispatch = MaterialsDispatch.objects.create(record=record, sent_by=by, material=material)
    dispatch.recipients.set(recipients)
    dispatch.schools.set({person.school_id for person in recipients})
    transaction.on_commit(partial(tasks.email_materials.enqueue, dispatch.pk))
    return dispatch


def record_text(record: Record) -> str:
    parts = []
    if record.agenda_items():
        parts.append("\n".join(f"1. {item}" for item in record.agenda_items()))
    if record.notes:
        parts.append(record.notes)
    if record.decision_items():
        parts.append("\n".join(f"- {item}" for item in record.decision_items()))
    return "\n\n".join(parts)


def publish_to_library(event: Event, record: Record, attachments: list[Attachment], *, by: User) -> Material:
    """The record's files as one material of the network's library (seed 001: the
    webinar's materials reach every school and stay at hand), published with the
    library's own workflow; without files, the material links to the event."""
    handles = [File(attachment.file.open("rb"), name=attachment.name) for attachment in attachments]
    try:
        files = library.validate_files(handles)
        kind = Material.Kind.PRESENTATION if event.kind == Kind.WEBINAR else Material.Kind.OTHER
        return library.publish_material(
            event.network,
            by=by,
            files=files,
            link="" if files else settings.SITE_URL + event.get_absolute_url(),
            note=_("Materials of «%(title)s», %(date)s")
            % {"title": event.title, "date": event.local_date.strftime("%d.%m.%Y")},
            title=event.title[:255],
            description=record_text(record)[:20000],
            kind=kind,
            language=event.network.charter_language if event.network.charter_language in ("kk", "ru", "en") else "kk",
        )
    finally:
        for handle in handles:
            handle.close()


# --- Observation ----------------------------------------------------------------------------


# --- Calendar addresses ---------------------------------------------------------------------


def feed_token(user: User, network: Network | None = None) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(user=user, network=network)
    return token


@transaction.atomic
def reset_feed_tokens(user: User) -> None:
    """New secret addresses: anyone who copied the old ones loses them."""
    FeedToken.objects.filter(user=user).delete()
