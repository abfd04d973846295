from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.submissions import Submission, once_per_submission
from calendars.models import AcademicYear, Holidays, current_year
from events import actions, ical, lessons
from events import plan as plan_page
from events.forms import (
    AddAttendeeForm,
    CancelForm,
    CheckinForm,
    DeclineForm,
    EditEventForm,
    EditSeriesForm,
    EventForm,
    MoveForm,
    PlanForm,
    RecordForm,
    SeriesForm,
)
from events.grid import flag_holidays, grid_range, month, parse_month
from events.models import (
    Attachment,
    Event,
    EventSeries,
    FeedToken,
    Participation,
    Record,
    RecordTask,
    WorkPlan,
)
from events.permissions import (
    REFUSED,
    EventAccess,
    get_event_for_user,
    get_organised_event,
    get_school_for_user,
    get_series_for_user,
    may_change_plan,
)
from events.shifts import conflicts_for
from networks.models import GroupTask, Network
from networks.permissions import get_group_for_user, get_network_access, get_organised_network
from observations.forms import LessonForm
from ortaq.lib import confirm, editing, extensions, fragments, uploads
from ortaq.lib.access import require
from ortaq.lib.markdown import render_markdown
from ortaq.lib.views import first_error, user_of

# The place on the event's form where apps above events add their fields.
FORM_SLOT = "events.event_form"

# --- Calendars ------------------------------------------------------------------------------


# What the month grid and the month list show of an event (not its description).
CALENDAR_FIELDS = ("title", "kind", "status", "starts_at", "ends_at", "location", "series_id", "original_date")


def calendar_events(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("network").only(*CALENDAR_FIELDS, "network__name").order_by("starts_at", "pk")


def render_calendar(request: HttpRequest, events: QuerySet[Event], context: dict[str, Any]) -> HttpResponse:
    """The month grid, or with ?view=list the same month as a list; both flag holidays."""
    first = parse_month(request.GET.get("month"))
    as_list = request.GET.get("view") == "list"
    if as_list:
        start = first
        end = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    else:
        start, end = grid_range(first)
    items = list(calendar_events(events.between(start, end)))
    holidays = Holidays(start, end)
    context |= {"first": first, "as_list": as_list}
    if as_list:
        context["events"] = flag_holidays(items, holidays)
        context["month"] = month(first, [], holidays)
    else:
        context["month"] = grid = month(first, items, holidays)
        context["grid_html"] = fragments.render_once(
            request, "events/calendar.html#month_grid", {"month": grid, "first": first}, parts=grid.parts()
        )
    return render(request, "events/calendar.html", context)


@login_required
@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    events = Event.objects.visible_to(user).for_person(user)
    return render_calendar(
        request,
        events,
        {"heading": _("My events"), "scope": "mine", "tasks": my_open_tasks(user), "today": timezone.localdate()},
    )


def my_open_tasks(user: User) -> list[RecordTask | GroupTask]:
    """The tasks of meetings and of groups given to the person and not done, soonest
    due first (those without a day last); a group's only while its network is theirs."""
    record_tasks = RecordTask.objects.open().filter(owner=user).select_related("record__event", "owner")
    group_tasks = (
        GroupTask.objects.open()
        .filter(assignee=user, group__network__in=Network.objects.visible_to(user))
        .select_related("group__network", "assignee")
    )
    tasks: list[RecordTask | GroupTask] = [*record_tasks, *group_tasks]
    return sorted(tasks, key=lambda task: (task.due_on is None, task.due_on or datetime.date.min, task.created_at))


@login_required
@require_GET
def network_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_network_access(user_of(request), pk)
    events = Event.objects.filter(network=access.network)
    return render_calendar(
        request,
        events,
        {"heading": access.network.name, "scope": "network", "network": access.network, "access": access},
    )


@login_required
@require_GET
def group_calendar(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group_access = get_group_for_user(user_of(request), pk, group_pk)
    access, group = group_access.access, group_access.group
    return render_calendar(
        request,
        Event.objects.for_group(group),
        {"heading": group.name, "scope": "group", "network": access.network, "access": access, "group": group},
    )


@login_required
@require_GET
def school_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    school_access = get_school_for_user(user_of(request), pk)
    school, networks = school_access.school, school_access.networks
    events = Event.objects.filter(network__in=networks).for_school(school)
    return render_calendar(request, events, {"heading": school.name, "scope": "school", "school": school})


# --- The work plan --------------------------------------------------------------------------


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    network = access.network
    years = list(AcademicYear.objects.all())
    year_pk = request.GET.get("year", "")
    today = timezone.localdate()
    year = next((y for y in years if str(y.pk) == year_pk), None) or current_year(years, today)
    year = year or (years[0] if years else None)
    form = PlanForm(request.POST or None, network=network, initial={"year": year})
    if request.method == "POST":
        require(access.can_organise, REFUSED)
        if form.is_valid():
            form.instance.network = network
            form.instance.created_by = user
            saved = form.save()
            messages.success(request, _("The work plan is created."))
            return redirect(saved)
    context: dict[str, Any] = {"access": access, "network": network, "years": years, "year": year, "form": form}
    if year is not None:
        plans = list(WorkPlan.objects.filter(network=network, year=year).select_related("school"))
        quarters = plan_page.periods(year, list(year.terms.all()))
        shown = plan_page.chosen_period(quarters, request.GET.get("term", ""), today)
        events = (
            Event.objects.filter(network=network).between(shown.starts_on, shown.ends_on).order_by("starts_at", "pk")
        )
        context |= {
            "plans": plans,
            "quarters": quarters,
            "quarter": shown,
            "months": plan_page.plan_months(
                events.order_by("starts_at", "pk"), Holidays(shown.starts_on, shown.ends_on)
            ),
            "holidays": year.holidays.all(),
            "can_plan": access.can_organise or any(may_change_plan(access, p, user) for p in plans),
        }
    return render(request, "events/plan.html", context)


@login_required
@once_per_submission
def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    network = access.network
    plan_pk = request.GET.get("plan") or request.POST.get("plan")
    chosen_plan = WorkPlan.objects.filter(network=network, pk=plan_pk).first() if str(plan_pk).isdigit() else None
    require(may_change_plan(access, chosen_plan, user), REFUSED)
    initial = {"plan": chosen_plan, "date": request.GET.get("date") or None}
    form = EventForm(request.POST or None, network=network, initial=initial)
    # What apps above events add to the form (the needs it serves): ortaq/lib/extensions.py.
    parts = extensions.form_parts(FORM_SLOT, request, network)
    if request.method == "POST" and extensions.all_valid([form, *parts]):
        with transaction.atomic():
            event = actions.create_event(network, by=user, submission=Submission.of(request), **form.event_fields())
            extensions.save_parts(parts, event)
        messages.success(request, _("The event is planned."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "network": network, "form_parts": parts})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event_access = get_organised_event(user_of(request), pk)
    event = event_access.event
    network = event_access.network
    form = EditEventForm(request.POST or None, instance=event, network=network)
    parts = extensions.form_parts(FORM_SLOT, request, network, event)
    if request.method == "POST" and extensions.all_valid([form, *parts]):
        try:
            with transaction.atomic():
                actions.update_event(event, version=form.opened_version, **form.event_fields())
                extensions.save_parts(parts, event)
        except editing.StaleEdit:
            saved = Event.objects.get(pk=pk)
            return editing.refuse_stale(
                request,
                "events/event_form.html",
                {"network": network, "event": saved, "form_parts": parts},
                form=form,
                saved=EditEventForm(instance=saved, network=network),
                saved_at=saved.updated_at,
            )
        messages.success(request, _("The event is saved."))
        return redirect(event)
    return render(
        request, "events/event_form.html", {"form": form, "network": network, "event": event, "form_parts": parts}
    )


@login_required
def series_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_organised_network(user, pk)
    network = access.network
    form = SeriesForm(request.POST or None, network=network, instance=EventSeries(network=network, organiser=user))
    if request.method == "POST" and form.is_valid():
        try:
            series = actions.create_series(network, by=user, **form.series_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The recurring event is planned: %(count)s dates.") % {"count": series.occurrences.count()},
            )
            return redirect(series)
    return render(request, "events/series_form.html", {"form": form, "network": network})


@login_required
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole series: its texts and time apply to the dates ahead (those changed on
    their own keep what was changed), a new rule removes and adds dates ahead; when
    dates go, come or move, the organiser sees what happens before it is saved
    (events.actions.plan_series_edit, edit_series)."""
    user = user_of(request)
    series_access = get_series_for_user(user, pk)
    series, network = series_access.series, series_access.network
    require(series_access.can_organise, REFUSED)
    if series.is_cancelled:
        messages.error(request, _("A cancelled series cannot be changed."))
        return redirect(series)
    form = EditSeriesForm(request.POST or None, instance=series, network=network)
    if request.method == "POST" and form.is_valid() and not confirm.revising(request):
        saved = EventSeries.objects.get(pk=pk)  # the form has filled its instance in
        fields = form.series_fields()
        if not confirm.confirmed(request):
            edit = actions.plan_series_edit(saved, fields)
            if edit.asks_first:
                return ask_to_edit_series(request, saved, edit)
        try:
            edit = actions.edit_series(saved, fields, by=user, version=form.opened_version)
        except editing.StaleEdit:
            saved = EventSeries.objects.get(pk=pk)
            return editing.refuse_stale(
                request,
                "events/series_form.html",
                {"network": network, "series": saved},
                form=form,
                saved=EditSeriesForm(instance=saved, network=network),
                saved_at=saved.updated_at,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, series_saved(edit))
            return redirect(edit.series)
    return render(
        request,
        "events/series_form.html",
        {"form": form, "network": network, "series": EventSeries.objects.get(pk=pk)},
        status=400 if form.errors else 200,
    )


def with_dates(message: str, days: list[datetime.date]) -> str:
    """A counted message (its ``count`` and ``dates``) about these days."""
    return message % {"count": len(days), "dates": ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in days)}


def days_of(events: list[Event]) -> list[datetime.date]:
    return [event.local_date for event in events]


def ask_to_edit_series(request: HttpRequest, series: EventSeries, edit: actions.SeriesEdit) -> HttpResponse:
    """What saving does to the dates, counted, before it is done; «Change it» brings the
    form back as it was filled in."""
    removed, moved, kept = edit.removed, edit.moved, edit.kept
    losses = []
    if removed:
        losses.append(
            with_dates(
                ngettext(
                    "%(count)d date ahead that nobody has taken up is removed: %(dates)s.",
                    "%(count)d dates ahead that nobody has taken up are removed: %(dates)s.",
                    len(removed),
                ),
                days_of(removed),
            )
        )
    if moved:
        losses.append(
            with_dates(
                ngettext(
                    "%(count)d date ahead moves to the new time: %(dates)s.",
                    "%(count)d dates ahead move to the new time: %(dates)s.",
                    len(moved),
                ),
                days_of(moved),
            )
        )
    losses += called_off_told(edit.told)
    keeps = []
    if edit.added:
        added = ngettext(
            "%(count)d new date is added: %(dates)s.", "%(count)d new dates are added: %(dates)s.", len(edit.added)
        )
        keeps.append(with_dates(added, edit.added))
    if kept:
        keeps.append(
            with_dates(
                ngettext(
                    "%(count)d date the new rule does not give stays, as someone has taken it up (registered, or it "
                    "has a record or files): %(dates)s.",
                    "%(count)d dates the new rule does not give stay, as someone has taken them up (registered, or "
                    "they have a record or files): %(dates)s.",
                    len(kept),
                ),
                days_of(kept),
            )
        )
    keeps += dates_kept(edit)
    return confirm.ask(
        request,
        question=_("Save the series «%(title)s» like this?") % {"title": series.title},
        lead=_("Saving changes its dates ahead:") if losses else None,
        losses=losses,
        keeps=keeps,
        afterwards=_("The series can be changed again; a date removed now comes back only as a new, empty date.")
        if edit.removed
        else _("The series can be changed again."),
        button=_("Save the series"),
        back=reverse("events:series_edit", args=[series.pk]),
        place=[(series.get_absolute_url(), series.title)],
        revise=_("Change it"),
        danger=bool(edit.removed),
    )


def dates_kept(edit: actions.SeriesEdit) -> list[str]:
    """The lines that say which dates keep something of their own, and that the past stays."""
    lines = []
    if edit.own:
        own = ngettext(
            "%(count)d date moved or changed on its own keeps what was changed on it: %(dates)s.",
            "%(count)d dates moved or changed on their own keep what was changed on them: %(dates)s.",
            len(edit.own),
        )
        lines.append(with_dates(own, days_of(edit.own)))
    if edit.past:
        lines.append(
            ngettext(
                "%(count)d date that has passed stays as it was.",
                "%(count)d dates that have passed stay as they were.",
                edit.past,
            )
            % {"count": edit.past}
        )
    return lines


def series_saved(edit: actions.SeriesEdit) -> str:
    following = len(edit.following)
    lines = [
        _("The series is saved."),
        ngettext("%(count)d date ahead takes the changes.", "%(count)d dates ahead take the changes.", following)
        % {"count": following},
        *dates_kept(edit),
    ]
    return " ".join(lines)


@login_required
@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    series_access = get_series_for_user(user, pk)
    series = series_access.series
    occurrences = list(series.occurrences.order_by("original_date"))
    if occurrences:
        flag_holidays(occurrences, Holidays(occurrences[0].local_date, occurrences[-1].local_date))
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "network": series_access.network,
            "occurrences": occurrences,
            "can_organise": series_access.can_organise,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    series_access = get_series_for_user(user, pk)
    series = series_access.series
    require(series_access.can_organise, REFUSED)
    form = CancelForm(request.POST or None)
    if not confirm.confirmed(request):
        ahead = list(
            series.occurrences.filter(starts_at__gt=timezone.now(), status=Event.Status.PLANNED).order_by("starts_at")
        )
        going = (
            Participation.objects.filter(event__in=ahead, status__in=Participation.GOING)
            .values("user")
            .distinct()
            .count()
        )
        dates = ", ".join(date_format(event.local_date, "SHORT_DATE_FORMAT") for event in ahead)
        return confirm.ask(
            request,
            question=_("Cancel the series «%(title)s»?") % {"title": series.title},
            losses=[
                ngettext(
                    "%(count)d date ahead is called off: %(dates)s.",
                    "%(count)d dates ahead are called off: %(dates)s.",
                    len(ahead),
                )
                % {"count": len(ahead), "dates": dates}
                if ahead
                else _("No dates are ahead: only the series is closed."),
                *called_off_told(going),
            ],
            keeps=[_("What already happened stays on record.")],
            afterwards=_("Each date can be put back in the plan one by one, but the people will have been told."),
            form=form,
            button=_("Cancel the series"),
            back=series.get_absolute_url(),
            place=[(series.get_absolute_url(), series.title)],
        )
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    count = actions.cancel_series(series, by=user, reason=reason)
    messages.success(request, _("The series is cancelled: %(count)s dates ahead are called off.") % {"count": count})
    return redirect(series)


def called_off_told(going: int) -> list[str]:
    """The line of a confirmation that says who hears of an event called off."""
    if not going:
        return []
    return [
        ngettext(
            "%(count)d person invited or registered is told at once.",
            "%(count)d people invited or registered are told at once.",
            going,
        )
        % {"count": going}
    ]


# --- One event ------------------------------------------------------------------------------


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_event_for_user(user, pk)
    event = event_access.event
    mine = event.participations.filter(user=user).first()
    waiting_position = None
    if mine and mine.status == Participation.Status.WAITLISTED:
        waiting_position = (
            event.participations.filter(status=Participation.Status.WAITLISTED)
            .filter(Q(waitlisted_at__lt=mine.waitlisted_at) | Q(waitlisted_at=mine.waitlisted_at, pk__lt=mine.pk))
            .count()
            + 1
        )
    record = Record.objects.filter(event=event).prefetch_related("tasks__owner").first()
    context: dict[str, Any] = {
        "event": event,
        "event_access": event_access,
        "network": event_access.network,
        "can_organise": event_access.can_organise,
        "mine": mine,
        "waiting_position": waiting_position,
        "holiday": Holidays(event.local_date, event.local_date).on(event.local_date),
        "description": render_markdown(event.description),
        "responsible": event.responsible.all(),
        "target_schools": event.target_schools.all(),
        "target_groups": event.target_groups.all(),
        "lessons": lessons.lessons_of(event),
        "record": record,
        "record_notes": render_markdown(record.notes) if record else "",
        "attachments": event.attachments.all(),
        "counts": event.participation_counts(),
        "checkin_form": CheckinForm(),
        "decline_form": DeclineForm(),
        "today": timezone.localdate(),
        "checkin_open": event.checkin_open(),
    }
    if event_access.can_organise:
        going = event.participations.filter(status__in=Participation.GOING).select_related(
            "user__school", "user__shift"
        )
        context |= {
            "conflicts": conflicts_for(event, [p.user for p in going]),
            "move_form": MoveForm(
                initial={
                    "date": event.local_date,
                    "start": event.local_start.time(),
                    "duration": event.duration_minutes,
                }
            ),
            "cancel_form": CancelForm(),
            "dispatches": record.dispatches.select_related("sent_by", "material").annotate(
                people=Count("recipients", distinct=True), school_count=Count("schools", distinct=True)
            )
            if record
            else [],
        }
    return render(request, "events/event_detail.html", context)


@login_required
@require_POST
def event_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new date, start time and duration."))
        return redirect(event)
    starts_at, ends_at = form.times()
    try:
        actions.move_event(event, starts_at=starts_at, ends_at=ends_at, by=user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The event is moved. The people invited are told."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    form = CancelForm(request.POST or None)
    if not confirm.confirmed(request):
        going = event.participations.filter(status__in=Participation.GOING).count()
        when = f"{date_format(event.local_date, 'SHORT_DATE_FORMAT')} {event.local_start:%H:%M}"
        return confirm.ask(
            request,
            question=_("Cancel «%(title)s» on %(when)s?") % {"title": event.title, "when": when},
            losses=[_("The event is called off in the plan and in the calendars."), *called_off_told(going)],
            afterwards=_("You can put it back in the plan later, but the people will have been told."),
            form=form,
            button=_("Cancel the event"),
            back=event.get_absolute_url(),
            place=[(event.get_absolute_url(), event.title)],
        )
    actions.cancel_event(event, by=user, reason=form.cleaned_data["reason"] if form.is_valid() else "")
    messages.success(request, _("The event is cancelled. The people invited are told."))
    return redirect(event)


@login_required
@require_POST
def event_restore(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    actions.restore_event(event, by=user)
    messages.success(request, _("The event is back in the plan."))
    return redirect(event)


@login_required
@require_POST
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    if event.is_cancelled:
        messages.error(request, _("The event is cancelled."))
        return redirect(event)
    count = actions.invite(event, by=user)
    messages.success(request, _("Invitations sent: %(count)s.") % {"count": count})
    return redirect(event)


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_event_for_user(user, pk)
    require(event_access.is_member, _("Only members of the network can register."))
    try:
        participation = actions.register(event_access.event, user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        if participation.status == Participation.Status.WAITLISTED:
            messages.info(request, _("The event is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered."))
    return redirect(event_access.event)


@login_required
@require_http_methods(["GET", "POST"])
def event_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_event_for_user(user, pk)
    event = event_access.event
    require(event_access.is_member, _("Only members of the network can register."))
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        messages.error(request, _("Choose a reason from the list."))
        return redirect(event)
    waiting = event.participations.filter(status=Participation.Status.WAITLISTED).count()
    holds_place = event.participations.filter(user=user, status=Participation.Status.REGISTERED).exists()
    # Only a place that goes to the waiting list is lost: otherwise «Register» undoes it.
    if (request.method == "GET" or (holds_place and waiting)) and not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=(
                _("Give up your place at «%(title)s»?")
                if holds_place
                else _("Tell the organisers you cannot come to «%(title)s»?")
            )
            % {"title": event.title},
            losses=[
                ngettext(
                    "Your place goes at once to the first of the %(count)d person waiting.",
                    "Your place goes at once to the first of the %(count)d people waiting.",
                    waiting,
                )
                % {"count": waiting}
            ]
            if holds_place and waiting
            else [],
            afterwards=_("If you register again, you may be on the waiting list.") if holds_place and waiting else "",
            form=form,
            button=_("I cannot come"),
            back=event.get_absolute_url(),
            place=[(event.get_absolute_url(), event.title)],
        )
    actions.decline(event, user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
    messages.success(request, _("Noted: you are not coming."))
    return redirect(event)


@login_required
@require_POST
def event_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_event_for_user(user, pk)
    require(event_access.is_member, _("Only members of the network can check in."))
    form = CheckinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type the code shown at the meeting."))
        return redirect(event_access.event)
    try:
        actions.check_in(event_access.event, user, form.cleaned_data["code"])
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("You are checked in. Welcome!"))
    return redirect(event_access.event)


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    add_form = AddAttendeeForm(network=event_access.network)
    if request.method == "POST":
        if "person" in request.POST:
            add_form = AddAttendeeForm(request.POST, network=event_access.network)
            if add_form.is_valid():
                try:
                    actions.add_attendee(event, add_form.cleaned_data["person"], by=user)
                except ValidationError as error:
                    messages.error(request, first_error(error))
                else:
                    messages.success(request, _("Added and marked present."))
                    return redirect("events:attendance", pk=pk)
        else:
            marks = {}
            for key in request.POST:
                if key.startswith("attendance-") and key[11:].isdigit():
                    row = int(key[11:])
                    marks[row] = (
                        request.POST.get(key, ""),
                        request.POST.get(f"reason-{row}", ""),
                        request.POST.get(f"note-{row}", ""),
                    )
            try:
                count = actions.mark_attendance(event, by=user, marks=marks)
            except ValidationError as error:
                messages.error(request, first_error(error))
            else:
                messages.success(request, _("Attendance is saved for %(count)s people.") % {"count": count})
                return redirect("events:attendance", pk=pk)
    rows = event.participations.exclude(status=Participation.Status.WAITLISTED).select_related("user__school")
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "network": event_access.network,
            "rows": rows.order_by("user__full_name"),
            "waiting": event.participations.filter(status=Participation.Status.WAITLISTED)
            .select_related("user")
            .order_by("waitlisted_at", "pk"),
            "reasons": Participation.AbsenceReason.choices,
            "add_form": add_form,
        },
    )


# --- The record -----------------------------------------------------------------------------


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The record page: one form, so that adding a task or a file or marking a task saves
    what was typed in the record too, and a file ticked «remove» goes only with the
    form saved (RecordForm)."""
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    record = Record.objects.filter(event=event).first() or Record(event=event)  # a new one starts at version 1
    form = record_form(request.POST or None, request.FILES or None, record=record, access=event_access)
    if request.method == "POST" and form.is_valid():
        try:
            task = form.new_task()
            _saved, added, attachments = actions.write_record(
                event,
                by=user,
                version=form.opened_version,
                **form.text(),
                tasks=[task] if task else [],
                files=form.cleaned_data["attachments"],
                toggle=form.cleaned_data["toggle_task"],
                remove=form.cleaned_data["remove_files"],
            )
        except editing.StaleEdit:
            saved = Record.objects.select_related("written_by").filter(event=event).first() or Record(event=event)
            return editing.refuse_stale(
                request,
                "events/record_form.html",
                record_context(event_access, saved),
                form=form,
                saved=record_form(record=saved, access=event_access),
                saved_at=saved.updated_at,
                saved_by=saved.written_by.full_name if saved.written_by else "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.forget_kept()
            if added:
                messages.success(request, _("The task is added."))
            for attachment in attachments:
                messages.success(request, _("«%(name)s» is added.") % {"name": attachment.name})
            for attachment in form.cleaned_data["remove_files"]:
                messages.success(request, _("«%(name)s» is removed.") % {"name": attachment.name})
            if not form.stays():
                messages.success(request, _("The record is saved."))
                return redirect(event)
            part = "#files" if attachments else "#tasks"
            return redirect(reverse("events:record", args=[event.pk]) + part)
    return render(
        request,
        "events/record_form.html",
        {**record_context(event_access, record), "form": form},
        status=400 if form.errors else 200,
    )


def record_form(data: Any = None, files: Any = None, *, record: Record, access: EventAccess) -> RecordForm:
    return RecordForm(
        data,
        files,
        initial={"agenda": record.agenda, "notes": record.notes, "decisions": record.decisions},
        version=record.version,
        event=access.event,
        network=access.network,
        owner=access.user,
    )


def record_context(access: EventAccess, record: Record) -> dict[str, Any]:
    return {
        "event": access.event,
        "network": access.network,
        "record": record,
        "tasks": record.tasks.select_related("owner") if record.pk else [],
        "attachments": access.event.attachments.all(),
    }


@login_required
@require_POST
def task_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """The task's owner or the event's organisers mark it done (or not done again)."""
    user = user_of(request)
    task = RecordTask.objects.select_related("record__event", "owner").filter(pk=pk).first()
    if task is None:
        raise Http404(_("No such task."))
    event_access = get_event_for_user(user, task.record.event_id)
    require(task.owner_id == user.pk or event_access.can_organise, REFUSED)
    actions.set_task_done(task, done=not task.is_done)
    if request.headers.get("HX-Request"):
        return render(request, "events/_task.html", {"task": task, "can_toggle": True, "today": timezone.localdate()})
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else task.record.event)


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = Attachment.objects.filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such file."))
    get_event_for_user(user_of(request), item.event_id)
    inline = item.family in (uploads.IMAGE, uploads.AUDIO, uploads.VIDEO) or item.mime == "application/pdf"
    return uploads.serve_file(request, item.file, filename=item.name, content_type=item.mime, as_attachment=not inline)


@login_required
@require_POST
def send_materials(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    try:
        dispatch = actions.send_to_coordinators(event, by=user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(
            request,
            _("The materials are sent to %(people)s coordinators of %(schools)s schools.")
            % {"people": dispatch.recipients.count(), "schools": dispatch.schools.count()},
        )
    return redirect(event)


# --- Open lessons ---------------------------------------------------------------------------


@login_required
def lesson_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    form = LessonForm(request.POST or None, request.FILES or None, network=event_access.network, user=user, owner=user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        lesson = lessons.add_lesson(event, plan_upload=form.cleaned_data.get("plan_upload"), **fields)
        form.forget_kept()
        messages.success(request, _("The open lesson is added."))
        return redirect(lesson)
    return render(request, "events/lesson_form.html", {"form": form, "event": event, "network": event_access.network})


# --- Calendar subscriptions -----------------------------------------------------------------


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if request.method == "POST":
        actions.reset_feed_tokens(user)
        messages.success(request, _("New addresses are made. The old ones no longer work."))
        return redirect("events:subscriptions")
    personal = actions.feed_token(user)
    networks = Network.objects.filter(memberships__user=user).order_by("name")
    feeds = [(network, actions.feed_token(user, network)) for network in networks]
    return render(request, "events/subscriptions.html", {"personal": personal, "feeds": feeds})


FEED_HISTORY_DAYS = 400


@login_required
@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as a calendar file, for someone who adds it once rather than subscribe."""
    event = get_event_for_user(user_of(request), pk).event
    response = HttpResponse(ical.build_one(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar address: the token is the key, no session needed. A
    network feed stops working when its person leaves the network."""
    feed_token = FeedToken.objects.select_related("user", "network").filter(token=token).first()
    if feed_token is None or not feed_token.user.is_active:
        raise Http404(_("No such calendar."))
    user = feed_token.user
    since = timezone.now() - datetime.timedelta(days=FEED_HISTORY_DAYS)
    if feed_token.network_id:
        if not Network.objects.visible_to(user).filter(pk=feed_token.network_id).exists():
            raise Http404(_("No such calendar."))
        events = Event.objects.filter(network_id=feed_token.network_id)
        network_name = feed_token.network.name  # type: ignore[union-attr]
    else:
        events = Event.objects.visible_to(user).for_person(user)
        network_name = None
    events = events.filter(starts_at__gte=since).select_related("series").order_by("starts_at", "pk")
    name = ical.feed_name(network_name=network_name, person_name=user.full_name, language=user.writing_language)
    response = HttpResponse(ical.build(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ortaq.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
