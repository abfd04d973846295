"""The workflows of a Lesson Study, as verbs. Views and the API call these; each runs
in one transaction, claims the version a form was opened at before it writes
(ortaq/lib/editing.py), and tells the people it concerns."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from lessonstudies import notices
from lessonstudies.models import (
    Activity,
    CasePupil,
    Cycle,
    Discussion,
    DiscussionRecord,
    Interview,
    Note,
    PlanVersion,
    Prediction,
    ResearchLesson,
)
from materials import actions as library
from materials.models import Material
from networks.models import Group, Network
from notifications.actions import notify
from observations import actions as observations
from ortaq.lib.editing import StaleEdit, claim_version
from ortaq.lib.prepared import prepared
from schools.models import School
from subjects.models import Subject


@prepared
def team_members(cycle_id: int) -> QuerySet[User]:
    # The cycle's page names them on every visit: its SQL is built once (ortaq/lib/prepared.py).
    return User.objects.filter(lesson_studies=cycle_id)


def team_of(cycle: Cycle) -> list[User]:
    people = {cycle.leader_id: cycle.leader}
    for person in team_members(cycle.pk):
        people.setdefault(person.pk, person)
    return list(people.values())


# --- The cycle ---------------------------------------------------------------------------------


@transaction.atomic
def start_cycle(
    network: Network,
    *,
    by: User,
    theme: str,
    question: str,
    grade: int,
    subject: Subject | None = None,
    group: Group | None = None,
    leader: User | None = None,
    team: Iterable[User] = (),
) -> Cycle:
    cycle = Cycle.objects.create(
        network=network,
        theme=theme,
        question=question,
        grade=grade,
        subject=subject,
        group=group,
        leader=leader or by,
        created_by=by,
    )
    members = list(dict.fromkeys([cycle.leader, *team]))
    cycle.team.set(members)
    tell_team(cycle, members, by)
    return cycle


@transaction.atomic
def save_cycle(
    cycle: Cycle,
    *,
    version: int | None,
    by: User,
    theme: str,
    question: str,
    grade: int,
    subject: Subject | None,
    group: Group | None,
    leader: User,
    team: Iterable[User],
    conclusions: str | None = None,
) -> Cycle:
    claim_version(cycle, version)
    before = set(cycle.team.values_list("pk", flat=True))
    cycle.theme, cycle.question, cycle.grade, cycle.subject, cycle.group, cycle.leader = (
        theme,
        question,
        grade,
        subject,
        group,
        leader,
    )
    if conclusions is not None:
        cycle.conclusions = conclusions
    cycle.save()
    members = list(dict.fromkeys([leader, *team]))
    cycle.team.set(members)
    tell_team(cycle, [person for person in members if person.pk not in before], by)
    return cycle


def tell_team(cycle: Cycle, people: Sequence[User], by: User) -> None:
    if people:
        notify(
            people,
            notices.TEAM.key,
            title=cycle.theme,
            url=cycle.get_absolute_url(),
            actor=by,
            network_id=cycle.network_id,
            about=("lessonstudies.cycle", cycle.pk),
        )


@transaction.atomic
def save_pupil(cycle: Cycle, *, code: str, profile: str, observer: User, pupil: CasePupil | None = None) -> CasePupil:
    pupil = pupil or CasePupil(cycle=cycle)
    pupil.code, pupil.profile, pupil.observer = code.strip(), profile, observer
    pupil.save()
    return pupil


# --- Research lessons and their plan -------------------------------------------------------------


@transaction.atomic
def schedule_lesson(
    cycle: Cycle,
    *,
    by: User,
    teacher: User,
    date: datetime.date,
    starts_at: datetime.time | None = None,
    school: School | None = None,
    class_name: str = "",
) -> ResearchLesson:
    """The next research lesson. From the second on, it starts from the last version of
    the one before, with the discussion's decisions as what changed."""
    Cycle.objects.select_for_update().filter(pk=cycle.pk).first()  # one number per lesson
    previous = cycle.lessons.order_by("-number").first()
    number = previous.number + 1 if previous else 1
    lesson = observations.add_lesson(
        cycle.network,
        teacher=teacher,
        school=school,
        subject=cycle.subject,
        grade=cycle.grade,
        topic=cycle.theme[:255],
        starts_at=starts_at,
        feedback_needs_release=True,
    )
    research_lesson = ResearchLesson.objects.create(
        cycle=cycle, number=number, lesson=lesson, teacher=teacher, date=date, school=school, class_name=class_name
    )
    last = previous.versions.order_by("-number").first() if previous else None
    if last is not None:
        decisions = Discussion.objects.filter(research_lesson=previous).values_list("decisions", flat=True).first()
        copy_version(last, research_lesson, by=by, change_note=decisions or "")
    notify(
        team_of(cycle),
        notices.SCHEDULED.key,
        title=_("%(theme)s: research lesson %(number)s, %(date)s")
        % {"theme": cycle.theme, "number": number, "date": date.strftime("%d.%m.%Y")},
        url=research_lesson.get_absolute_url(),
        actor=by,
        network_id=cycle.network_id,
        about=("lessonstudies.lesson", research_lesson.pk),
    )
    return research_lesson


@dataclass(frozen=True)
class ActivityDraft:
    title: str
    minutes: int | None = None
    description: str = ""


def copy_version(source: PlanVersion, research_lesson: ResearchLesson, *, by: User, change_note: str) -> PlanVersion:
    """The first version of the next lesson: the same activities and predictions."""
    activities = list(source.activities.prefetch_related("predictions"))
    plan = add_version(
        research_lesson,
        opened=None,
        by=by,
        objectives=source.objectives,
        success_criteria=source.success_criteria,
        change_note=change_note,
        activities=[ActivityDraft(a.title, a.minutes, a.description) for a in activities],
        carry_predictions=False,
    )
    new = list(plan.activities.all())
    Prediction.objects.bulk_create(
        Prediction(activity=new[index], pupil_id=p.pupil_id, text=p.text)
        for index, old in enumerate(activities)
        for p in old.predictions.all()
    )
    return plan


@transaction.atomic
def add_version(
    research_lesson: ResearchLesson,
    *,
    opened: int | None,
    by: User,
    objectives: str,
    success_criteria: str = "",
    change_note: str = "",
    activities: Sequence[ActivityDraft] = (),
    carry_predictions: bool = True,
) -> PlanVersion:
    """A new version of the plan, never an overwrite. ``opened``: the version the person
    started from (0 for none); another version added since refuses this one
    (``StaleEdit``), so nobody builds on a plan they have not read. The predictions of
    an activity at the same place with the same title come along."""
    ResearchLesson.objects.select_for_update().filter(pk=research_lesson.pk).first()
    latest = research_lesson.versions.aggregate(number=Max("number"))["number"] or 0
    if opened is not None and opened != latest:
        raise StaleEdit
    plan = PlanVersion.objects.create(
        research_lesson=research_lesson,
        number=latest + 1,
        objectives=objectives,
        success_criteria=success_criteria,
        change_note=change_note,
        author=by,
    )
    created = Activity.objects.bulk_create(
        Activity(plan=plan, order=index, title=draft.title, minutes=draft.minutes, description=draft.description)
        for index, draft in enumerate(activities, start=1)
    )
    if carry_predictions and latest:
        before = {
            (activity.order, activity.title): activity
            for activity in PlanVersion.objects.get(research_lesson=research_lesson, number=latest)
            .activities.prefetch_related("predictions")
            .all()
        }
        Prediction.objects.bulk_create(
            Prediction(activity=activity, pupil_id=p.pupil_id, text=p.text)
            for activity in created
            if (activity.order, activity.title) in before
            for p in before[(activity.order, activity.title)].predictions.all()
        )
    observations_lesson = research_lesson.lesson
    observations_lesson.objectives = objectives
    observations_lesson.save(update_fields=["objectives"])
    return plan


@transaction.atomic
def save_predictions(plan: PlanVersion, texts: Mapping[tuple[int, int], str]) -> int:
    """The team's predictions for the plan's activities: (activity id, case pupil id) →
    text; an empty text removes the prediction. Returns how many are kept."""
    activity_ids = set(plan.activities.values_list("pk", flat=True))
    for (activity_id, pupil_id), text in texts.items():
        if activity_id not in activity_ids:
            continue
        text = text.strip()
        if text:
            Prediction.objects.update_or_create(activity_id=activity_id, pupil_id=pupil_id, defaults={"text": text})
        else:
            Prediction.objects.filter(activity_id=activity_id, pupil_id=pupil_id).delete()
    return Prediction.objects.filter(activity__plan=plan).count()


# --- During and after the lesson ----------------------------------------------------------------


@transaction.atomic
def add_note(
    research_lesson: ResearchLesson,
    *,
    observer: User,
    pupil: CasePupil,
    text: str,
    client_id: uuid.UUID | None = None,
    activity: Activity | None = None,
    noted_at: datetime.datetime | None = None,
    seat: tuple[float, float] | None = None,
) -> tuple[Note, bool]:
    """An observer's note; the same ``client_id`` sent again (the phone's queue retrying)
    gives back the note already kept, and ``False``."""
    if client_id is not None:
        existing = Note.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing, False
    now = timezone.now()
    if noted_at is None or noted_at > now + datetime.timedelta(minutes=5):
        noted_at = now
    note = Note(
        research_lesson=research_lesson,
        observer=observer,
        pupil=pupil,
        activity=activity,
        text=text.strip(),
        noted_at=noted_at,
        seat_x=seat[0] if seat else None,
        seat_y=seat[1] if seat else None,
    )
    if client_id is not None:
        note.client_id = client_id
    note.save()
    return note, True


@transaction.atomic
def save_interview(
    research_lesson: ResearchLesson,
    pupil: CasePupil,
    *,
    by: User,
    version: int | None,
    learned: str,
    helped: str,
    hard: str,
    change: str,
) -> Interview:
    interview = Interview.objects.filter(research_lesson=research_lesson, pupil=pupil).first()
    if interview is None:
        if version:
            raise StaleEdit
        interview = Interview.objects.create(research_lesson=research_lesson, pupil=pupil, interviewer=by)
        version = None
    claim_version(interview, version)
    interview.learned, interview.helped, interview.hard, interview.change = learned, helped, hard, change
    interview.interviewer = by
    interview.save()
    return interview


@transaction.atomic
def save_discussion(
    research_lesson: ResearchLesson,
    *,
    by: User,
    version: int | None,
    decisions: str,
    records: Mapping[tuple[int, int], tuple[str, str]],
    ready: bool = False,
) -> Discussion:
    """The discussion's records (activity id, case pupil id) → (observed, what to change)
    and its decisions. Marked ready the first time, the team hears of it."""
    discussion, created = Discussion.objects.get_or_create(research_lesson=research_lesson)
    if created and version == 0:
        version = None
    claim_version(discussion, version)
    discussion.decisions, discussion.updated_by = decisions, by
    was_ready = discussion.ready_at is not None
    if ready and not was_ready:
        discussion.ready_at = timezone.now()
    discussion.save()
    activity_ids = set(Activity.objects.filter(plan__research_lesson=research_lesson).values_list("pk", flat=True))
    for (activity_id, pupil_id), (observed, change) in records.items():
        if activity_id not in activity_ids:
            continue
        DiscussionRecord.objects.update_or_create(
            discussion=discussion,
            activity_id=activity_id,
            pupil_id=pupil_id,
            defaults={"observed": observed.strip(), "change": change.strip()},
        )
    if ready and not was_ready:
        cycle = research_lesson.cycle
        notify(
            team_of(cycle),
            notices.DISCUSSION.key,
            title=_("%(theme)s: research lesson %(number)s") % {"theme": cycle.theme, "number": research_lesson.number},
            url=research_lesson.get_absolute_url(),
            actor=by,
            network_id=cycle.network_id,
            about=("lessonstudies.lesson", research_lesson.pk),
        )
    return discussion


# --- The report --------------------------------------------------------------------------------


def publish_report(cycle: Cycle, *, by: User, docx: bytes, pdf: bytes) -> Material:
    """The report in the network's library, the team as its authors; the cycle is done."""
    handles = [
        ContentFile(docx, name=f"lesson-study-{cycle.pk}.docx"),
        ContentFile(pdf, name=f"lesson-study-{cycle.pk}.pdf"),
    ]
    files = library.validate_files(handles)
    with transaction.atomic():
        team = team_of(cycle)
        material = library.publish_material(
            cycle.network,
            by=by,
            files=files,
            coauthors=[person for person in team if person.pk != by.pk],
            grades=[cycle.grade] if cycle.grade else [],
            title=(_("Lesson Study: %(theme)s") % {"theme": cycle.theme})[:255],
            description=cycle.question[:20000],
            kind=Material.Kind.ARTICLE,
            subject=cycle.subject,
            language=cycle.network.charter_language if cycle.network.charter_language in ("kk", "ru", "en") else "kk",
        )
        cycle.material, cycle.published_at = material, timezone.now()
        cycle.save(update_fields=["material", "published_at"])
        notify(
            team,
            notices.PUBLISHED.key,
            title=cycle.theme,
            url=material.get_absolute_url(),
            actor=by,
            network_id=cycle.network_id,
            about=("lessonstudies.cycle", cycle.pk),
        )
    return material


@transaction.atomic
def save_conclusions(cycle: Cycle, *, version: int | None, conclusions: str) -> Cycle:
    claim_version(cycle, version)
    cycle.conclusions = conclusions
    cycle.save(update_fields=["conclusions"])
    return cycle
