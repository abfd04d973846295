from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ortaq.lib.collation import KazakhOrder
from ortaq.lib.urls import id_url


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively: people type them both ways
    on phones, and one person must not end up with two accounts."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    class Language(models.TextChoices):
        KAZAKH = "kk", "Қазақша"
        RUSSIAN = "ru", "Русский"
        ENGLISH = "en", "English"

    class Position(models.TextChoices):
        TEACHER = "teacher", _("teacher")
        DIRECTOR = "director", _("school director")
        DEPUTY = "deputy", _("deputy director")
        METHODOLOGIST = "methodologist", _("methodologist")
        PSYCHOLOGIST = "psychologist", _("school psychologist")
        LIBRARIAN = "librarian", _("librarian")
        TRAINER = "trainer", _("trainer")
        OTHER = "other", pgettext_lazy("position", "other")

    class Category(models.TextChoices):
        # The qualification categories of Kazakhstan's teacher attestation.
        PEDAGOGUE = "pedagogue", _("pedagogue")
        MODERATOR = "moderator", _("pedagogue-moderator")
        EXPERT = "expert", _("pedagogue-expert")
        RESEARCHER = "researcher", _("pedagogue-researcher")
        MASTER = "master", _("pedagogue-master")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(_("interface language"), max_length=2, choices=Language.choices, blank=True)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("school"),
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True)
    subjects = models.ManyToManyField(
        "subjects.Subject", blank=True, related_name="teachers", verbose_name=_("subjects")
    )
    category = models.CharField(_("teacher category"), max_length=20, choices=Category.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can sign in to the administration pages.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = [KazakhOrder("full_name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return id_url("networks:person", self.pk)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def writing_language(self) -> str:
        """The language to write to the person in (e-mails, notices, documents): the one
        they chose, or the site's."""
        return self.language if self.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    @property
    def is_certified(self) -> bool:
        return any(c.counts_as_certified for c in self.certifications.all())


def certificate_upload_to(instance: Certification, filename: str) -> str:
    # A random name: the file is served through a permission-checked view, and its
    # path must not reveal whose it is or let one upload overwrite another.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"certificates/{uuid.uuid4().hex}.{suffix[:8]}"


def current_year() -> int:
    return datetime.date.today().year


class CertificationQuerySet(models.QuerySet["Certification"]):
    def counting(self) -> CertificationQuerySet:
        """Certifications that make a teacher count as certified in the indicators."""
        return self.exclude(kind=Certification.Kind.OTHER)


class Certification(models.Model):
    class Kind(models.TextChoices):
        LEVEL_PROGRAMME = "level", _("level programme")
        UPDATED_CONTENT = "updated_content", _("updated content of education course")
        SCHOOL_TRAINER = "school_trainer", _("school trainer")
        ASSESSMENT_COORDINATOR = "assessment_coordinator", _("criteria-based assessment coordinator")
        OTHER = "other", pgettext_lazy("certification", "other")

    # Column headings of the indicator tables, where the full names do not fit.
    SHORT_LABELS = {
        "level": _("level programme"),
        "updated_content": _("updated content"),
        "school_trainer": _("school trainer"),
        "assessment_coordinator": _("assessment coordinator"),
    }

    class Level(models.IntegerChoices):
        FIRST = 1, _("first (advanced) level")
        SECOND = 2, _("second (intermediate) level")
        THIRD = 3, _("third (basic) level")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifications", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, null=True, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Required when the kind is “other”."))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1991), MaxValueValidator(2100)], default=current_year
    )
    file = models.FileField(_("certificate file"), upload_to=certificate_upload_to, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == self.Kind.LEVEL_PROGRAMME and not self.level:
            raise ValidationError({"level": _("Choose the level of the programme.")})
        if self.kind != self.Kind.LEVEL_PROGRAMME:
            self.level = None
        if self.kind == self.Kind.OTHER and not self.title.strip():
            raise ValidationError({"title": _("Name the certification.")})
        if self.year and self.year > current_year():
            raise ValidationError({"year": _("The year cannot be in the future.")})

    @property
    def label(self) -> str:
        if self.kind == self.Kind.LEVEL_PROGRAMME and self.level:
            return f"{self.get_kind_display()}: {self.get_level_display()}"
        if self.kind == self.Kind.OTHER and self.title:
            return self.title
        return str(self.get_kind_display())

    @property
    def counts_as_certified(self) -> bool:
        return self.kind != self.Kind.OTHER


class SignInThrottle(models.Model):
    """Failed sign-ins counted per account (its e-mail address) and per address they
    came from; past the limit, sign-in there waits (accounts/throttle.py)."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("account")
        ADDRESS = "address", _("network address")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    key = models.CharField(_("e-mail or network address"), max_length=254)
    failures = models.PositiveIntegerField(_("failed attempts"), default=0)
    counting_since = models.DateTimeField(_("counting since"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in lock")
        verbose_name_plural = _("sign-in locks")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="sign_in_throttle_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.key}"


class SubmissionKey(models.Model):
    """A form that creates something was sent with this one-time key and these
    contents, and made what ``result_url`` shows (accounts/submissions.py): the same
    person sending them again is sent there instead of making it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    # What was sent: a page the browser brings back with its old key (Back) and other
    # words typed into it is a new message, not a retry.
    digest = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        # Two retries at once cannot both create: the later INSERT fails and its
        # transaction, the thing it made included, rolls back.
        constraints = [models.UniqueConstraint(fields=["user", "key", "digest"], name="submission_key_once")]

    def __str__(self) -> str:
        return self.key


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A personal access token for the API (ortaq/lib/api.py, accounts/api.py).

    Only the SHA-256 of the token is kept: the token is shown once, when it is made,
    and cannot be read back from the database. The tokens are 256 random bits, so a
    plain digest is as safe as a slow password hash and lets a request be checked with
    one indexed lookup."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    PREFIX = "ortaq_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=5, choices=Scope.choices, default=Scope.READ)
    # The first characters, shown in the list so a person can tell their tokens apart.
    hint = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
