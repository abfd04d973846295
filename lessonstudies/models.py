"""Lesson Study (Dudley's model, as practised in Kazakhstan's schools): a team plans a
research lesson (зерттеу сабағы) together in versions and predicts, activity by
activity, what each case pupil (бақыланатын оқушы) will do; observers watch the case
pupils, not the teacher; the case pupils are interviewed; the post-lesson discussion
starts from them; the revised lesson is taught again (research lessons 1, 2, 3); the
report is published to the library.

Everything the team writes about pupils and lessons (predictions, notes, interviews,
the discussion) stays with the team: the firewall between development and evaluation
(lessonstudies/permissions.py).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Group, Network
from observations.models import Lesson
from ortaq.lib.urls import id_url
from schools.models import School
from subjects.models import Subject

if TYPE_CHECKING:
    from accounts.models import User

LESSONS_IN_A_CYCLE = 3


class Stage(models.TextChoices):
    PLANNING = "planning", _("planning")
    LESSON = "lesson", _("research lesson")
    DISCUSSION = "discussion", _("discussion")
    REPORT = "report", _("report")
    DONE = "done", _("done")


class CycleQuerySet(models.QuerySet["Cycle"]):
    def visible_to(self, user: User) -> CycleQuerySet:
        """The cycles whose existence the person may know: those of the networks they read."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(network__in=Network.objects.visible_to(user).values("pk"))


class Cycle(models.Model):
    """A Lesson Study: a team's research on one question through research lessons."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="lesson_studies", verbose_name=_("network")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_studies",
        verbose_name=_("research group"),
    )
    theme = models.CharField(_("research theme"), max_length=255)
    question = models.TextField(_("research question"))
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MinValueValidator(0), MaxValueValidator(12)])
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_lesson_studies",
        verbose_name=_("team leader"),
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="lesson_studies", verbose_name=_("team"))
    conclusions = models.TextField(_("conclusions"), blank=True)
    material = models.ForeignKey(
        "materials.Material",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report in the library"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Lesson Study")
        verbose_name_plural = _("Lesson Studies")

    def __str__(self) -> str:
        return self.theme

    def get_absolute_url(self) -> str:
        return id_url("lessonstudies:cycle", self.pk)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ResearchLesson(models.Model):
    """Research lesson N of a cycle: who teaches it, when and where. The lesson itself is
    an ``observations.Lesson``, held privately by the team."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("Lesson Study"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    lesson = models.OneToOneField(
        Lesson, on_delete=models.PROTECT, related_name="research_lesson", verbose_name=_("observed lesson")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="research_lessons", verbose_name=_("teacher")
    )
    date = models.DateField(_("date"))
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    class_name = models.CharField(_("class"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("research lesson")
        verbose_name_plural = _("research lessons")
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="research_lesson_number_once")]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.number}"

    def get_absolute_url(self) -> str:
        return id_url("lessonstudies:lesson", self.pk)

    def is_taught(self, today: datetime.date) -> bool:
        return self.date <= today


class PlanVersion(models.Model):
    """The research lesson as planned, one version after another (never overwritten)."""

    research_lesson = models.ForeignKey(
        ResearchLesson, on_delete=models.CASCADE, related_name="versions", verbose_name=_("research lesson")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    objectives = models.TextField(_("learning objectives"))
    success_criteria = models.TextField(_("success criteria"), blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["research_lesson", "number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [models.UniqueConstraint(fields=["research_lesson", "number"], name="plan_version_once")]

    def __str__(self) -> str:
        return f"{self.research_lesson} v{self.number}"


class Activity(models.Model):
    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan"))
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("lesson activity"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("lesson activity")
        verbose_name_plural = _("lesson activities")

    def __str__(self) -> str:
        return self.title


class CasePupil(models.Model):
    """A pupil the team follows through the lessons, by a code only (no names)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="pupils", verbose_name=_("Lesson Study"))
    code = models.CharField(_("code"), max_length=8)
    profile = models.TextField(_("what the pupil is expected to do"))
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("observer")
    )

    class Meta:
        ordering = ["cycle", "code"]
        verbose_name = _("case pupil")
        verbose_name_plural = _("case pupils")
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="case_pupil_code_once")]

    def __str__(self) -> str:
        return self.code


class Prediction(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="predictions")
    pupil = models.ForeignKey(CasePupil, on_delete=models.CASCADE, related_name="predictions")
    text = models.TextField(_("prediction"))

    class Meta:
        verbose_name = _("prediction")
        verbose_name_plural = _("predictions")
        constraints = [models.UniqueConstraint(fields=["activity", "pupil"], name="prediction_once")]

    def __str__(self) -> str:
        return self.text[:60]


class Note(models.Model):
    """One line of an observer's sheet: what a case pupil did, when."""

    research_lesson = models.ForeignKey(
        ResearchLesson, on_delete=models.CASCADE, related_name="notes", verbose_name=_("research lesson")
    )
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(CasePupil, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case pupil"))
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("lesson activity"),
    )
    noted_at = models.DateTimeField(_("time"))
    text = models.TextField(_("note"))
    seat_x = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)])
    seat_y = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)])
    # Made by the phone before the note is sent: a note sent twice (the offline queue
    # retrying) is kept once.
    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["research_lesson", "noted_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:60]


class Interview(models.Model):
    """A case pupil's short interview after the lesson."""

    research_lesson = models.ForeignKey(ResearchLesson, on_delete=models.CASCADE, related_name="interviews")
    pupil = models.ForeignKey(CasePupil, on_delete=models.CASCADE, related_name="interviews")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    learned = models.TextField(_("What did you learn?"), blank=True)
    helped = models.TextField(_("What helped you?"), blank=True)
    hard = models.TextField(_("What was hard?"), blank=True)
    change = models.TextField(_("What would you change?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["research_lesson", "pupil__code"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [models.UniqueConstraint(fields=["research_lesson", "pupil"], name="interview_once")]

    def __str__(self) -> str:
        return f"{self.research_lesson} — {self.pupil}"

    def answers(self) -> list[tuple[str, str]]:
        return [
            (str(getattr(self._meta.get_field(name), "verbose_name", name)), str(getattr(self, name)))
            for name in ("learned", "helped", "hard", "change")
        ]


class Discussion(models.Model):
    """The post-lesson discussion: per activity and case pupil, what was seen against
    what was predicted; and the decisions for the next lesson."""

    research_lesson = models.OneToOneField(ResearchLesson, on_delete=models.CASCADE, related_name="discussion")
    decisions = models.TextField(_("decisions for the next lesson"), blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return str(self.research_lesson)


class DiscussionRecord(models.Model):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="records")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(CasePupil, on_delete=models.CASCADE, related_name="+")
    observed = models.TextField(_("observed against predicted"), blank=True)
    change = models.TextField(_("what to change"), blank=True)

    class Meta:
        verbose_name = _("discussion record")
        verbose_name_plural = _("discussion records")
        constraints = [models.UniqueConstraint(fields=["discussion", "activity", "pupil"], name="record_once")]

    def __str__(self) -> str:
        return self.observed[:60]


@dataclass(frozen=True)
class Step:
    """One thing the cycle needs, in order: done or not, and where to do it."""

    label: str
    done: bool
    url: str
