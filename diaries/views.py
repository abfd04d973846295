from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.submissions import Submission, once_per_submission
from diaries import actions, pages
from diaries.companions import companions_of
from diaries.forms import EntryForm, ShareForm
from diaries.models import Entry
from diaries.permissions import get_entry_for_user, get_own_entry
from diaries.prompts import attended, prompts_for
from events.models import Event
from events.permissions import events_visible_to
from observations.models import Lesson
from observations.permissions import lessons_visible_to
from ortaq.lib import confirm, editing
from ortaq.lib.views import first_error, user_of

PER_PAGE = 20


@login_required
@require_GET
def my_diary(request: HttpRequest) -> HttpResponse:
    """My diary: my entries, newest first, and «write about…» for what I took part in."""
    user = user_of(request)
    # A school year of entries is a long list on a phone: the newest first, a page at a time.
    page, entries = pages.entry_page(user, request.GET.get("page"), PER_PAGE)
    prompts = prompts_for(user) if page.number == 1 else None
    context = {"entries": entries, "page": page, "prompts": prompts}
    return render(request, "diaries/my_diary.html", context)


@login_required
@require_GET
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """The entries teachers shared with me, their coach or mentor."""
    user = user_of(request)
    entries = Entry.objects.shared_with(user).select_related("author__school", "event", "lesson")
    return render(request, "diaries/shared_with_me.html", {"entries": entries})


def about_of(request: HttpRequest, user: User) -> tuple[Event | None, Lesson | None]:
    """The event or the lesson a new entry reflects on (``?event=``, ``?lesson=``), if
    the person took part in it; anything else is ignored."""
    event = lesson = None
    source = request.POST if request.method == "POST" else request.GET
    event_id, lesson_id = str(source.get("event", "")), str(source.get("lesson", ""))
    if event_id.isdigit() and len(event_id) < 19:
        found = events_visible_to(user).filter(pk=int(event_id)).first()
        event = found if found is not None and attended(user, found) else None
    if lesson_id.isdigit() and len(lesson_id) < 19:
        lesson = (
            lessons_visible_to(user)
            .filter(pk=int(lesson_id))
            .filter(Q(teacher=user) | Q(observations__observer=user))
            .distinct()
            .first()
        )
    return event, lesson


@login_required
@once_per_submission
def entry_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    event, lesson = about_of(request, user)
    form = EntryForm(request.POST or None, version=0)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = actions.write_entry(
                user,
                written_on=data["written_on"],
                tried=data["tried"],
                pupils=data["pupils"],
                next_steps=data["next_steps"],
                event=event,
                lesson=lesson,
                submission=Submission.of(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is in your diary. Only you read it."))
            return redirect(entry)
    return render(request, "diaries/entry_form.html", {"form": form, "event": event, "lesson": lesson})


@login_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry_access = get_entry_for_user(user, pk)
    entry = entry_access.entry
    context: dict[str, object] = {"entry": entry, "entry_access": entry_access}
    if entry_access.is_author:
        shares = list(entry.shares.select_related("shared_with"))
        shared_ids = {share.shared_with_id for share in shares}
        companions = companions_of(user).exclude(pk__in=shared_ids)
        context |= {"shares": shares, "share_form": ShareForm(companions=companions), "may_share": companions.exists()}
    return render(request, "diaries/entry_detail.html", context)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_own_entry(user_of(request), pk).entry
    form = EntryForm(request.POST or None, instance=entry)
    context = {"form": form, "entry": entry, "event": entry.event, "lesson": entry.lesson}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_entry(
                entry,
                version=form.opened_version,
                written_on=data["written_on"],
                tried=data["tried"],
                pupils=data["pupils"],
                next_steps=data["next_steps"],
            )
        except editing.StaleEdit:
            saved = Entry.objects.get(pk=entry.pk)
            return editing.refuse_stale(
                request, "diaries/entry_form.html", context, form=form, saved=EntryForm(instance=saved)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect(entry)
    return render(request, "diaries/entry_form.html", context)


@login_required
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_own_entry(user_of(request), pk).entry
    if not confirm.confirmed(request):
        shares = entry.shares.count()
        return confirm.ask(
            request,
            question=_("Delete this diary entry?"),
            button=_("Delete the entry"),
            back=entry.get_absolute_url(),
            losses=[_("Its three answers.")]
            + ([_("The companions it is shared with no longer read it.")] if shares else []),
            place=[(reverse("diaries:mine"), _("My diary"))],
        )
    actions.delete_entry(entry)
    messages.success(request, _("The entry is deleted."))
    return redirect("diaries:mine")


@login_required
@require_POST
def entry_share(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry = get_own_entry(user, pk).entry
    form = ShareForm(request.POST, companions=companions_of(user))
    if form.is_valid():
        try:
            actions.share_entry(entry, with_user=form.cleaned_data["person"], by=user)
        except ValidationError as error:
            messages.error(request, first_error(error))
        else:
            messages.success(
                request,
                _("Shared with %(name)s, who is told.") % {"name": form.cleaned_data["person"].full_name},
            )
    else:
        messages.error(request, _("A diary entry is shared only with your coach or mentor."))
    return redirect(entry)


@login_required
@require_POST
def entry_unshare(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    """Takes a share back at once (sharing again is its undo)."""
    user = user_of(request)
    entry = get_own_entry(user, pk).entry
    companion = get_object_or_404(User, pk=person)
    actions.unshare_entry(entry, with_user=companion)
    messages.success(request, _("%(name)s no longer reads this entry.") % {"name": companion.full_name})
    return redirect(entry)
