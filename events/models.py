"""Work plans, events and what comes of them: attendance, records, and the open
lessons an event holds (observed through ``observations``; awards live in ``awards``).

The academic year, its quarters and holidays are data (set per year in the admin
or by the demo), never code: the Ministry moves holidays from year to year.

A recurring event («онлайн сұхбат — айына 1 рет») is an ``EventSeries`` holding the
rule; its occurrences are materialised as ordinary ``Event`` rows linked to the
series by their ``original_date``, so one of them can be moved or cancelled alone
and everything else (attendance, the record, awards) works the same for both.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from typing import TYPE_CHECKING

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from calendars.models import AcademicYear
from networks.models import Group, GroupMembership, Membership, Network
from observations.models import Lesson
from ortaq.lib.checked_files import CheckedFile
from ortaq.lib.text import lines
from ortaq.lib.urls import id_url
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User


# --- Work plans -----------------------------------------------------------------------------


class WorkPlan(models.Model):
    """A network's work plan (жұмыс жоспары) for one academic year; or, with a school,
    that school's own plan inside the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="work_plans", verbose_name=_("network"))
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="plans", verbose_name=_("year"))
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name=_("school"),
        help_text=_("Leave empty for the network's own plan."),
    )
    goal = models.TextField(
        _("goal and needs"), blank=True, help_text=_("What the plan answers: the needs found in the schools.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year__starts_on", "school__name"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year"], condition=Q(school__isnull=True), name="work_plan_once_per_network_year"
            ),
            models.UniqueConstraint(
                fields=["network", "year", "school"],
                condition=Q(school__isnull=False),
                name="work_plan_once_per_school_year",
            ),
        ]

    def __str__(self) -> str:
        owner = self.school.name if self.school_id else self.network.name
        return f"{owner}: {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("events:plan", args=[self.network_id]) + f"?year={self.year_id}"


# --- Events ---------------------------------------------------------------------------------


class Kind(models.TextChoices):
    ONLINE = "online", _("online meeting")
    MEETING = "meeting", _("face-to-face meeting")
    SEMINAR = "seminar", _("seminar")
    OPEN_LESSON = "open_lesson", _("open lesson")
    COACHING = "coaching", _("coaching session")
    TRAINING = "training", _("training")
    WEBINAR = "webinar", _("webinar")
    DIALOGUE = "dialogue", _("dialogue platform")
    CONFERENCE = "conference", _("conference")
    OTHER = "other", pgettext_lazy("event", "other")


CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a hall


def new_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(6))


class EventFields(models.Model):
    """What a single event and a series share."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network"))
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("work plan")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    goal = models.TextField(_("goal or need it serves"), blank=True)
    location = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("link to the video call"), blank=True)
    host_school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("host school")
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When full, people join a waiting list."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class EventSeries(EventFields):
    """A recurring event made from a rule: every N months on a weekday of a week of the
    month («the third Wednesday») or on a day of the month («the 15th»)."""

    class Week(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="event_series", verbose_name=_("network")
    )
    interval = models.PositiveSmallIntegerField(
        _("every how many months"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    week = models.SmallIntegerField(_("week of the month"), choices=Week.choices, null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    # Up to the 28th: a rule "on the 31st" would silently skip short months (RFC 5545).
    month_day = models.PositiveSmallIntegerField(
        _("day of the month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    start_time = models.TimeField(_("start time"))
    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"), default=60, validators=[MinValueValidator(5), MaxValueValidator(12 * 60)]
    )
    target_schools = models.ManyToManyField(School, blank=True, related_name="+", verbose_name=_("schools invited"))
    target_groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("groups invited"))
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name=_("calendar identifier"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The edit form's version (ortaq/lib/editing.py): a save of an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_on", "start_time"]
        verbose_name = _("recurring event")
        verbose_name_plural = _("recurring events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series", args=[self.pk])

    def clean(self) -> None:
        by_weekday = self.week is not None or self.weekday is not None
        if by_weekday and self.month_day:
            raise ValidationError(_("Choose either a weekday of the month or a day of the month, not both."))
        if by_weekday and (self.week is None or self.weekday is None):
            raise ValidationError(_("Choose both the week of the month and the weekday."))
        if not by_weekday and not self.month_day:
            raise ValidationError(_("Choose a weekday of the month or a day of the month."))
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The series must end after it starts.")})
            if (self.ends_on - self.starts_on).days > 2 * 366:
                raise ValidationError({"ends_on": _("A series can cover at most two years.")})

    def rule(self) -> rrule.rrule:
        """The rule as dateutil expands it; the iCalendar feed writes the same rule."""
        start = datetime.datetime.combine(self.starts_on, datetime.time())
        until = datetime.datetime.combine(self.ends_on, datetime.time(23, 59))
        if self.month_day:
            return rrule.rrule(
                rrule.MONTHLY, interval=self.interval, bymonthday=self.month_day, dtstart=start, until=until
            )
        assert self.weekday is not None and self.week is not None
        return rrule.rrule(
            rrule.MONTHLY,
            interval=self.interval,
            byweekday=rrule.weekday(self.weekday, self.week),
            dtstart=start,
            until=until,
        )

    def dates(self) -> list[datetime.date]:
        return [moment.date() for moment in self.rule()]

    def start_on(self, day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, self.start_time))

    def ical_rule(self) -> dict[str, object]:
        """RRULE parts for the iCalendar feed. UNTIL is in UTC, as RFC 5545 wants
        when DTSTART has a time zone."""
        until = timezone.make_aware(datetime.datetime.combine(self.ends_on, datetime.time(23, 59)))
        rule: dict[str, object] = {
            "FREQ": "MONTHLY",
            "INTERVAL": self.interval,
            "UNTIL": until.astimezone(datetime.UTC),
        }
        if self.month_day:
            rule["BYMONTHDAY"] = self.month_day
        else:
            rule["BYDAY"] = f"{self.week}{('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')[self.weekday or 0]}"
        return rule

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: User) -> EventQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))

    def between(self, start: datetime.date, end: datetime.date) -> EventQuerySet:
        """Events starting on the days from start to end inclusive, in local time."""
        first = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
        after = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
        return self.filter(starts_at__gte=first, starts_at__lt=after)

    def for_person(self, user: User) -> EventQuerySet:
        """Events a person is expected at: they take part, organise, teach an open
        lesson, or the event is for their network and targets their school or group
        (or everyone in the network)."""
        member = Membership.objects.filter(network=OuterRef("network"), user=user)
        schools = Event.target_schools.through.objects.filter(event=OuterRef("pk"))
        groups = Event.target_groups.through.objects.filter(event=OuterRef("pk"))
        in_groups = GroupMembership.objects.filter(user=user).values("group")
        takes_part = Participation.objects.filter(event=OuterRef("pk"), user=user).exclude(
            status=Participation.Status.DECLINED
        )
        teaches = EventLesson.objects.filter(event=OuterRef("pk"), lesson__teacher=user)
        responsible = Event.responsible.through.objects.filter(event=OuterRef("pk"), user=user)
        targeted = (
            Exists(schools.filter(school_id=user.school_id))
            | Exists(groups.filter(group__in=in_groups))
            | (~Exists(schools) & ~Exists(groups))
        )
        return self.filter(
            Exists(takes_part) | Q(organiser=user) | Exists(responsible) | Exists(teaches) | (Exists(member) & targeted)
        )

    def for_school(self, school: School) -> EventQuerySet:
        schools = Event.target_schools.through.objects.filter(event=OuterRef("pk"), school=school)
        return self.filter(Q(host_school=school) | Exists(schools))

    def for_group(self, group: Group) -> EventQuerySet:
        groups = Event.target_groups.through.objects.filter(event=OuterRef("pk"), group=group)
        return self.filter(network=group.network_id).filter(Exists(groups))


class Event(EventFields):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events", verbose_name=_("network"))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("series"),
    )
    # The date the rule gave this occurrence: it stays when the occurrence is moved,
    # and is its RECURRENCE-ID in the iCalendar feed.
    original_date = models.DateField(_("date by the rule"), null=True, blank=True)
    # Changed on its own (moved, cancelled, edited): the feed writes it as an override.
    detached = models.BooleanField(default=False, verbose_name=_("moved out of its series"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="responsible_events", verbose_name=_("responsible people")
    )
    target_schools = models.ManyToManyField(School, blank=True, related_name="+", verbose_name=_("schools invited"))
    target_groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("groups invited"))
    checkin_code = models.CharField(_("check-in code"), max_length=8, default=new_checkin_code)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name=_("calendar identifier"))
    sequence = models.PositiveIntegerField(
        default=0,
        help_text=_("Raised on every change, so that calendars take the new version."),
        verbose_name=_("calendar change number"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The edit form's version (ortaq/lib/editing.py): a save of an older one is refused.
    # Moving the event raises it too (the form shows the date and time); cancelling does
    # not, and an edit does not write the status back.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["series", "original_date"], name="event_occurrence_once"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("events:detail", self.pk)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at)

    @property
    def local_date(self) -> datetime.date:
        return self.local_start.date()

    @property
    def is_moved(self) -> bool:
        return self.series_id is not None and self.original_date is not None and self.local_date != self.original_date

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def participation_counts(self) -> dict[str, int]:
        """How many people are on the list in each status, and how many came."""
        rows = self.participations.values("status").annotate(n=models.Count("pk"))
        counts = {row["status"]: row["n"] for row in rows}
        counts["present"] = self.participations.filter(attendance=Participation.Attendance.PRESENT).count()
        return counts

    def checkin_open(self, now: datetime.datetime | None = None) -> bool:
        """Self check-in works only on the day of the event (local time)."""
        today = timezone.localtime(now or timezone.now()).date()
        return not self.is_cancelled and self.local_date <= today <= timezone.localtime(self.ends_at).date()


class Participation(models.Model):
    """A person's place at an event: invited, registered, on the waiting list or
    declined; then present or absent (with a reason)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        DECLINED = "declined", _("not coming")

    class Attendance(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")

    class AbsenceReason(models.TextChoices):
        ILLNESS = "illness", _("illness")
        LESSONS = "lessons", _("teaching lessons at that time")
        COURSE = "course", _("at a course or another event")
        TRIP = "trip", _("business trip")
        FAMILY = "family", _("family reasons")
        OTHER = "other", pgettext_lazy("absence reason", "other")

    GOING = (Status.INVITED, Status.REGISTERED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    attendance = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices, blank=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=16, choices=AbsenceReason.choices, blank=True)
    absence_note = models.CharField(_("note"), max_length=255, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="participation_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event} ({self.get_status_display()})"

    @property
    def is_going(self) -> bool:
        return self.status in self.GOING


# --- The record of a meeting ----------------------------------------------------------------


class Record(models.Model):
    """The record of a meeting (хаттама): agenda, what happened, decisions."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="record", verbose_name=_("event"))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    notes = models.TextField(_("what happened"), blank=True, help_text=_("Markdown is allowed."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("One decision per line."))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The version of the text (ortaq/lib/editing.py): two organisers writing one record
    # do not erase each other. Tasks and files do not raise it: they are rows of their own.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")

    def __str__(self) -> str:
        return str(self.event)

    def agenda_items(self) -> list[str]:
        return lines(self.agenda)

    def decision_items(self) -> list[str]:
        return lines(self.decisions)


class RecordTaskQuerySet(models.QuerySet["RecordTask"]):
    def open(self) -> RecordTaskQuerySet:
        return self.filter(done_at__isnull=True)


class RecordTask(models.Model):
    """A task decided at a meeting, with its owner and due date, tracked until done."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("record"))
    title = models.CharField(_("task"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_tasks", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RecordTaskQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        verbose_name = _("task from a record")
        verbose_name_plural = _("tasks from records")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < (today or timezone.localdate())


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # A random name: files are served through a permission-checked view.
    return f"events/{uuid.uuid4().hex}.{instance.extension or 'bin'}"


class Attachment(CheckedFile):
    """A photo, recording, video or slides from an event, checked by content."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("event"))
    file = models.FileField(_("file"), upload_to=attachment_upload_to)

    class Meta(CheckedFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def get_absolute_url(self) -> str:
        return reverse("events:attachment", args=[self.pk])


class MaterialsDispatch(models.Model):
    """A record's materials sent on to the schools' coordinators (seed 001: webinar
    materials reached every school's coordinator by e-mail)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("record"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("recipients"))
    schools = models.ManyToManyField(School, related_name="+", verbose_name=_("schools reached"))
    # The same materials as they landed in the network's library (materials app).
    material = models.ForeignKey(
        "materials.Material",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in the library"),
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("materials sent to coordinators")
        verbose_name_plural = _("materials sent to coordinators")

    def __str__(self) -> str:
        return f"{self.record} ({self.sent_at:%Y-%m-%d})"


# --- Open lessons ---------------------------------------------------------------------------


class EventLesson(models.Model):
    """An open lesson an event holds (a seminar shows several). The lesson and its
    observations are ``observations``'s; the event only links them, as a Lesson Study
    cycle or a coaching visit will."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="lesson_links", verbose_name=_("event"))
    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="event_link", verbose_name=_("lesson"))

    class Meta:
        verbose_name = _("open lesson of an event")
        verbose_name_plural = _("open lessons of events")

    def __str__(self) -> str:
        return f"{self.event}: {self.lesson}"


# --- Calendar subscriptions and shifts ------------------------------------------------------


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret in a private calendar address: a phone subscribes without signing in,
    so the address itself is the key. Resetting it makes a new one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("person")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("network")
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False, verbose_name=_("token")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(network__isnull=True), name="feed_one_personal"),
            models.UniqueConstraint(
                fields=["user", "network"], condition=Q(network__isnull=False), name="feed_one_per_network"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.network or _('personal')}"

    def get_absolute_url(self) -> str:
        return reverse("events:feed", args=[self.token])
