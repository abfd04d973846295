"""The forum of a network community, and of each of its groups.

A network has one forum; each group may have its own, read by the group's members
and moderated by the network's leaders and coordinators (and the group leader).
A thread's opening text is its post number 1; replies follow as 2, 3, … Numbers are
handed out from the thread's stored counter (``Thread.last_number``), never reused,
so a page of a thread is a range of numbers and a link to a post never moves.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import ORGANISING_ROLES, Group, GroupMembership, Membership, Network
from ortaq.lib.markdown import plain_text
from ortaq.lib.prepared import prepared
from ortaq.lib.urls import id_url

if TYPE_CHECKING:
    from accounts.models import User

# Posts shown on one page of a thread, and threads on one page of a forum.
POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25


def page_start(number: int) -> int:
    """The ``after`` of the page that shows post ``number``: pages are 1–20, 21–40, …"""
    return ((max(number, 1) - 1) // POSTS_PER_PAGE) * POSTS_PER_PAGE


class Forum(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="forums", verbose_name=_("network"))
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="forums", verbose_name=_("group")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.UniqueConstraint(fields=["network"], condition=Q(group__isnull=True), name="forum_one_per_network"),
            models.UniqueConstraint(fields=["group"], name="forum_one_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.network.name} — {self.group.name}" if self.group_id else self.network.name

    def get_absolute_url(self) -> str:
        if self.group_id:
            return reverse("forums:group_index", args=[self.network_id, self.group_id])
        return reverse("forums:index", args=[self.network_id])

    @property
    def is_group_forum(self) -> bool:
        return self.group_id is not None

    def url_args(self) -> list[int]:
        """Arguments of the forum's own URLs (``forums:thread_create`` and the like)."""
        return [self.network_id, self.group_id] if self.group_id else [self.network_id]

    def audience(self) -> models.QuerySet[User]:
        """The people who may write here and may be mentioned or notified: members of
        the network, or for a group forum the group's members and the network's
        leaders and coordinators (who moderate it). Methodologists only read."""
        from accounts.models import User

        people = User.objects.filter(is_active=True)
        if self.group_id is None:
            return people.filter(Exists(Membership.objects.filter(network=self.network_id, user=OuterRef("pk"))))
        return people.filter(
            Exists(GroupMembership.objects.filter(group=self.group_id, user=OuterRef("pk")))
            | Exists(Membership.objects.filter(network=self.network_id, user=OuterRef("pk"), role__in=ORGANISING_ROLES))
            | Q(pk=Group.objects.filter(pk=self.group_id).values("leader")[:1])
        ).filter(Exists(Membership.objects.filter(network=self.network_id, user=OuterRef("pk"))))


class Category(models.Model):
    """A section of a forum («Критериалды бағалау», «Диалогтық оқыту»), set by the network leader."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="categories", verbose_name=_("forum"))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    # Visible (not hidden, not deleted) threads, kept by the actions: no COUNT(*) per page view.
    thread_count = models.PositiveIntegerField(_("discussions"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["forum", "name"], name="forum_category_name_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.forum.get_absolute_url()}?category={self.pk}"


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: User) -> ThreadQuerySet:
        """Threads of the networks the person can see, without the group forums they
        are not in, and without hidden or deleted threads unless they moderate the
        forum. The single-thread rule in forums/permissions.py says the same."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
        groups = GroupMembership.objects.filter(user=user).values("group_id")
        led = Group.objects.filter(leader=user).values("pk")
        moderates = Q(forum__network__in=organised) | Q(forum__group__in=led)
        return (
            self.filter(forum__network__in=Network.objects.visible_to(user).values("pk"))
            .filter(
                Q(forum__group__isnull=True) | Q(forum__group__in=groups) | moderates,
            )
            .filter(Q(is_hidden=False, deleted_at__isnull=True) | moderates)
        )

    def shown(self) -> ThreadQuerySet:
        """Threads everyone who reads the forum sees (moderators see more)."""
        return self.filter(is_hidden=False, deleted_at__isnull=True)

    def latest_first(self) -> ThreadQuerySet:
        return self.order_by("-is_pinned", "-last_post_at", "-pk")

    def with_reader(self, user: User) -> ThreadQuerySet:
        """Adds what one reader needs next to each thread, in the same query: the last
        post they read, and whether they follow it."""
        return self.annotate(
            reader_last_read=Subquery(
                ReadState.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_number")[:1]
            ),
            reader_follows=Exists(Subscription.objects.filter(user=user, thread=OuterRef("pk"))),
        )


class Thread(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="threads", verbose_name=_("forum"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="threads", verbose_name=_("category")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=200)
    is_question = models.BooleanField(
        _("question"), default=False, help_text=_("A question can be marked solved by the reply that answered it.")
    )
    solution = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("solution")
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # Stored, kept by the actions: the last number handed out (posts are never removed,
    # only marked deleted, so it is also the number of the last post), the replies
    # readers see, and when the last one came.
    last_number = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now, editable=False)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("last poster"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        indexes = [
            # The forum page and its "older" links: WHERE forum = … ORDER BY these, keyset.
            models.Index(fields=["forum", "-is_pinned", "-last_post_at", "-id"], name="forum_thread_latest"),
            models.Index(fields=["category", "-is_pinned", "-last_post_at", "-id"], name="forum_thread_in_category"),
            # The library of solved problems.
            models.Index(
                fields=["forum", "-last_post_at", "-id"], condition=Q(solution__isnull=False), name="forum_solved"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("forums:thread", self.pk)

    @property
    def is_solved(self) -> bool:
        return self.solution_id is not None

    @property
    def is_shown(self) -> bool:
        return not self.is_hidden and self.deleted_at is None

    def url_after(self, after: int) -> str:
        return f"{self.get_absolute_url()}?after={after}" if after else self.get_absolute_url()

    def post_url(self, number: int) -> str:
        return f"{self.url_after(page_start(number))}#post-{number}"

    @property
    def last_page_start(self) -> int:
        return page_start(self.last_number)

    @property
    def page_count(self) -> int:
        return self.last_page_start // POSTS_PER_PAGE + 1

    def first_unread_url(self, last_read: int | None) -> str:
        if not last_read:
            return self.get_absolute_url()
        return self.post_url(min(last_read + 1, self.last_number))

    def search_document(self, opening: Post | None = None) -> dict[str, Any] | None:
        """What the search index keeps of the thread: its title and opening text.
        Replies have their own documents (``Post.search_document``). The search must
        show a document of a group forum (``group_id`` set) only to the people who may
        read that group's forum."""
        if opening is None:
            opening = self.posts.filter(number=1).first()
        forum = self.forum
        return {
            "kind": "thread",
            "object_id": self.pk,
            "network_id": forum.network_id,
            "group_id": forum.group_id,
            "title": self.title,
            "body": plain_text(opening.body_html) if opening and opening.deleted_at is None else "",
            "url": self.get_absolute_url(),
            "created_at": self.created_at,
            "is_visible": self.is_shown,
        }


class PostQuerySet(models.QuerySet["Post"]):
    def shown(self) -> PostQuerySet:
        return self.filter(is_hidden=False, deleted_at__isnull=True)

    def visible_to(self, user: User) -> PostQuerySet:
        """Posts of threads the person may read; hidden and deleted posts only for the
        forum's moderators."""
        threads = Thread.objects.visible_to(user)
        if user.is_authenticated and user.is_superuser:
            return self.filter(thread__in=threads.values("pk"))
        organised = Membership.objects.filter(user=user, role__in=ORGANISING_ROLES).values("network_id")
        led = Group.objects.filter(leader=user).values("pk")
        moderates = Q(thread__forum__network__in=organised) | Q(thread__forum__group__in=led)
        return self.filter(thread__in=threads.values("pk")).filter(
            Q(is_hidden=False, deleted_at__isnull=True) | moderates
        )


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("discussion"))
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts", verbose_name=_("author")
    )
    body = models.TextField(_("text"))
    # Rendered once when written (Markdown, mentions, sanitized), not on every view.
    body_html = models.TextField(editable=False, verbose_name=_("text as shown"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    # The edit form's version (ortaq/lib/editing.py), the thread's title and kind included
    # (they are edited with the opening post): a save of an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread_id", "number"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_once")]
        indexes = [models.Index(fields=["author", "thread"], name="forum_post_author")]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self) -> str:
        return self.thread.post_url(self.number)

    @property
    def is_opening(self) -> bool:
        return self.number == 1

    @property
    def is_shown(self) -> bool:
        return not self.is_hidden and self.deleted_at is None

    def last_editor(self) -> User:
        """Who wrote the text as it is now: the author, or whoever edited it last."""
        revision = self.revisions.select_related("edited_by").order_by("-pk").first()
        return revision.edited_by if revision and revision.edited_by else self.author

    def quote(self) -> str:
        """The post as a Markdown quote with its author, to start a reply with."""
        lines = self.body.strip().splitlines() or [""]
        quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
        return f"> **{self.author.full_name}** (#{self.number}):\n{quoted}\n\n"

    def search_document(self) -> dict[str, Any] | None:
        """A reply's document for the search index. The opening post returns None: its
        words are in its thread's document."""
        if self.number == 1:
            return None
        thread = self.thread
        return {
            "kind": "post",
            "object_id": self.pk,
            "network_id": thread.forum.network_id,
            "group_id": thread.forum.group_id,
            "title": thread.title,
            "body": plain_text(self.body_html),
            "url": self.get_absolute_url(),
            "created_at": self.created_at,
            "is_visible": self.is_shown and thread.is_shown,
        }


class PostRevision(models.Model):
    """The text a post had before an edit, kept for moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("message"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("edited by")
    )
    created_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")

    def __str__(self) -> str:
        return f"{self.post} ({self.created_at:%Y-%m-%d %H:%M})"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # A random name: files are served through a permission-checked view, and the path
    # must neither reveal the original name nor let one upload overwrite another.
    return f"forums/{uuid.uuid4().hex}.{instance.extension}"


def thumbnail_upload_to(instance: Attachment, filename: str) -> str:
    return f"forums/thumbnails/{uuid.uuid4().hex}.jpg"


class Attachment(models.Model):
    class Family(models.TextChoices):
        IMAGE = "image", _("image")
        DOCUMENT = "document", _("document")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message"))
    file = models.FileField(_("file"), upload_to=attachment_upload_to)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_upload_to, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    family = models.CharField(_("kind"), max_length=16, choices=Family.choices)
    content_type = models.CharField(_("type"), max_length=120)
    extension = models.CharField(max_length=8, verbose_name=_("extension"))
    size = models.PositiveBigIntegerField(_("size"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("forums:attachment", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.family == self.Family.IMAGE


class ReadState(models.Model):
    """How far one person has read one thread: one row per (person, thread)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states", verbose_name=_("person")
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="read_states", verbose_name=_("discussion")
    )
    last_read_number = models.PositiveIntegerField(_("last post read"), default=0)
    updated_at = models.DateTimeField(_("read"), auto_now=True)

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_state_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.thread} #{self.last_read_number}"


class Subscription(models.Model):
    """Following a thread (told of every reply) or a category (told of every new thread)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions", verbose_name=_("person")
    )
    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("discussion"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("category"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("following")
        verbose_name_plural = _("followings")
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, category__isnull=True)
                | Q(thread__isnull=True, category__isnull=False),
                name="forum_subscription_one_target",
            ),
            models.UniqueConstraint(fields=["user", "thread"], name="forum_follow_thread_once"),
            models.UniqueConstraint(fields=["user", "category"], name="forum_follow_category_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.thread or self.category}"


class ForumPreference(models.Model):
    """A person's forum state, across networks (how they hear of news is the
    notifications centre's: ``notifications.Preference``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_preference", verbose_name=_("person")
    )
    # "Mark everything read": threads with nothing newer count as read without a row each.
    marked_read_at = models.DateTimeField(_("everything read up to"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("forum preference")
        verbose_name_plural = _("forum preferences")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user: User) -> ForumPreference:
        """The saved preference, or the defaults (unsaved) for someone who never chose."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    @classmethod
    def marked_read_at_of(cls, user: User) -> datetime.datetime | None:
        """When the person last marked everything read (None: never), as the forum's
        list asks on every page."""
        preference = preference_of.first(user.pk)
        return preference.marked_read_at if preference is not None else None


@prepared
def preference_of(user_id: int) -> QuerySet[ForumPreference]:
    return ForumPreference.objects.filter(user=user_id).only("marked_read_at")[:1]


class Report(models.Model):
    """A member's report of a post to the forum's moderators."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("the message was hidden")
        KEPT = "kept", _("the message was kept")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("message"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports", verbose_name=_("reported by")
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=Q(resolved_at__isnull=True), name="forum_report_open_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.post}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
