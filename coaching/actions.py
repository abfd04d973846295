"""The workflows of coaching, as verbs. Views and the API call these; each runs in one
transaction, claims the version the form was opened at before it writes
(ortaq/lib/editing.py), and tells the people it concerns (coaching/notices.py).

A session scheduled in the work plan is an event made by ``events.actions`` and
linked, never copied; a visit's lesson is made by ``observations.actions``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from calendars.models import AcademicYear
from coaching import notices
from coaching.models import CoachingPlan, CoachingSession, Evidence, Reflection, Visit
from events import actions as events
from events.models import Event, Kind, WorkPlan
from networks.models import Network
from notifications.actions import notify
from observations import actions as observations
from observations.models import ObservationForm
from ortaq.lib import editing, uploads
from schools.models import School
from subjects.models import Subject

EVIDENCE = uploads.Accepts(frozenset((uploads.IMAGE, uploads.DOCUMENT, uploads.AUDIO, uploads.VIDEO)))


def session_title(session: CoachingSession) -> str:
    return _("%(plan)s: session %(number)s") % {"plan": session.plan.title, "number": session.number}


# --- The plan ------------------------------------------------------------------------------------


@transaction.atomic
def start_plan(
    network: Network,
    *,
    by: User,
    title: str,
    coach: User,
    teachers: Iterable[User],
    starts_on: datetime.date,
    ends_on: datetime.date,
    school: School | None = None,
    submission: Submission | None = None,
    materials: Iterable[Any] = (),
    **fields: Any,
) -> CoachingPlan:
    """A new coaching plan; its teachers are told they are on it."""
    if ends_on < starts_on:
        raise ValidationError(_("The last day must not come before the first."))
    plan = CoachingPlan.objects.create(
        network=network,
        title=title,
        coach=coach,
        school=school,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
        **fields,
    )
    people = list(teachers)
    plan.teachers.set(people)
    plan.materials.set(list(materials))
    tell_added(plan, people, by=by)
    submissions.record(submission, plan.get_absolute_url())
    return plan


@transaction.atomic
def update_plan(
    plan: CoachingPlan,
    *,
    by: User,
    version: int | None,
    teachers: Iterable[User] | None = None,
    materials: Iterable[Any] | None = None,
    **fields: Any,
) -> CoachingPlan:
    """Saves the fields of the plan's form; the teachers newly on it are told."""
    editing.claim_version(plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    if plan.ends_on < plan.starts_on:
        raise ValidationError(_("The last day must not come before the first."))
    plan.save(update_fields=[*fields, "version"])
    if teachers is not None:
        people = list(teachers)
        had = set(plan.teachers.values_list("pk", flat=True))
        plan.teachers.set(people)
        tell_added(plan, [p for p in people if p.pk not in had], by=by)
    if materials is not None:
        plan.materials.set(list(materials))
    return plan


def tell_added(plan: CoachingPlan, people: Sequence[User], *, by: User) -> None:
    if people:
        notify(
            people,
            notices.ADDED.key,
            title=plan.title,
            url=plan.get_absolute_url(),
            actor=by,
            network_id=plan.network_id,
        )


@transaction.atomic
def set_shared(plan: CoachingPlan, *, shared: bool) -> CoachingPlan:
    """The teachers let the leaders read the plan's records, or stop."""
    CoachingPlan.objects.filter(pk=plan.pk).update(shared_with_leaders=shared)
    plan.shared_with_leaders = shared
    return plan


# --- Sessions ------------------------------------------------------------------------------------


def work_plan_for(plan: CoachingPlan, day: datetime.date) -> WorkPlan | None:
    """The work plan the session's event belongs to: the school's for that year, or
    the network's."""
    year = AcademicYear.objects.for_date(day)
    if year is None:
        return None
    plans = WorkPlan.objects.filter(network=plan.network_id, year=year)
    own = plans.filter(school=plan.school_id).first() if plan.school_id else None
    return own or plans.filter(school__isnull=True).first()


@transaction.atomic
def schedule_session(
    plan: CoachingPlan,
    *,
    by: User,
    date: datetime.date,
    topic: str = "",
    start: datetime.time | None = None,
    duration: int = 45,
    location: str = "",
    event: Event | None = None,
    submission: Submission | None = None,
) -> CoachingSession:
    """The plan's next session. With a ``start`` time and no ``event``, the session is
    put in the work plan as a coaching event (``events.actions.create_event``) to which
    the teachers are invited; an ``event`` given is linked as it is."""
    number = (plan.sessions.aggregate(last=Max("number"))["last"] or 0) + 1
    session = CoachingSession.objects.create(plan=plan, number=number, date=date, topic=topic.strip())
    if event is None and start is not None:
        starts_at = timezone.make_aware(datetime.datetime.combine(date, start))
        event = events.create_event(
            plan.network,
            by=by,
            kind=Kind.COACHING,
            title=session_title(session),
            goal=plan.goal.statement if plan.goal_id and plan.goal else "",
            location=location,
            host_school=plan.school,
            plan=work_plan_for(plan, date),
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=duration),
            organiser=plan.coach,
            responsible=[plan.coach],
            target_schools=[plan.school] if plan.school else [],
        )
        events.invite(event, by=by, people=list(plan.teachers.all()))
    if event is not None:
        session.event = event
        session.save(update_fields=["event"])
    notify(
        plan.teachers.all(),
        notices.SCHEDULED.key,
        title=f"{session_title(session)} · {date:%d.%m.%Y}",
        url=session.get_absolute_url(),
        actor=by,
        network_id=plan.network_id,
    )
    submissions.record(submission, session.get_absolute_url())
    return session


def link_event(session: CoachingSession, event: Event | None) -> CoachingSession:
    CoachingSession.objects.filter(pk=session.pk).update(event=event)
    session.event = event
    return session


@transaction.atomic
def write_record(
    session: CoachingSession,
    *,
    by: User,
    version: int | None,
    date: datetime.date,
    topic: str,
    done: str,
    agreements: str,
    next_steps: str,
    held: bool,
    files: Sequence[UploadedFile[Any]] = (),
    remove: Iterable[Evidence] = (),
) -> tuple[CoachingSession, list[Evidence]]:
    """The session's record: the text, the files added and removed. Marked held for the
    first time, the teachers are told."""
    editing.claim_version(session, version)
    was_held = CoachingSession.objects.filter(pk=session.pk, status=CoachingSession.Status.HELD).exists()
    session.date = date
    session.topic = topic.strip()
    session.done = done.strip()
    session.agreements = agreements.strip()
    session.next_steps = next_steps.strip()
    session.status = CoachingSession.Status.HELD if held else CoachingSession.Status.PLANNED
    session.written_by = by
    session.save(
        update_fields=["date", "topic", "done", "agreements", "next_steps", "status", "written_by", "updated_at"]
    )
    added = [add_evidence(session, upload, by=by) for upload in files]
    for evidence in remove:
        remove_evidence(evidence)
    if held and not was_held:
        notify(
            session.plan.teachers.all(),
            notices.RECORDED.key,
            title=session_title(session),
            url=session.get_absolute_url(),
            actor=by,
            network_id=session.plan.network_id,
            about=("coaching.session", session.pk),
        )
    return session, added


def add_evidence(session: CoachingSession, upload: UploadedFile[Any], *, by: User) -> Evidence:
    detected = EVIDENCE.check(upload)  # raises a translated ValidationError
    evidence = Evidence(
        session=session,
        name=(upload.name or "file")[:255],
        family=detected.family,
        mime=detected.mime,
        extension=detected.extension,
        size=detected.size,
        uploaded_by=by,
    )
    evidence.file.save(upload.name or "file", upload, save=False)
    evidence.save()
    return evidence


def remove_evidence(evidence: Evidence) -> None:
    """The row now, its file once the removal is committed (a rollback keeps both)."""
    name, storage = evidence.file.name, evidence.file.storage
    evidence.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


@transaction.atomic
def reflect(session: CoachingSession, *, by: User, text: str) -> Reflection | None:
    """A teacher's own reflection on a session; empty, it is taken away."""
    text = text.strip()
    if not text:
        Reflection.objects.filter(session=session, author=by).delete()
        return None
    reflection, _created = Reflection.objects.update_or_create(session=session, author=by, defaults={"text": text})
    return reflection


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Tells the coach and the teachers of each session due tomorrow, and the coach of
    each session whose day passed without a record: once before the day, once after.
    Each session is claimed by one UPDATE before its notice is written, in the same
    transaction: two runs at once tell no one twice."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    # Not reminded yet; or reminded before its day, and now the day has passed.
    waiting = Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("date"), date__lt=today)
    due = CoachingSession.objects.due(today).filter(plan__status=CoachingPlan.Status.ACTIVE).filter(waiting)
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = CoachingSession.objects.filter(pk=pk).filter(waiting).update(reminded_on=today)
            if not claimed:
                continue
            session = CoachingSession.objects.select_related("plan", "plan__coach").get(pk=pk)
            people = [session.plan.coach]
            if session.date >= tomorrow:
                people += list(session.plan.teachers.all())
            notify(
                people,
                notices.DUE.key,
                title=f"{session_title(session)} · {session.date:%d.%m.%Y}",
                url=session.get_absolute_url(),
                network_id=session.plan.network_id,
                about=("coaching.session", session.pk),
            )
            sent += 1
    return sent


# --- Visits --------------------------------------------------------------------------------------


@transaction.atomic
def add_visit(
    plan: CoachingPlan,
    *,
    by: User,
    teacher: User,
    date: datetime.date,
    topic: str,
    grade: int,
    focus: str = "",
    subject: Subject | None = None,
    form: ObservationForm | None = None,
    starts_at: datetime.time | None = None,
    submission: Submission | None = None,
) -> Visit:
    """The coach visits a teacher's lesson: the lesson is made by ``observations``
    (observed with the network's form; the teacher reads the feedback the coach
    releases), and the visit links it."""
    if not plan.teachers.filter(pk=teacher.pk).exists():
        raise ValidationError(_("Choose one of the plan's teachers."))
    lesson = observations.add_lesson(
        plan.network,
        teacher=teacher,
        school=teacher.school,
        subject=subject,
        grade=grade,
        topic=topic,
        form=form,
        starts_at=starts_at,
        feedback_needs_release=True,
    )
    visit = Visit.objects.create(plan=plan, teacher=teacher, lesson=lesson, focus=focus.strip(), date=date)
    submissions.record(submission, lesson.get_absolute_url())
    return visit
