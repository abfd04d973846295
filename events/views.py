from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import Submission, once_per_submission
from calendars.models import AcademicYear, Holidays, current_year
from events import actions, certificates, ical
from events.forms import (
    AddAttendeeForm,
    AttachmentForm,
    AwardForm,
    CancelForm,
    CheckinForm,
    DeclineForm,
    EditEventForm,
    EventForm,
    LessonForm,
    MoveForm,
    ObservationEntryForm,
    ObservationFormForm,
    PlanForm,
    RecordForm,
    RevokeForm,
    SeriesForm,
    TaskForm,
    VerifyForm,
)
from events.grid import flag_holidays, grid_range, month, parse_month
from events.models import (
    Attachment,
    Award,
    Event,
    EventSeries,
    FeedToken,
    Observation,
    ObservationForm,
    OpenLesson,
    Participation,
    Record,
    RecordTask,
    WorkPlan,
)
from events.permissions import (
    REFUSED,
    can_organise_series,
    get_award_for_user,
    get_event_for_user,
    get_group_for_calendar,
    get_lesson_for_user,
    get_organised_event,
    get_person_record_for_user,
    get_school_for_user,
    get_series_for_user,
    may_change_plan,
    may_observe,
)
from events.shifts import conflicts_for
from networks.models import Network
from networks.permissions import get_network_access, get_organised_network
from ortaq.lib import editing, fragments, uploads
from ortaq.lib.access import require
from ortaq.lib.markdown import render_markdown
from ortaq.lib.views import user_of


def first_error(error: ValidationError) -> str:
    return " ".join(error.messages)


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
    tasks = (
        RecordTask.objects.open().filter(owner=user).select_related("record__event", "owner").order_by("due_on", "pk")
    )
    return render_calendar(
        request,
        events,
        {"heading": _("My events"), "scope": "mine", "tasks": tasks, "today": timezone.localdate()},
    )


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
    access, group = get_group_for_calendar(user_of(request), pk, group_pk)
    return render_calendar(
        request,
        Event.objects.for_group(group),
        {"heading": group.name, "scope": "group", "network": access.network, "access": access, "group": group},
    )


@login_required
@require_GET
def school_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    school, networks = get_school_for_user(user_of(request), pk)
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
        events = list(
            Event.objects.filter(network=network)
            .between(year.starts_on, year.ends_on)
            .select_related("organiser", "series", "plan__school")
            .prefetch_related("responsible", "target_schools", "target_groups")
            .order_by("starts_at", "pk")
        )
        flag_holidays(events, Holidays(year.starts_on, year.ends_on))
        by_month: dict[datetime.date, list[Event]] = {}
        for event in events:
            by_month.setdefault(event.local_date.replace(day=1), []).append(event)
        context |= {
            "plans": plans,
            "months": sorted(by_month.items()),
            "terms": year.terms.all(),
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
    if request.method == "POST" and form.is_valid():
        event = actions.create_event(network, by=user, submission=Submission.of(request), **form.event_fields())
        messages.success(request, _("The event is planned."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "network": network})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event_access = get_organised_event(user_of(request), pk)
    event = event_access.event
    network = event_access.network
    form = EditEventForm(request.POST or None, instance=event, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_event(event, version=form.opened_version, **form.event_fields())
        except editing.StaleEdit:
            saved = Event.objects.get(pk=pk)
            return editing.refuse_stale(
                request,
                "events/event_form.html",
                {"network": network, "event": saved},
                form=form,
                saved=EditEventForm(instance=saved, network=network),
                saved_at=saved.updated_at,
            )
        messages.success(request, _("The event is saved."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "network": network, "event": event})


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
@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access, series = get_series_for_user(user, pk)
    occurrences = list(series.occurrences.order_by("original_date"))
    if occurrences:
        flag_holidays(occurrences, Holidays(occurrences[0].local_date, occurrences[-1].local_date))
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "network": access.network,
            "occurrences": occurrences,
            "can_organise": can_organise_series(access, series, user),
        },
    )


@login_required
@require_POST
def series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access, series = get_series_for_user(user, pk)
    require(can_organise_series(access, series, user), REFUSED)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    count = actions.cancel_series(series, by=user, reason=reason)
    messages.success(request, _("The series is cancelled: %(count)s dates ahead are called off.") % {"count": count})
    return redirect(series)


# --- One event ------------------------------------------------------------------------------


def participation_counts(event: Event) -> dict[str, int]:
    rows = event.participations.values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    counts["present"] = event.participations.filter(attendance=Participation.Attendance.PRESENT).count()
    return counts


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
        "lessons": event.lessons.select_related("teacher", "subject", "school"),
        "record": record,
        "record_notes": render_markdown(record.notes) if record else "",
        "attachments": event.attachments.all(),
        "counts": participation_counts(event),
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
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event = get_organised_event(user, pk).event
    form = CancelForm(request.POST)
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
@require_POST
def event_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_event_for_user(user, pk)
    require(event_access.is_member, _("Only members of the network can register."))
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason from the list."))
        return redirect(event_access.event)
    actions.decline(event_access.event, user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
    messages.success(request, _("Noted: you are not coming."))
    return redirect(event_access.event)


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
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    record = Record.objects.filter(event=event).first()
    initial = {"agenda": record.agenda, "notes": record.notes, "decisions": record.decisions} if record else {}
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_record(event, by=user, **form.cleaned_data)
        messages.success(request, _("The record is saved."))
        return redirect(event)
    return render(
        request,
        "events/record_form.html",
        {
            "event": event,
            "network": event_access.network,
            "form": form,
            "task_form": TaskForm(network=event_access.network),
            "attachment_form": AttachmentForm(),
            "tasks": record.tasks.select_related("owner") if record else [],
            "attachments": event.attachments.all(),
        },
    )


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    form = TaskForm(request.POST, network=event_access.network)
    if form.is_valid():
        try:
            actions.add_task(event_access.event, by=user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, first_error(error))
        else:
            messages.success(request, _("The task is added."))
    else:
        messages.error(request, _("Give the task and choose its owner from the network's members."))
    return redirect("events:record", pk=pk)


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
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("events:record", pk=pk)
    try:
        attachment = actions.add_attachment(event_access.event, form.cleaned_data["file"], by=user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("«%(name)s» is added.") % {"name": attachment.name})
    return redirect("events:record", pk=pk)


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
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = Attachment.objects.filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such file."))
    get_organised_event(user_of(request), item.event_id)
    item.file.delete(save=False)
    item.delete()
    messages.success(request, _("The file is removed."))
    return redirect("events:record", pk=item.event_id)


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


# --- Open lessons and observation -----------------------------------------------------------


@login_required
def lesson_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    form = LessonForm(request.POST or None, request.FILES or None, network=event_access.network, user=user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("plan_upload")
        if upload:
            try:
                uploads.detect(upload, [uploads.DOCUMENT])
            except ValidationError as error:
                form.add_error("plan_upload", error)
        if form.is_valid():
            lesson = form.save(commit=False)
            lesson.event = event
            if upload:
                lesson.plan_file_name = upload.name[:255]
                lesson.plan_file.save(upload.name, upload, save=False)
            lesson.save()
            messages.success(request, _("The open lesson is added."))
            return redirect(lesson)
    return render(request, "events/lesson_form.html", {"form": form, "event": event, "network": event_access.network})


@login_required
@require_GET
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access, lesson = get_lesson_for_user(user, pk)
    is_teacher = lesson.teacher_id == user.pk
    context: dict[str, Any] = {
        "lesson": lesson,
        "event": event_access.event,
        "network": event_access.network,
        "can_organise": event_access.can_organise,
        "is_teacher": is_teacher,
        "may_observe": may_observe(event_access, lesson),
        "mine": lesson.observations.filter(observer=user).first(),
        "observer_count": lesson.observations.submitted().count(),
    }
    if event_access.can_organise:
        context["feedback"] = lesson.feedback(for_teacher=False)
        context["observations"] = lesson.observations.select_related("observer").order_by("submitted_at", "pk")
        context["pending_release"] = lesson.observations.submitted().filter(released_at__isnull=True).count()
    elif is_teacher:
        context["feedback"] = lesson.feedback(for_teacher=True)
    return render(request, "events/lesson_detail.html", context)


@login_required
@require_GET
def lesson_plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    _event_access, lesson = get_lesson_for_user(user_of(request), pk)
    if not lesson.plan_file:
        raise Http404(_("No such file."))
    return uploads.serve_file(request, lesson.plan_file, filename=lesson.plan_file_name or "plan", as_attachment=True)


@login_required
def observe(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access, lesson = get_lesson_for_user(user, pk)
    require(may_observe(event_access, lesson), _("You cannot observe this lesson."))
    criteria = list(lesson.form.criteria.prefetch_related("levels"))  # type: ignore[union-attr]
    observation = lesson.observations.filter(observer=user).prefetch_related("scores").first()
    initial: dict[str, Any] = {}
    if observation:
        initial = {
            "what_worked": observation.what_worked,
            "what_to_develop": observation.what_to_develop,
            "comments": observation.comments,
            **{f"criterion_{s.criterion_id}": s.score for s in observation.scores.all()},
        }
    form = ObservationEntryForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST":
        if observation and observation.is_submitted:
            messages.error(request, _("This observation is already submitted."))
            return redirect(lesson)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                actions.save_observation(
                    lesson,
                    user,
                    scores=form.scores(),
                    what_worked=form.cleaned_data["what_worked"],
                    what_to_develop=form.cleaned_data["what_to_develop"],
                    comments=form.cleaned_data["comments"],
                    submit=submit,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your observation is submitted.") if submit else _("Your draft is saved."))
                return redirect(lesson)
    return render(
        request,
        "events/observe.html",
        {"form": form, "lesson": lesson, "event": event_access.event, "observation": observation},
    )


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access, lesson = get_lesson_for_user(user, pk)
    require(event_access.can_organise, REFUSED)
    observation = None
    observation_pk = request.POST.get("observation", "")
    if observation_pk:
        observation = get_object_or_404(
            Observation, pk=observation_pk if observation_pk.isdigit() else 0, lesson=lesson
        )
    count = actions.release_observations(lesson, by=user, observation=observation)
    messages.success(request, _("Released to the teacher: %(count)s.") % {"count": count})
    return redirect(lesson)


@login_required
def observation_forms(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_network_access(user_of(request), pk)
    form = ObservationFormForm(request.POST or None)
    if request.method == "POST":
        require(access.can_organise, REFUSED)
        if form.is_valid():
            created = form.save(access.network)
            messages.success(request, _("The form «%(name)s» is created.") % {"name": created.name})
            return redirect("events:forms", pk=pk)
    forms_ = ObservationForm.objects.filter(network=access.network).prefetch_related("criteria__levels")
    return render(
        request,
        "events/observation_forms.html",
        {"network": access.network, "access": access, "observation_forms": forms_, "form": form},
    )


# --- Recognition ----------------------------------------------------------------------------


@login_required
def awards(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    form = AwardForm(request.POST or None, network=event_access.network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "kind": data["kind"],
            "nomination": data["nomination"],
            "reason": data["reason"],
            "hours": data["hours"],
        }
        try:
            if data["recipient"]:
                actions.issue_award(event, data["recipient"], by=user, **fields)
                messages.success(request, _("The award is issued."))
            else:
                issued = actions.award_attendees(event, by=user, **fields)
                messages.success(request, _("Awards issued: %(count)s.") % {"count": len(issued)})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("events:awards", pk=pk)
    return render(
        request,
        "events/awards.html",
        {
            "event": event,
            "network": event_access.network,
            "form": form,
            "awards": event.awards.select_related("recipient").order_by("kind", "recipient_name"),
            "revoke_form": RevokeForm(),
        },
    )


@login_required
@require_GET
def award_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(user_of(request), pk)
    response = HttpResponse(certificates.render(award), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, certificates.filename(award))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def award_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    award = Award.objects.select_related("event").filter(pk=pk).first()
    if award is None or award.event_id is None:
        raise Http404(_("No such award."))
    get_organised_event(user, award.event_id)
    form = RevokeForm(request.POST)
    try:
        actions.revoke_award(award, by=user, reason=form.data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The award is revoked. Its verification page now says so."))
    return redirect("events:awards", pk=award.event_id)


@require_GET
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: anyone holding a document checks it by its code, without signing in."""
    if not code and request.GET.get("code"):
        return redirect("events:verify_code", code=actions.normalise_code(request.GET["code"]))
    award = None
    if code:
        award = Award.objects.select_related("network").filter(code=actions.normalise_code(code)).first()
    response = render(
        request,
        "events/verify.html",
        {"code": code, "award": award, "form": VerifyForm(initial={"code": code})},
        status=404 if code and award is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- A person's record ----------------------------------------------------------------------


@login_required
@require_GET
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything a person did in the networks the reader may see, for attestation."""
    viewer = user_of(request)
    person = get_person_record_for_user(viewer, pk)
    networks = Network.objects.visible_to(viewer) if person.pk != viewer.pk else None
    scope = Q() if networks is None else Q(network__in=networks)
    event_scope = Q() if networks is None else Q(event__network__in=networks)
    participations = (
        Participation.objects.filter(user=person)
        .filter(event_scope)
        .select_related("event__network")
        .order_by("-event__starts_at")
    )
    lessons = (
        OpenLesson.objects.filter(teacher=person)
        .filter(event_scope)
        .select_related("event", "subject", "school")
        .annotate(observer_count=Count("observations", filter=Q(observations__submitted_at__isnull=False)))
        .order_by("-event__starts_at")
    )
    observations = (
        Observation.objects.filter(observer=person, submitted_at__isnull=False)
        .filter(Q() if networks is None else Q(lesson__event__network__in=networks))
        .select_related("lesson__event", "lesson__teacher", "lesson__subject")
        .order_by("-submitted_at")
    )
    person_awards = Award.objects.filter(recipient=person).filter(scope).select_related("event").order_by("-issued_on")
    tasks = (
        RecordTask.objects.filter(owner=person)
        .filter(Q() if networks is None else Q(record__event__network__in=networks))
        .select_related("record__event", "owner")
        .order_by("done_at", "due_on", "pk")
    )
    participations = list(participations)
    attended = [p for p in participations if p.attendance == Participation.Attendance.PRESENT]
    return render(
        request,
        "events/person_record.html",
        {
            "person": person,
            "participations": participations,
            "attended": len(attended),
            "lessons": lessons,
            "observations": observations,
            "awards": person_awards,
            "tasks": tasks,
            "is_self": person.pk == viewer.pk,
            "today": timezone.localdate(),
        },
    )


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
    name = ical.feed_name(network_name=network_name, person_name=user.full_name, language=actions.language_of(user))
    response = HttpResponse(ical.build(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ortaq.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
