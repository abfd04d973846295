"""Questionnaires (instruments) and the surveys that send them (DOMAIN.md part 7).

An ``Instrument`` is a questionnaire — shipped with the product (no network) or a
network's own — and lives in ``InstrumentVersion``s: sections of items. A version is
frozen once a survey runs on it; editing a frozen one makes the next version
(``actions.editable_version``), so answers always mean the questions they answered.

A ``Survey`` sends one version to an audience of a network (its members, chosen
schools, a group, an event's participants — signed in — or anyone with a link), between
two moments, anonymously or not, as one wave of a series (``repeats``: the survey it
repeats, for before/after).

Anonymity is a promise the tables keep (README «The anonymity promise»): the
``Response`` and ``Answer`` of an anonymous survey hold no person, address, browser or
session and only the day; the ``Receipt`` that says a person has answered (so they are
not reminded) shares no key, no moment and no order with them.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.models import Event, Participation
from networks.models import Group, GroupMembership, Membership, Network
from ortaq.lib.urls import id_url
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User

LANGUAGES = ("kk", "ru", "en")
# Below this many respondents nothing of a group is shown, anywhere (results, filters, exports).
MIN_GROUP = 5


def in_language(texts: dict[str, str] | None, language: str | None = None) -> str:
    """A text of an instrument in the reader's language, else Kazakh, else any."""
    texts = texts or {}
    language = (language or get_language() or "kk")[:2]
    return texts.get(language) or texts.get("kk") or next(iter(texts.values()), "")


class Translated(models.Model):
    """A row whose texts are kept in the three languages as {"kk": …, "ru": …, "en": …}."""

    class Meta:
        abstract = True

    def tr(self, name: str = "title", language: str | None = None) -> str:
        return in_language(getattr(self, name), language)

    def missing(self, name: str = "title") -> list[str]:
        """The languages its text is not written in (a respondent reads the Kazakh one)."""
        texts = getattr(self, name) or {}
        return [language for language in LANGUAGES if not str(texts.get(language, "")).strip()]


# --- Scales -----------------------------------------------------------------------------------


class Scale(Translated):
    """A named answer scale (agreement, frequency, need), its points in order."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.JSONField(_("title"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("scale")
        verbose_name_plural = _("scales")

    def __str__(self) -> str:
        return self.tr()

    def bounds(self) -> tuple[int, int]:
        values = [point.value for point in self.points.all()]
        return (min(values), max(values)) if values else (0, 0)


class ScalePoint(Translated):
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="points", verbose_name=_("scale"))
    value = models.SmallIntegerField(_("value"))
    label = models.JSONField(_("label"), default=dict)

    class Meta:
        ordering = ["scale", "value"]
        verbose_name = _("point of a scale")
        verbose_name_plural = _("points of scales")
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_point_once")]

    def __str__(self) -> str:
        return f"{self.value}: {self.tr('label')}"


# --- Instruments ------------------------------------------------------------------------------


class InstrumentKind(models.TextChoices):
    NEEDS = "needs", _("needs assessment")
    TEACHER = "teacher", _("teacher questionnaire")
    EVENT_FEEDBACK = "event_feedback", _("event feedback")
    PARENTS = "parents", _("parents' survey")
    PUPILS = "pupils", _("pupils' survey")
    CUSTOM = "custom", _("other questionnaire")


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def usable_in(self, network: Network) -> InstrumentQuerySet:
        """The shipped library and the network's own."""
        return self.filter(Q(network__isnull=True) | Q(network=network))


class Instrument(Translated):
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("network"),
        help_text=_("Empty for the library shipped with Ortaq."),
    )
    code = models.SlugField(
        _("code"), max_length=60, blank=True, help_text=_("The shipped library's name for it (loaded by a command).")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices, default=InstrumentKind.CUSTOM)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The edit check (ortaq/lib/editing.py) under another name: ``version`` is taken
    # by the versions of the questions.
    revision = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("revision"))

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="instrument_code_once"),
        ]

    def __str__(self) -> str:
        return self.tr()

    @property
    def is_library(self) -> bool:
        return self.network_id is None

    def latest_version(self) -> InstrumentVersion | None:
        return self.versions.order_by("-number").first()


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("questionnaire")
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    # Set when the first survey runs on it: from then on its questions never change.
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    # For the shipped library: a digest of the file it was loaded from, so loading
    # again changes nothing unless the file did.
    source_digest = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("source digest"))
    # The names of its subscales: {"se_instruction": {"kk": …, "ru": …, "en": …}}.
    subscales = models.JSONField(_("subscales"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["instrument", "number"]
        verbose_name = _("version of a questionnaire")
        verbose_name_plural = _("versions of questionnaires")
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="instrument_version_once")]

    def __str__(self) -> str:
        return f"{self.instrument} · v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def check_editable(self) -> None:
        if self.is_frozen:
            raise ValidationError(_("A survey runs on this version: edit a new version instead."), code="frozen")


class Section(Translated):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    # The section of the frozen version this one was copied from: a page opened on the
    # frozen version finds what to change in the new one (actions.editable_section).
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("copied from")
    )
    revision = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("revision"))

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.tr()


class ItemKind(models.TextChoices):
    SINGLE = "single", _("one choice")
    MULTIPLE = "multiple", _("several choices")
    LIKERT = "likert", _("a point on a scale")
    MATRIX = "matrix", _("statements on one scale")
    NUMBER = "number", _("a number")
    SHORT_TEXT = "short_text", _("a short text")
    LONG_TEXT = "long_text", _("a long text")
    RANKING = "ranking", _("an order of choices")
    SCHOOL = "school", _("the respondent's school")


class Breakdown(models.TextChoices):
    """An answer that may group the results (the respondent chose it themselves)."""

    NONE = "", _("none")
    SCHOOL = "school", _("school")
    ROLE = "role", _("role")


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("not translated")
    DRAFT = "draft", _("draft translation")
    REVIEWED = "reviewed", _("reviewed translation")


class Item(Translated):
    """A question. A matrix is a stem on one scale whose statements are its ``rows``:
    items of their own (``parent``), each answered, scored and tagged alone."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items", verbose_name=_("section"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="rows", verbose_name=_("matrix")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Unique in the version; conditions and exports use it.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices, default=ItemKind.LIKERT)
    text = models.JSONField(_("text"), default=dict)
    help = models.JSONField(_("help"), default=dict, blank=True)
    # {"ru": "reviewed", "en": "draft"}: how far each translation of the Kazakh text has come.
    translation = models.JSONField(_("translation status"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    scale = models.ForeignKey(
        Scale, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("scale")
    )
    # [{"value": "ict", "label": {"kk": …, "ru": …, "en": …}}, …] for choices and rankings.
    options = models.JSONField(_("choices"), default=list, blank=True)
    number_min = models.IntegerField(_("smallest number"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number"), null=True, blank=True)
    # {"item": "<code of an earlier item>", "in": ["a", "b"]} or {"item": …, "gte": 3}.
    show_if = models.JSONField(_("show if"), default=dict, blank=True)
    construct = models.SlugField(_("construct"), max_length=60, blank=True)
    subscale = models.SlugField(_("subscale"), max_length=60, blank=True)
    reverse_keyed = models.BooleanField(_("reverse-keyed"), default=False)
    breakdown = models.CharField(_("groups the results by"), max_length=8, choices=Breakdown.choices, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("revision"))

    class Meta:
        ordering = ["section__position", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["section", "code"], name="item_code_once_in_section")]

    def __str__(self) -> str:
        return self.code

    @property
    def is_scored(self) -> bool:
        """Answered with a number that a mean means something for."""
        return self.kind in (ItemKind.LIKERT, ItemKind.NUMBER)

    @property
    def is_choice(self) -> bool:
        return self.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.RANKING)

    @property
    def is_text(self) -> bool:
        return self.kind in (ItemKind.SHORT_TEXT, ItemKind.LONG_TEXT)

    def option_label(self, value: str, language: str | None = None) -> str:
        for option in self.options:
            if option.get("value") == value:
                return in_language(option.get("label"), language)
        return value

    def clean(self) -> None:
        if self.kind in (ItemKind.LIKERT, ItemKind.MATRIX) and self.scale_id is None:
            raise ValidationError({"scale": _("A question on a scale needs its scale.")})
        if self.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.RANKING) and not self.options:
            raise ValidationError({"options": _("Give the choices.")})
        if self.reverse_keyed and self.kind != ItemKind.LIKERT:
            raise ValidationError({"reverse_keyed": _("Only a point on a scale can be reverse-keyed.")})


# --- Surveys ----------------------------------------------------------------------------------


class Audience(models.TextChoices):
    NETWORK = "network", _("the network's members")
    SCHOOLS = "schools", _("the members at chosen schools")
    GROUP = "group", _("a group's members")
    EVENT = "event", _("an event's participants")
    LINK = "link", _("anyone with a link")


def new_salt() -> str:
    return secrets.token_hex(16)


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user: User) -> SurveyQuerySet:
        """The surveys of the networks the person sees (the same rule as a survey's page)."""
        return self.filter(network__in=Network.objects.visible_to(user))

    def sent(self) -> SurveyQuerySet:
        return self.filter(sent_at__isnull=False)

    def open(self, now: datetime.datetime | None = None) -> SurveyQuerySet:
        now = now or timezone.now()
        return self.sent().filter(opens_at__lte=now, closes_at__gt=now)

    def for_person(self, user: User) -> SurveyQuerySet:
        """Sent surveys whose signed-in audience includes the person."""
        networks = Membership.objects.filter(user=user).values("network_id")
        groups = GroupMembership.objects.filter(user=user).values("group_id")
        events = (
            Participation.objects.filter(user=user)
            .exclude(status=Participation.Status.DECLINED)
            .exclude(attendance=Participation.Attendance.ABSENT)
            .values("event_id")
        )
        in_network = Q(network__in=networks)
        return self.sent().filter(
            (Q(audience=Audience.NETWORK) & in_network)
            | (Q(audience=Audience.SCHOOLS, schools=user.school_id) & in_network)
            | Q(audience=Audience.GROUP, group__in=groups)
            | Q(audience=Audience.EVENT, event__in=events)
        )


class Survey(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("network"))
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("questionnaire")
    )
    title = models.CharField(_("title"), max_length=255)
    audience = models.CharField(_("who answers"), max_length=10, choices=Audience.choices, default=Audience.NETWORK)
    schools = models.ManyToManyField(School, blank=True, related_name="+", verbose_name=_("schools"))
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("group")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Answers are kept without the name of who gave them.")
    )
    asks_match_code = models.BooleanField(
        _("ask for a matching code"),
        default=False,
        help_text=_("Respondents make a code from answers only they know, to pair their answers before and after."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    wave = models.CharField(_("wave"), max_length=60, blank=True, help_text=_("Such as «before» or «September»."))
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        verbose_name=_("repeats the survey"),
    )
    # The matching codes of a series are hashed with the salt of its first wave, so a
    # code made in May meets the same code made in September, and no other series'.
    series_salt = models.CharField(max_length=32, default=new_salt, editable=False, verbose_name=_("series salt"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("surveys:detail", self.pk)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey must close after it opens.")})
        if self.audience == Audience.GROUP and self.group_id is None:
            raise ValidationError({"group": _("Choose the group.")})
        if self.audience == Audience.EVENT and self.event_id is None:
            raise ValidationError({"event": _("Choose the event.")})
        if self.group_id is not None and self.group is not None and self.group.network_id != self.network_id:
            raise ValidationError({"group": _("Choose one of the network's groups.")})
        if self.event_id is not None and self.event is not None and self.event.network_id != self.network_id:
            raise ValidationError({"event": _("Choose one of the network's events.")})
        if self.repeats_id is not None and self.repeats is not None:
            if self.repeats.network_id != self.network_id:
                raise ValidationError({"repeats": _("Choose one of the network's surveys.")})
            if self.repeats.version.instrument_id != self.version.instrument_id:
                raise ValidationError({"repeats": _("A repeated survey asks the same questionnaire.")})

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_sent and self.opens_at <= now < self.closes_at

    def has_closed(self, now: datetime.datetime | None = None) -> bool:
        return self.closes_at <= (now or timezone.now())

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.LINK

    @property
    def series_root(self) -> Survey:
        survey, seen = self, {self.pk}
        while survey.repeats is not None and survey.repeats.pk not in seen:
            survey = survey.repeats
            seen.add(survey.pk)
        return survey

    def audience_people(self) -> models.QuerySet[User]:
        """Who is asked, signed in: nobody for a public link."""
        from accounts.models import User

        people = User.objects.filter(is_active=True)
        members = people.filter(memberships__network=self.network_id)
        if self.audience == Audience.NETWORK:
            return members
        if self.audience == Audience.SCHOOLS:
            return members.filter(school__in=self.schools.all())
        if self.audience == Audience.GROUP:
            return people.filter(group_memberships__group=self.group_id)
        if self.audience == Audience.EVENT:
            taking_part = (
                Participation.objects.filter(event=self.event_id)
                .exclude(status=Participation.Status.DECLINED)
                .exclude(attendance=Participation.Attendance.ABSENT)
            )
            return people.filter(pk__in=taking_part.values("user_id"))
        return people.none()

    def includes(self, user: User) -> bool:
        return self.audience != Audience.LINK and self.audience_people().filter(pk=user.pk).exists()


def new_link_token() -> str:
    return secrets.token_urlsafe(12)


class Link(models.Model):
    """A public address to answer without an account: one to share (many answers) or one
    of a printed batch (one answer each). Never addressed to a named person."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links", verbose_name=_("survey"))
    token = models.CharField(
        max_length=32, unique=True, default=new_link_token, editable=False, verbose_name=_("link token")
    )
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("Such as «grade 7, parents' meeting».")
    )
    single_use = models.BooleanField(_("one answer"), default=False)
    used = models.BooleanField(_("used"), default=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self) -> str:
        return self.label or self.token

    def get_absolute_url(self) -> str:
        return reverse("surveys:public", args=[self.token])

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not (self.single_use and self.used)


class Draft(models.Model):
    """Answers saved screen by screen before they are sent. Found by a random key the
    respondent's browser keeps (anonymous surveys, shared links), by their one-answer
    link, or — only when the survey is not anonymous — by the person. Deleted when sent."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("survey"))
    key = models.CharField(max_length=48, unique=True, verbose_name=_("draft key"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    link = models.OneToOneField(
        Link, on_delete=models.CASCADE, null=True, blank=True, related_name="draft", verbose_name=_("link")
    )
    answers = models.JSONField(default=dict, blank=True, verbose_name=_("answers"))
    screen = models.PositiveSmallIntegerField(default=0, verbose_name=_("screen"))
    language = models.CharField(max_length=2, blank=True, verbose_name=_("language"))
    # A day, not a moment: the draft of an anonymous survey must not tell when its
    # respondent was here. Old drafts are pruned by it.
    saved_on = models.DateField(default=timezone.localdate, verbose_name=_("saved on"))

    class Meta:
        verbose_name = _("draft answer")
        verbose_name_plural = _("draft answers")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], condition=Q(user__isnull=False), name="draft_once_each"),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.key[:6]}…"


class Response(models.Model):
    """One person's sent answers. Of an anonymous survey: no person, address, browser
    or session, and only the day it was sent."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    submitted_on = models.DateField(_("sent on"))
    # Only when the survey is not anonymous (actions.submit writes it so; a test checks).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    # For the breakdowns: the person's school and role when not anonymous; otherwise
    # what the respondent chose in a question that groups the results (Item.breakdown).
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    role = models.CharField(max_length=16, blank=True, verbose_name=_("role"))
    # The before/after matching code: a hash the respondent's own answers make, never identity.
    match_code = models.CharField(max_length=64, blank=True, db_index=True, verbose_name=_("match code"))

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "school"])]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    number = models.FloatField(null=True, blank=True, verbose_name=_("number"))
    choices = models.JSONField(default=list, blank=True, verbose_name=_("choices"))
    text = models.TextField(blank=True, verbose_name=_("text"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")]
        indexes = [models.Index(fields=["item", "number"])]

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"

    @property
    def value(self) -> Any:
        if self.number is not None:
            return self.number
        return self.text or self.choices


class Receipt(models.Model):
    """That a person has answered a survey, so they are not reminded and do not answer
    twice. No key to the response, no time: the receipts of a survey are written again
    whole, in the order of the people's ids, each time one is added
    (``actions.record_receipt``), so neither their ids nor their place in the table
    follow the order in which people answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("survey"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="receipt_once")]

    def __str__(self) -> str:
        return f"{self.survey}: {self.user_id}"


class Reminder(models.Model):
    """A day's reminder of a survey, claimed before it is sent: two runs of the command
    at once send it once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("survey"))
    sent_on = models.DateField(_("sent on"))
    people = models.PositiveIntegerField(_("people reminded"), default=0)

    class Meta:
        ordering = ["survey", "sent_on"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["survey", "sent_on"], name="reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.survey}: {self.sent_on}"


# --- Needs and the plan -----------------------------------------------------------------------


class NeedServedQuerySet(models.QuerySet["NeedServed"]):
    def planned(self, now: datetime.datetime | None = None) -> NeedServedQuerySet:
        """Links to events still ahead or under way, not cancelled: what is planned."""
        return self.filter(event__status=Event.Status.PLANNED, event__ends_at__gt=now or timezone.now())


class NeedServed(models.Model):
    """That an event of the work plan serves a need the needs assessment found. A need
    is the key of its area (the needs questionnaire's subscale, such as «assessment»),
    the same in every version of the questionnaire and every year's survey, so the link
    outlives the survey that ranked it. Written by ``actions.serve_needs``, ticked on the
    event's form (a part surveys adds to it: ortaq/lib/extensions.py)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network"))
    need = models.SlugField(_("need"), max_length=60)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+", verbose_name=_("event"))

    objects = NeedServedQuerySet.as_manager()

    class Meta:
        ordering = ["network_id", "need", "event_id"]
        verbose_name = _("need an event serves")
        verbose_name_plural = _("needs events serve")
        constraints = [models.UniqueConstraint(fields=["event", "need"], name="need_served_once")]
        indexes = [models.Index(fields=["network", "need"])]

    def __str__(self) -> str:
        return f"{self.need}: {self.event_id}"
