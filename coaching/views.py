"""Coaching's pages. Each view asks coaching/permissions.py, then calls one action."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import Submission, once_per_submission
from coaching import actions, pages
from coaching.forms import PlanForm, RecordForm, ReflectionForm, ScheduleForm, VisitForm
from coaching.models import CoachingPlan, CoachingSession, Reflection, Visit
from coaching.permissions import (
    REFUSED_TEACHER,
    PlanAccess,
    get_coached_plan,
    get_coached_session,
    get_edited_plan,
    get_evidence_for_user,
    get_network_for_new_plan,
    get_plan_for_user,
    get_session_for_user,
    may_start,
    plans_visible_to,
)
from networks.permissions import get_network_access
from ortaq.lib import editing, uploads
from ortaq.lib.access import require
from ortaq.lib.dates import short_date
from ortaq.lib.views import user_of


def with_counts(plans: QuerySet[CoachingPlan], today: datetime.date) -> QuerySet[CoachingPlan]:
    """Each plan with its sessions counted: held, planned, overdue, and the next one due."""
    planned = Q(sessions__status=CoachingSession.Status.PLANNED)
    return plans.annotate(
        held_count=Count("sessions", filter=Q(sessions__status=CoachingSession.Status.HELD), distinct=True),
        scheduled_count=Count("sessions", distinct=True),
        overdue_count=Count("sessions", filter=planned & Q(sessions__date__lt=today), distinct=True),
        next_due=Min("sessions__date", filter=planned & Q(sessions__date__gte=today)),
    )


@login_required
@require_GET
def network_plans(request: HttpRequest, pk: int) -> HttpResponse:
    """The network's coaching plans the reader may know of: no notes, only the plans."""
    user = user_of(request)
    access = get_network_access(user, pk)
    today = timezone.localdate()
    plans = with_counts(
        plans_visible_to(user).filter(network=access.network).select_related("school", "coach"), today
    ).order_by("-starts_on", "pk")
    return render(
        request,
        "coaching/network_plans.html",
        {"network": access.network, "plans": plans, "may_start": may_start(access, user), "today": today},
    )


@login_required
@once_per_submission
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_for_new_plan(user, pk)
    today = timezone.localdate()
    form = PlanForm(
        request.POST or None,
        network=access.network,
        version=0,
        initial={
            "starts_on": today,
            "ends_on": today + datetime.timedelta(days=120),
            "school": user.school_id,
            "status": CoachingPlan.Status.ACTIVE,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.start_plan(
                access.network,
                by=user,
                teachers=form.cleaned_data["teachers"],
                submission=Submission.of(request),
                **form.plan_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The coaching plan is started."))
            return redirect(plan)
    return render(request, "coaching/plan_form.html", {"network": access.network, "form": form})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_edited_plan(user, pk)
    plan = plan_access.plan
    form = PlanForm(request.POST or None, instance=plan, network=plan.network)
    context = {"plan": plan, "network": plan.network, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_plan(
                plan,
                by=user,
                version=form.opened_version,
                teachers=form.cleaned_data["teachers"],
                **form.plan_fields(),
            )
        except editing.StaleEdit:
            saved = CoachingPlan.objects.get(pk=plan.pk)
            return editing.refuse_stale(
                request,
                "coaching/plan_form.html",
                context,
                form=form,
                saved=PlanForm(instance=saved, network=plan.network),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The coaching plan is saved."))
            return redirect(plan)
    return render(request, "coaching/plan_form.html", context)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_plan_for_user(user, pk)
    plan = plan_access.plan
    today = timezone.localdate()
    page = pages.plan_page(plan, today)
    context: dict[str, Any] = {
        "plan": plan,
        "plan_access": plan_access,
        "network": plan_access.network,
        "teachers": page.teachers,
        "goal": page.goal,
        "held": page.held,
        "overdue": page.overdue,
        "next_session": page.next_session,
        "starts_on": short_date(plan.starts_on),
        "ends_on": short_date(plan.ends_on),
        "today": today,
    }
    if plan_access.can_read_records:
        context["sessions"] = page.sessions
        context["visits"] = pages.plan_visits(
            plan,
            user,
            coach=plan_access.is_coach,
            only_own=plan_access.is_teacher and not plan_access.is_coach,
        )
    return render(request, "coaching/plan_detail.html", context)


@login_required
@require_POST
def plan_share(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's teachers share its records with the leaders, or stop sharing them."""
    plan_access = get_plan_for_user(user_of(request), pk)
    require(plan_access.can_share, REFUSED_TEACHER)
    shared = request.POST.get("shared") == "1"
    actions.set_shared(plan_access.plan, shared=shared)
    if shared:
        messages.success(request, _("The records are shared with the network's leaders and the school's director."))
    else:
        messages.success(request, _("The records are no longer shared."))
    return redirect(plan_access.plan)


# --- Sessions ------------------------------------------------------------------------------------


@login_required
@once_per_submission
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_coached_plan(user, pk)
    plan = plan_access.plan
    form = ScheduleForm(request.POST or None, plan=plan, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = actions.schedule_session(
            plan,
            by=user,
            date=data["event"].local_date if data["event"] else data["date"],
            topic=data["topic"],
            start=data["start"],
            duration=data["duration"],
            location=data["location"],
            event=data["event"],
            submission=Submission.of(request),
        )
        messages.success(request, _("The session is scheduled."))
        return redirect(session)
    return render(request, "coaching/session_create.html", {"plan": plan, "network": plan.network, "form": form})


def session_context(plan_access: PlanAccess, session: CoachingSession) -> dict[str, Any]:
    return {
        "plan": plan_access.plan,
        "plan_access": plan_access,
        "network": plan_access.network,
        "session": session,
        "evidence": list(session.evidence.all()),
        "today": timezone.localdate(),
    }


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access, session = get_session_for_user(user, pk)
    context = session_context(plan_access, session)
    reflections = list(session.reflections.select_related("author"))
    context["reflections"] = reflections
    if plan_access.can_reflect:
        mine = next((r for r in reflections if r.author_id == user.pk), None)
        context["reflection_form"] = ReflectionForm(initial={"text": mine.text if mine else ""})
    return render(request, "coaching/session_detail.html", context)


@login_required
def session_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's record: one form for the text and the evidence (RecordForm)."""
    user = user_of(request)
    plan_access, session = get_coached_session(user, pk)
    form = record_form(request.POST or None, request.FILES or None, session=session, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            _saved, _added = actions.write_record(
                session,
                by=user,
                version=form.opened_version,
                files=form.cleaned_data["evidence"],
                remove=form.cleaned_data["remove_files"],
                **form.text(),
            )
        except editing.StaleEdit:
            saved = CoachingSession.objects.select_related("written_by").get(pk=session.pk)
            saved.plan = plan_access.plan
            return editing.refuse_stale(
                request,
                "coaching/session_record.html",
                session_context(plan_access, saved),
                form=form,
                saved=record_form(session=saved, user=user),
                saved_at=saved.updated_at,
                saved_by=saved.written_by.full_name if saved.written_by else "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.forget_kept()
            messages.success(request, _("The record is saved."))
            return redirect(session)
    return render(
        request,
        "coaching/session_record.html",
        {**session_context(plan_access, session), "form": form},
        status=400 if form.errors else 200,
    )


def record_form(data: Any = None, files: Any = None, *, session: CoachingSession, user: Any) -> RecordForm:
    return RecordForm(
        data,
        files,
        initial={
            "date": session.date,
            "topic": session.topic,
            "done": session.done,
            "agreements": session.agreements,
            "next_steps": session.next_steps,
            "held": session.is_held or session.date <= timezone.localdate(),
        },
        version=session.version,
        session=session,
        owner=user,
    )


@login_required
@require_POST
def session_reflect(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access, session = get_session_for_user(user, pk)
    require(plan_access.can_reflect, REFUSED_TEACHER)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        actions.reflect(session, by=user, text=form.cleaned_data["text"])
        messages.success(request, _("Your reflection is saved."))
        return redirect(session)
    context = session_context(plan_access, session)
    context |= {"reflections": list(Reflection.objects.filter(session=session)), "reflection_form": form}
    return render(request, "coaching/session_detail.html", context, status=400)


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for_user(user_of(request), pk)
    return uploads.serve_file(request, evidence.file, filename=evidence.name, content_type=evidence.mime)


# --- Visits --------------------------------------------------------------------------------------


@login_required
@once_per_submission
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_coached_plan(user, pk)
    plan = plan_access.plan
    form = VisitForm(request.POST or None, plan=plan, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            visit = actions.add_visit(plan, by=user, submission=Submission.of(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The visit is planned: observe the lesson with the form."))
            return redirect(visit.lesson)
    return render(request, "coaching/visit_form.html", {"plan": plan, "network": plan.network, "form": form})


# --- A coach's caseload, a teacher's own page ---------------------------------------------------


@login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    """All the plans the person coaches: teachers, sessions held of planned, the next
    session due, the overdue ones."""
    today = timezone.localdate()
    table = pages.caseload(user_of(request), today)
    return render(
        request,
        "coaching/caseload.html",
        {
            "plans": table.plans,
            "today": today,
            "teacher_count": table.teacher_count,
            "overdue_total": table.overdue_total,
        },
    )


@login_required
@require_GET
def my_coaching(request: HttpRequest) -> HttpResponse:
    """A teacher's own page: their coaching plans, the sessions' records, their visits."""
    user = user_of(request)
    today = timezone.localdate()
    plans = list(
        with_counts(CoachingPlan.objects.filter(teachers=user), today)
        .select_related("network", "school", "coach")
        .order_by("status", "-starts_on", "pk")
    )
    sessions = (
        CoachingSession.objects.filter(plan__in=[p.pk for p in plans])
        .select_related("plan")
        .order_by("-date", "-number")
    )
    visits = Visit.objects.filter(teacher=user, plan__in=[p.pk for p in plans]).select_related("lesson", "plan")
    return render(
        request,
        "coaching/mine.html",
        {
            "plans": plans,
            "sessions": sessions,
            "visits": visits,
            "today": today,
            "coaches": CoachingPlan.objects.filter(coach=user).exists(),
        },
    )
