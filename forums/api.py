"""/api/v1/: the forum of a network and of each of its groups — categories,
discussions (threads) and their messages (posts).

Every endpoint asks forums/permissions.py as the pages do: outsiders (and, for a
group's forum, people outside the group) get 404, read-only people 403; hidden and
deleted discussions are 404 for everyone but the forum's moderators. What is sent is
checked by the pages' own forms (forums/forms.py), and every change is a verb of
forums/actions.py, with its notifications, stored counts and search updates. A message
comes as its Markdown source and the sanitized HTML the page shows (rendered once,
when written: ortaq/lib/markdown.py), never as unsanitized HTML.

Reading through the API marks nothing read: a GET changes nothing, and a script that
reads the forum is not the person reading it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import include, path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accounts.api import PersonOut
from accounts.models import User
from forums import actions
from forums.forms import MAX_ATTACHMENTS, MAX_BODY, CategoryForm, EditForm, MoveForm, PostForm, ReportForm, ThreadForm
from forums.models import Attachment, Category, Post, Subscription, Thread
from forums.permissions import (
    ForumAccess,
    PostAccess,
    ThreadAccess,
    get_category_for_user,
    get_forum_for_user,
    get_post_for_user,
    require_moderator,
    require_posting,
    thread_access,
)
from forums.views import MODERATION, decode_cursor, encode_cursor, int_param, older_than, thread_for_reader
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, Conflict, Cursor, IdField, KeepsNothing, VersionField, checked, refusals, valid
from ortaq.lib.api_router import ID, Router
from ortaq.lib.editing import StaleEdit

CATEGORIES_REFUSED = gettext_lazy("Only the network leader sets the forum's categories.")


def user_of(request: Request) -> User:
    return request.user


class ThreadSent(KeepsNothing, ThreadForm):
    pass


class ReplySent(KeepsNothing, PostForm):
    pass


def attachments_of(files: list[Any]) -> MultiValueDict[str, Any]:
    return MultiValueDict({"attachments": files})


# --- What is shown -----------------------------------------------------------------------


class CategoryRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CategoryOut(serializers.ModelSerializer):
    following = serializers.BooleanField(source="followed", read_only=True, help_text="You follow new discussions here")

    class Meta:
        model = Category
        fields = ["id", "name", "description", "position", "thread_count", "following"]


class AttachmentOut(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    is_image = serializers.BooleanField()
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "is_image", "url", "thumbnail_url"]

    @extend_schema_field(serializers.URLField(help_text="The file, through the forum's permission-checked view"))
    def get_url(self, attachment: Attachment) -> str:
        return self.context["request"].build_absolute_uri(reverse("forums:attachment", args=[attachment.pk]))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, attachment: Attachment) -> str | None:
        if not attachment.thumbnail:
            return None
        return self.context["request"].build_absolute_uri(reverse("forums:attachment_thumbnail", args=[attachment.pk]))


class PostOut(serializers.ModelSerializer):
    thread = serializers.IntegerField(source="thread_id")
    author = PersonOut()
    body = serializers.CharField(help_text="The Markdown as written (empty for a deleted message, but to moderators)")
    body_html = serializers.CharField(help_text="The message as the page shows it: rendered and sanitized")
    is_deleted = serializers.SerializerMethodField()
    is_solution = serializers.SerializerMethodField()
    attachments = AttachmentOut(many=True)
    version = serializers.IntegerField(
        help_text="Send it back with a change: a change to an older one is refused (409)"
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            *("id", "thread", "number", "author", "body", "body_html", "created_at", "edited_at"),
            *("is_hidden", "is_deleted", "is_solution", "attachments", "version", "url"),
        ]

    def to_representation(self, post: Post) -> dict[str, Any]:
        data = super().to_representation(post)
        if post.deleted_at is not None and not self.context.get("moderator"):
            # The page shows «This message was deleted.» in its place; its files go with it.
            data.update(body="", body_html="", attachments=[])
        return data

    def get_is_deleted(self, post: Post) -> bool:
        return post.deleted_at is not None

    def get_is_solution(self, post: Post) -> bool:
        return post.thread.solution_id == post.pk

    @extend_schema_field(serializers.URLField(help_text="The message on its page of the discussion"))
    def get_url(self, post: Post) -> str:
        return self.context["request"].build_absolute_uri(post.get_absolute_url())


class ThreadOut(serializers.ModelSerializer):
    network = serializers.IntegerField(source="forum.network_id")
    group = serializers.IntegerField(source="forum.group_id", allow_null=True)
    category = CategoryRef(allow_null=True)
    author = PersonOut()
    last_poster = PersonOut(allow_null=True)
    solution = serializers.IntegerField(source="solution_id", allow_null=True, help_text="The reply that solved it")
    is_solved = serializers.BooleanField()
    is_deleted = serializers.SerializerMethodField()
    following = serializers.BooleanField(source="reader_follows", help_text="You are told of new replies")
    last_read = serializers.IntegerField(
        source="reader_last_read", allow_null=True, help_text="The number of the last message you read on the site"
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Thread
        fields = [
            *("id", "network", "group", "category", "title", "author", "is_question", "is_solved", "solution"),
            *("is_pinned", "is_locked", "is_hidden", "is_deleted", "reply_count", "last_number", "last_post_at"),
            *("last_poster", "created_at", "following", "last_read", "url"),
        ]

    def get_is_deleted(self, thread: Thread) -> bool:
        return thread.deleted_at is not None

    @extend_schema_field(serializers.URLField(help_text="The discussion's page"))
    def get_url(self, thread: Thread) -> str:
        return self.context["request"].build_absolute_uri(thread.get_absolute_url())


class ThreadDetail(ThreadOut):
    opening = serializers.SerializerMethodField(
        help_text="The opening message: its version is the one a change of the title or kind sends back"
    )

    class Meta(ThreadOut.Meta):
        fields = [*ThreadOut.Meta.fields, "opening"]

    @extend_schema_field(PostOut)
    def get_opening(self, thread: Thread) -> dict[str, Any]:
        opening = thread.posts.select_related("author").prefetch_related("attachments").get(number=1)
        opening.thread = thread
        return PostOut(opening, context=self.context).data


class Following(serializers.Serializer):
    following = serializers.BooleanField()


class ReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


# --- What is sent (the pages' forms check it again, as on the pages) -------------------------


class CategoryIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)


class CategoryChange(CategoryIn):
    name = serializers.CharField(max_length=120, required=False)


class ThreadIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False, help_text="Markdown, with @mentions")
    category = IdField(required=False, allow_null=True, help_text="Required when the forum has categories")
    is_question = serializers.BooleanField(default=False)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_ATTACHMENTS, help_text="Multipart only"
    )


class ThreadChange(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    is_question = serializers.BooleanField(required=False)
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False, required=False)
    version = VersionField(help_text="The opening message's version read; an older one is refused (409)")


class ReplyIn(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False, help_text="Markdown, with @mentions")
    quote = IdField(required=False, allow_null=True, help_text="A message of the discussion to quote above the text")
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_ATTACHMENTS, help_text="Multipart only"
    )


class PostChange(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False)
    version = VersionField()


class ModerationIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(MODERATION), help_text="What the page's moderation buttons do")


class PostHidingIn(serializers.Serializer):
    hidden = serializers.BooleanField(help_text="true: only the moderators see it; false: shown again")


class ThreadMoveIn(serializers.Serializer):
    category = IdField()


class ReportIn(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Only the forum's moderators read it")


# --- Categories ---------------------------------------------------------------------------


def categories_for(user: User) -> QuerySet[Category]:
    return Category.objects.annotate(
        followed=Exists(Subscription.objects.filter(user=user.pk, category=OuterRef("pk")))
    ).select_related("forum__network", "forum__group")


class InForum:
    """A view of one forum's things: the network's (``network_pk``) or one of its
    groups' (``group_pk`` too), as the person may read it, or 404."""

    kwargs: dict[str, Any]
    request: Request

    def forum(self) -> ForumAccess:
        if not hasattr(self, "_forum"):
            group = self.kwargs.get("group_pk")
            self._forum = get_forum_for_user(
                user_of(self.request), int(self.kwargs["network_pk"]), int(group) if group else None
            )
        return self._forum


@extend_schema(tags=["forum"])
@extend_schema_view(
    list=extend_schema(summary="The forum's categories"),
    create=extend_schema(
        summary="Add a category (the network leader; in a group's forum, its leader too)",
        request=CategoryIn,
        responses={201: CategoryOut},
    ),
)
class ForumCategories(InForum, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The categories of a network's forum, or of a group's."""

    serializer_class = CategoryOut
    queryset = Category.objects.none()
    cursor_ordering = ("position", "pk")

    def get_queryset(self) -> QuerySet[Category]:
        return categories_for(user_of(self.request)).filter(forum=self.forum().forum)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fa = self.forum()
        require(fa.can_manage_categories, CATEGORIES_REFUSED)
        data = checked(CategoryIn, request.data)
        data.setdefault("position", fa.forum.categories.count() + 1)
        form = CategoryForm(data, forum_pk=fa.forum.pk)
        valid(form)
        form.instance.forum = fa.forum
        category = form.save()
        shown = categories_for(user_of(request)).get(pk=category.pk)
        return Response(CategoryOut(shown).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="A category"),
    partial_update=extend_schema(
        summary="Change a category (who sets the categories)", request=CategoryChange, responses=CategoryOut
    ),
    destroy=extend_schema(summary="Delete a category without discussions (who sets the categories)"),
)
class CategoryViewSet(Conditional, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """A category of a forum, whoever reads the forum; changed by who sets its categories."""

    serializer_class = CategoryOut
    queryset = Category.objects.none()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_object(self) -> Category:
        user = user_of(self.request)
        found = get_category_for_user(user, int(self.kwargs["pk"]))
        self.fa = found.forum
        return categories_for(user).get(pk=found.category.pk)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        category = self.get_object()
        require(self.fa.can_manage_categories, CATEGORIES_REFUSED)
        data = {"name": category.name, "description": category.description, "position": category.position}
        data.update(checked(CategoryChange, request.data))
        form = CategoryForm(data, instance=category, forum_pk=self.fa.forum.pk)
        valid(form)
        form.save()
        return Response(CategoryOut(self.get_object()).data)

    def perform_destroy(self, instance: Category) -> None:
        require(self.fa.can_manage_categories, CATEGORIES_REFUSED)
        if instance.threads.exists():
            raise exceptions.ValidationError(
                {"detail": [_("The category has discussions. Move them to another category first.")]}
            )
        instance.delete()

    @extend_schema(methods=["POST"], summary="Follow the category: be told of new discussions", request=None)
    @extend_schema(methods=["DELETE"], summary="Stop following the category", request=None)
    @extend_schema(responses=Following)
    @action(detail=True, methods=["post", "delete"])
    def follow(self, request: Request, pk: str) -> Response:
        category = self.get_object()
        require_posting(self.fa)
        following = request.method == "POST"
        if following:
            actions.follow(user_of(request), category=category)
        else:
            actions.unfollow(user_of(request), category=category)
        return Response({"following": following})


class Found:
    """A view of one thing found through forums/permissions.py (404 for whoever may
    not read it), kept for the request with the reader's standing in its forum."""

    kwargs: dict[str, Any]
    request: Request
    found_kwarg = "pk"

    def find(self, user: User, pk: int) -> Any:
        raise NotImplementedError

    def found(self) -> Any:
        if not hasattr(self, "_found"):
            self._found = self.find(user_of(self.request), int(self.kwargs[self.found_kwarg]))
        return self._found

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        if self.found_kwarg in getattr(self, "kwargs", {}):
            context["moderator"] = self.found().forum.is_moderator
        return context

    def shown(self) -> Response:
        """The thing as it is now: read again, as the actions write with UPDATEs."""
        if hasattr(self, "_found"):
            del self._found
        return Response(self.get_serializer(self.get_object()).data)  # type: ignore[attr-defined]


def find_thread(user: User, pk: int) -> ThreadAccess:
    """The discussion with the reader's marks, as its page reads it."""
    return thread_access(user, thread_for_reader.first(pk, user.pk))


def edit(post: Post, change: dict[str, Any], *, by: User) -> None:
    """The page's edit form over what is saved, with what is sent changed; a change
    made on an older version than the saved one is refused (409)."""
    thread = post.thread
    version = change.pop("version", None)
    saved = {"title": thread.title, "is_question": thread.is_question, "body": post.body}
    cleaned = valid(EditForm({**saved, **change}, opening=post.is_opening, version=post.version))
    try:
        actions.edit_post(
            post,
            by=by,
            body=cleaned["body"],
            title=cleaned.get("title"),
            is_question=cleaned.get("is_question"),
            version=version,
        )
    except StaleEdit:
        raise Conflict from None


EDIT_REFUSED = gettext_lazy("You can edit only your own messages, and not in a locked discussion.")


# --- Discussions ----------------------------------------------------------------------------


class ThreadPages(Cursor):
    """The forum page's own order — pinned first, then by the latest message — paged
    by the page's own keyset (forums/views.py), so a deep page costs what the first
    does. ``previous`` is always empty: a client keeps the addresses it came by."""

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Thread] | None:
        self.request = request
        self.page_size = self.get_page_size(request)
        older = decode_cursor(request.query_params.get(self.cursor_query_param))
        if older is not None:
            queryset = queryset.filter(older_than(*older))
        rows = list(queryset.latest_first()[: self.page_size + 1])
        self.more = len(rows) > self.page_size
        self.rows = rows[: self.page_size]
        self.base_url = request.build_absolute_uri()
        return self.rows

    def get_next_link(self) -> str | None:
        if not self.more:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, encode_cursor(self.rows[-1]))

    def get_previous_link(self) -> str | None:
        return None


SHOW = {"solved": "Questions a reply solved", "questions": "Questions not solved yet"}


@extend_schema(tags=["forum"])
@extend_schema_view(
    list=extend_schema(
        summary="The forum's discussions, pinned first, then by the latest message",
        parameters=[
            OpenApiParameter("category", int, description="Only this category's discussions"),
            OpenApiParameter("show", str, enum=list(SHOW), description="; ".join(f"{k}: {v}" for k, v in SHOW.items())),
        ],
    ),
    create=extend_schema(
        summary="Start a discussion (the forum's writers)",
        request={"multipart/form-data": ThreadIn, "application/json": ThreadIn},
        responses={201: ThreadDetail},
    ),
)
class ForumThreads(InForum, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The discussions of a network's forum, or of a group's: hidden and deleted ones
    only for its moderators."""

    serializer_class = ThreadOut
    queryset = Thread.objects.none()
    pagination_class = ThreadPages

    def get_queryset(self) -> QuerySet[Thread]:
        fa = self.forum()
        threads = Thread.objects.filter(forum=fa.forum)
        if not fa.is_moderator:
            threads = threads.shown()
        params = self.request.query_params
        category = int_param(params.get("category"))
        if category:
            threads = threads.filter(category=category)
        if params.get("show") == "solved":
            threads = threads.filter(solution__isnull=False)
        elif params.get("show") == "questions":
            threads = threads.filter(is_question=True, solution__isnull=True)
        return threads.with_reader(user_of(self.request)).select_related("forum", "author", "category", "last_poster")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fa = self.forum()
        require_posting(fa)
        user = user_of(request)
        data = checked(ThreadIn, request.data)
        files = attachments_of(data.pop("attachments", []))
        categories = list(fa.forum.categories.all())
        form = ThreadSent({**data, "category": data.get("category") or ""}, files, categories=categories, owner=user)
        cleaned = valid(form)
        with refusals():
            thread = actions.start_thread(
                fa.forum,
                by=user,
                title=cleaned["title"],
                body=cleaned["body"],
                category=cleaned.get("category"),
                is_question=cleaned["is_question"],
                attachments=cleaned["attachments"],
            )
        found = find_thread(user, thread.pk)
        context = {**self.get_serializer_context(), "moderator": found.forum.is_moderator}
        return Response(ThreadDetail(found.thread, context=context).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="A discussion with its opening message"),
    partial_update=extend_schema(
        summary="Change your discussion's title, kind or opening text (moderators: any)",
        request=ThreadChange,
        responses=ThreadDetail,
    ),
)
class ThreadViewSet(Found, Conditional, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A discussion: 404 when hidden or deleted, but to the forum's moderators."""

    serializer_class = ThreadDetail
    queryset = Thread.objects.none()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def find(self, user: User, pk: int) -> ThreadAccess:
        return find_thread(user, pk)

    def get_object(self) -> Thread:
        return self.found().thread

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = self.found()
        opening = found.thread.posts.select_related("author").get(number=1)
        opening.thread = found.thread
        require(found.forum.may_edit(opening), EDIT_REFUSED)
        edit(opening, checked(ThreadChange, request.data), by=user_of(request))
        return self.shown()

    @extend_schema(
        summary="Pin, unpin, lock, unlock, hide or show the discussion again (moderators)",
        request=ModerationIn,
    )
    @action(detail=True, methods=["post"])
    def moderate(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_moderator(found.forum)
        verb, value, _said = MODERATION[checked(ModerationIn, request.data)["action"]]
        verb(found.thread, value, by=user_of(request))
        return self.shown()

    @extend_schema(summary="Move the discussion to another category of its forum (moderators)", request=ThreadMoveIn)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_moderator(found.forum)
        thread = found.thread
        form = MoveForm(
            checked(ThreadMoveIn, request.data),
            thread=thread,
            categories=list(Category.objects.filter(forum=thread.forum_id)),
        )
        with refusals():
            actions.move_thread(thread, valid(form)["category"], by=user_of(request))
        return self.shown()

    @extend_schema(methods=["POST"], summary="Follow the discussion: be told of new replies", request=None)
    @extend_schema(methods=["DELETE"], summary="Stop following the discussion", request=None)
    @extend_schema(responses=Following)
    @action(detail=True, methods=["post", "delete"])
    def follow(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_posting(found.forum)
        following = request.method == "POST"
        if following:
            actions.follow(user_of(request), thread=found.thread)
        else:
            actions.unfollow(user_of(request), thread=found.thread)
        return Response({"following": following})


# --- Messages -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="The discussion's messages in order (the opening one is number 1)"),
    create=extend_schema(
        summary="Reply (the forum's writers; in a locked discussion, its moderators)",
        request={"multipart/form-data": ReplyIn, "application/json": ReplyIn},
        responses={201: PostOut},
    ),
)
class ThreadPosts(Found, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The messages of a discussion: hidden ones only for its moderators; a deleted one
    keeps its place and number, its text only for the moderators."""

    serializer_class = PostOut
    queryset = Post.objects.none()
    cursor_ordering = ("number",)

    found_kwarg = "thread_pk"

    def find(self, user: User, pk: int) -> ThreadAccess:
        return find_thread(user, pk)

    def get_queryset(self) -> QuerySet[Post]:
        found = self.found()
        posts = Post.objects.filter(thread=found.thread)
        if not found.forum.is_moderator:
            posts = posts.filter(is_hidden=False)
        return posts.select_related("author").prefetch_related("attachments")

    def paginate_queryset(self, queryset: Any) -> list[Post] | None:
        page = super().paginate_queryset(queryset)
        for post in page or []:
            post.thread = self.found().thread  # as thread.posts would have set it
        return page

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = self.found()
        fa, thread = found.forum, found.thread
        require_posting(fa)
        if thread.is_locked and not fa.is_moderator:
            raise PermissionDenied(_("The discussion is locked: it takes no new replies."))
        user = user_of(request)
        data = checked(ReplyIn, request.data)
        quote = data.pop("quote", None)
        if quote:
            quoted = thread.posts.filter(pk=quote, deleted_at__isnull=True).select_related("author").first()
            if quoted is None or (quoted.is_hidden and not fa.is_moderator):
                raise exceptions.ValidationError({"quote": [_("Quote a message of this discussion.")]})
            data["body"] = quoted.quote() + data["body"]
        files = attachments_of(data.pop("attachments", []))
        form = ReplySent(data, files, owner=user)
        cleaned = valid(form)
        with refusals():
            post = actions.reply(
                thread,
                by=user,
                body=cleaned["body"],
                attachments=cleaned["attachments"],
                moderator=fa.is_moderator,
            )
        return Response(PostOut(post, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="A message"),
    partial_update=extend_schema(
        summary="Change your message's text (moderators: any); a discussion's title is changed on the discussion",
        request=PostChange,
        responses=PostOut,
    ),
    destroy=extend_schema(
        summary="Delete your message (moderators: any); deleting message 1 deletes the discussion, "
        "which its author may do only while nobody else has replied"
    ),
)
class PostViewSet(Found, Conditional, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A message of a discussion (number 1 opens it)."""

    serializer_class = PostOut
    queryset = Post.objects.none()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def find(self, user: User, pk: int) -> PostAccess:
        return get_post_for_user(user, pk)

    def get_object(self) -> Post:
        return self.found().post

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = self.found()
        require(found.forum.may_edit(found.post), EDIT_REFUSED)
        edit(found.post, checked(PostChange, request.data), by=user_of(request))
        return self.shown()

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = self.found()
        fa, post = found.forum, found.post
        require(fa.may_delete(post), _("You can delete only your own messages."))
        with refusals():
            actions.delete_post(post, by=user_of(request), moderator=fa.is_moderator)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["POST"], summary="Mark this reply as the question's solution", request=None)
    @extend_schema(methods=["DELETE"], summary="The question is not solved after all", request=None)
    @extend_schema(responses=ThreadDetail)
    @action(detail=True, methods=["post", "delete"])
    def solution(self, request: Request, pk: str) -> Response:
        found = self.found()
        post, thread = found.post, found.post.thread
        require(
            found.forum.may_mark_solution(thread),
            _("Only the author of the question or a moderator can mark the solution."),
        )
        with refusals():
            actions.mark_solution(thread, post if request.method == "POST" else None, by=user_of(request))
        reread = find_thread(user_of(request), thread.pk)
        return Response(ThreadDetail(reread.thread, context=self.get_serializer_context()).data)

    @extend_schema(summary="Report the message to the forum's moderators", request=ReportIn, responses={201: ReportOut})
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_posting(found.forum)
        if found.post.deleted_at is not None:
            raise exceptions.NotFound(_("No such message."))
        form = ReportForm(checked(ReportIn, request.data))
        with refusals():
            report = actions.report_post(found.post, by=user_of(request), reason=valid(form)["reason"])
        return Response(ReportOut(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Hide the reply from all but the moderators, or show it again (moderators)", request=PostHidingIn
    )
    @action(detail=True, methods=["post"])
    def hide(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_moderator(found.forum)
        actions.hide_post(found.post, checked(PostHidingIn, request.data)["hidden"], by=user_of(request))
        return self.shown()

    @extend_schema(summary="Restore a deleted message (moderators)", request=None)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str) -> Response:
        found = self.found()
        require_moderator(found.forum)
        actions.restore_post(found.post, by=user_of(request))
        return self.shown()


FORUM = rf"networks/(?P<network_pk>{ID})"
GROUP_FORUM = rf"networks/(?P<network_pk>{ID})/groups/(?P<group_pk>{ID})"

router = Router()
router.register(rf"{FORUM}/forum/categories", ForumCategories, basename="forum-category")
router.register(rf"{GROUP_FORUM}/forum/categories", ForumCategories, basename="group-forum-category")
router.register(rf"{FORUM}/forum/threads", ForumThreads, basename="forum-thread")
router.register(rf"{GROUP_FORUM}/forum/threads", ForumThreads, basename="group-forum-thread")
router.register("forum/categories", CategoryViewSet, basename="category")
router.register("forum/threads", ThreadViewSet, basename="thread")
router.register(rf"forum/threads/(?P<thread_pk>{ID})/posts", ThreadPosts, basename="thread-post")
router.register("forum/posts", PostViewSet, basename="post")

urlpatterns = [path("", include(router.urls))]
