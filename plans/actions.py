"""The workflows of development plans and the rubric, as verbs. Views and the API call
these; each runs in one transaction, claims the version the form was opened at before
it writes (ortaq/lib/editing.py), and tells the people it concerns."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from calendars.models import AcademicYear, Term
from events.models import Event
from networks.models import Network
from notifications.actions import notify
from ortaq.lib.editing import StaleEdit, claim_version
from plans import indicators, notices
from plans.models import (
    Activity,
    Audit,
    Check,
    Comment,
    Criterion,
    DataRow,
    Goal,
    GoalNeed,
    Placement,
    Plan,
    Priority,
    Report,
    ReportVersion,
    RubricArea,
    RubricStage,
    Stage,
)
from schools.models import School

# --- The plan ------------------------------------------------------------------------------------


@transaction.atomic
def start_plan(
    network: Network,
    *,
    school: School | None,
    title: str,
    year: AcademicYear | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    team: Iterable[User],
    by: User,
    submission: Submission | None = None,
) -> Plan:
    starts_on, ends_on = period(year, starts_on, ends_on)
    plan = Plan.objects.create(
        network=network, school=school, title=title, year=year, starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    plan.change_team.set(list(team))
    Audit.objects.create(plan=plan)
    submissions.record(submission, plan.get_absolute_url())
    return plan


def period(
    year: AcademicYear | None, starts_on: datetime.date | None, ends_on: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """An academic year's dates, or the longer cycle's own."""
    if year is not None:
        return year.starts_on, year.ends_on
    if starts_on is None or ends_on is None:
        raise ValidationError(_("Choose an academic year, or give the cycle's first and last day."))
    if ends_on <= starts_on:
        raise ValidationError(_("The last day must come after the first."))
    return starts_on, ends_on


@transaction.atomic
def save_plan(
    plan: Plan,
    *,
    version: int | None,
    title: str,
    year: AcademicYear | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    team: Iterable[User],
) -> Plan:
    claim_version(plan, version)
    plan.starts_on, plan.ends_on = period(year, starts_on, ends_on)
    plan.title, plan.year = title, year
    plan.save(update_fields=["title", "year", "starts_on", "ends_on"])
    plan.change_team.set(list(team))
    return plan


# --- 1. Audit ------------------------------------------------------------------------------------


@transaction.atomic
def save_audit(audit: Audit, *, version: int | None, self_evaluation: str, methods: list[str], by: User) -> Audit:
    claim_version(audit, version)
    audit.self_evaluation, audit.methods, audit.updated_by = self_evaluation, list(methods), by
    audit.save(update_fields=["self_evaluation", "methods", "updated_by", "updated_at"])
    return audit


@transaction.atomic
def add_data_row(plan: Plan, *, by: User, submission: Submission | None = None, **fields: Any) -> DataRow:
    row = DataRow.objects.create(plan=plan, entered_by=by, **fields)
    submissions.record(submission, plan.stage_url(Stage.AUDIT))
    return row


# --- 2. Priorities ---------------------------------------------------------------------------------


@transaction.atomic
def add_priority(
    plan: Plan, *, title: str, needs: str, evidence: Iterable[DataRow], submission: Submission | None = None
) -> Priority:
    position = plan.priorities.count()
    priority = Priority.objects.create(plan=plan, title=title, needs=needs, position=position)
    priority.evidence.set(list(evidence))
    submissions.record(submission, plan.stage_url(Stage.PRIORITIES))
    return priority


@transaction.atomic
def save_priority(
    priority: Priority, *, version: int | None, title: str, needs: str, evidence: Iterable[DataRow]
) -> Priority:
    claim_version(priority, version)
    priority.title, priority.needs = title, needs
    priority.save(update_fields=["title", "needs"])
    priority.evidence.set(list(evidence))
    return priority


# --- 3c. Goals, criteria, checks ----------------------------------------------------------------------


def check_smart(goal: Goal, plan: Plan) -> None:
    """A SMART goal as written: a measure, a baseline, a target other than the
    baseline, and a date inside the plan's period; a live indicator Ortaq knows."""
    errors: dict[str, str] = {}
    if not goal.measure.strip():
        errors["measure"] = _("Say what is measured.")
    if goal.baseline is not None and goal.target is not None and goal.baseline == goal.target:
        errors["target"] = _("The target must differ from the baseline: what is to change?")
    if goal.due_on and not plan.starts_on < goal.due_on <= plan.ends_on:
        errors["due_on"] = _("The date must fall inside the plan's period.")
    if goal.indicator_source and indicators.get(goal.indicator_source) is None:
        errors["indicator_source"] = _("There is no such indicator.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_goal(
    priority: Priority, *, submission: Submission | None = None, needs: list[str] | None = None, **fields: Any
) -> Goal:
    plan = priority.plan
    goal = Goal(priority=priority, position=priority.goals.count(), **fields)
    check_smart(goal, plan)
    goal.save()
    schedule_checks(goal, plan)
    if needs:
        serve_needs(goal, needs)
    submissions.record(submission, plan.stage_url(Stage.EVALUATION))
    return goal


def schedule_checks(goal: Goal, plan: Plan) -> list[Check]:
    """A progress check after each quarter that ends before the goal's date (the
    calendar knows them), and one on the date itself."""
    days = list(
        Term.objects.filter(ends_on__gt=plan.starts_on, ends_on__lt=goal.due_on)
        .order_by("ends_on")
        .values_list("ends_on", flat=True)
    )
    days.append(goal.due_on)
    return Check.objects.bulk_create([Check(goal=goal, due_on=day) for day in days])


@transaction.atomic
def save_goal(goal: Goal, *, version: int | None, needs: list[str] | None = None, **fields: Any) -> Goal:
    claim_version(goal, version)
    for name, value in fields.items():
        setattr(goal, name, value)
    check_smart(goal, goal.priority.plan)
    goal.save(update_fields=list(fields))
    if needs is not None:
        serve_needs(goal, needs)
    return goal


@transaction.atomic
def serve_needs(goal: Goal, needs: list[str]) -> None:
    """The goal serves exactly these needs (areas of the needs assessment, by key)."""
    wanted = list(dict.fromkeys(needs))
    GoalNeed.objects.filter(goal=goal).exclude(need__in=wanted).delete()
    have = set(GoalNeed.objects.filter(goal=goal).values_list("need", flat=True))
    GoalNeed.objects.bulk_create([GoalNeed(goal=goal, need=need) for need in wanted if need not in have])


@transaction.atomic
def add_criterion(goal: Goal, *, text: str) -> Criterion:
    return Criterion.objects.create(goal=goal, text=text)


@transaction.atomic
def set_criterion_status(criterion: Criterion, status: str) -> Criterion:
    criterion.status = Criterion.Status(status)
    criterion.save(update_fields=["status", "updated_at"])
    return criterion


@transaction.atomic
def record_check(
    goal: Goal,
    *,
    on: datetime.date,
    value: Decimal | None,
    note: str,
    by: User,
    check: Check | None = None,
    submission: Submission | None = None,
) -> Check:
    """A progress check made: on the planned one it answers, or a new one. A live
    indicator's figure is taken as it stands today when none is typed."""
    plan = goal.priority.plan
    if value is None and goal.indicator_source:
        value = indicators.value_of(goal.indicator_source, plan, on)
    if value is None and not note.strip():
        raise ValidationError(_("Give the figure, or say what the check found."))
    if check is None:
        check = Check(goal=goal, due_on=on)
    check.done_on, check.value, check.note, check.checked_by = on, value, note, by
    check.save()
    submissions.record(submission, plan.stage_url(Stage.EVALUATION))
    return check


# --- 3a/3b. Activities ---------------------------------------------------------------------------------


ACTIVITY_FIELDS = ("goal", "title", "description", "owner", "group", "starts_on", "due_on", "resources")


@transaction.atomic
def add_activity(
    plan: Plan, *, by: User, events: Iterable[Event] = (), submission: Submission | None = None, **fields: Any
) -> Activity:
    activity = Activity(plan=plan, position=plan.activities.count(), **fields)
    activity.full_clean(exclude=["plan", "goal", "owner", "group"])
    activity.save()
    activity.events.set(list(events))
    tell_owner(activity, by)
    submissions.record(submission, plan.stage_url(Stage.ACTIVITIES))
    return activity


@transaction.atomic
def save_activity(
    activity: Activity, *, version: int | None, by: User, events: Iterable[Event] | None = None, **fields: Any
) -> Activity:
    claim_version(activity, version)
    owner_before = activity.owner_id
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["plan", "goal", "owner", "group"])
    if "due_on" in fields:
        activity.overdue_notified_at = None  # a new date: overdue again only after it
        fields = {**fields, "overdue_notified_at": None}
    activity.save(update_fields=list(fields))
    if events is not None:
        activity.events.set(list(events))
    if activity.owner_id != owner_before:
        tell_owner(activity, by)
    return activity


def tell_owner(activity: Activity, by: User) -> None:
    if activity.owner is not None:
        notify(
            [activity.owner],
            notices.ASSIGNED.key,
            title=activity.title,
            url=activity.plan.stage_url(Stage.IMPLEMENTATION),
            actor=by,
            network_id=activity.plan.network_id,
            about=("plans.activity", activity.pk),
        )


@transaction.atomic
def set_activity_done(activity: Activity, *, done: bool) -> Activity:
    activity.done_on = timezone.localdate() if done else None
    activity.save(update_fields=["done_on"])
    return activity


def send_overdue_reminders(today: datetime.date | None = None) -> int:
    """Tells each owner of an overdue activity, once. Each activity is claimed by one
    UPDATE before its notice is written, in the same transaction: two runs at once
    tell no one twice."""
    today = today or timezone.localdate()
    sent = 0
    due = Activity.objects.overdue(today).filter(overdue_notified_at__isnull=True, owner__isnull=False)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = Activity.objects.filter(pk=pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=timezone.now()
            )
            if not claimed:
                continue
            activity = Activity.objects.select_related("plan", "owner").get(pk=pk)
            assert activity.owner is not None
            notify(
                [activity.owner],
                notices.OVERDUE.key,
                title=activity.title,
                url=activity.plan.stage_url(Stage.IMPLEMENTATION),
                network_id=activity.plan.network_id,
                about=("plans.activity", activity.pk),
            )
            sent += 1
    return sent


# --- Comments -----------------------------------------------------------------------------------------


@transaction.atomic
def add_comment(plan: Plan, *, stage: str, text: str, by: User, submission: Submission | None = None) -> Comment:
    comment = Comment.objects.create(plan=plan, stage=Stage(stage), text=text, author=by)
    notify(
        plan.change_team.all(),
        notices.COMMENT.key,
        title=f"{plan.title}: {Stage(stage).label}",
        url=plan.stage_url(stage) + f"#comment-{comment.pk}",
        actor=by,
        network_id=plan.network_id,
        excerpt=text,
    )
    submissions.record(submission, plan.stage_url(stage) + f"#comment-{comment.pk}")
    return comment


@transaction.atomic
def set_comment_resolved(comment: Comment, *, resolved: bool, by: User) -> Comment:
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = by if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


# --- 4. Monitoring report ---------------------------------------------------------------------------------


@transaction.atomic
def save_report(report: Report, *, version: int | None, reflection: str, by: User) -> Report:
    if report.pk is None:
        report.save()
        version = report.version if version == 0 else version
    claim_version(report, version)
    report.reflection, report.updated_by = reflection, by
    report.save(update_fields=["reflection", "updated_by", "updated_at"])
    return report


def generate_report(
    plan: Plan,
    kind: str,
    *,
    by: User,
    today: datetime.date | None = None,
    submission: Submission | None = None,
) -> ReportVersion:
    """Makes the monitoring report's DOCX and PDF in the active language and keeps them
    as the report's next dated version; earlier versions stay as they were. The files
    are made before the transaction (they ask the database nothing more), so the rows
    are locked only while the version is numbered and saved."""
    from django.core.files.base import ContentFile
    from django.utils.translation import get_language

    from plans import documents, monitoring

    today = today or timezone.localdate()
    report, _created = Report.objects.get_or_create(plan=plan, kind=kind)
    report.plan = plan
    language = (get_language() or "kk")[:2]
    gathered = monitoring.collect(report, today)
    gathered.extra["language"] = language
    docx, pdf = documents.docx_bytes(gathered), documents.pdf_bytes(gathered)
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = ReportVersion(
            report=report, number=number, made_on=today, made_by=by, language=language, words=report.word_count
        )
        version.docx.save("report.docx", ContentFile(docx), save=False)
        version.pdf.save("report.pdf", ContentFile(pdf), save=False)
        version.save()
        submissions.record(submission, plan.stage_url(Stage.REPORT) + f"?kind={kind}#versions")
    return version


# --- The rubric ------------------------------------------------------------------------------------------


@transaction.atomic
def place_school(
    network: Network,
    school: School,
    *,
    year: AcademicYear,
    area: RubricArea,
    stage: RubricStage,
    evidence: str,
    by: User,
    version: int | None,
) -> Placement:
    """The school's own place on an area for a year. Placing it again (another stage,
    more evidence) asks for moderation again."""
    placement = Placement.objects.filter(network=network, school=school, year=year, area=area).first()
    if placement is None:
        if version:
            raise StaleEdit  # the form was opened on a placement that has since gone
        return Placement.objects.create(
            network=network, school=school, year=year, area=area, stage=stage, evidence=evidence, placed_by=by
        )
    claim_version(placement, version)
    placement.stage, placement.evidence, placement.placed_by, placement.placed_at = stage, evidence, by, timezone.now()
    placement.moderation, placement.proposed_stage, placement.reason = Placement.Moderation.PENDING, None, ""
    placement.moderated_by, placement.moderated_at = None, None
    placement.save()
    return placement


@transaction.atomic
def moderate(
    placement: Placement,
    *,
    agree: bool,
    proposed_stage: RubricStage | None,
    reason: str,
    by: User,
    version: int | None,
) -> Placement:
    if not agree and (proposed_stage is None or not reason.strip()):
        raise ValidationError(_("To propose another stage, choose it and give the reason."))
    if not agree and proposed_stage == placement.stage:
        raise ValidationError(_("Propose a stage other than the school's own, or agree."))
    claim_version(placement, version)
    placement.moderation = Placement.Moderation.AGREED if agree else Placement.Moderation.PROPOSED
    placement.proposed_stage = None if agree else proposed_stage
    placement.reason = reason.strip()
    placement.moderated_by, placement.moderated_at = by, timezone.now()
    placement.save(update_fields=["moderation", "proposed_stage", "reason", "moderated_by", "moderated_at"])
    if placement.placed_by is not None:
        notify(
            [placement.placed_by],
            notices.MODERATED.key,
            title=f"{placement.school.name}: {placement.area.name}",
            url=placement_url(placement),
            actor=by,
            network_id=placement.network_id,
        )
    return placement


def placement_url(placement: Placement) -> str:
    return (
        reverse("plans:rubric_school", args=[placement.network_id, placement.school_id])
        + f"?year={placement.year_id}#placement-{placement.pk}"
    )
