"""School development plans (Мектептің даму жоспары) and the school development rubric
(Мектептің даму бағыттары), after the Centre's model of seed 002:

1. audit (аудит) — live figures Ortaq holds, rows the school enters, its
   self-evaluation and the data-collection methods it chose (``Audit``, ``DataRow``);
2. strategic priorities (стратегиялық басымдықтар), each answering needs and evidence
   (``Priority``);
3. a) activities (іс-шаралар) and b) their implementation plans (іске асыру жоспарлары:
   owner, dates, resources, the events of the work plan that carry them — linked, not
   copied) (``Activity``); c) evaluation (эвалюация): per SMART goal, success criteria
   (табыс критерийлері) with a status, an indicator and progress checks on dates
   (``Goal``, ``Criterion``, ``Check``);
4. the monitoring report (мониторинг туралы есеп) (``Report``).

A development plan says what a school wants to change and how it will know; the events
work plan (``events.WorkPlan``) lists the meetings that carry it out. So this app sits
above ``events``: an activity links events, never copies them.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from calendars.models import AcademicYear
from events.models import Event
from networks.models import Group, Network
from ortaq.lib.urls import id_url
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User


class Stage(models.TextChoices):
    """The pages of a plan, in the order of the Centre's model."""

    AUDIT = "audit", _("1. Audit")
    PRIORITIES = "priorities", _("2. Strategic priorities")
    ACTIVITIES = "activities", _("3a. Activities")
    IMPLEMENTATION = "implementation", _("3b. Implementation plans")
    EVALUATION = "evaluation", _("3c. Evaluation")
    REPORT = "report", _("4. Monitoring report")


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: User) -> PlanQuerySet:
        """The plans a person may open (plans/permissions.py asks the same rule for one
        plan): a network's own plan for whoever reads the network; a school's plan for
        its change team, the school's own members, the network's organisers and the
        people who support schools (coaches and mentors of the leading school, the
        district methodologists)."""
        from plans.permissions import plans_visible_to

        return cast(PlanQuerySet, plans_visible_to(user, self))


class Plan(models.Model):
    """A development plan of a school in a network — or, without a school, of the
    network itself — for an academic year or a longer cycle with its own dates."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="development_plans", verbose_name=_("network")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="development_plans",
        verbose_name=_("school"),
        help_text=_("Leave empty for the network's own plan."),
    )
    title = models.CharField(_("title"), max_length=255)
    year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="development_plans",
        verbose_name=_("academic year"),
        help_text=_("Leave empty for a longer cycle and give its dates."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    change_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="change_teams", blank=True, verbose_name=_("change team")
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

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="plan_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("plans:detail", self.pk)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The last day must come after the first.")})

    @property
    def owner_name(self) -> str:
        return self.school.name if self.school_id and self.school else self.network.name

    def stage_url(self, stage: str) -> str:
        return id_url(f"plans:{stage}", self.pk)


# --- 1. Audit ---------------------------------------------------------------------------------


class Method(models.TextChoices):
    """Data-collection methods (дерек жинау әдістері) of seed 002's figures 1 and 3."""

    QUESTIONNAIRE = "questionnaire", _("questionnaires of teachers, pupils or parents")
    OBSERVATION = "observation", _("lesson observation")
    INTERVIEW = "interview", _("interviews and focus groups")
    RESULTS = "results", _("analysis of pupils' results")
    WORK = "work", _("pupils' work")
    DOCUMENTS = "documents", _("documents and meeting records")
    DIARY = "diary", _("reflective diaries")
    MEDIA = "media", _("photos, audio and video recordings")


class Audit(models.Model):
    """What the school says of itself, and how it collects its data."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="audit", verbose_name=_("development plan")
    )
    self_evaluation = models.TextField(
        _("the school's self-evaluation"),
        blank=True,
        help_text=_("What the school does well, what it needs to change, and how it knows."),
    )
    methods = models.JSONField(_("data-collection methods"), default=list, blank=True)
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
        verbose_name = _("audit")
        verbose_name_plural = _("audits")

    def __str__(self) -> str:
        return str(self.plan)

    def method_labels(self) -> list[str]:
        labels = dict(Method.choices)
        return [str(labels[code]) for code in self.methods if code in labels]


class DataRow(models.Model):
    """A figure the school enters (pupils' results, quality of education, olympiads,
    projects), with where it comes from and when it was collected."""

    class Kind(models.TextChoices):
        RESULTS = "results", _("pupils' results")
        QUALITY = "quality", _("quality of education")
        OLYMPIADS = "olympiads", _("olympiads and competitions")
        PROJECTS = "projects", _("projects")
        SURVEY = "survey", _("survey")
        OTHER = "other", _("other data")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="data_rows", verbose_name=_("development plan")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RESULTS)
    label = models.CharField(_("what"), max_length=255)
    value = models.CharField(_("figure"), max_length=100)
    source = models.CharField(_("source"), max_length=255)
    collected_on = models.DateField(_("collected on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ["kind", "-collected_on", "pk"]
        verbose_name = _("audit data row")
        verbose_name_plural = _("audit data rows")

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


# --- 2. Strategic priorities -------------------------------------------------------------------


class Priority(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("development plan")
    )
    title = models.CharField(_("priority"), max_length=255)
    needs = models.TextField(_("the needs and evidence it answers"))
    evidence = models.ManyToManyField(DataRow, blank=True, related_name="priorities", verbose_name=_("audit data"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")

    def __str__(self) -> str:
        return self.title


# --- 3c. Goals and their evaluation -------------------------------------------------------------


class Goal(models.Model):
    """A SMART goal of a priority: what is measured, from what to what, by when. Its
    indicator is either a live figure Ortaq computes (``indicator_source``, a key of
    plans/indicators.py) or one the team enters at each check."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="goals", verbose_name=_("priority"))
    statement = models.TextField(_("goal"))
    measure = models.CharField(_("measure"), max_length=255, help_text=_("What is counted or measured."))
    baseline = models.DecimalField(_("baseline"), max_digits=10, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=2)
    due_on = models.DateField(_("achieved by"))
    indicator_source = models.CharField(
        _("indicator"),
        max_length=60,
        blank=True,
        help_text=_("A figure Ortaq computes, or empty to enter the figure at each check."),
    )
    methods = models.TextField(_("evaluation methods"), blank=True)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def plan(self) -> Plan:
        return self.priority.plan

    @property
    def rises(self) -> bool:
        return self.target >= self.baseline

    def progress(self, value: Decimal | None) -> float | None:
        """How far ``value`` went from the baseline to the target (0–1, not clamped
        below: a figure that fell shows as behind the start)."""
        if value is None or self.target == self.baseline:
            return None
        return float((value - self.baseline) / (self.target - self.baseline))


class GoalNeed(models.Model):
    """That a goal serves a need the network's needs assessment found (surveys/needs.py):
    the need is its area's key, so the link outlives the survey that ranked it, as an
    event's does (``surveys.NeedServed``)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="needs_served", verbose_name=_("goal"))
    need = models.SlugField(_("need"), max_length=60)

    class Meta:
        ordering = ["goal_id", "pk"]
        verbose_name = _("need a goal serves")
        verbose_name_plural = _("needs goals serve")
        constraints = [models.UniqueConstraint(fields=["goal", "need"], name="goal_need_once")]

    def __str__(self) -> str:
        return f"{self.need}: {self.goal_id}"


class Criterion(models.Model):
    """A success criterion (табыс критерийі) of a goal and how it stands."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        MET = "met", _("met")
        NOT_MET = "not_met", _("not met")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("goal"))
    text = models.CharField(_("success criterion"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")

    def __str__(self) -> str:
        return self.text


class Check(models.Model):
    """A progress check (алға ілгерілеуді тексеру) of a goal on a date: the figure then
    (entered, or the live figure as it stood when the check was made) and a note."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checks", verbose_name=_("goal"))
    due_on = models.DateField(_("check on"))
    done_on = models.DateField(_("checked on"), null=True, blank=True)
    value = models.DecimalField(_("figure"), max_digits=10, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("what the check found"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("progress check")
        verbose_name_plural = _("progress checks")

    def __str__(self) -> str:
        return f"{self.goal}: {self.due_on}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


# --- 3a/3b. Activities and their implementation plans ---------------------------------------------


class ActivityQuerySet(models.QuerySet["Activity"]):
    def overdue(self, today: datetime.date | None = None) -> ActivityQuerySet:
        return self.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


class Activity(models.Model):
    """An activity (іс-шара) towards a goal, with its implementation plan: who answers
    for it, when, with what, and which events of the work plan carry it out."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("development plan")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("goal")
    )
    title = models.CharField(_("activity"), max_length=255)
    description = models.TextField(_("what will be done"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_activities",
        verbose_name=_("responsible"),
    )
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("group")
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    resources = models.TextField(_("resources"), blank=True)
    events = models.ManyToManyField(Event, blank=True, related_name="plan_activities", verbose_name=_("events"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Set by ``ortaq send_plan_reminders`` once the owner is told it is overdue.
    overdue_notified_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("overdue reminder sent")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("The due date cannot come before the start.")})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < (today or timezone.localdate())


# --- Comments of the people who support the school ------------------------------------------------


class Comment(models.Model):
    """A comment of the leading school's coach or the district methodologist on a
    stage, resolved like a review comment once the team has answered it."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("development plan")
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


# --- 4. Monitoring report ------------------------------------------------------------------------


class Report(models.Model):
    """The monitoring report's reflection: the interim one at three months (1000 words)
    and the final one at six (1500 words), each kept."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim report (three months)")
        FINAL = "final", _("final report (six months)")

    WORDS = {Kind.INTERIM: 1000, Kind.FINAL: 1500}

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports", verbose_name=_("development plan"))
    kind = models.CharField(_("report"), max_length=8, choices=Kind.choices)
    reflection = models.TextField(_("reflection"), blank=True)
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
        ordering = ["plan", "kind"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="report_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_kind_display()}"

    @property
    def words_asked(self) -> int:
        return self.WORDS[self.Kind(self.kind)]

    @property
    def word_count(self) -> int:
        return self.count_words(self.reflection)

    @staticmethod
    def count_words(text: str) -> int:
        return len(text.split())


def report_file_upload_to(instance: ReportVersion, filename: str) -> str:
    # A random name: the path tells nothing of the school, and two versions made in the
    # same second cannot collide. The name people download is made by the view.
    extension = filename.rpartition(".")[2]
    return f"plans/reports/{uuid.uuid4().hex}.{extension}"


class ReportVersion(models.Model):
    """One generated monitoring report, kept as it was made: the DOCX and the PDF of a
    report on a day, so the interim report at three months can still be downloaded
    when the final one at six exists, and each draft before them."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("monitoring report")
    )
    number = models.PositiveIntegerField(_("number"))
    made_on = models.DateField(_("made on"))
    made_at = models.DateTimeField(_("made"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    words = models.PositiveIntegerField(_("words of the reflection"))
    docx = models.FileField(_("DOCX file"), upload_to=report_file_upload_to, max_length=255)
    pdf = models.FileField(_("PDF file"), upload_to=report_file_upload_to, max_length=255)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("monitoring report version")
        verbose_name_plural = _("monitoring report versions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_once")]

    def __str__(self) -> str:
        return f"{self.report} — {self.number}"

    def filename(self, extension: str) -> str:
        """The name a download is saved under: the report and the day it was made."""
        kind = "aralyq" if self.report.kind == Report.Kind.INTERIM else "qorytyndy"
        return f"monitoring-{kind}-{self.made_on:%d.%m.%Y}-v{self.number}.{extension}"


# --- The school development rubric (seed 002, appendix 2) ------------------------------------------


class Translated(models.Model):
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = (get_language() or "kk")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_kk)


class RubricArea(Translated):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("rubric area")
        verbose_name_plural = _("rubric areas")

    def __str__(self) -> str:
        return self.name


class RubricStage(Translated):
    number = models.PositiveSmallIntegerField(_("stage"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("rubric stage")
        verbose_name_plural = _("rubric stages")

    def __str__(self) -> str:
        return self.name


class Descriptor(models.Model):
    area = models.ForeignKey(
        RubricArea, on_delete=models.CASCADE, related_name="descriptors", verbose_name=_("rubric area")
    )
    stage = models.ForeignKey(
        RubricStage, on_delete=models.CASCADE, related_name="descriptors", verbose_name=_("stage")
    )
    text_kk = models.TextField(_("in Kazakh"))
    text_ru = models.TextField(_("in Russian"))
    text_en = models.TextField(_("in English"))

    class Meta:
        ordering = ["area", "stage"]
        verbose_name = _("descriptor")
        verbose_name_plural = _("descriptors")
        constraints = [models.UniqueConstraint(fields=["area", "stage"], name="descriptor_once")]

    def __str__(self) -> str:
        return f"{self.area} — {self.stage}"

    @property
    def text(self) -> str:
        language = (get_language() or "kk")[:2]
        return str(getattr(self, f"text_{language}", "") or self.text_kk)


class Placement(models.Model):
    """Where a school places itself on one area of the rubric in an academic year, with
    the evidence, and how the leading school or the methodologist moderated it: agreed,
    or another stage proposed with a reason."""

    class Moderation(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        AGREED = "agreed", _("agreed")
        PROPOSED = "proposed", _("another stage proposed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="rubric_placements", verbose_name=_("network")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="rubric_placements", verbose_name=_("school")
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("year"))
    area = models.ForeignKey(
        RubricArea, on_delete=models.PROTECT, related_name="placements", verbose_name=_("rubric area")
    )
    stage = models.ForeignKey(RubricStage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage"))
    evidence = models.TextField(
        _("evidence"), help_text=_("One piece of evidence per line: a link to a record, an observation, a material.")
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed by"),
    )
    placed_at = models.DateTimeField(_("placed"), default=timezone.now)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    proposed_stage = models.ForeignKey(
        RubricStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("proposed stage")
    )
    reason = models.TextField(_("reason"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["year__starts_on", "area__position", "pk"]
        verbose_name = _("rubric placement")
        verbose_name_plural = _("rubric placements")
        constraints = [
            models.UniqueConstraint(fields=["network", "school", "year", "area"], name="placement_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.area} · {self.year}: {self.stage}"

    def evidence_items(self) -> list[tuple[str, str]]:
        """Each line of evidence as (text, address). A line ending in an address (a page
        of this site or an http(s) link) links its words to it: «Семинар хаттамасы
        /events/12/record/»; a line that is only an address is its own text."""
        items = []
        for line in self.evidence.splitlines():
            text = line.strip()
            if not text:
                continue
            words, _space, last = text.rpartition(" ")
            if last.startswith(("/", "https://", "http://")):
                items.append((words.strip() or last, last))
            else:
                items.append((text, ""))
        return items
