"""Coaching (коучинг), after seed 002's model: the change team writes a coaching plan
(коучинг жоспары) for a goal of the school's development plan; a coach (коуч: a
level-2 teacher, a methodologist) runs a series of coaching sessions (коучинг сессиясы)
with the plan's teachers and visits their lessons (сабаққа қатысу), which are observed
through ``observations``.

The firewall between development and evaluation: what is said in a session (what was
done, agreements, next steps, evidence, the teachers' reflections) and what the coach
observes in a visit belong to the coach and the plan's teachers. The network's
organisers and the plan's author see that a plan exists, its session count and status,
and nothing more — unless the teachers share the plan's records
(``CoachingPlan.shared_with_leaders``). The rule lives in coaching/permissions.py.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from networks.models import Network
from observations.models import Lesson
from ortaq.lib.checked_files import CheckedFile
from ortaq.lib.urls import id_url
from plans.models import Goal
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User


class CoachingPlanQuerySet(models.QuerySet["CoachingPlan"]):
    def visible_to(self, user: User) -> CoachingPlanQuerySet:
        """The plans a person may know of (coaching/permissions.py, the same rule as
        ``get_plan_for_user``): their coach and teachers, the plan's author, the
        network's organisers and the director of the plan's school."""
        from coaching.permissions import plans_visible_to

        return cast(CoachingPlanQuerySet, plans_visible_to(user, self))


class CoachingPlan(models.Model):
    """A coaching plan (коучинг жоспары): a coach, the teachers, the focus and the
    planned sessions, linked to a goal of a development plan where there is one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("under way")
        COMPLETED = "completed", _("completed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="coaching_plans", verbose_name=_("network")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_plans",
        verbose_name=_("school"),
    )
    title = models.CharField(_("title"), max_length=255)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_plans",
        verbose_name=_("goal of the development plan"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_plans_led", verbose_name=_("coach")
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coaching_plans", blank=True, verbose_name=_("teachers")
    )
    focus = models.TextField(_("focus"), blank=True, help_text=_("What the teachers want to change in their lessons."))
    resources = models.TextField(_("resources"), blank=True)
    materials = models.ManyToManyField(
        "materials.Material", blank=True, related_name="+", verbose_name=_("library materials")
    )
    planned_sessions = models.PositiveSmallIntegerField(_("planned sessions"), default=6)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    shared_with_leaders = models.BooleanField(
        _("records shared with the leaders"),
        default=False,
        help_text=_("The teachers let the network's leaders and the school's director read the records."),
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
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = CoachingPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("coaching plan")
        verbose_name_plural = _("coaching plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="coaching_plan_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("coaching:plan", self.pk)


class CoachingSessionQuerySet(models.QuerySet["CoachingSession"]):
    def due(self, today: datetime.date) -> CoachingSessionQuerySet:
        """Planned sessions whose day is tomorrow or has passed without a record."""
        return self.filter(status=CoachingSession.Status.PLANNED, date__lte=today + datetime.timedelta(days=1))

    def overdue(self, today: datetime.date) -> CoachingSessionQuerySet:
        return self.filter(status=CoachingSession.Status.PLANNED, date__lt=today)


class CoachingSession(models.Model):
    """A coaching session (коучинг сессиясы) of a plan and its record. Scheduled in the
    work plan, it links the event (``event``), never copies it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")

    plan = models.ForeignKey(CoachingPlan, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_sessions",
        verbose_name=_("event of the work plan"),
    )
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    done = models.TextField(_("what was done"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True, help_text=_("One agreement per line."))
    next_steps = models.TextField(_("next steps"), blank=True, help_text=_("One step per line."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reminded_on = models.DateField(_("reminder sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="coaching_session_number_once")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.number}"

    def get_absolute_url(self) -> str:
        return id_url("coaching:session", self.pk)

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return not self.is_held and self.date < (today or timezone.localdate())


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    # A random name: files are served through a permission-checked view.
    return f"coaching/{uuid.uuid4().hex}.{instance.extension or 'bin'}"


class Evidence(CheckedFile):
    """A file that shows what a session did: a photo, pupils' work, a recording."""

    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("coaching session")
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to)

    class Meta(CheckedFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def get_absolute_url(self) -> str:
        return id_url("coaching:evidence", self.pk)


class Reflection(models.Model):
    """A teacher's own word on a session: what they will try next."""

    session = models.ForeignKey(
        CoachingSession, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("coaching session")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    text = models.TextField(_("reflection"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["updated_at", "pk"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [models.UniqueConstraint(fields=["session", "author"], name="coaching_reflection_once")]

    def __str__(self) -> str:
        return self.text[:80]


class Visit(models.Model):
    """A lesson visit (сабаққа қатысу): the coach observes a teacher's lesson with the
    network's observation form. The lesson is ``observations``' own; this links it."""

    plan = models.ForeignKey(CoachingPlan, on_delete=models.CASCADE, related_name="visits", verbose_name=_("plan"))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("teacher")
    )
    lesson = models.OneToOneField(
        Lesson, on_delete=models.CASCADE, related_name="coaching_visit", verbose_name=_("lesson")
    )
    focus = models.CharField(_("focus of the visit"), max_length=500, blank=True)
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("lesson visit")
        verbose_name_plural = _("lesson visits")

    def __str__(self) -> str:
        return f"{self.lesson.topic} ({self.date})"

    def get_absolute_url(self) -> str:
        return self.lesson.get_absolute_url()
