"""Lesson observation: the forms a network configures (criteria, each with levels),
the observed lesson, each observer's form and scores, and the feedback combined from
them, which the teacher sees once released.

The models came from ``events`` with their tables (``events_*``): the names of the
tables stay so no row had to move.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from ortaq.lib.text import lines
from schools.models import School
from subjects.models import Subject

if TYPE_CHECKING:
    from accounts.models import User


class ObservationForm(models.Model):
    """A lesson observation form the network configures: criteria, each with levels."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="observation_forms", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "events_observationform"
        ordering = ["name"]
        verbose_name = _("observation form")
        verbose_name_plural = _("observation forms")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    form = models.ForeignKey(
        ObservationForm, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("observation form")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("criterion"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        db_table = "events_criterion"
        ordering = ["form", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.title


class CriterionLevel(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="levels", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    descriptor = models.CharField(_("descriptor"), max_length=500)

    class Meta:
        db_table = "events_criterionlevel"
        ordering = ["criterion", "score"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [models.UniqueConstraint(fields=["criterion", "score"], name="criterion_level_once")]

    def __str__(self) -> str:
        return f"{self.score}: {self.descriptor}"


def lesson_plan_upload_to(instance: Lesson, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"lesson-plans/{uuid.uuid4().hex}.{suffix}"


class LessonQuerySet(models.QuerySet["Lesson"]):
    def visible_to(self, user: User) -> LessonQuerySet:
        from observations.holders import shown_to

        return shown_to(self.filter(network__in=Network.objects.visible_to(user)), user)


class Lesson(models.Model):
    """A lesson that colleagues observe: an open lesson (ашық сабақ) of an event today;
    a Lesson Study research lesson or a coaching visit later. What holds it links to it
    (``events.EventLesson``) and says who organises it (``observations.holders``)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("network"))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="open_lessons", verbose_name=_("teacher")
    )
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MinValueValidator(0), MaxValueValidator(12)])
    topic = models.CharField(_("topic"), max_length=255)
    objectives = models.TextField(_("learning objectives"), blank=True, help_text=_("One objective per line."))
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    room = models.CharField(_("classroom"), max_length=60, blank=True)
    plan_material = models.ForeignKey(
        "materials.Material",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lesson plan in the library"),
    )
    plan_file = models.FileField(_("lesson plan"), upload_to=lesson_plan_upload_to, blank=True)
    plan_file_name = models.CharField(max_length=255, blank=True, verbose_name=_("plan file name"))
    form = models.ForeignKey(
        ObservationForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("observation form"),
    )
    feedback_needs_release = models.BooleanField(
        _("keep observations from the teacher until released"),
        default=True,
        help_text=_("The organiser reads the observations first and releases them to the teacher."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        db_table = "events_openlesson"
        ordering = ["starts_at", "pk"]
        verbose_name = _("open lesson")
        verbose_name_plural = _("open lessons")

    def __str__(self) -> str:
        return f"{self.topic} ({self.grade})"

    def get_absolute_url(self) -> str:
        return reverse("observations:lesson", args=[self.pk])

    def objective_items(self) -> list[str]:
        return lines(self.objectives)

    def feedback(self, *, for_teacher: bool) -> Feedback:
        return Feedback.of(self, for_teacher=for_teacher)


class ObservationQuerySet(models.QuerySet["Observation"]):
    def submitted(self) -> ObservationQuerySet:
        return self.filter(submitted_at__isnull=False)

    def visible_to_teacher(self) -> ObservationQuerySet:
        return self.submitted().filter(Q(released_at__isnull=False) | Q(lesson__feedback_needs_release=False))


class Observation(models.Model):
    """One observer's form for one lesson."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="observations", verbose_name=_("lesson"))
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observations", verbose_name=_("observer")
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    what_to_develop = models.TextField(_("what to develop"), blank=True)
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    released_at = models.DateTimeField(_("released to the teacher"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # An observer may keep the draft open on a phone and a laptop at once: a save from
    # a form opened before the other one's is refused (ortaq/lib/editing.py).
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ObservationQuerySet.as_manager()

    class Meta:
        db_table = "events_observation"
        ordering = ["lesson", "submitted_at", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [models.UniqueConstraint(fields=["lesson", "observer"], name="observation_once_per_observer")]

    def __str__(self) -> str:
        return f"{self.observer} — {self.lesson}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_visible_to_teacher(self) -> bool:
        return self.is_submitted and (self.released_at is not None or not self.lesson.feedback_needs_release)


class ObservationScore(models.Model):
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("observation")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        db_table = "events_observationscore"
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["observation", "criterion"], name="score_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


@dataclass(frozen=True)
class CriterionSummary:
    criterion: Criterion
    count: int
    average: float | None
    # (level, descriptor, how many observers chose it, share in %) for every level of the criterion
    distribution: list[tuple[int, str, int, float]]


@dataclass(frozen=True)
class Feedback:
    """The observations of one lesson combined: per criterion the average and the
    distribution of levels, and every comment. For the teacher, only the released
    observations count."""

    observers: int
    criteria: list[CriterionSummary]
    what_worked: list[str]
    what_to_develop: list[str]
    comments: list[str]
    held_back: int

    @classmethod
    def of(cls, lesson: Lesson, *, for_teacher: bool) -> Feedback:
        submitted = lesson.observations.submitted()
        shown = (
            submitted.filter(Q(released_at__isnull=False) | Q(lesson__feedback_needs_release=False))
            if for_teacher
            else submitted
        )
        observations = list(shown.order_by("submitted_at", "pk"))
        held_back = submitted.count() - len(observations) if for_teacher else 0
        criteria = (
            list(lesson.form.criteria.prefetch_related("levels")) if lesson.form_id else []  # type: ignore[union-attr]
        )
        scores = ObservationScore.objects.filter(observation__in=[o.pk for o in observations])
        by_criterion: dict[int, list[int]] = {}
        for criterion_id, score in scores.values_list("criterion_id", "score"):
            by_criterion.setdefault(criterion_id, []).append(score)
        summaries = []
        for criterion in criteria:
            values = by_criterion.get(criterion.pk, [])
            distribution = [
                (
                    level.score,
                    level.descriptor,
                    values.count(level.score),
                    round(100 * values.count(level.score) / len(values), 1) if values else 0.0,
                )
                for level in criterion.levels.all()
            ]
            average = round(sum(values) / len(values), 2) if values else None
            summaries.append(CriterionSummary(criterion, len(values), average, distribution))
        return cls(
            observers=len(observations),
            criteria=summaries,
            what_worked=[o.what_worked for o in observations if o.what_worked.strip()],
            what_to_develop=[o.what_to_develop for o in observations if o.what_to_develop.strip()],
            comments=[o.comments for o in observations if o.comments.strip()],
            held_back=held_back,
        )
