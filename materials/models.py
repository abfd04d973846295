"""The library (әдістемелік қоржын): what teachers share with their network — lesson
plans, medium-term plans, presentations, video lessons, assessment tasks, guides —
with their versions and files, comments, «useful» marks, and the collections a coach
assembles for a course or a topic.

Who sees what is decided by one rule, ``visible_to(user)`` on each queryset below;
materials/permissions.py applies the same rule to single pages.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from networks.audiences import Visibility, admits, clean_visibility, organised_networks, readable_by
from networks.models import Group, Network
from ortaq.lib.markdown import plain_text, render_markdown
from ortaq.lib.prepared import prepared
from ortaq.lib.uploads import ACCEPTED
from ortaq.lib.urls import id_url
from schools.models import School
from subjects.models import Subject

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# --- Grades ------------------------------------------------------------------------------
#
# Grades 0 (the pre-school class) to 11 are kept as a bitmask in one small integer
# column rather than a through table. A grade is not selective — each matches a
# twelfth to a quarter of a library — so the best plan for «grade 7, newest first»
# is always to walk the (network, -created_at, -id) index and test each row; with a
# bitmask that test is one AND on a column of the row already read, with no join,
# no DISTINCT and no extra query to show the grades in a list. The same expression
# works on SQLite and PostgreSQL. (Objective codes, which *are* selective, get their
# own indexed table instead.)

GRADES = range(0, 12)
ALL_GRADES_MASK = (1 << len(GRADES)) - 1


def grades_to_mask(grades: Iterable[int]) -> int:
    mask = 0
    for grade in grades:
        if grade not in GRADES:
            raise ValueError(f"grade {grade!r} is not one of 0–11")
        mask |= 1 << grade
    return mask


def mask_to_grades(mask: int) -> list[int]:
    return [grade for grade in GRADES if mask & (1 << grade)]


def format_grades(grades: list[int]) -> str:
    """«5–9» for a run of grades, «1, 3, 5» otherwise: what teachers write by hand."""
    if not grades:
        return ""
    runs: list[list[int]] = [[grades[0], grades[0]]]
    for grade in grades[1:]:
        if grade == runs[-1][1] + 1:
            runs[-1][1] = grade
        else:
            runs.append([grade, grade])
    return ", ".join(str(a) if a == b else (f"{a}–{b}" if b > a + 1 else f"{a}, {b}") for a, b in runs)


# --- Learning objective codes and tags ---------------------------------------------------------

OBJECTIVE_MAX_LENGTH = 32
TAG_MAX_LENGTH = 50
_AROUND_DOTS = re.compile(r"[ \t\u00a0]*\.[ \t\u00a0]*")
_CODE_SEPARATORS = re.compile(r"[,;\s]+")
_TAG_SEPARATORS = re.compile(r"[,;\n]+")


def split_objective_codes(text: str) -> list[str]:
    """Codes of the updated curriculum as people type them: «7.2.1.1, 7. 2.1.2;6.l1»
    → ["7.2.1.1", "7.2.1.2", "6.L1"]. Spaces around dots are a typo, not a separator;
    letters (English: 6.L1, 6.UE3) are upper-cased so one code is stored one way."""
    text = _AROUND_DOTS.sub(".", text or "")
    codes = []
    for part in _CODE_SEPARATORS.split(text):
        code = part.strip(".").upper()
        if code:
            codes.append(code)
    return list(dict.fromkeys(codes))


def split_tags(text: str) -> list[str]:
    tags = []
    for part in _TAG_SEPARATORS.split(text or ""):
        tag = " ".join(part.split()).lstrip("#").lower()
        if tag:
            tags.append(tag)
    return list(dict.fromkeys(tags))


# --- Visibility --------------------------------------------------------------------------------


class MaterialQuerySet(models.QuerySet["Material"]):
    def visible_to(self, user: User | AnonymousUser) -> MaterialQuerySet:
        """Materials the person may open. Authors always see their own, and the
        network's organisers see all of its materials, hidden ones included; others
        never see a hidden material. Anonymous visitors see public ones only."""
        if not user.is_authenticated or not user.is_active:
            return self.public()
        if user.is_superuser:
            return self.all()
        authored = Exists(Authorship.objects.filter(material=OuterRef("pk"), user=user))
        return self.filter(
            authored | Q(network__in=organised_networks(user)) | (Q(hidden_at__isnull=True) & readable_by(user))
        )

    def public(self) -> MaterialQuerySet:
        return self.filter(visibility=Visibility.PUBLIC, hidden_at__isnull=True)

    def with_grade(self, grade: int) -> MaterialQuerySet:
        return self.alias(grade_bit=models.F("grade_mask").bitand(1 << grade)).filter(grade_bit__gt=0)

    def with_objective(self, code: str) -> MaterialQuerySet:
        """The code itself and the objectives under it: «7.2.1» finds 7.2.1.1 too.
        A code is selective, so the materials are found from the codes (IN), not by
        testing every material of the library in turn (EXISTS)."""
        codes = LearningObjective.objects.filter(Q(code=code) | Q(code__startswith=f"{code}."))
        return self.filter(pk__in=codes.values("material_id"))


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=TAG_MAX_LENGTH, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


LICENCE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
}


# A material's own fields that its publisher and editors fill in (MaterialForm).
EDITABLE_FIELDS = ("title", "kind", "subject", "language", "description", "visibility", "group", "licence", "school")


class Material(models.Model):
    """One material of a network's library. Its words and metadata live here; its
    files live in versions, the newest of which is ``current_version``."""

    class Kind(models.TextChoices):
        # Translators: ҚМЖ, қысқа мерзімді жоспар (КСП in Russian).
        LESSON_PLAN = "lesson_plan", _("short-term lesson plan")
        # Translators: ОМЖ, орта мерзімді жоспар (ССП in Russian).
        MEDIUM_TERM_PLAN = "medium_term_plan", _("medium-term plan")
        # Translators: тізбектелген сабақтар топтамасы.
        LESSON_SERIES = "lesson_series", _("series of sequenced lessons")
        PRESENTATION = "presentation", _("presentation")
        WORKSHEET = "worksheet", _("worksheet")
        VIDEO_LESSON = "video_lesson", _("video lesson")
        ARTICLE = "article", _("article")
        # Translators: БЖБ/ТЖБ, бөлім/тоқсан бойынша жиынтық бағалау (СОР/СОЧ in Russian).
        ASSESSMENT = "assessment", _("summative assessment task (section or term)")
        GUIDE = "guide", _("methodological guide")
        OTHER = "other", pgettext_lazy("kind of material", "other")

    class Language(models.TextChoices):
        # The same labels as a school's language of instruction (schools.School).
        KAZAKH = "kk", pgettext_lazy("language of instruction", "Kazakh")
        RUSSIAN = "ru", pgettext_lazy("language of instruction", "Russian")
        ENGLISH = "en", pgettext_lazy("language of instruction", "English")

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", _("CC BY 4.0: anyone may share and adapt it, naming the authors")
        CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0: as CC BY, and adaptations keep this licence")
        CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0: as CC BY, but not for commercial use")
        RESERVED = "all-rights-reserved", _("all rights reserved")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="materials", verbose_name=_("network"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(
        _("description"), blank=True, max_length=20000, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    # Rendered and sanitized once, when saved, not on every page view.
    description_html = models.TextField(blank=True, editable=False, verbose_name=_("text as shown"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LESSON_PLAN)
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="materials", verbose_name=_("subject")
    )
    grade_mask = models.PositiveSmallIntegerField(
        _("grades"), default=0, validators=[MaxValueValidator(ALL_GRADES_MASK)], editable=False
    )
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("group"),
    )
    licence = models.CharField(_("licence"), max_length=24, choices=Licence.choices, default=Licence.CC_BY)
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials", verbose_name=_("school")
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Authorship", related_name="authored_materials", verbose_name=_("authors")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="materials", verbose_name=_("tags"))
    current_version = models.ForeignKey(
        "MaterialVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("current version"),
    )
    # Counted in the cache and added here by ``flush_material_counters`` (counters.py).
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    useful_count = models.PositiveIntegerField(_("marked useful"), default=0, editable=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Not auto_now_add: the demo and imports give materials their real dates.
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The edit form's version (ortaq/lib/editing.py): a save of an older one is refused.
    # Not the material's file versions (MaterialVersion).
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [
            # A network's library, newest first, paged by (created_at, id) keys.
            models.Index(fields=["network", "-created_at", "-id"], name="material_network_newest"),
            # The same, for the most used filter: one subject.
            models.Index(fields=["network", "subject", "-created_at", "-id"], name="material_subject_newest"),
            # «All my networks' materials», newest first.
            models.Index(fields=["-created_at", "-id"], name="material_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility="group") | Q(group__isnull=True), name="material_group_only_if_group_visibility"
            ),
            models.CheckConstraint(condition=Q(grade_mask__lte=ALL_GRADES_MASK), name="material_grades_0_to_11"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "description" in update_fields:
            self.description_html = render_markdown(self.description)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "description_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return id_url("materials:detail", self.pk)

    def clean(self) -> None:
        clean_visibility(self)

    @property
    def grades(self) -> list[int]:
        return mask_to_grades(self.grade_mask)

    @grades.setter
    def grades(self, grades: Iterable[int]) -> None:
        self.grade_mask = grades_to_mask(grades)

    @property
    def grades_label(self) -> str:
        return format_grades(self.grades)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def author_list(self) -> list[User]:
        """The authors in their order, the uploader first (prefetched in lists)."""
        return [a.user for a in self.authorships.all()]

    def is_readable(self, *, is_author: bool, is_organiser: bool, sees_network: bool, in_group: bool) -> bool:
        """``MaterialQuerySet.visible_to`` for this one material, from the reader's
        standing: authors and organisers always; others a shown material that is
        public, or the network's and they see the network, or their group's."""
        if is_author or is_organiser:
            return True
        if self.hidden_at is not None:
            return False
        return admits(self, sees_network=sees_network, in_group=in_group)

    def objective_codes(self) -> list[str]:
        return [o.code for o in self.objectives.all()]

    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags.all()]

    def codes_and_tags(self) -> tuple[list[str], list[str]]:
        """``objective_codes()`` and ``tag_names()`` in one query, for the material's page."""
        by_kind: tuple[list[str], list[str]] = ([], [])
        rows = codes_and_tags_of(self.pk)
        for position, _pk, text in sorted(rows, key=lambda row: (row[0], row[1] if row[0] == 0 else row[2])):
            by_kind[position].append(text)
        return by_kind

    def search_document(self) -> dict[str, Any] | None:
        """What the search index keeps of this material (search/index.py describes the
        contract); None once the material is deleted. A hidden material, or a group
        material whose group is gone (only organisers see it), is not to be found."""
        if getattr(self, "_deleted", False) or self.pk is None:
            return None
        authors = " ".join(user.full_name for user in self.author_list())
        codes = self.objective_codes()
        tags = self.tag_names()
        group_only = self.visibility == Visibility.GROUP
        return {
            "kind": "material",
            "object_id": self.pk,
            "network_id": self.network_id,
            "group_id": self.group_id if group_only else None,
            "is_public": self.is_public,
            "title": self.title,
            "body": " ".join(filter(None, [plain_text(self.description_html), *codes, *tags, authors])),
            "url": self.get_absolute_url(),
            "created_at": self.created_at,
            "subject_id": self.subject_id,
            "grades": self.grades,
            "language": self.language,
            "material_kind": self.kind,
            "objective_codes": codes,
            "is_visible": not self.is_hidden and not (group_only and self.group_id is None),
        }


class Authorship(models.Model):
    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("material")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [models.UniqueConstraint(fields=["material", "user"], name="authorship_once")]
        indexes = [models.Index(fields=["user", "material"], name="authorship_by_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.material}"


class LearningObjective(models.Model):
    """A learning objective code of the curriculum the material serves (7.2.1.1)."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("material")
    )
    code = models.CharField(_("code"), max_length=OBJECTIVE_MAX_LENGTH)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")
        constraints = [models.UniqueConstraint(fields=["material", "code"], name="objective_once_per_material")]
        # Finding the materials of a code starts from the code: it is selective. The
        # pattern operator class lets PostgreSQL use the index for «7.2.1.%» too
        # (other databases ignore it).
        indexes = [
            models.Index(
                fields=["code", "material"], name="objective_by_code", opclasses=["varchar_pattern_ops", "int8_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.code


class MaterialVersion(models.Model):
    """One state of a material's files. A new version never replaces the old one's
    files, so a lesson plan taught last year can still be opened as it was."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="versions", verbose_name=_("material")
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["material", "number"], name="version_number_once")]

    def __str__(self) -> str:
        return f"{self.material} — {self.number}"


def material_upload_to(instance: MaterialFile, filename: str) -> str:
    # A random name with the extension of the detected type: the path tells nothing
    # about the material and cannot collide; the person's file name is kept in ``name``.
    return f"materials/{uuid.uuid4().hex}.{instance.extension()}"


def thumbnail_upload_to(instance: MaterialFile, filename: str) -> str:
    return f"materials/thumbnails/{uuid.uuid4().hex}.jpg"


class MaterialFile(models.Model):
    FAMILIES = ("document", "image", "video", "audio")

    version = models.ForeignKey(
        MaterialVersion, on_delete=models.CASCADE, related_name="files", verbose_name=_("version")
    )
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=255)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_upload_to, max_length=255, blank=True)
    name = models.CharField(_("file name"), max_length=255)
    mime = models.CharField(_("type"), max_length=100)
    family = models.CharField(_("kind of file"), max_length=16)
    size = models.PositiveBigIntegerField(_("size"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("materials:file", args=[self.pk])

    def extension(self) -> str:
        return ACCEPTED.get(self.mime, ("", "bin"))[1]

    @property
    def is_video(self) -> bool:
        return self.family == "video"

    @property
    def is_audio(self) -> bool:
        return self.family == "audio"

    @property
    def is_image(self) -> bool:
        return self.family == "image"


class CommentQuerySet(models.QuerySet["Comment"]):
    def shown(self) -> CommentQuerySet:
        return self.filter(hidden_at__isnull=True)


class Comment(models.Model):
    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="comments", verbose_name=_("material")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="material_comments", verbose_name=_("author")
    )
    body = models.TextField(_("comment"), max_length=5000, help_text=_("Markdown: **bold**, *italic*, lists, links."))
    body_html = models.TextField(blank=True, editable=False, verbose_name=_("text as shown"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["material", "created_at"], name="comment_by_material")]

    def __str__(self) -> str:
        return f"{self.author} — {self.material}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.material.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class UsefulMark(models.Model):
    """«Useful»: one per person and material; the material keeps the count."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="useful_marks", verbose_name=_("material")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="material_useful_marks",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        verbose_name = _("«useful» mark")
        verbose_name_plural = _("«useful» marks")
        constraints = [models.UniqueConstraint(fields=["material", "user"], name="useful_mark_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.material}"


# --- Collections -------------------------------------------------------------------------------


class CollectionQuerySet(models.QuerySet["Collection"]):
    def visible_to(self, user: User | AnonymousUser) -> CollectionQuerySet:
        """The same rule as for materials, the collection's maker standing for its authors."""
        if not user.is_authenticated or not user.is_active:
            return self.filter(visibility=Visibility.PUBLIC)
        if user.is_superuser:
            return self.all()
        return self.filter(Q(created_by=user) | Q(network__in=organised_networks(user)) | readable_by(user))

    def editable_by(self, user: User | AnonymousUser) -> CollectionQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(created_by=user) | Q(network__in=organised_networks(user)))


class Collection(models.Model):
    """An ordered list of materials a coach assembles for a course or a topic. Each
    reader sees only the materials they may open themselves."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="material_collections", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(
        _("description"), blank=True, max_length=10000, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    description_html = models.TextField(blank=True, editable=False, verbose_name=_("text as shown"))
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_collections",
        verbose_name=_("group"),
    )
    materials = models.ManyToManyField(
        Material, through="CollectionItem", related_name="collections", verbose_name=_("materials")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_collections",
        verbose_name=_("assembled by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        indexes = [models.Index(fields=["network", "-created_at", "-id"], name="collection_network_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility="group") | Q(group__isnull=True),
                name="collection_group_only_if_group_visibility",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("materials:collection_detail", args=[self.pk])

    def clean(self) -> None:
        clean_visibility(self)

    def is_readable(self, *, is_maker: bool, is_organiser: bool, sees_network: bool, in_group: bool) -> bool:
        """``CollectionQuerySet.visible_to`` for this one collection, from the
        reader's standing (as ``Material.is_readable``)."""
        if is_maker or is_organiser:
            return True
        return admits(self, sees_network=sees_network, in_group=in_group)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="items", verbose_name=_("collection")
    )
    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="collection_items", verbose_name=_("material")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why this material, or what to do with it.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("material in a collection")
        verbose_name_plural = _("materials in collections")
        constraints = [models.UniqueConstraint(fields=["collection", "material"], name="collection_item_once")]

    def __str__(self) -> str:
        return f"{self.collection}: {self.material}"


@prepared
def codes_and_tags_of(material_id: int) -> models.QuerySet:
    """(0, id, code) for each learning objective and (1, id, name) for each tag."""
    kind = models.IntegerField()
    codes = LearningObjective.objects.filter(material=material_id).annotate(
        kind=models.Value(0, output_field=kind), text=models.F("code")
    )
    tags = Tag.objects.filter(materials=material_id).annotate(
        kind=models.Value(1, output_field=kind), text=models.F("name")
    )
    return (
        codes.order_by()
        .values_list("kind", "pk", "text")
        .union(tags.order_by().values_list("kind", "pk", "text"), all=True)
    )
