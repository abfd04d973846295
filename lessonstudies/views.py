from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lessonstudies import actions, documents
from lessonstudies.comparison import compare, lesson_table
from lessonstudies.forms import (
    ActivityFormSet,
    ConclusionsForm,
    CycleForm,
    DecisionsForm,
    InterviewForm,
    NoteForm,
    PlanForm,
    PupilForm,
    ScheduleForm,
)
from lessonstudies.models import Activity, CasePupil, Cycle, Discussion, Interview
from lessonstudies.pages import discussion_of, interview_rows, is_last
from lessonstudies.permissions import (
    REFUSED,
    REFUSED_CREATE,
    cycles_visible_to,
    get_case_pupil,
    get_cycle_for_user,
    get_edited_cycle,
    get_report_cycle,
    get_research_lesson_for_user,
    get_team_cycle,
    may_start_cycle,
    team_cycle_ids,
)
from lessonstudies.progress import progress_of
from networks.permissions import get_network_access
from ortaq.lib import editing
from ortaq.lib.access import require
from ortaq.lib.views import user_of

# --- Cycles ------------------------------------------------------------------------------------


@login_required
@require_GET
def network_cycles(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    cycles = (
        cycles_visible_to(user)
        .filter(network=access.network)
        .select_related("leader", "subject", "group")
        .annotate(lesson_count=Count("lessons", distinct=True))
        .order_by("-created_at", "-pk")
    )
    mine = set(team_cycle_ids(user).filter(network=access.network).values_list("pk", flat=True))
    return render(
        request,
        "lessonstudies/network_cycles.html",
        {"network": access.network, "cycles": cycles, "mine": mine, "may_start": may_start_cycle(access)},
    )


@login_required
def cycle_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    require(may_start_cycle(access), REFUSED_CREATE)
    form = CycleForm(request.POST or None, network=access.network, version=0, initial={"leader": user, "team": [user]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cycle = actions.start_cycle(
            access.network,
            by=user,
            theme=data["theme"],
            question=data["question"],
            grade=data["grade"],
            subject=data["subject"],
            group=data["group"],
            leader=data["leader"],
            team=data["team"],
        )
        messages.success(request, _("The Lesson Study is started: choose the case pupils."))
        return redirect(cycle)
    return render(request, "lessonstudies/cycle_form.html", {"network": access.network, "form": form})


@login_required
@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle_access = get_cycle_for_user(user, pk)
    cycle = cycle_access.cycle
    progress = progress_of(cycle, timezone.localdate())
    return render(
        request,
        "lessonstudies/cycle_detail.html",
        {
            "cycle": cycle,
            "network": cycle.network,
            "cycle_access": cycle_access,
            "progress": progress,
            "team": actions.team_of(cycle),
        },
    )


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle = get_edited_cycle(user, pk).cycle
    form = CycleForm(
        request.POST or None, network=cycle.network, version=cycle.version, initial=CycleForm.initial_of(cycle)
    )
    context = {"network": cycle.network, "cycle": cycle, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_cycle(
                cycle,
                version=form.opened_version,
                by=user,
                theme=data["theme"],
                question=data["question"],
                grade=data["grade"],
                subject=data["subject"],
                group=data["group"],
                leader=data["leader"],
                team=data["team"],
            )
        except editing.StaleEdit:
            saved = Cycle.objects.get(pk=cycle.pk)
            return editing.refuse_stale(
                request,
                "lessonstudies/cycle_form.html",
                context,
                form=form,
                saved=CycleForm(network=cycle.network, version=saved.version, initial=CycleForm.initial_of(saved)),
            )
        messages.success(request, _("The Lesson Study is saved."))
        return redirect(cycle)
    return render(request, "lessonstudies/cycle_form.html", context)


@login_required
def pupils(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle_access = get_team_cycle(user, pk)
    cycle = cycle_access.cycle
    editing_pupil = None
    if request.GET.get("edit", "").isdigit() or request.POST.get("pupil", "").isdigit():
        pupil_pk = int(request.GET.get("edit") or request.POST["pupil"])
        editing_pupil = CasePupil.objects.filter(cycle=cycle, pk=pupil_pk).first()
    form = PupilForm(request.POST or None, cycle=cycle, instance=editing_pupil)
    if request.method == "POST":
        require(cycle_access.can_edit, REFUSED)
        if form.is_valid():
            actions.save_pupil(
                cycle,
                code=form.cleaned_data["code"],
                profile=form.cleaned_data["profile"],
                observer=form.cleaned_data["observer"],
                pupil=editing_pupil,
            )
            messages.success(request, _("The case pupil is saved."))
            return redirect("lessonstudies:pupils", pk=cycle.pk)
    return render(
        request,
        "lessonstudies/pupils.html",
        {
            "cycle": cycle,
            "network": cycle.network,
            "pupils": list(cycle.pupils.select_related("observer")),
            "form": form,
            "editing": editing_pupil,
        },
    )


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle = get_team_cycle(user, pk).cycle
    form = ScheduleForm(request.POST or None, cycle=cycle, initial={"teacher": user, "school": user.school_id})
    if request.method == "POST" and form.is_valid():
        lesson = actions.schedule_lesson(cycle, by=user, **form.cleaned_data)
        messages.success(request, _("Research lesson %(number)s is scheduled.") % {"number": lesson.number})
        return redirect(lesson)
    number = (cycle.lessons.count() or 0) + 1
    return render(
        request,
        "lessonstudies/schedule.html",
        {"cycle": cycle, "network": cycle.network, "form": form, "number": number},
    )


# --- A research lesson: its plan, the sheet, the interviews, the discussion ----------------------------


def plan_context(lesson_access: Any, shown: int | None = None) -> dict[str, Any]:
    lesson = lesson_access.research_lesson
    versions = list(lesson.versions.select_related("author").order_by("number"))
    latest = versions[-1] if versions else None
    plan = next((v for v in versions if v.number == shown), latest)
    table = lesson_table(lesson)
    activities = list(plan.activities.all()) if plan is not None else []
    return {
        "cycle": lesson_access.cycle,
        "network": lesson_access.cycle.network,
        "lesson": lesson,
        "versions": versions,
        "plan": plan,
        "latest": latest,
        "activities": activities,
        "table": table,
    }


@login_required
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The planning page: the versions, the activities, the predictions grid, and a new version."""
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    shown = request.GET.get("v", "")
    context = plan_context(lesson_access, int(shown) if shown.isdigit() and len(shown) < 4 else None)
    latest = context["latest"]
    initial_activities = [
        {"title": a.title, "minutes": a.minutes, "description": a.description}
        for a in (latest.activities.all() if latest else [])
    ]
    form = PlanForm(
        request.POST or None,
        initial={
            "objectives": latest.objectives if latest else "",
            "success_criteria": latest.success_criteria if latest else "",
            "opened": latest.number if latest else 0,
        },
    )
    formset = ActivityFormSet(request.POST or None, initial=initial_activities, prefix="activities")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            drafts = [
                actions.ActivityDraft(row["title"], row.get("minutes"), row.get("description") or "")
                for row in formset.cleaned_data
                if row and row.get("title")
            ]
            try:
                plan = actions.add_version(
                    lesson_access.research_lesson,
                    opened=form.cleaned_data["opened"] or 0,
                    by=user,
                    objectives=form.cleaned_data["objectives"],
                    success_criteria=form.cleaned_data["success_criteria"],
                    change_note=form.cleaned_data["change_note"],
                    activities=drafts,
                )
            except editing.StaleEdit:
                messages.error(
                    request,
                    _("Someone added a version while you were writing: read it; your text is still in the form."),
                )
                context = plan_context(lesson_access)
                status = 409
            else:
                messages.success(request, _("Version %(number)s of the plan is saved.") % {"number": plan.number})
                return redirect(lesson_access.research_lesson)
        else:
            status = 200
    else:
        status = 200
    return render(
        request, "lessonstudies/lesson_detail.html", context | {"form": form, "formset": formset}, status=status
    )


@login_required
@require_POST
def predictions(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    plan = lesson_access.research_lesson.versions.order_by("-number").first()
    if plan is None:
        return redirect(lesson_access.research_lesson)
    texts: dict[tuple[int, int], str] = {}
    for key, value in request.POST.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "p" and parts[1].isdigit() and parts[2].isdigit():
            texts[(int(parts[1]), int(parts[2]))] = str(value)[:4000]
    pupil_ids = set(lesson_access.cycle.pupils.values_list("pk", flat=True))
    actions.save_predictions(plan, {key: text for key, text in texts.items() if key[1] in pupil_ids})
    messages.success(request, _("The predictions are saved."))
    return redirect(lesson_access.research_lesson.get_absolute_url() + "#predictions")


@login_required
@require_GET
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The observation sheet, for a phone in one hand during the lesson."""
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    lesson = lesson_access.research_lesson
    all_pupils = list(lesson_access.cycle.pupils.select_related("observer"))
    mine = [p for p in all_pupils if p.observer_id == user.pk] or all_pupils
    plan = lesson.versions.order_by("-number").first()
    activities = list(plan.activities.all()) if plan else []
    notes = list(lesson.notes.filter(observer=user).select_related("pupil", "activity").order_by("-noted_at")[:50])
    return render(
        request,
        "lessonstudies/sheet.html",
        {
            "cycle": lesson_access.cycle,
            "network": lesson_access.cycle.network,
            "lesson": lesson,
            "pupils": mine,
            "activities": activities,
            "notes": notes,
        },
    )


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    """A note from the sheet: a form post, or the offline queue's JSON; the same
    ``client_id`` twice keeps one note."""
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    lesson = lesson_access.research_lesson
    wants_json = request.content_type == "application/json"
    if wants_json:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": _("The note could not be read.")}, status=400)
        form = NoteForm(data if isinstance(data, dict) else {})
    else:
        form = NoteForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("Write the note and choose the case pupil."))
        return redirect("lessonstudies:sheet", pk=lesson.pk)
    data = form.cleaned_data
    pupil = get_case_pupil(lesson_access, data["pupil"])
    activity = (
        Activity.objects.filter(pk=data["activity"], plan__research_lesson=lesson).first() if data["activity"] else None
    )
    seat = (data["seat_x"], data["seat_y"]) if data["seat_x"] is not None and data["seat_y"] is not None else None
    note, created = actions.add_note(
        lesson,
        observer=user,
        pupil=pupil,
        text=data["text"],
        client_id=data["client_id"] or (uuid.uuid4() if wants_json else None),
        activity=activity,
        noted_at=data["noted_at"],
        seat=seat,
    )
    if wants_json:
        return JsonResponse(
            {"id": note.pk, "client_id": str(note.client_id), "created": created}, status=201 if created else 200
        )
    messages.success(request, _("The note is kept."))
    return redirect("lessonstudies:sheet", pk=lesson.pk)


@login_required
def interview(request: HttpRequest, pk: int, pupil_pk: int) -> HttpResponse:
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    lesson = lesson_access.research_lesson
    pupil = get_case_pupil(lesson_access, pupil_pk)
    existing = Interview.objects.filter(research_lesson=lesson, pupil=pupil).first()
    form = InterviewForm(request.POST or None, instance=existing, version=existing.version if existing else 0)
    context = {
        "cycle": lesson_access.cycle,
        "network": lesson_access.cycle.network,
        "lesson": lesson,
        "pupil": pupil,
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_interview(
                lesson,
                pupil,
                by=user,
                version=form.opened_version,
                **{k: form.cleaned_data[k] for k in ("learned", "helped", "hard", "change")},
            )
        except editing.StaleEdit:
            saved = Interview.objects.get(research_lesson=lesson, pupil=pupil)
            return editing.refuse_stale(
                request, "lessonstudies/interview.html", context, form=form, saved=InterviewForm(instance=saved)
            )
        messages.success(request, _("The interview is saved."))
        return redirect(reverse_discussion(lesson.pk) + "#interviews")
    return render(request, "lessonstudies/interview.html", context)


def reverse_discussion(pk: int) -> str:
    return reverse("lessonstudies:discussion", args=[pk])


@login_required
def discussion(request: HttpRequest, pk: int) -> HttpResponse:
    """The post-lesson discussion, starting from the case pupils: per activity, what the
    team predicted beside what was seen; what to change; the decisions."""
    user = user_of(request)
    lesson_access = get_research_lesson_for_user(user, pk)
    lesson = lesson_access.research_lesson
    saved = discussion_of.first(lesson.pk)
    form = DecisionsForm(
        request.POST or None,
        version=saved.version if saved else 0,
        initial={"decisions": saved.decisions if saved else ""},
    )
    table = lesson_table(lesson)
    context = {
        "cycle": lesson_access.cycle,
        "network": lesson_access.cycle.network,
        "lesson": lesson,
        "table": table,
        "form": form,
        "interviews": interview_rows(table),
        "saved": saved,
        "is_last": is_last(lesson),
    }
    if request.method == "POST" and form.is_valid():
        records: dict[tuple[int, int], tuple[str, str]] = {}
        for row in table.rows:
            for cell in row.cells:
                assert cell.activity is not None
                key = f"{cell.activity.pk}-{cell.pupil.pk}"
                records[(cell.activity.pk, cell.pupil.pk)] = (
                    request.POST.get(f"observed-{key}", "")[:4000],
                    request.POST.get(f"change-{key}", "")[:4000],
                )
        try:
            actions.save_discussion(
                lesson,
                by=user,
                version=form.opened_version,
                decisions=form.cleaned_data["decisions"],
                records=records,
                ready="ready" in request.POST,
            )
        except editing.StaleEdit:
            current = Discussion.objects.get(research_lesson=lesson)
            return editing.refuse_stale(
                request,
                "lessonstudies/discussion.html",
                context,
                form=form,
                saved=DecisionsForm(version=current.version, initial={"decisions": current.decisions}),
                saved_at=current.updated_at,
                saved_by=current.updated_by.full_name if current.updated_by else "",
            )
        messages.success(request, _("The discussion is saved."))
        return redirect("lessonstudies:discussion", pk=lesson.pk)
    return render(request, "lessonstudies/discussion.html", context)


@login_required
@require_GET
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle = get_team_cycle(user, pk).cycle
    comparison = compare(cycle)
    return render(
        request,
        "lessonstudies/comparison.html",
        {
            "cycle": cycle,
            "network": cycle.network,
            "comparison": comparison,
            # The table's heads name each lesson; its cells, on a phone, their column.
            "lesson_heads": [research_lesson_label(lesson.number) for lesson in comparison.lessons],
            "column_labels": [research_lesson_label(number) for number in range(1, len(comparison.lessons) + 1)],
        },
    )


def research_lesson_label(number: int) -> str:
    return _("Research lesson %(number)s") % {"number": number}


# --- The report --------------------------------------------------------------------------------


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle_access = get_report_cycle(user, pk)
    cycle = cycle_access.cycle
    form = ConclusionsForm(request.POST or None, version=cycle.version, initial={"conclusions": cycle.conclusions})
    context = {"cycle": cycle, "network": cycle.network, "cycle_access": cycle_access, "form": form}
    if request.method == "POST":
        require(cycle_access.can_edit, REFUSED)
        if form.is_valid():
            try:
                actions.save_conclusions(
                    cycle, version=form.opened_version, conclusions=form.cleaned_data["conclusions"]
                )
            except editing.StaleEdit:
                saved = Cycle.objects.get(pk=cycle.pk)
                return editing.refuse_stale(
                    request,
                    "lessonstudies/report.html",
                    context,
                    form=form,
                    saved=ConclusionsForm(version=saved.version, initial={"conclusions": saved.conclusions}),
                )
            messages.success(request, _("The conclusions are saved."))
            return redirect("lessonstudies:report", pk=cycle.pk)
    return render(request, "lessonstudies/report.html", context)


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    user = user_of(request)
    cycle = get_report_cycle(user, pk).cycle
    if extension not in ("docx", "pdf"):
        raise Http404(_("No such report."))
    content = documents.report_docx(cycle) if extension == "docx" else documents.report_pdf(cycle)
    response = HttpResponse(content, content_type=documents.CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="lesson-study-{cycle.pk}.{extension}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    cycle = get_edited_cycle(user, pk).cycle
    if cycle.is_published:
        return redirect(cycle)
    actions.publish_report(cycle, by=user, docx=documents.report_docx(cycle), pdf=documents.report_pdf(cycle))
    messages.success(request, _("The report is published in the library."))
    return redirect(cycle)
