"""Who may read and write in a forum. Every view of the app asks here.

- The network forum is read by everyone who sees the network (members, the
  district's methodologists); it is written in by the network's members.
- A group forum is read and written by the group's members, and by the network's
  leaders and coordinators; everyone else gets 404, as for a forum that does not exist.
- Moderators — the network's leaders and coordinators, and for a group forum also the
  group leader — pin, lock, move and hide threads, hide posts, see the history of
  edits and resolve reports. Hidden threads and posts are invisible to the others.
- Outsiders get 404 everywhere; read-only people who try to write get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from forums.models import Attachment, Category, Forum, Post, Thread
from networks.models import Group, GroupMembership, Network
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared


@dataclass(frozen=True)
class ForumAccess:
    forum: Forum
    access: Access
    user: User
    is_group_member: bool = False

    @property
    def network(self) -> Network:
        return self.access.network

    @cached_property
    def has_posted(self) -> bool:
        """Whether the person has written in the network: before their first message
        they are shown its rules. A member's membership says so; the few others who
        may write (administrators) are asked the messages."""
        membership = self.access.membership
        if membership is not None:
            return membership.first_posted_at is not None
        return Post.objects.filter(author=self.user, thread__forum__network=self.access.network).exists()

    @property
    def group(self) -> Group | None:
        return self.forum.group

    @property
    def leads_group(self) -> bool:
        return self.forum.group_id is not None and self.forum.group.leader_id == self.user.pk

    @property
    def is_moderator(self) -> bool:
        return self.access.can_organise or (self.access.is_member and self.leads_group)

    @property
    def can_read(self) -> bool:
        if self.forum.group_id is None:
            return True  # whoever sees the network (get_network_access said so)
        return self.access.is_admin or self.is_moderator or (self.access.is_member and self.is_group_member)

    @property
    def can_post(self) -> bool:
        if self.access.is_admin or self.is_moderator:
            return True
        return self.access.is_member and (self.forum.group_id is None or self.is_group_member)

    @property
    def can_manage_categories(self) -> bool:
        return self.access.can_manage or (self.access.is_member and self.leads_group)

    def may_edit(self, post: Post) -> bool:
        if self.is_moderator:
            return True
        return (
            self.can_post
            and post.author_id == self.user.pk
            and post.deleted_at is None
            and not post.is_hidden
            and not post.thread.is_locked
        )

    def may_delete(self, post: Post) -> bool:
        return self.is_moderator or (self.can_post and post.author_id == self.user.pk and post.deleted_at is None)

    def may_mark_solution(self, thread: Thread) -> bool:
        """The question's author or a moderator (whether it is a question is the action's rule)."""
        return self.is_moderator or (self.can_post and thread.author_id == self.user.pk)


def require_posting(fa: ForumAccess) -> None:
    require(fa.can_post, _("Only members can write in this forum."))


def require_moderator(fa: ForumAccess) -> None:
    require(fa.is_moderator, _("Only the forum's moderators can do this."))


def forum_access(user: User, forum: Forum) -> ForumAccess:
    """The person's standing in a forum already loaded (with its group), or 404."""
    network = forum.network if Forum.network.is_cached(forum) else None
    access = get_network_access(user, forum.network_id, network)
    is_group_member = False
    if forum.group_id is not None and access.is_member:
        is_group_member = GroupMembership.objects.filter(group=forum.group_id, user=user).exists()
    fa = ForumAccess(forum=forum, access=access, user=user, is_group_member=is_group_member)
    if not fa.can_read:
        raise Http404(_("No such forum."))
    return fa


def get_forum_for_user(user: User, network_pk: int, group_pk: int | None = None) -> ForumAccess:
    """The forum of a network (or of one of its groups) with the person's standing in
    it, or 404. The forum row is made on first visit: every network and group has one."""
    access = get_network_access(user, network_pk)
    group = None
    is_group_member = False
    if group_pk is not None:
        group = (
            access.network.groups.filter(pk=group_pk)
            .annotate(is_member=Exists(GroupMembership.objects.filter(group=OuterRef("pk"), user=user.pk)))
            .first()
        )
        if group is None:
            raise Http404(_("No such forum."))
        is_group_member = group.is_member  # type: ignore[attr-defined]
    forum = _forum_of(access, group)
    fa = ForumAccess(forum=forum, access=access, user=user, is_group_member=is_group_member)
    if not fa.can_read:
        raise Http404(_("No such forum."))
    return fa


@prepared
def network_forum(network_id: int) -> QuerySet[Forum]:
    return Forum.objects.filter(network=network_id, group=None)[:1]


def _forum_of(access: Access, group: Group | None) -> Forum:
    network = access.network
    # The network's own forum is read on every page of it: its SQL is built once.
    forum = (
        network_forum.first(network.pk) if group is None else Forum.objects.filter(network=network, group=group).first()
    )
    if forum is None:
        try:
            with transaction.atomic():
                forum = Forum.objects.create(network=network, group=group)
        except IntegrityError:  # made by a simultaneous first visit
            forum = Forum.objects.get(network=network, group=group)
    forum.network = network
    forum.group = group
    return forum


@dataclass(frozen=True)
class ThreadAccess:
    """A thread with the person's standing in its forum."""

    thread: Thread
    forum: ForumAccess


@dataclass(frozen=True)
class PostAccess:
    """A post with the person's standing in its forum."""

    post: Post
    forum: ForumAccess


@dataclass(frozen=True)
class CategoryAccess:
    """A category with the person's standing in its forum."""

    category: Category
    forum: ForumAccess


def get_thread_for_user(user: User, pk: int) -> ThreadAccess:
    """A thread and the person's standing in its forum, or 404 for a thread they may
    not read (hidden and deleted ones included, unless they moderate)."""
    return thread_access(user, Thread.objects.select_related(*THREAD_ACCESS_RELATED).filter(pk=pk).first())


# What thread_access reads of a thread's forum, besides the thread.
THREAD_ACCESS_RELATED = ("forum__network", "forum__group", "category", "author")


def thread_access(user: User, thread: Thread | None) -> ThreadAccess:
    """The person's standing in the forum of a thread already read (with
    ``THREAD_ACCESS_RELATED``), or 404 for no thread or one they may not read."""
    if thread is None:
        raise Http404(_("No such discussion."))
    fa = forum_access(user, thread.forum)
    if not thread.is_shown and not fa.is_moderator:
        raise Http404(_("No such discussion."))
    return ThreadAccess(thread, fa)


def get_post_for_user(user: User, pk: int) -> PostAccess:
    """A post of a thread the person may read, or 404. Hidden posts are the
    moderators'; a deleted post is still found (its placeholder is shown)."""
    post = (
        Post.objects.select_related("thread__forum__network", "thread__forum__group", "thread__category", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404(_("No such message."))
    fa = forum_access(user, post.thread.forum)
    if not fa.is_moderator and (not post.thread.is_shown or post.is_hidden):
        raise Http404(_("No such message."))
    return PostAccess(post, fa)


def get_attachment_for_user(user: User, pk: int) -> Attachment:
    """A file of a post the person may read; files of deleted posts go with their text."""
    attachment = Attachment.objects.select_related("post").filter(pk=pk).first()
    if attachment is None:
        raise Http404(_("No such file."))
    post_access = get_post_for_user(user, attachment.post_id)
    fa, post = post_access.forum, post_access.post
    if post.deleted_at is not None and not fa.is_moderator:
        raise Http404(_("No such file."))
    return attachment


def get_category_for_user(user: User, pk: int) -> CategoryAccess:
    category = Category.objects.select_related("forum__network", "forum__group").filter(pk=pk).first()
    if category is None:
        raise Http404(_("No such category."))
    return CategoryAccess(category, forum_access(user, category.forum))
