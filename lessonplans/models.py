"""Sequenced lessons (тізбектелген сабақтар топтамасы): a medium-term plan (орта мерзімді
жоспар, ОМЖ) that a developing group builds for a subject and a grade, and its lessons,
each a short-term plan (қысқа мерзімді жоспар, ҚМЖ) with the curriculum's learning
objective codes and the table of the lesson's stages.

Who may see and change what is decided in lessonplans/permissions.py; ``visible_to``
below is the same rule for lists.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from materials.models import Collection, Material
from networks.models import Group, GroupMembership, Network
from ortaq.lib.urls import id_url
from subjects.models import Subject

# --- Learning objective codes ---------------------------------------------------------------
#
# The updated curriculum numbers each learning objective by grade, section, subsection
# and objective: «7.2.1.1» (some subjects have three parts, «5.1.2», or five). The
# English curriculum writes a strand in letters: «7.L1», «7.UE3».
OBJECTIVE_CODE = re.compile(r"^(?:[0-9]{1,2}(?:\.[0-9]{1,2}){2,4}|[0-9]{1,2}\.[A-Z]{1,3}[0-9]{1,2})$")


def validate_objective_codes(codes: list[str]) -> None:
    wrong = [code for code in codes if not OBJECTIVE_CODE.match(code)]
    if wrong:
        raise ValidationError(
            _("Not a learning objective code: %(codes)s. Write codes as in the curriculum, e.g. 7.2.1.1.")
            % {"codes": ", ".join(wrong)},
            code="objective_code",
        )


class Module(models.TextChoices):
    """The seven modules of the level programme a series of sequenced lessons covers
    (seed 002: «жеті модульді қамтитын тізбектелген сабақтар топтамасы»)."""

    NEW_APPROACHES = "new_approaches", _("new approaches to teaching and learning (dialogic teaching)")
    CRITICAL_THINKING = "critical_thinking", _("teaching critical thinking")
    ASSESSMENT = "assessment", _("assessment for learning and assessment of learning")
    ICT = "ict", _("ICT in teaching and learning")
    TALENTED = "talented", _("teaching talented and gifted pupils")
    AGE = "age", _("teaching in line with pupils' age characteristics")
    LEADERSHIP = "leadership", _("management and leadership in learning")


GRADES = range(0, 12)


class SeriesQuerySet(models.QuerySet["Series"]):
    def visible_to(self, user: User) -> SeriesQuerySet:
        """Published series of the networks the person sees; drafts to their authors
        and to the members of the group that builds them."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = Q(authors=user) | Q(group__in=GroupMembership.objects.filter(user=user).values("group_id"))
        mine = Series.objects.filter(own).values("pk")
        return self.filter(network__in=Network.objects.visible_to(user).values("pk")).filter(
            Q(status=Series.Status.PUBLISHED) | Q(pk__in=mine)
        )


class Series(models.Model):
    """A medium-term plan: a series of sequenced lessons for one subject and grade."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("series of lessons", "draft")
        PUBLISHED = "published", pgettext_lazy("series of lessons", "published")

    class Language(models.TextChoices):
        KAZAKH = "kk", pgettext_lazy("language of instruction", "Kazakh")
        RUSSIAN = "ru", pgettext_lazy("language of instruction", "Russian")
        ENGLISH = "en", pgettext_lazy("language of instruction", "English")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="lesson_series", verbose_name=_("network")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_series",
        verbose_name=_("developing group"),
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="lesson_series", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MaxValueValidator(11)])
    title = models.CharField(_("title"), max_length=255)
    unit = models.CharField(_("unit"), max_length=255, blank=True, help_text=_("The curriculum's section (бөлім)."))
    modules = models.JSONField(_("modules"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="lesson_series", blank=True, verbose_name=_("authors")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # What the library holds of it once published: a collection of the whole series
    # (one DOCX) and each lesson's plan (lessons' own ``material``).
    collection = models.ForeignKey(
        Collection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("collection")
    )
    material = models.ForeignKey(
        Material, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("material")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("medium-term plan")
        verbose_name_plural = _("medium-term plans")
        indexes = [models.Index(fields=["network", "-created_at", "-id"], name="lessonseries_network_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("lessonplans:series", self.pk)

    def clean(self) -> None:
        if self.group_id is not None and self.group is not None and self.group.network_id != self.network_id:
            raise ValidationError({"group": _("Choose one of the network's groups.")}, code="group_elsewhere")
        unknown = [m for m in self.modules if m not in Module.values]
        if unknown:
            raise ValidationError({"modules": _("Choose modules from the list.")}, code="module")

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def module_labels(self) -> list[str]:
        return [str(Module(m).label) for m in Module.values if m in self.modules]

    @property
    def grade_label(self) -> str:
        return str(_("grade %(grade)s") % {"grade": self.grade})


class LessonPlan(models.Model):
    """One lesson of a series: its short-term plan (ҚМЖ)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("series"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    topic = models.CharField(_("lesson topic"), max_length=255)
    date = models.DateField(_("date"), null=True, blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teacher"),
    )
    class_name = models.CharField(_("class"), max_length=20, blank=True, help_text=_("For example 7 «Ә»."))
    present = models.PositiveSmallIntegerField(_("pupils present"), null=True, blank=True)
    absent = models.PositiveSmallIntegerField(_("pupils absent"), null=True, blank=True)
    objective_codes = models.JSONField(_("learning objectives"), default=list, blank=True)
    objectives = models.TextField(_("lesson objectives"), blank=True, max_length=5000)
    success_criteria = models.TextField(_("assessment criteria"), blank=True, max_length=5000)
    values = models.TextField(_("values and cross-curricular links"), blank=True, max_length=5000)
    assessment = models.TextField(_("assessment"), blank=True, max_length=5000)
    differentiation = models.TextField(_("differentiation"), blank=True, max_length=5000)
    resources = models.TextField(_("resources"), blank=True, max_length=5000)
    reflection = models.TextField(_("reflection"), blank=True, max_length=10000)
    material = models.ForeignKey(
        Material, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("material")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["series", "order", "pk"]
        verbose_name = _("short-term plan")
        verbose_name_plural = _("short-term plans")

    def __str__(self) -> str:
        return f"{self.order}. {self.topic}"

    def get_absolute_url(self) -> str:
        return id_url("lessonplans:lesson", self.pk)

    def clean(self) -> None:
        validate_objective_codes(list(self.objective_codes))

    @property
    def codes_label(self) -> str:
        return ", ".join(self.objective_codes)

    def total_minutes(self) -> int:
        return sum(stage.minutes or 0 for stage in self.stages.all())


class Stage(models.Model):
    """A row of the ҚМЖ's table of the lesson's course."""

    class Part(models.TextChoices):
        BEGINNING = "beginning", _("beginning of the lesson")
        MIDDLE = "middle", _("middle of the lesson")
        END = "end", _("end of the lesson")

    lesson = models.ForeignKey(LessonPlan, on_delete=models.CASCADE, related_name="stages", verbose_name=_("lesson"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    part = models.CharField(_("stage of the lesson"), max_length=10, choices=Part.choices, default=Part.MIDDLE)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True, validators=[MaxValueValidator(240)])
    teacher_actions = models.TextField(_("teacher's actions"), blank=True, max_length=5000)
    pupil_actions = models.TextField(_("pupils' actions"), blank=True, max_length=5000)
    assessment = models.TextField(_("assessment"), blank=True, max_length=2000)
    resources = models.TextField(_("resources"), blank=True, max_length=2000)

    class Meta:
        ordering = ["lesson", "order", "pk"]
        verbose_name = _("stage of the lesson")
        verbose_name_plural = _("stages of the lesson")

    def __str__(self) -> str:
        return f"{self.lesson}: {self.get_part_display()}"

    @property
    def text_fields(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "minutes": self.minutes,
            "teacher_actions": self.teacher_actions,
            "pupil_actions": self.pupil_actions,
            "assessment": self.assessment,
            "resources": self.resources,
        }
