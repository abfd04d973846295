from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import Submission, once_per_submission
from calendars.models import AcademicYear
from networks.permissions import get_network_access
from ortaq.lib import editing, fragments, uploads
from ortaq.lib.access import require
from ortaq.lib.forms import model_choices
from ortaq.lib.prepared import prepared
from ortaq.lib.views import first_error, user_of
from plans import actions, rubric
from plans.forms import (
    ActivityForm,
    AuditForm,
    CheckForm,
    CommentForm,
    CriterionForm,
    CriterionStatusForm,
    DataRowForm,
    GoalForm,
    ModerationForm,
    PlacementForm,
    PlanForm,
    PriorityForm,
    ReportForm,
    school_choices,
)
from plans.models import (
    Activity,
    Audit,
    Check,
    Comment,
    Criterion,
    Goal,
    Plan,
    Priority,
    Report,
    ReportVersion,
    Stage,
)
from plans.overview import overview
from plans.permissions import (
    REFUSED,
    REFUSED_COMMENT,
    REFUSED_CREATE,
    REFUSED_MODERATE,
    REFUSED_PLACE,
    PlanAccess,
    get_edited_plan,
    get_placement_for_user,
    get_plan_for_user,
    get_report_version_for_user,
    get_rubric_for_user,
    get_rubric_school,
    may_start_plan,
)
from plans.sources import staff_of
from plans.templatetags.plans import indicator_label
from plans.trajectory import Trajectory, criteria_of, goals_of

# --- Plans of a network -------------------------------------------------------------------------


@login_required
@require_GET
def network_plans(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    plans = (
        Plan.objects.visible_to(user)
        .filter(network=access.network)
        .select_related("school", "year")
        .order_by("-starts_on", "school__name", "pk")
    )
    return render(
        request,
        "plans/network_plans.html",
        {"network": access.network, "plans": plans, "may_start": may_start_plan(access, user, user.school)},
    )


@login_required
@once_per_submission
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    schools = school_choices(access.network)
    if not access.can_organise:
        schools = schools.filter(pk=user.school_id)
    require(may_start_plan(access, user, user.school), REFUSED_CREATE)
    year = AcademicYear.objects.current(timezone.localdate())
    form = PlanForm(
        request.POST or None,
        network=access.network,
        schools=schools,
        version=0,
        initial={"team": [user], "year": year, "school": user.school_id if not access.can_organise else None},
    )
    if not access.can_organise:
        model_choices(form, "school").empty_label = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.start_plan(
                access.network,
                school=data["school"],
                title=data["title"],
                year=data["year"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                team=data["team"],
                by=user,
                submission=Submission.of(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is started: begin with the audit."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"network": access.network, "form": form})


def plan_context(plan_access: PlanAccess, stage: str) -> dict[str, Any]:
    """What every page of a plan shows around its own part: the plan and its stages."""
    plan = plan_access.plan
    return {
        "plan": plan,
        "network": plan_access.network,
        "plan_access": plan_access,
        "stage": stage,
        "tabs": [(code, label, plan.stage_url(code)) for code, label in Stage.choices],
    }


@prepared
def comments_on(plan_id: int, stage: str) -> QuerySet[Comment]:
    return Comment.objects.filter(plan=plan_id, stage=stage).select_related("author").order_by("created_at", "pk")


def stage_context(plan_access: PlanAccess, stage: str) -> dict[str, Any]:
    """What every stage page shows around its own part: the plan, the stages, and the
    comments on this stage."""
    return plan_context(plan_access, stage) | {
        "comments": comments_on(plan_access.plan.pk, stage),
        "comment_form": CommentForm(initial={"stage": stage}) if plan_access.can_comment else None,
    }


@prepared
def team_of(plan_id: int) -> QuerySet[Any]:
    return (
        Plan.change_team.through.objects.filter(plan=plan_id)
        .order_by("user__full_name", "user_id")
        .values(full_name=F("user__full_name"), school=F("user__school__name"))
    )


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access = get_plan_for_user(user_of(request), pk)
    plan = plan_access.plan
    today = timezone.localdate()
    context = plan_context(plan_access, "")
    goals = goals_of(plan, today, criteria=False)
    states = overview(plan, today)
    context |= {
        # The stages at a glance kept in the cache under the states it shows (fragments):
        # six small rows, yet a good part of what the page's own template costs.
        "stages": fragments.render_once(
            request, "plans/plan_detail.html#stages", {"overview": states}, parts=tuple(states)
        ),
        "goals": goals,
        "goal_rows": goal_rows(request, plan, goals),
        "team": team_of(plan.pk),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access = get_edited_plan(user_of(request), pk)
    plan = plan_access.plan
    form = PlanForm(request.POST or None, instance=plan, network=plan.network)
    context = {"plan": plan, "network": plan.network, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_plan(
                plan,
                version=form.opened_version,
                title=data["title"],
                year=data["year"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                team=data["team"],
            )
        except editing.StaleEdit:
            saved = Plan.objects.get(pk=plan.pk)
            return editing.refuse_stale(
                request,
                "plans/plan_form.html",
                context,
                form=form,
                saved=PlanForm(instance=saved, network=plan.network),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", context)


# --- 1. Audit ---------------------------------------------------------------------------------


@login_required
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_plan_for_user(user, pk)
    plan = plan_access.plan
    record, _created = Audit.objects.get_or_create(plan=plan)
    form = AuditForm(request.POST or None, instance=record)
    context = stage_context(plan_access, Stage.AUDIT)
    if request.method == "POST":
        require(plan_access.can_edit, REFUSED)
        if form.is_valid():
            try:
                actions.save_audit(
                    record,
                    version=form.opened_version,
                    self_evaluation=form.cleaned_data["self_evaluation"],
                    methods=form.cleaned_data["methods"],
                    by=user,
                )
            except editing.StaleEdit:
                saved = Audit.objects.get(pk=record.pk)
                return editing.refuse_stale(
                    request,
                    "plans/audit.html",
                    context | audit_context(plan),
                    form=form,
                    saved=AuditForm(instance=saved),
                    saved_at=saved.updated_at,
                    saved_by=saved.updated_by.full_name if saved.updated_by else "",
                )
            messages.success(request, _("The audit is saved."))
            return redirect("plans:audit", pk=plan.pk)
    context |= audit_context(plan) | {"form": form, "row_form": DataRowForm(prefix="row")}
    return render(request, "plans/audit.html", context)


def audit_context(plan: Plan) -> dict[str, Any]:
    from plans import indicators

    today = min(timezone.localdate(), plan.ends_on)
    live = (
        [(source, indicators.value_of(source.key, plan, today)) for source in indicators.every()]
        if plan.starts_on <= today
        else []
    )
    return {
        "staff": staff_of(plan),
        "live": live,
        "rows": plan.data_rows.select_related("entered_by"),
        "placements": rubric.placements_of_year(plan),
    }


@login_required
@require_POST
@once_per_submission
def data_row_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_edited_plan(user, pk)
    plan = plan_access.plan
    row_form = DataRowForm(request.POST, prefix="row")
    if row_form.is_valid():
        actions.add_data_row(plan, by=user, submission=Submission.of(request), **row_form.cleaned_data)
        messages.success(request, _("The figure is added to the audit."))
        return redirect("plans:audit", pk=plan.pk)
    record, _created = Audit.objects.get_or_create(plan=plan)
    context = stage_context(plan_access, Stage.AUDIT) | audit_context(plan)
    context |= {"form": AuditForm(instance=record), "row_form": row_form}
    return render(request, "plans/audit.html", context, status=400)


# --- 2. Priorities ------------------------------------------------------------------------------


@login_required
@once_per_submission
def priorities(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access = get_plan_for_user(user_of(request), pk)
    plan = plan_access.plan
    form = PriorityForm(request.POST or None, plan=plan, version=0)
    if request.method == "POST":
        require(plan_access.can_edit, REFUSED)
        if form.is_valid():
            actions.add_priority(
                plan,
                title=form.cleaned_data["title"],
                needs=form.cleaned_data["needs"],
                evidence=form.cleaned_data["evidence"],
                submission=Submission.of(request),
            )
            messages.success(request, _("The priority is added: now set its SMART goals."))
            return redirect("plans:priorities", pk=plan.pk)
    context = stage_context(plan_access, Stage.PRIORITIES)
    context |= {
        "priorities": plan.priorities.prefetch_related("evidence", "goals"),
        "form": form,
    }
    return render(request, "plans/priorities.html", context)


def priority_for(user: Any, pk: int) -> tuple[PlanAccess, Priority]:
    priority = get_object_or_404(Priority, pk=pk)
    plan_access = get_plan_for_user(user, priority.plan_id)
    return plan_access, priority


@login_required
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access, priority = priority_for(user_of(request), pk)
    require(plan_access.can_edit, REFUSED)
    plan = plan_access.plan
    form = PriorityForm(request.POST or None, instance=priority, plan=plan)
    context = stage_context(plan_access, Stage.PRIORITIES) | {"form": form, "priority": priority}
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_priority(
                priority,
                version=form.opened_version,
                title=form.cleaned_data["title"],
                needs=form.cleaned_data["needs"],
                evidence=form.cleaned_data["evidence"],
            )
        except editing.StaleEdit:
            saved = Priority.objects.get(pk=priority.pk)
            return editing.refuse_stale(
                request, "plans/priority_form.html", context, form=form, saved=PriorityForm(instance=saved, plan=plan)
            )
        messages.success(request, _("The priority is saved."))
        return redirect("plans:priorities", pk=plan.pk)
    return render(request, "plans/priority_form.html", context)


GOAL_FIELDS = ("statement", "measure", "baseline", "target", "due_on", "indicator_source", "methods")


@login_required
@once_per_submission
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access, priority = priority_for(user_of(request), pk)
    require(plan_access.can_edit, REFUSED)
    form = GoalForm(request.POST or None, version=0, plan=plan_access.plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_goal(
                priority,
                submission=Submission.of(request),
                needs=form.cleaned_data.get("needs"),
                **{name: form.cleaned_data[name] for name in GOAL_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal is set, with a progress check after each quarter."))
            return redirect("plans:evaluation", pk=priority.plan_id)
    context = stage_context(plan_access, Stage.PRIORITIES) | {"form": form, "priority": priority}
    return render(request, "plans/goal_form.html", context)


def goal_for(user: Any, pk: int) -> tuple[PlanAccess, Goal]:
    goal = get_object_or_404(Goal.objects.select_related("priority"), pk=pk)
    return get_plan_for_user(user, goal.priority.plan_id), goal


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access, goal = goal_for(user_of(request), pk)
    require(plan_access.can_edit, REFUSED)
    form = GoalForm(request.POST or None, instance=goal, plan=plan_access.plan)
    context = stage_context(plan_access, Stage.EVALUATION) | {"form": form, "priority": goal.priority, "goal": goal}
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_goal(
                goal,
                version=form.opened_version,
                needs=form.cleaned_data.get("needs"),
                **{name: form.cleaned_data[name] for name in GOAL_FIELDS},
            )
        except editing.StaleEdit:
            saved = Goal.objects.get(pk=goal.pk)
            return editing.refuse_stale(
                request,
                "plans/goal_form.html",
                context,
                form=form,
                saved=GoalForm(instance=saved, plan=plan_access.plan),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("plans:evaluation", pk=goal.priority.plan_id)
    return render(request, "plans/goal_form.html", context)


# --- 3a/3b. Activities and implementation plans -------------------------------------------------------


ACTIVITY_FIELDS = ("goal", "title", "description", "owner", "group", "starts_on", "due_on", "resources")


@login_required
@once_per_submission
def activities(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_plan_for_user(user, pk)
    plan = plan_access.plan
    form = ActivityForm(request.POST or None, plan=plan, version=0)
    if request.method == "POST":
        require(plan_access.can_edit, REFUSED)
        if form.is_valid():
            try:
                actions.add_activity(
                    plan,
                    by=user,
                    events=form.cleaned_data["events"],
                    submission=Submission.of(request),
                    **{name: form.cleaned_data[name] for name in ACTIVITY_FIELDS},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The activity is added."))
                return redirect("plans:activities", pk=plan.pk)
    context = stage_context(plan_access, Stage.ACTIVITIES)
    context |= {"activities": activity_rows(plan), "form": form, "today": timezone.localdate()}
    return render(request, "plans/activities.html", context)


def activity_rows(plan: Plan) -> Any:
    return plan.activities.select_related("owner", "group", "goal").prefetch_related("events")


@login_required
@require_GET
def implementation(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access = get_plan_for_user(user_of(request), pk)
    plan = plan_access.plan
    context = stage_context(plan_access, Stage.IMPLEMENTATION)
    context |= {"activities": activity_rows(plan), "today": timezone.localdate()}
    return render(request, "plans/implementation.html", context)


def activity_for(user: Any, pk: int) -> tuple[PlanAccess, Activity]:
    activity = get_object_or_404(Activity.objects.select_related("owner"), pk=pk)
    return get_plan_for_user(user, activity.plan_id), activity


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access, activity = activity_for(user, pk)
    require(plan_access.can_edit, REFUSED)
    plan = plan_access.plan
    form = ActivityForm(
        request.POST or None, instance=activity, plan=plan, initial={"events": list(activity.events.all())}
    )
    context = stage_context(plan_access, Stage.IMPLEMENTATION) | {"form": form, "activity": activity}
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_activity(
                activity,
                version=form.opened_version,
                by=user,
                events=form.cleaned_data["events"],
                **{name: form.cleaned_data[name] for name in ACTIVITY_FIELDS},
            )
        except editing.StaleEdit:
            saved = Activity.objects.get(pk=activity.pk)
            return editing.refuse_stale(
                request,
                "plans/activity_form.html",
                context,
                form=form,
                saved=ActivityForm(instance=saved, plan=plan, initial={"events": list(saved.events.all())}),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The implementation plan is saved."))
            return redirect("plans:implementation", pk=plan.pk)
    return render(request, "plans/activity_form.html", context)


@login_required
@require_POST
def activity_done(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access, activity = activity_for(user_of(request), pk)
    require(plan_access.can_edit, REFUSED)
    actions.set_activity_done(activity, done=activity.done_on is None)
    return redirect("plans:implementation", pk=activity.plan_id)


# --- 3c. Evaluation --------------------------------------------------------------------------------


@login_required
@require_GET
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access = get_plan_for_user(user_of(request), pk)
    plan = plan_access.plan
    today = timezone.localdate()
    context = stage_context(plan_access, Stage.EVALUATION)
    criteria = criteria_of(plan)
    rows = [
        {"goal": goal, "path": path, "criteria": criteria.get(goal.pk, [])}
        for goal, path in goals_of(plan, today, criteria=False)
    ]
    can_edit = plan_access.can_edit
    # Each goal's section kept in the cache under everything it shows (goal_parts): the
    # sections are most of what the page costs, and they change far less often than
    # they are read (docs/architecture.md, «The speed helpers»).
    context["pieces"] = fragments.render_rows(
        request,
        "plans/evaluation.html#goal",
        rows,
        parts=lambda row: goal_parts(row, today),
        # The options are written only when a section is rendered (a cache miss).
        context={
            "plan_access": {"can_edit": can_edit},
            "today": today,
            "status_options": SimpleLazyObject(status_options),
        },
        shared=(can_edit,),
    )
    return render(request, "plans/evaluation.html", context)


def goal_parts(row: dict[str, Any], today: datetime.date) -> tuple[Any, ...]:
    """Everything a goal's section of the evaluation shows (its key in the cache)."""
    goal: Goal = row["goal"]
    path: Trajectory = row["path"]
    return (
        goal.pk,
        goal.statement,
        goal.priority.title,
        goal.measure,
        str(goal.baseline),
        str(goal.target),
        goal.due_on,
        goal.indicator_source,
        indicator_label(goal.indicator_source) if goal.indicator_source else "",
        goal.methods,
        str(path.live),
        path_parts(path),
        tuple((criterion.pk, criterion.status, criterion.text) for criterion in row["criteria"]),
        tuple(
            (check.pk, check.due_on, check.done_on, str(check.value), check.note, check.due_on < today)
            for check in path.checks
        ),
    )


def path_parts(path: Trajectory) -> tuple[Any, ...]:
    """What a trajectory's chart and words show besides its goal's due day, baseline and
    target: its points (their words are the language's, in the key already)."""
    return tuple((point.day, str(point.value), point.label) for point in path.points)


def goal_rows(request: HttpRequest, plan: Plan, goals: list[tuple[Goal, Trajectory]]) -> list[SafeString]:
    """The rows of a plan's table of goals, each kept in the cache under everything it
    shows (goal_row_parts): with its chart, most of what the plan's page costs."""
    evaluation_url = reverse("plans:evaluation", args=[plan.pk])
    return fragments.render_rows(
        request,
        "plans/_goal_table.html#goal_row",
        [{"goal": goal, "path": path} for goal, path in goals],
        parts=goal_row_parts,
        context={"evaluation_url": evaluation_url},
        shared=(evaluation_url,),
    )


def goal_row_parts(row: dict[str, Any]) -> tuple[Any, ...]:
    """Everything a goal's row of the table shows (its key in the cache)."""
    goal: Goal = row["goal"]
    path: Trajectory = row["path"]
    return (
        goal.pk,
        goal.statement,
        goal.due_on,
        goal.measure,
        bool(goal.indicator_source),
        str(goal.baseline),
        str(goal.target),
        path_parts(path),
        path.progress,
    )


def status_options() -> dict[str, SafeString]:
    """For each status a criterion can have, the options of its select with that one
    chosen: written once, not once per criterion."""
    choices = CriterionStatusForm.base_fields["status"].choices  # type: ignore[attr-defined]
    return {
        status: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, mark_safe(" selected") if value == status else "", label) for value, label in choices),
        )
        for status, _label in choices
    }


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan_access, goal = goal_for(user_of(request), pk)
    require(plan_access.can_edit, REFUSED)
    form = CriterionForm(request.POST)
    if form.is_valid():
        actions.add_criterion(goal, text=form.cleaned_data["text"])
        messages.success(request, _("The success criterion is added."))
    else:
        messages.error(request, _("Write the success criterion."))
    return redirect(plan_access.plan.stage_url(Stage.EVALUATION) + f"#goal-{goal.pk}")


@login_required
@require_POST
def criterion_status(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("goal__priority"), pk=pk)
    plan_access = get_plan_for_user(user_of(request), criterion.goal.priority.plan_id)
    require(plan_access.can_edit, REFUSED)
    form = CriterionStatusForm(request.POST)
    if form.is_valid():
        actions.set_criterion_status(criterion, form.cleaned_data["status"])
    return redirect(plan_access.plan.stage_url(Stage.EVALUATION) + f"#goal-{criterion.goal_id}")


@login_required
@once_per_submission
def check_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access, goal = goal_for(user, pk)
    require(plan_access.can_edit, REFUSED)
    check_pk = request.GET.get("check", "")
    check = get_object_or_404(Check, pk=check_pk, goal=goal, done_on__isnull=True) if check_pk.isdigit() else None
    form = CheckForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_check(
                goal,
                check=check,
                on=form.cleaned_data["done_on"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                by=user,
                submission=Submission.of(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The progress check is recorded."))
            return redirect(plan_access.plan.stage_url(Stage.EVALUATION) + f"#goal-{goal.pk}")
    context = stage_context(plan_access, Stage.EVALUATION) | {"form": form, "goal": goal, "check": check}
    return render(request, "plans/check_form.html", context)


# --- 4. Monitoring report -----------------------------------------------------------------------------


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_plan_for_user(user, pk)
    plan = plan_access.plan
    kind = request.GET.get("kind", Report.Kind.INTERIM)
    if kind not in Report.Kind.values:
        raise Http404(_("No such report."))
    record = Report.objects.filter(plan=plan, kind=kind).first() or Report(plan=plan, kind=kind, version=0)
    form = ReportForm(request.POST or None, instance=record)
    context = stage_context(plan_access, Stage.REPORT)
    goals = goals_of(plan, timezone.localdate(), criteria=False)
    context |= {
        "report": record,
        "kinds": Report.Kind.choices,
        "goals": goals,
        "goal_rows": goal_rows(request, plan, goals),
        "form": form,
        "versions": list(ReportVersion.objects.filter(report__plan=plan, report__kind=kind).select_related("made_by")),
    }
    if request.method == "POST":
        require(plan_access.can_edit, REFUSED)
        if form.is_valid():
            try:
                actions.save_report(
                    record, version=form.opened_version, reflection=form.cleaned_data["reflection"], by=user
                )
            except editing.StaleEdit:
                saved = Report.objects.get(plan=plan, kind=kind)
                return editing.refuse_stale(
                    request,
                    "plans/report.html",
                    context,
                    form=form,
                    saved=ReportForm(instance=saved),
                    saved_at=saved.updated_at,
                    saved_by=saved.updated_by.full_name if saved.updated_by else "",
                )
            messages.success(request, _("The reflection is saved."))
            return redirect(plan.stage_url(Stage.REPORT) + f"?kind={kind}")
    return render(request, "plans/report.html", context)


@login_required
@require_POST
@once_per_submission
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    """Makes the report's DOCX and PDF now, in the reader's language, as a new dated
    version (the earlier ones stay downloadable)."""
    user = user_of(request)
    plan_access = get_edited_plan(user, pk)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in Report.Kind.values:
        raise Http404(_("No such report."))
    version = actions.generate_report(plan_access.plan, kind, by=user, submission=Submission.of(request))
    messages.success(
        request, _("Version %(number)s of the report is made: download it below.") % {"number": version.number}
    )
    return redirect(plan_access.plan.stage_url(Stage.REPORT) + f"?kind={kind}#versions")


REPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    if extension not in REPORT_TYPES:
        raise Http404(_("No such report."))
    _plan_access, version = get_report_version_for_user(user_of(request), pk)
    stored = version.docx if extension == "docx" else version.pdf
    return uploads.serve_file(
        request, stored, filename=version.filename(extension), content_type=REPORT_TYPES[extension], as_attachment=True
    )


# --- Comments -----------------------------------------------------------------------------------------


@login_required
@require_POST
@once_per_submission
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan_access = get_plan_for_user(user, pk)
    require(plan_access.can_comment, REFUSED_COMMENT)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the comment."))
        return redirect(plan_access.plan)
    stage = form.cleaned_data["stage"]
    comment = actions.add_comment(
        plan_access.plan, stage=stage, text=form.cleaned_data["text"], by=user, submission=Submission.of(request)
    )
    messages.success(request, _("The comment is sent to the change team."))
    return redirect(plan_access.plan.stage_url(stage) + f"#comment-{comment.pk}")


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    comment = get_object_or_404(Comment, pk=pk)
    plan_access = get_plan_for_user(user, comment.plan_id)
    require(plan_access.can_resolve(comment), REFUSED)
    actions.set_comment_resolved(comment, resolved=not comment.is_resolved, by=user)
    return redirect(plan_access.plan.stage_url(comment.stage) + f"#comment-{comment.pk}")


# --- The rubric ------------------------------------------------------------------------------------------


@login_required
@require_GET
def rubric_map(request: HttpRequest, pk: int) -> HttpResponse:
    rubric_access = get_rubric_for_user(user_of(request), pk)
    years = rubric.years_of(rubric_access.network)
    year = rubric.chosen_year(years, request.GET.get("year", ""))
    stages = rubric.stages()
    network_map = rubric.network_map(rubric_access.network, year, years, stages)
    network, year_pk = rubric_access.network, year.pk if year else None
    context = {
        "network": network,
        "rubric": rubric_access,
        "years": years,
        "year": year,
        "map": network_map,
        "stages": stages,
        # Each school's row kept in the cache under everything it shows (fragments).
        "rows": fragments.render_rows(
            request,
            "plans/rubric_map.html#row",
            network_map.rows,
            parts=map_row_parts,
            context={"network": network, "year": year},
            shared=(network.pk, year_pk),
        ),
    }
    return render(request, "plans/rubric_map.html", context)


def map_row_parts(row: rubric.MapRow) -> tuple[Any, ...]:
    """Everything a school's row of the rubric map shows (its key in the cache)."""
    cells = []
    for cell in row.cells:
        stage = cell.stage
        placed = (stage.number, stage.name, cell.moderation) if stage else None
        cells.append((cell.area.pk, cell.area.name, placed, cell.moved))
    return (row.school.pk, row.school.name, row.is_leading, tuple(cells))


@login_required
def rubric_school(request: HttpRequest, pk: int, school_pk: int) -> HttpResponse:
    user = user_of(request)
    rubric_access, school = get_rubric_school(user, pk, school_pk)
    network = rubric_access.network
    years = rubric.years_of(network, with_current=True)
    year = rubric.chosen_year(years, request.GET.get("year", ""))
    if year is None:
        raise Http404(_("No academic year yet."))
    areas = rubric.areas()
    placed = rubric.placements_of(network, school, year)
    if request.method == "POST":
        require(rubric_access.can_place(school), REFUSED_PLACE)
    chosen_area = request.POST.get("area", "") if request.method == "POST" else ""
    forms_ = []
    conflict = None
    status = 200
    for area in areas:
        placement = placed.get(area.pk)
        bound = request.POST if chosen_area == str(area.pk) else None
        form = PlacementForm(
            bound,
            area=area,
            version=placement.version if placement else 0,
            initial={"stage": placement.stage_id, "evidence": placement.evidence} if placement else {},
        )
        if bound is not None:
            if form.is_valid():
                try:
                    actions.place_school(
                        network,
                        school,
                        year=year,
                        area=area,
                        stage=form.cleaned_data["stage"],
                        evidence=form.cleaned_data["evidence"],
                        by=user,
                        version=form.opened_version,
                    )
                except editing.StaleEdit:
                    saved = rubric.placements_of(network, school, year).get(area.pk)
                    saved_form = PlacementForm(
                        area=area,
                        version=saved.version if saved else 0,
                        initial={"stage": saved.stage_id, "evidence": saved.evidence} if saved else {},
                    )
                    form.reopen(saved.version if saved else 0)
                    conflict = editing.Conflict(editing.differences(form, saved_form), None, "")
                    status = 409
                else:
                    messages.success(request, _("The school's place is saved: the leading school will moderate it."))
                    return redirect(request.get_full_path())
            else:
                status = 400
        forms_.append((area, placement, form))
    context = {
        "network": network,
        "school": school,
        "rubric": rubric_access,
        "may_place": rubric_access.can_place(school),
        "may_moderate": rubric_access.can_moderate(school),
        "years": years,
        "year": year,
        "rows": forms_,
        "descriptors": rubric.descriptor_grid(),
        "stages": rubric.stages(),
        "history": rubric.history_of(network, school),
        "conflict": conflict,
    }
    return render(request, "plans/rubric_school.html", context, status=status)


@login_required
def placement_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    rubric_access, placement = get_placement_for_user(user, pk)
    require(rubric_access.can_moderate(placement.school), REFUSED_MODERATE)
    form = ModerationForm(request.POST or None, version=placement.version)
    context = {"network": rubric_access.network, "placement": placement, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.moderate(
                placement,
                agree=data["decision"] == "agree",
                proposed_stage=data["proposed_stage"],
                reason=data["reason"],
                by=user,
                version=form.opened_version,
            )
        except editing.StaleEdit:
            messages.error(request, _("The school placed itself again meanwhile: read its new place first."))
            return redirect(actions.placement_url(placement))
        except ValidationError as error:
            form.add_error(None, first_error(error))
        else:
            messages.success(request, _("The moderation is saved."))
            return redirect(actions.placement_url(placement))
    return render(request, "plans/moderate.html", context)
