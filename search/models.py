"""The search index: one row per searchable thing of the other apps.

The rows are a copy, written only by search/index.py from the documents the forums
and the library provide; nothing else writes here. The full-text side lives beside
the rows, per database (search/engine.py, migration 0002):

- SQLite: the FTS5 table ``search_fts`` indexes the view ``search_fts_source``
  (title, body and objective codes of these rows, «ё» read as «е», codes with their
  dots as «x», and the keys of title and body); ``FullTextEntry`` lets the ORM join it.
- PostgreSQL: ``search_vector`` on the row, with a GIN index.

``Word`` lists the words of the documents, for near misses on both databases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from networks.models import ORGANISING_ROLES, GroupMembership, Membership, Network

if TYPE_CHECKING:
    from accounts.models import User

# Grades are stored as bits of one integer (bit n: grade n), so «grade 7» is one
# cheap comparison on both databases. Kazakhstan's schools go from the pre-school
# «0 сынып» up to grade 12.
GRADES = range(13)


def grade_mask(grades: list[int] | tuple[int, ...] | set[int]) -> int:
    mask = 0
    for grade in grades:
        if grade not in GRADES:
            raise ValueError(f"grade {grade!r} is not one of 0–12")
        mask |= 1 << grade
    return mask


class SearchDocumentQuerySet(models.QuerySet["SearchDocument"]):
    def visible_to(self, user: User) -> SearchDocumentQuerySet:
        """Public documents for everyone; a network's documents for the people who
        see the network (members, district methodologists); a group's documents
        only for its members and the network's leaders and coordinators."""
        if not user.is_authenticated or not user.is_active:
            return self.filter(is_public=True)
        if user.is_superuser:
            return self.all()
        networks = Network.objects.visible_to(user).values("pk")
        organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
        groups = GroupMembership.objects.filter(user=user).values("group_id")
        in_network = Q(network__in=networks) & (Q(group__isnull=True) | Q(group__in=groups) | Q(network__in=organised))
        return self.filter(Q(is_public=True) | in_network)


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        THREAD = "thread", _("discussion")
        POST = "post", _("reply")
        MATERIAL = "material", _("material")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    # CASCADE: when a network or a group goes, its documents go with it (fail closed);
    # search/signals.py first takes them out of the SQLite full-text table.
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("network")
    )
    group = models.ForeignKey(
        "networks.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("group")
    )
    is_public = models.BooleanField(_("public"), default=False)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    created_at = models.DateTimeField(_("created"))
    subject = models.ForeignKey(
        "subjects.Subject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    grades = models.PositiveIntegerField(_("grades"), default=0)  # bit n set: grade n
    language = models.CharField(_("language"), max_length=8, blank=True)
    material_kind = models.CharField(_("kind of material"), max_length=32, blank=True)
    # Space-separated, as written: «7.2.1.1 7.2.1.2».
    objective_codes = models.TextField(_("learning objectives"), blank=True)
    # The address of the page a document leads to, without the part after «?» or «#»:
    # a thread's replies share their thread's, and are shown under it as one result.
    page = models.CharField(_("page"), max_length=500, blank=True, db_index=True)
    # SQLite only: the stems and skeletons of the title's and the text's words
    # (search/text.py, document_keys), which the full-text table indexes beside them.
    # Empty on PostgreSQL, whose vector holds them.
    title_keys = models.TextField(blank=True, editable=False)
    body_keys = models.TextField(blank=True, editable=False)
    # PostgreSQL only (stays empty on SQLite, which has the FTS5 table instead).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url


class PendingChange(models.Model):
    """A thing whose document the index has yet to read again. Written in the
    transaction that changes the thing, deleted in the one that indexes it
    (search/index.py, ``note_change`` and ``catch_up``): a process that dies between
    the commit and the indexing leaves the row, and the next catch-up finds it."""

    kind = models.CharField(_("kind"), max_length=16, choices=SearchDocument.Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    noted_at = models.DateTimeField(_("noted at"))

    class Meta:
        verbose_name = _("change not yet indexed")
        verbose_name_plural = _("changes not yet indexed")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_pending_change_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class Word(models.Model):
    """A word the index holds (as text.words reads it), for «did you mean …?» and to
    tell a Latin query word the library uses («Lesson») from Kazakh typed in Latin
    letters. ``documents`` is the number of documents with the word as of the last
    rebuild (a word met since counts 1); words are added with their documents and
    dropped only by a rebuild, so a word may outlive them until then."""

    # Compared in code-point order, for ranges of beginnings (migration 0005).
    word = models.CharField(_("word"), max_length=64, unique=True)
    documents = models.PositiveIntegerField(_("documents"), default=1)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self) -> str:
        return self.word


class FullTextEntry(models.Model):
    """The SQLite FTS5 table, so that queries can join it: ``fts__match`` is FTS5's
    MATCH (``search_fts = 'query'``) and ``fts__rank`` its bm25 rank (lower is
    better). Created by migration 0002 on SQLite only; unused on PostgreSQL."""

    document = models.OneToOneField(
        SearchDocument,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="fts",
    )
    match = models.TextField(db_column="search_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self) -> str:
        return str(self.pk)
