from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import Submission, once_per_submission
from mentoring import actions, pages
from mentoring.forms import CompleteForm, MeetingForm, PairEditForm, PairForm
from mentoring.models import Pair
from mentoring.permissions import (
    REFUSED,
    PairAccess,
    get_network_pairs,
    get_pair_for_user,
    get_pairs_organised,
    get_written_pair,
    meetings_readable,
)
from ortaq.lib import confirm, editing
from ortaq.lib.access import require
from ortaq.lib.views import first_error, user_of


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """My mentoring: the pairs where I mentor, and those where I am mentored."""
    user = user_of(request)
    pairs = list(Pair.objects.of(user).select_related("network", "mentor__school", "mentee__school"))
    return render(
        request,
        "mentoring/mine.html",
        {
            "as_mentor": [p for p in pairs if p.mentor_id == user.pk],
            "as_mentee": [p for p in pairs if p.mentee_id == user.pk],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def network_pairs(request: HttpRequest, pk: int) -> HttpResponse:
    """A network's mentoring pairs: every pair for its organisers, with the day each
    last met and the quiet ones flagged; a member's own pairs for the others."""
    user = user_of(request)
    access = get_network_pairs(user, pk)
    today = timezone.localdate()
    pairs = pages.pair_rows(access.network, user, every_pair=access.can_organise, today=today)
    rows = [(pair, pair.quiet) for pair in pairs]
    return render(
        request,
        "mentoring/network_pairs.html",
        {
            "network": access.network,
            "rows": rows,
            "pieces": pages.rendered_rows(request, pairs),
            "quiet": sum(1 for _pair, quiet in rows if quiet),
            "can_create": access.can_organise,
            "today": today,
        },
    )


@login_required
@once_per_submission
def pair_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_pairs_organised(user, pk)
    form = PairForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair = actions.create_pair(
                access.network,
                mentor=data["mentor"],
                mentee=data["mentee"],
                kind=data["kind"],
                goals=data["goals"],
                started_on=data["started_on"],
                quiet_after_days=data["quiet_after_days"],
                by=user,
                submission=Submission.of(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The pair is made: both of them are told."))
            return redirect(pair)
    return render(request, "mentoring/pair_form.html", {"network": access.network, "form": form})


def pair_context(pair_access: PairAccess, meeting_form: MeetingForm | None = None) -> dict[str, object]:
    pair = pair_access.pair
    return {
        "pair": pair,
        "network": pair.network,
        "pair_access": pair_access,
        "meetings": meetings_readable(pair_access),
        "meeting_form": meeting_form
        if meeting_form is not None
        else (MeetingForm() if pair_access.can_write else None),
        "today": timezone.localdate(),
        "my_share": (pair.mentor_shares_log if pair_access.is_mentor else pair.mentee_shares_log),
    }


@login_required
@require_GET
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair_access = get_pair_for_user(user_of(request), pk)
    return render(request, "mentoring/pair_detail.html", pair_context(pair_access))


@login_required
@require_POST
@once_per_submission
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    pair_access = get_written_pair(user, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            actions.add_meeting(
                pair_access.pair,
                met_on=form.cleaned_data["met_on"],
                discussed=form.cleaned_data["discussed"],
                next_steps=form.cleaned_data["next_steps"],
                by=user,
                submission=Submission.of(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is in the log."))
            return redirect(pair_access.pair)
    return render(request, "mentoring/pair_detail.html", pair_context(pair_access, form), status=400)


@login_required
def pair_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pair_access = get_written_pair(user_of(request), pk)
    pair = pair_access.pair
    form = PairEditForm(request.POST or None, instance=pair)
    context = {"pair": pair, "network": pair.network, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_pair(
                pair,
                version=form.opened_version,
                goals=form.cleaned_data["goals"],
                quiet_after_days=form.cleaned_data["quiet_after_days"],
            )
        except editing.StaleEdit:
            saved = Pair.objects.get(pk=pair.pk)
            return editing.refuse_stale(
                request, "mentoring/pair_edit.html", context, form=form, saved=PairEditForm(instance=saved)
            )
        messages.success(request, _("The goals are saved."))
        return redirect(pair)
    return render(request, "mentoring/pair_edit.html", context)


@login_required
@require_POST
def pair_share(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor's or the mentee's own choice to show the log to the organisers
    (shown only while both choose it); pressed again, it is taken back."""
    user = user_of(request)
    pair_access = get_pair_for_user(user, pk)
    require(pair_access.is_party, REFUSED)
    shared = request.POST.get("shared") == "yes"
    actions.set_log_shared(pair_access.pair, by=user, shared=shared)
    if shared:
        messages.success(request, _("You share the log with the network's organisers once the other one does too."))
    else:
        messages.success(request, _("The log is yours alone again."))
    return redirect(pair_access.pair)


@login_required
def pair_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    pair_access = get_pair_for_user(user, pk)
    require(pair_access.can_complete, REFUSED)
    pair = pair_access.pair
    form = CompleteForm(request.POST or None)
    if not confirm.confirmed(request) or not form.is_valid():
        return confirm.ask(
            request,
            question=_("Complete the mentoring of %(mentee)s by %(mentor)s?")
            % {"mentee": pair.mentee.full_name, "mentor": pair.mentor.full_name},
            button=_("Complete the mentoring"),
            back=pair.get_absolute_url(),
            lead=_("The log is closed: no meeting can be added afterwards."),
            keeps=[
                _("The log stays the pair's own."),
                _("The completed mentoring enters both people's record of professional development."),
            ],
            form=form,
            place=[(pair.network.get_absolute_url(), pair.network.name)],
            danger=False,
        )
    try:
        actions.complete_pair(pair, summary=form.cleaned_data["summary"], by=user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The mentoring is completed."))
    return redirect(pair)
