"""Pages of the forum. Each view authorizes through forums/permissions.py, validates,
calls one verb of forums/actions.py, and renders or redirects."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.submissions import Submission, once_per_submission
from forums import actions, notices
from forums.forms import (
    MAX_BODY,
    CategoryForm,
    EditForm,
    MoveForm,
    PostForm,
    ReportForm,
    ThreadForm,
)
from forums.mentions import render_post
from forums.models import (
    POSTS_PER_PAGE,
    THREADS_PER_PAGE,
    Category,
    Forum,
    ForumPreference,
    Post,
    Report,
    Subscription,
    Thread,
)
from forums.permissions import (
    THREAD_ACCESS_RELATED,
    ForumAccess,
    forum_access,
    get_attachment_for_user,
    get_category_for_user,
    get_forum_for_user,
    get_post_for_user,
    get_thread_for_user,
    require_moderator,
    require_posting,
    thread_access,
)
from networks.models import Group, Network
from networks.permissions import get_network_access
from notifications.actions import mark_read_about, set_channel
from notifications.kinds import Channel
from notifications.models import Notice
from ortaq.lib import confirm, editing, fragments, uploads
from ortaq.lib.access import require
from ortaq.lib.collation import KazakhOrder, kazakh_sort_key
from ortaq.lib.prepared import prepared
from ortaq.lib.views import safe_next, user_of

NOTIFICATIONS_PER_PAGE = 30
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    return redirect(safe_next(request, fallback))


def int_param(value: str | None, default: int = 0) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else default


def rules_for(request: HttpRequest, fa: ForumAccess) -> list[str]:
    if not fa.can_post or fa.has_posted:
        return []
    return fa.network.charter(request.LANGUAGE_CODE).rules


# --- The forum and its threads --------------------------------------------------------------


def encode_cursor(thread: Thread) -> str:
    moment = thread.last_post_at - EPOCH
    micros = (moment.days * 86400 + moment.seconds) * 1_000_000 + moment.microseconds
    return f"{int(thread.is_pinned)}_{micros}_{thread.pk}"


def decode_cursor(value: str | None) -> tuple[bool, datetime.datetime, int] | None:
    """The thread a page of the list starts after: (pinned, last post, id), or None
    for a bad cursor."""
    try:
        pinned_text, micros_text, pk_text = (value or "").split("_")
        pinned, micros, pk = bool(int(pinned_text)), int(micros_text), int(pk_text)
        moment = EPOCH + datetime.timedelta(microseconds=micros)
    except (ValueError, OverflowError):
        return None
    return pinned, moment, pk


def older_than(pinned: bool, moment: datetime.datetime, pk: int) -> Q:
    """The keyset condition "after this thread" in the list's order (pinned first,
    then latest post, then id)."""
    after_it = Q(last_post_at__lt=moment) | Q(last_post_at=moment, pk__lt=pk)
    if pinned:  # the few pinned threads left, then every unpinned one
        return Q(is_pinned=False) | (Q(is_pinned=True) & after_it)
    # Written with plain bounds (not only an OR) so that PostgreSQL seeks the
    # (forum, is_pinned, last_post_at, id) index instead of filtering from its start.
    return Q(is_pinned=False, last_post_at__lte=moment) & after_it


@prepared
def thread_page(
    forum_id: int, user_id: int, *values: Any, moderator: bool, category: bool, show: str, older: bool | None
) -> QuerySet[Thread]:
    """A page of a forum's list, with the reader's marks. ``values`` after the forum
    and the reader: the category's id (with ``category``), then the cursor's last
    post and id (with ``older``, whether the cursor's thread is pinned)."""
    rest = list(values)
    threads = Thread.objects.filter(forum=forum_id)
    if not moderator:
        threads = threads.shown()
    if category:
        threads = threads.filter(category=rest.pop(0))
    if show == "solved":
        threads = threads.filter(solution__isnull=False)
    elif show == "questions":
        threads = threads.filter(is_question=True, solution__isnull=True)
    if older is not None:
        moment, pk = rest
        threads = threads.filter(older_than(older, moment, pk))
    return (
        threads.latest_first()
        .with_reader(user_id)
        .select_related("author", "category", "last_poster")
        .only(*THREAD_ROW_FIELDS)[: THREADS_PER_PAGE + 1]
    )


@prepared
def categories_of(forum_id: int, user_id: int) -> QuerySet[Category]:
    followed = Subscription.objects.filter(user=user_id, category=OuterRef("pk"))
    return Category.objects.filter(forum=forum_id).annotate(followed=Exists(followed))


@prepared
def group_forums_of(network_id: int, *values: int, which: str) -> QuerySet[Group]:
    """The groups whose forums the network's forum lists: ``all`` for its moderators
    and administrators, ``mine`` (the person's id follows) for a member."""
    groups = Group.objects.filter(network=network_id).order_by(KazakhOrder("name"))
    if which == "mine":
        (user_id,) = values
        groups = groups.filter(group_memberships__user=user_id)
    return groups


SHOW_CHOICES = {"solved", "questions"}


@login_required
@require_GET
def index(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    user = user_of(request)
    fa = get_forum_for_user(user, pk, group_pk)
    forum = fa.forum
    categories = categories_of(forum.pk, user.pk)
    category_pk = int_param(request.GET.get("category"))
    category = next((c for c in categories if c.pk == category_pk), None)
    show = request.GET.get("show", "")
    show = show if show in SHOW_CHOICES else ""

    older = decode_cursor(request.GET.get("before"))
    values = [*([category.pk] if category else []), *(older[1:] if older else [])]
    page = thread_page(
        forum.pk,
        user.pk,
        *values,
        moderator=fa.is_moderator,
        category=category is not None,
        show=show,
        older=older[0] if older else None,
    )
    filters = {k: v for k, v in {"category": category.pk if category else "", "show": show}.items() if v}
    older_query = ""
    if len(page) > THREADS_PER_PAGE:
        page = page[:THREADS_PER_PAGE]
        older_query = urlencode({**filters, "before": encode_cursor(page[-1])})
    marked_read_at = ForumPreference.marked_read_at_of(user)
    rows = [
        {
            "thread": thread,
            "is_new": (thread.reader_last_read is None or thread.last_number > thread.reader_last_read)
            and (marked_read_at is None or thread.last_post_at > marked_read_at),
            "url": thread.first_unread_url(thread.reader_last_read),
            "shows_category": thread.category_id is not None and category is None,
        }
        for thread in page
    ]
    pieces = fragments.render_rows(request, "forums/index.html#thread_row", rows, thread_row_parts)
    for row, html in zip(rows, pieces, strict=True):
        row["html"] = html
    group_forums: list[Group] = []
    if forum.group_id is None:
        if fa.is_moderator or fa.access.is_admin:
            group_forums = group_forums_of(fa.network.pk, which="all")
        elif fa.access.is_member:
            group_forums = group_forums_of(fa.network.pk, user.pk, which="mine")
    return render(
        request,
        "forums/index.html",
        {
            "fa": fa,
            "forum": forum,
            "network": fa.network,
            "group": forum.group,
            "categories": categories,
            "category": category,
            "show": show,
            "rows": rows,
            "older_query": older_query,
            "is_older_page": older is not None,
            "newest_query": urlencode(filters),
            "group_forums": group_forums,
        },
    )


@login_required
@once_per_submission
def thread_create(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    user = user_of(request)
    fa = get_forum_for_user(user, pk, group_pk)
    require_posting(fa)
    forum = fa.forum
    categories = list(forum.categories.all())
    initial = {"category": int_param(request.GET.get("category")) or None}
    form = ThreadForm(request.POST or None, request.FILES or None, categories=categories, initial=initial, owner=user)
    preview = None
    if request.method == "POST":
        if "preview" in request.POST:
            preview = preview_html(request.POST.get("body", ""), forum)
            form.keep_uploads()  # the page comes back: what was chosen stays chosen
        elif form.is_valid():
            data = form.cleaned_data
            try:
                thread = actions.start_thread(
                    forum,
                    by=user,
                    title=data["title"],
                    body=data["body"],
                    category=data.get("category"),
                    is_question=data["is_question"],
                    attachments=data["attachments"],
                    submission=Submission.of(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form.forget_kept()
                messages.success(request, _("The discussion is started."))
                return redirect(thread)
    return render(
        request,
        "forums/thread_form.html",
        {
            "fa": fa,
            "forum": forum,
            "network": fa.network,
            "group": forum.group,
            "form": form,
            "preview": preview,
            "rules": rules_for(request, fa),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@prepared
def thread_for_reader(pk: int, user_id: int) -> QuerySet[Thread]:
    """A thread with what its page shows one reader: the last post they read, whether
    they follow it, unread notifications."""
    unread = Notice.objects.filter(
        recipient=user_id, about_type=notices.THREAD, about_id=OuterRef("pk"), read_at__isnull=True
    )
    return (
        Thread.objects.filter(pk=pk)
        .with_reader(user_id)
        .annotate(has_unread_notifications=Exists(unread))
        .select_related("solution__author", *THREAD_ACCESS_RELATED)[:1]
    )


@prepared
def posts_page(thread_id: int, after: int, last: int, *, moderator: bool) -> QuerySet[Post]:
    """The posts numbered after..last (a page) with their authors and attachments."""
    posts = Post.objects.filter(thread=thread_id, number__gt=after, number__lte=last)
    if not moderator:
        posts = posts.filter(is_hidden=False)
    # The LIMIT (a range of numbers holds at most a page) makes PostgreSQL walk the
    # (thread, number) index and join the page's authors, not hash every person.
    return posts.select_related("author").prefetch_related("attachments").order_by("number")[:POSTS_PER_PAGE]


@login_required
@require_GET
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = thread_access(user, thread_for_reader.first(pk, user.pk))
    fa, thread = found.forum, found.thread
    # Keyset by number: page k is the range of numbers after `after`, a range scan
    # on the (thread, number) index however deep it is.
    after = min(int_param(request.GET.get("after")), thread.last_page_start)
    posts = posts_page(thread.pk, after, after + POSTS_PER_PAGE, moderator=fa.is_moderator)
    can_reply = fa.can_post and (not thread.is_locked or fa.is_moderator)
    may_mark_solution = thread.is_question and fa.may_mark_solution(thread)
    for post in posts:
        post.thread = thread  # as thread.posts would have set it
        shown = post.deleted_at is None
        post.is_solution = thread.solution_id == post.pk
        post.can_quote = can_reply and shown
        post.can_edit = fa.may_edit(post)
        post.can_mark_solution = may_mark_solution and shown and not post.is_opening and not post.is_hidden
        post.can_report = fa.can_post and shown and post.author_id != user.pk
        # The author deletes a discussion only while nobody has replied (actions.delete_post).
        post.can_delete = (
            shown and fa.may_delete(post) and (fa.is_moderator or not post.is_opening or not thread.reply_count)
        )
        post.can_moderate = fa.is_moderator
    reply_url = reverse("forums:reply", args=[thread.pk])
    for post, html in zip(
        posts,
        fragments.render_rows(
            request,
            "forums/thread_detail.html#post",
            posts,
            parts=post_parts,
            context={"reply_url": reply_url},
            shared=(reply_url,),
        ),
        strict=True,
    ):
        post.html = html
    last_on_page = min(after + POSTS_PER_PAGE, thread.last_number)
    actions.mark_read(user, thread, last_on_page, known=thread.reader_last_read)
    if thread.has_unread_notifications:
        mark_read_about(user, notices.THREAD, thread.pk)
    move_form = None
    if fa.is_moderator:
        categories = list(Category.objects.filter(forum=thread.forum_id))
        if len(categories) > 1 or (categories and thread.category_id is None):
            move_form = MoveForm(thread=thread, categories=categories)
    return render(
        request,
        "forums/thread_detail.html",
        {
            "fa": fa,
            "thread": thread,
            "forum": thread.forum,
            "network": fa.network,
            "group": thread.forum.group,
            "posts": posts,
            "can_reply": can_reply,
            "form": PostForm(owner=user) if can_reply else None,
            # The empty editor is the same for every reader of the forum.
            "editor_html": fragments.render_once(
                request,
                "forums/_editor.html",
                {"form": PostForm(owner=user), "forum": thread.forum, "preview": None},
                parts=(thread.forum.network_id, thread.forum.group_id),
            )
            if can_reply
            else "",
            "rules": rules_for(request, fa) if can_reply else [],
            "move_form": move_form,
            "pages": pages_of(thread, after),
            "solution_url": thread.post_url(thread.solution.number) if thread.solution else "",
            "reply_url": reply_url,
            # Restoring a deleted thread is restoring its opening post, wherever the moderator is.
            "opening_pk": thread.posts.filter(number=1).values_list("pk", flat=True).first()
            if thread.deleted_at and fa.is_moderator
            else None,
        },
    )


# What a row of the forum's list reads: the people's names, not their whole rows.
THREAD_ROW_FIELDS = (
    *("forum", "category__name", "author__full_name", "title", "is_question", "solution", "is_pinned", "is_locked"),
    *("is_hidden", "deleted_at", "last_number", "reply_count", "last_post_at", "last_poster__full_name"),
)


def thread_row_parts(row: dict[str, Any]) -> tuple[object, ...]:
    """Everything the thread_row partial of index.html shows (ortaq/lib/fragments.py)."""
    thread = row["thread"]
    return (
        *(thread.pk, thread.title, row["url"], row["is_new"], thread.is_pinned, thread.is_solved, thread.is_question),
        *(thread.is_locked, thread.deleted_at, thread.is_hidden, thread.author.full_name, thread.reply_count),
        thread.category.name if row["shows_category"] else None,
        thread.last_post_at,
        thread.last_poster.full_name if thread.last_poster else None,
    )


def post_parts(post: Post) -> tuple[object, ...]:
    """Everything the post partial of thread_detail.html shows (ortaq/lib/fragments.py)."""
    files = tuple((f.pk, f.original_name, f.size, f.is_image, f.thumbnail.name) for f in post.attachments.all())
    return (
        *(post.pk, post.number, post.author_id, post.author.full_name, post.created_at, post.edited_at),
        *(post.deleted_at, post.is_hidden, post.body_html, files, post.is_solution),
        *(post.can_quote, post.can_edit, post.can_mark_solution, post.can_report, post.can_delete, post.can_moderate),
    )


def pages_of(thread: Thread, after: int) -> dict[str, int | None]:
    last = thread.last_page_start
    return {
        "number": after // POSTS_PER_PAGE + 1,
        "count": thread.page_count,
        "previous": max(after - POSTS_PER_PAGE, 0) if after > 0 else None,
        "next": after + POSTS_PER_PAGE if after + POSTS_PER_PAGE <= last else None,
        "last": last,
        "after": after,
    }


@login_required
@once_per_submission
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply form on its own page (or, for htmx, as the form's partial with a
    quote filled in) and the reply itself."""
    user = user_of(request)
    found = get_thread_for_user(user, pk)
    fa, thread = found.forum, found.thread
    require_posting(fa)
    initial = {}
    quote_pk = int_param(request.GET.get("quote"))
    if quote_pk:
        quoted = thread.posts.filter(pk=quote_pk, deleted_at__isnull=True).select_related("author").first()
        if quoted is None or (quoted.is_hidden and not fa.is_moderator):
            raise Http404(_("No such message."))
        initial["body"] = quoted.quote()
    form = PostForm(request.POST or None, request.FILES or None, initial=initial, owner=user)
    if quote_pk:
        form.fields["body"].widget.attrs["autofocus"] = True  # htmx focuses it after the swap
    preview = None
    if thread.is_locked and not fa.is_moderator:
        messages.error(request, _("The discussion is locked: it takes no new replies."))
        return redirect(thread)
    if request.method == "POST":
        if "preview" in request.POST:
            preview = preview_html(request.POST.get("body", ""), thread.forum)
            form.keep_uploads()
        elif form.is_valid():
            try:
                post = actions.reply(
                    thread,
                    by=user,
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                    moderator=fa.is_moderator,
                    submission=Submission.of(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form.forget_kept()
                return redirect(post.get_absolute_url())
    context = {
        "fa": fa,
        "thread": thread,
        "forum": thread.forum,
        "network": fa.network,
        "group": thread.forum.group,
        "form": form,
        "preview": preview,
        "can_reply": True,
        "rules": rules_for(request, fa),
    }
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(request, "forums/thread_detail.html#reply_form", context)
    return render(request, "forums/reply.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A stable link to one post: sends the reader to its page of the thread."""
    post = get_post_for_user(user_of(request), pk).post
    return redirect(post.get_absolute_url())


def edit_form(post: Post, data: Any = None) -> EditForm:
    """The edit form opened on the post as it is saved now."""
    thread = post.thread
    initial = {"body": post.body, "title": thread.title, "is_question": thread.is_question}
    return EditForm(data, initial=initial, opening=post.is_opening, version=post.version)


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require(fa.may_edit(post), _("You can edit only your own messages, and not in a locked discussion."))
    thread = post.thread
    form = edit_form(post, request.POST or None)
    context = {"fa": fa, "post": post, "thread": thread, "forum": thread.forum, "network": fa.network}
    preview = None
    if request.method == "POST":
        if "preview" in request.POST:
            preview = preview_html(request.POST.get("body", ""), thread.forum)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                actions.edit_post(
                    post,
                    by=user,
                    body=data["body"],
                    title=data.get("title"),
                    is_question=data.get("is_question"),
                    version=form.opened_version,
                )
            except editing.StaleEdit:
                saved = get_post_for_user(user, pk).post
                return editing.refuse_stale(
                    request,
                    "forums/post_form.html",
                    {**context, "preview": None},
                    form=form,
                    saved=edit_form(saved),
                    saved_at=saved.edited_at or saved.created_at,
                    saved_by=saved.last_editor().full_name,
                )
            messages.success(request, _("The message is saved."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "forums/post_form.html",
        {**context, "form": form, "preview": preview},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require(fa.may_delete(post), _("You can delete only your own messages."))
    try:
        actions.check_deletion(post, by=user, moderator=fa.is_moderator)
        if not confirm.confirmed(request):
            return ask_to_delete_post(request, fa, post)
        actions.delete_post(post, by=user, moderator=fa.is_moderator)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(post.get_absolute_url())
    if post.is_opening:
        messages.success(request, _("The discussion is deleted."))
        return redirect(post.thread.forum.get_absolute_url())
    messages.success(request, _("The message is deleted."))
    return redirect(post.get_absolute_url())


def ask_to_delete_post(request: HttpRequest, fa: ForumAccess, post: Post) -> HttpResponse:
    """Deleting hides the text from all but the moderators, who may restore it."""
    thread = post.thread
    files = post.attachments.count()
    losses = []
    if post.is_opening:
        replies = thread.posts.filter(number__gt=1, deleted_at__isnull=True).count()
        question = _("Delete the discussion «%(title)s»?") % {"title": thread.title}
        losses.append(
            ngettext(
                "The discussion and its %(count)d reply disappear from the forum.",
                "The discussion and its %(count)d replies disappear from the forum.",
                replies,
            )
            % {"count": replies}
            if replies
            else _("The discussion disappears from the forum.")
        )
        button = _("Delete the discussion")
    else:
        question = (
            _("Delete your message?")
            if post.author_id == fa.user.pk
            else _("Delete the message of %(person)s?") % {"person": post.author}
        )
        losses.append(_("Its text is replaced by «This message was deleted.» for everyone but the moderators."))
        button = _("Delete the message")
    if files:
        losses.append(
            ngettext("%(count)d attached file goes with it.", "%(count)d attached files go with it.", files)
            % {"count": files}
        )
    return confirm.ask(
        request,
        question=question,
        losses=losses,
        afterwards=_("Only a moderator of the forum can restore it."),
        button=button,
        back=post.get_absolute_url(),
        place=[(thread.forum.get_absolute_url(), str(thread.forum)), (thread.get_absolute_url(), thread.title)],
    )


@login_required
@require_POST
def post_restore(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require_moderator(fa)
    actions.restore_post(post, by=user)
    messages.success(request, _("The message is restored."))
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require_moderator(fa)
    hidden = request.POST.get("hidden") == "1"
    actions.hide_post(post, hidden, by=user)
    if hidden:
        messages.success(request, _("The message is hidden: only moderators see it now."))
    else:
        messages.success(request, _("The message is shown again."))
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_solution(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    thread = post.thread
    require(fa.may_mark_solution(thread), _("Only the author of the question or a moderator can mark the solution."))
    unmark = request.POST.get("unmark") == "1"
    try:
        actions.mark_solution(thread, None if unmark else post, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The question is no longer marked solved.") if unmark else _("The question is marked solved.")
        )
    return redirect(post.get_absolute_url())


@login_required
@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require_moderator(fa)
    revisions = post.revisions.select_related("edited_by")
    return render(
        request,
        "forums/post_history.html",
        {"fa": fa, "post": post, "thread": post.thread, "network": fa.network, "revisions": revisions},
    )


@login_required
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_post_for_user(user, pk)
    fa, post = found.forum, found.post
    require_posting(fa)
    if post.deleted_at is not None:
        raise Http404(_("No such message."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_post(post, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at the message."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "forums/report_form.html",
        {"fa": fa, "post": post, "thread": post.thread, "network": fa.network, "form": form},
        status=400 if form.errors else 200,
    )


# --- Moderation -----------------------------------------------------------------------------

MODERATION = {
    "pin": (actions.pin_thread, True, _("The discussion is pinned to the top.")),
    "unpin": (actions.pin_thread, False, _("The discussion is no longer pinned.")),
    "lock": (actions.lock_thread, True, _("The discussion is locked: no new replies.")),
    "unlock": (actions.lock_thread, False, _("The discussion is open for replies again.")),
    "hide": (actions.hide_thread, True, _("The discussion is hidden: only moderators see it now.")),
    "unhide": (actions.hide_thread, False, _("The discussion is shown again.")),
}


@login_required
@require_POST
def thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_thread_for_user(user, pk)
    fa, thread = found.forum, found.thread
    require_moderator(fa)
    verb = MODERATION.get(request.POST.get("action", ""))
    if verb is None:
        messages.error(request, _("Choose what to do with the discussion."))
        return redirect(thread)
    action, value, message = verb
    action(thread, value, by=user)
    messages.success(request, str(message))
    return redirect(thread)


@login_required
@require_POST
def thread_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_thread_for_user(user, pk)
    fa, thread = found.forum, found.thread
    require_moderator(fa)
    categories = list(Category.objects.filter(forum=thread.forum_id))
    form = MoveForm(request.POST, thread=thread, categories=categories)
    if form.is_valid():
        actions.move_thread(thread, form.cleaned_data["category"], by=user)
        messages.success(
            request, _("The discussion is moved to «%(category)s».") % {"category": form.cleaned_data["category"].name}
        )
    else:
        messages.error(request, _("Choose a category of this forum."))
    return redirect(thread)


@login_required
@require_GET
def reports(request: HttpRequest, pk: int) -> HttpResponse:
    """Open reports of the forums of the network that the person moderates."""
    user = user_of(request)
    access = get_network_access(user, pk)
    forums = Forum.objects.filter(network=access.network)
    if not access.can_organise:
        if not access.is_member:
            raise PermissionDenied(_("Only the forum's moderators can do this."))
        forums = forums.filter(group__leader=user)
        require(forums.exists(), _("Only the forum's moderators can do this."))
    open_reports = (
        Report.objects.filter(resolved_at__isnull=True, post__thread__forum__in=forums)
        .select_related("post__thread__forum__group", "post__author", "reporter")
        .order_by("-created_at", "-pk")[:100]
    )
    return render(
        request, "forums/reports.html", {"network": access.network, "access": access, "reports": open_reports}
    )


@login_required
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    report = (
        Report.objects.select_related("post__thread__forum__network", "post__thread__forum__group")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404(_("No such report."))
    fa = forum_access(user, report.post.thread.forum)
    require_moderator(fa)
    hide = request.POST.get("decision") == "hide"
    actions.resolve_report(report, by=user, hide=hide)
    messages.success(
        request,
        _("The message is hidden and the report closed.") if hide else _("The report is closed; the message stays."),
    )
    return redirect("forums:reports", pk=fa.network.pk)


# --- Categories -----------------------------------------------------------------------------


@login_required
def categories(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    fa = get_forum_for_user(user_of(request), pk, group_pk)
    require(fa.can_manage_categories, _("Only the network leader sets the forum's categories."))
    form = CategoryForm(
        request.POST or None, forum_pk=fa.forum.pk, initial={"position": fa.forum.categories.count() + 1}
    )
    if request.method == "POST" and form.is_valid():
        form.instance.forum = fa.forum
        form.save()
        messages.success(request, _("The category is added."))
        return redirect(request.path)
    return render(
        request,
        "forums/categories.html",
        {
            "fa": fa,
            "forum": fa.forum,
            "network": fa.network,
            "group": fa.forum.group,
            "categories": fa.forum.categories.all(),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_category_for_user(user_of(request), pk)
    fa, category = found.forum, found.category
    require(fa.can_manage_categories, _("Only the network leader sets the forum's categories."))
    form = CategoryForm(request.POST or None, instance=category, forum_pk=fa.forum.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The category is saved."))
        return redirect(reverse_categories(fa.forum))
    return render(
        request,
        "forums/category_form.html",
        {"fa": fa, "forum": fa.forum, "network": fa.network, "category": category, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_category_for_user(user_of(request), pk)
    fa, category = found.forum, found.category
    require(fa.can_manage_categories, _("Only the network leader sets the forum's categories."))
    if category.threads.exists():
        messages.error(request, _("The category has discussions. Move them to another category first."))
        return redirect(reverse_categories(fa.forum))
    if not confirm.confirmed(request):
        followers = category.subscriptions.count()
        return confirm.ask(
            request,
            question=_("Delete the category «%(category)s»?") % {"category": category.name},
            lead=_("It has no discussions."),
            losses=[
                ngettext(
                    "%(count)d person following it will no longer hear of new discussions here.",
                    "%(count)d people following it will no longer hear of new discussions here.",
                    followers,
                )
                % {"count": followers}
            ]
            if followers
            else [],
            afterwards=_("You can add a category with the same name again later."),
            button=_("Delete the category"),
            back=reverse_categories(fa.forum),
            place=[(fa.forum.get_absolute_url(), str(fa.forum))],
        )
    category.delete()
    messages.success(request, _("The category «%(category)s» is deleted.") % {"category": category.name})
    return redirect(reverse_categories(fa.forum))


def reverse_categories(forum: Forum) -> str:
    if forum.group_id:
        return reverse("forums:group_categories", args=[forum.network_id, forum.group_id])
    return reverse("forums:categories", args=[forum.network_id])


# --- Following, reading, notifications ------------------------------------------------------


@login_required
@require_POST
def thread_follow(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_thread_for_user(user, pk)
    fa, thread = found.forum, found.thread
    require_posting(fa)
    follows = request.POST.get("follow") == "1"
    if follows:
        actions.follow(user, thread=thread)
        said = _("You follow the discussion: you will be told of new replies.")
    else:
        actions.unfollow(user, thread=thread)
        said = _("You no longer follow the discussion.")
    if request.headers.get("HX-Request"):
        return render(request, "forums/thread_detail.html#follow", {"thread": thread, "follows": follows, "said": said})
    messages.success(request, said)
    return redirect_back(request, thread.get_absolute_url())


@login_required
@require_POST
def category_follow(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    found = get_category_for_user(user, pk)
    fa, category = found.forum, found.category
    require_posting(fa)
    if request.POST.get("follow") == "1":
        actions.follow(user, category=category)
        messages.success(
            request, _("You follow «%(category)s»: you will be told of new discussions.") % {"category": category.name}
        )
    else:
        actions.unfollow(user, category=category)
        messages.success(request, _("You no longer follow «%(category)s».") % {"category": category.name})
    return redirect_back(request, category.get_absolute_url())


@login_required
@require_POST
def everything_read(request: HttpRequest) -> HttpResponse:
    actions.mark_everything_read(user_of(request))
    messages.success(request, _("Everything is marked as read."))
    return redirect_back(request, reverse("notifications:index"))


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The forum's notifications are the notifications centre's now; old links lead there."""
    return redirect("notifications:index")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """What the person follows; how they hear of it is chosen in the notice settings."""
    user = user_of(request)
    visible = Thread.objects.visible_to(user).values("pk")
    return render(
        request,
        "forums/preferences.html",
        {
            "threads": Subscription.objects.filter(user=user, thread__in=visible)
            .select_related("thread__forum__network")
            .order_by("-thread__last_post_at")[:100],
            "categories": Subscription.objects.filter(user=user, category__isnull=False)
            .filter(category__forum__network__in=Network.objects.visible_to(user).values("pk"))
            .select_related("category__forum__network", "category__forum__group"),
        },
    )


@csrf_exempt  # the signed token is the credential; mail clients post here without cookies (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link of forum e-mails sent before the notifications centre: it
    still stops every forum e-mail, without signing in. A GET only shows the button,
    so a mail scanner opening links does not unsubscribe anyone."""
    person = notices.user_from_token(token)
    if person is None:
        raise Http404(_("This link is not valid."))
    done = False
    if request.method == "POST":
        for kind in notices.KINDS:
            set_channel(person, kind.key, Channel.SITE)
        done = True
    return render(request, "forums/unsubscribe.html", {"person": person, "done": done, "token": token})


# --- Files, preview, member picker ----------------------------------------------------------


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_attachment_for_user(user_of(request), pk)
    return uploads.serve_file(
        request, item.file, filename=item.original_name, content_type=item.content_type, as_attachment=not item.is_image
    )


@login_required
@require_GET
def attachment_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_attachment_for_user(user_of(request), pk)
    if not item.thumbnail:
        raise Http404(_("No such file."))
    return uploads.serve_file(request, item.thumbnail, filename="preview.jpg", content_type="image/jpeg")


def preview_html(body: str, forum: Forum) -> str:
    return render_post(body[:MAX_BODY], forum).html


@login_required
@require_POST
def preview(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    """The text as it will look, for the htmx "Preview" button (sanitized, with mentions)."""
    fa = get_forum_for_user(user_of(request), pk, group_pk)
    require_posting(fa)
    html = preview_html(request.POST.get("body", ""), fa.forum)
    return render(request, "forums/_preview.html", {"preview": html})


@login_required
@require_GET
def member_picker(request: HttpRequest, pk: int, group_pk: int | None = None) -> HttpResponse:
    """Members who can be mentioned, with the code to copy into the text."""
    fa = get_forum_for_user(user_of(request), pk, group_pk)
    require_posting(fa)
    query = " ".join(request.GET.get("q", "").split()).casefold()[:100]
    people = list(fa.forum.audience().values_list("pk", "full_name"))
    # Matched in Python: SQLite's icontains folds ASCII only, not «Ә» or «Қ»; an
    # audience is a few hundred people at most.
    found = sorted(
        ((pk_, name) for pk_, name in people if not query or query in name.casefold()),
        key=lambda row: kazakh_sort_key(row[1]),
    )[:20]
    template = "forums/_member_picker.html" if request.headers.get("HX-Request") else "forums/member_picker.html"
    return render(request, template, {"people": found, "query": query})
