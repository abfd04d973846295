"""The workflows of surveys, as verbs: make a version editable, create and send a
survey, keep a draft, send the answers, write the receipt, remind, print links."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.submissions import Submission, record
from events.models import Event
from networks.models import Membership, Network
from notifications.actions import mark_read_about, notify
from surveys import answering, notices
from surveys.models import (
    Answer,
    Audience,
    Draft,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    Item,
    ItemKind,
    Link,
    NeedServed,
    Receipt,
    Reminder,
    Response,
    Survey,
)

# The shipped questionnaire an event asks its participants after it (surveys/library).
FEEDBACK_CODE = "event-feedback"

# --- Versions ---------------------------------------------------------------------------------


@transaction.atomic
def editable_version(instrument: Instrument) -> InstrumentVersion:
    """The version to edit: the latest, or — when a survey runs on it — a copy of it as
    the next version, so the running survey's questions stay as they were answered."""
    latest = InstrumentVersion.objects.select_for_update().filter(instrument=instrument).order_by("-number").first()
    if latest is None:
        return InstrumentVersion.objects.create(instrument=instrument, number=1)
    if not latest.is_frozen:
        return latest
    return copy_version(latest)


def copy_version(version: InstrumentVersion) -> InstrumentVersion:
    new = InstrumentVersion.objects.create(
        instrument=version.instrument, number=version.number + 1, subscales=version.subscales
    )
    # A matrix before its statements, whichever end of the order the database puts NULLs.
    items = sorted(Item.objects.filter(section__version=version), key=lambda i: (i.parent_id is not None, i.pk))
    for section in version.sections.all():
        old_pk = section.pk
        section.pk = None
        section.version = new
        section.save()
        copies: dict[int, Item] = {}
        for item in [item for item in items if item.section_id == old_pk]:
            old_item = item.pk
            item.pk = None
            item.section = section
            item.parent = copies.get(item.parent_id) if item.parent_id else None
            item.save()
            copies[old_item] = item
    return new


def freeze(version: InstrumentVersion) -> None:
    if version.frozen_at is None:
        InstrumentVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(frozen_at=timezone.now())
        version.refresh_from_db(fields=["frozen_at"])


# --- Surveys ----------------------------------------------------------------------------------


@transaction.atomic
def create_survey(
    network: Network,
    *,
    by: User,
    version: InstrumentVersion,
    submission: Submission | None = None,
    schools: Iterable[Any] = (),
    **fields: Any,
) -> Survey:
    survey = Survey(network=network, version=version, created_by=by, **fields)
    if survey.repeats is not None:
        survey.series_salt = survey.repeats.series_root.series_salt
    survey.full_clean()
    survey.save()
    survey.schools.set(list(schools))
    record(submission, survey.get_absolute_url())
    return survey


@transaction.atomic
def send_survey(survey: Survey, *, by: User) -> int:
    """Sends the survey: its questionnaire freezes, and its signed-in audience is told.
    Returns how many people were told."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.is_sent:
        return 0
    freeze(survey.version)
    survey.sent_at = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(sent_at=survey.sent_at)
    people = list(survey.audience_people())
    notify(
        people,
        notices.NEW.key,
        title=survey.title,
        url=survey.get_absolute_url(),
        actor=by,
        network_id=survey.network_id,
        about=("surveys.survey", survey.pk),
    )
    return len(people)


@transaction.atomic
def close_survey(survey: Survey, *, by: User) -> None:
    now = timezone.now()
    if survey.closes_at > now:
        survey.closes_at = max(now, survey.opens_at + datetime.timedelta(seconds=1))
        survey.save(update_fields=["closes_at"])


@transaction.atomic
def create_links(survey: Survey, *, count: int, single_use: bool, label: str = "") -> list[Link]:
    if count < 1 or count > 500:
        raise ValidationError(_("Make between 1 and 500 links at a time."))
    return Link.objects.bulk_create(Link(survey=survey, single_use=single_use, label=label) for _n in range(count))


@transaction.atomic
def revoke_link(link: Link) -> None:
    Link.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- Drafts -----------------------------------------------------------------------------------


def new_draft_key() -> str:
    return secrets.token_urlsafe(24)


def find_draft(survey: Survey, *, user: User | None = None, key: str = "", link: Link | None = None) -> Draft | None:
    """The respondent's draft: by the person only when the survey is not anonymous,
    by a one-answer link, else by the key their browser keeps."""
    if link is not None and link.single_use:
        return Draft.objects.filter(survey=survey, link=link).first()
    if user is not None and not survey.anonymous:
        return Draft.objects.filter(survey=survey, user=user).first()
    return Draft.objects.filter(survey=survey, key=key, user__isnull=True, link__isnull=True).first() if key else None


def start_draft(survey: Survey, *, user: User | None = None, link: Link | None = None, language: str = "") -> Draft:
    owner = user if user is not None and not survey.anonymous else None
    single = link if link is not None and link.single_use else None
    if owner is not None or single is not None:
        draft, _created = Draft.objects.get_or_create(
            survey=survey, user=owner, link=single, defaults={"key": new_draft_key(), "language": language}
        )
        return draft
    return Draft.objects.create(survey=survey, key=new_draft_key(), language=language)


def save_draft(draft: Draft, answers: dict[str, Any], *, screen: int, language: str = "") -> None:
    draft.answers = {**draft.answers, **answers}
    draft.screen = screen
    if language:
        draft.language = language
    draft.saved_on = timezone.localdate()
    draft.save(update_fields=["answers", "screen", "language", "saved_on"])


# --- Sending the answers -----------------------------------------------------------------------


class AlreadyAnswered(Exception):
    """The person (or the one-answer link) has answered this survey already."""


def submit(
    draft: Draft,
    *,
    user: User | None = None,
    link: Link | None = None,
    questionnaire: answering.Questionnaire | None = None,
    submission: Submission | None = None,
) -> Response:
    """Turns the draft into a response, in one transaction that writes nothing about the
    respondent when the survey is anonymous. The receipt is written afterwards, in a
    transaction of its own (``record_receipt``)."""
    survey = draft.survey
    questionnaire = questionnaire or answering.Questionnaire.of(survey)
    with transaction.atomic():
        locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None:
            raise AlreadyAnswered
        if user is not None and Receipt.objects.filter(survey=survey, user=user).exists():
            raise AlreadyAnswered
        if link is not None and link.single_use and Link.objects.filter(pk=link.pk, used=False).update(used=True) != 1:
            raise AlreadyAnswered
        answers = answering.kept_answers(questionnaire, locked.answers)
        response = Response(survey=survey, submitted_on=timezone.localdate())
        if survey.asks_match_code:
            response.match_code = answering.match_code(survey.series_salt, locked.answers)
        school_item = next((i for i in questionnaire.answerable() if i.breakdown == "school"), None)
        role_item = next((i for i in questionnaire.answerable() if i.breakdown == "role"), None)
        if school_item is not None and str(answers.get(school_item.code, "")).isdigit():
            response.school_id = int(answers[school_item.code])
        if role_item is not None and answers.get(role_item.code):
            response.role = str(answers[role_item.code])[:16]
        if user is not None and not survey.anonymous:
            response.user = user
            response.school_id = response.school_id or user.school_id
            membership = Membership.objects.filter(network=survey.network_id, user=user).first()
            response.role = response.role or (membership.role if membership else "")
        response.save()
        Answer.objects.bulk_create(
            answer_of(response, questionnaire.by_code[code], value)
            for code, value in answers.items()
            if code in questionnaire.by_code
        )
        locked.delete()
        if user is not None and not survey.anonymous:
            # Nothing to hide when the answers carry the name anyway.
            Receipt.objects.get_or_create(survey=survey, user=user)
            record(submission, survey.get_absolute_url())
    return response


def answer_of(response: Response, item: Item, value: Any) -> Answer:
    answer = Answer(response=response, item=item)
    if item.kind in (ItemKind.LIKERT, ItemKind.NUMBER):
        answer.number = float(value)
    elif item.kind in (ItemKind.MULTIPLE, ItemKind.RANKING):
        answer.choices = list(value)
    elif item.kind in (ItemKind.SINGLE, ItemKind.SCHOOL):
        answer.choices = [str(value)]
    else:
        answer.text = str(value)
    return answer


@transaction.atomic
def record_receipt(survey: Survey, user: User) -> None:
    """That the person has answered. The survey's receipts are written again whole, in
    the order of the people's ids, so the table's ids and rows follow the set of people
    who answered, never the order in which they did (which the responses' order keeps):
    no receipt can be paired with a response by its place. Its own transaction, after
    the response's, so the two do not share one either."""
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    people = set(Receipt.objects.filter(survey=survey).values_list("user_id", flat=True))
    if user.pk in people:
        return
    people.add(user.pk)
    Receipt.objects.filter(survey=survey).delete()
    Receipt.objects.bulk_create(Receipt(survey=survey, user_id=pk) for pk in sorted(people))
    # Its notices are read now, not when the survey was opened: a notice marked read
    # as the answering begins would tell when this person was answering.
    mark_read_about(user, "surveys.survey", survey.pk)


# --- Reminders --------------------------------------------------------------------------------


def remind(survey: Survey, *, today: datetime.date | None = None) -> int:
    """Reminds those of the audience without a receipt, once a day at most, whoever
    runs it at the same time. The reminder names nobody who answered."""
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(survey=survey, sent_on=today)
            answered = Receipt.objects.filter(survey=survey).values("user_id")
            people = list(survey.audience_people().exclude(pk__in=answered))
            notify(
                people,
                notices.REMINDER.key,
                title=survey.title,
                url=survey.get_absolute_url(),
                network_id=survey.network_id,
                about=("surveys.survey", survey.pk),
            )
            reminder.people = len(people)
            reminder.save(update_fields=["people"])
            return len(people)
    except IntegrityError:
        return 0


def prune_drafts(now: datetime.datetime | None = None) -> int:
    """Drafts nobody will send: their survey closed, or untouched for two months."""
    now = now or timezone.now()
    stale = timezone.localdate(now) - datetime.timedelta(days=60)
    deleted, _by_model = Draft.objects.filter(
        models.Q(survey__closes_at__lte=now) | models.Q(saved_on__lt=stale)
    ).delete()
    return deleted


def due_for_reminder(now: datetime.datetime | None = None) -> list[Survey]:
    """Open, signed-in surveys in their last three days, or a week after the last reminder."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    surveys = Survey.objects.open(now).exclude(audience="link").prefetch_related("reminders")
    due = []
    for survey in surveys:
        last = max((r.sent_on for r in survey.reminders.all()), default=None)
        closing_soon = timezone.localdate(survey.closes_at) - today <= datetime.timedelta(days=3)
        week_since = (last or timezone.localdate(survey.sent_at or survey.opens_at)) <= today - datetime.timedelta(
            days=7
        )
        if last != today and (closing_soon or week_since):
            due.append(survey)
    return due


# --- Needs and the plan; feedback after an event -------------------------------------------------

FEEDBACK_DAYS = 7


@transaction.atomic
def serve_needs(event: Event, needs: Iterable[str]) -> None:
    """The needs the event serves, as ticked on its form: the others are unlinked."""
    keys = sorted(set(needs))
    NeedServed.objects.filter(event=event).exclude(need__in=keys).delete()
    have = set(NeedServed.objects.filter(event=event).values_list("need", flat=True))
    NeedServed.objects.bulk_create(
        NeedServed(network_id=event.network_id, event=event, need=key) for key in keys if key not in have
    )


def feedback_survey_of(event: Event) -> Survey | None:
    """The survey that asked the event's participants for feedback, if one did."""
    return (
        Survey.objects.filter(
            event=event, audience=Audience.EVENT, version__instrument__kind=InstrumentKind.EVENT_FEEDBACK
        )
        .order_by("pk")
        .first()
    )


class NotYet(Exception):
    """The event has not ended (or is cancelled): there is nothing to give feedback on."""


@transaction.atomic
def ask_for_feedback(event: Event, *, by: User) -> tuple[Survey, bool]:
    """The shipped three questions sent to the event's participants, once: a second
    ask (a second click, two organisers at once) gets the survey the first one made.
    Returns the survey and whether it was made now."""
    Event.objects.select_for_update().filter(pk=event.pk).first()
    existing = feedback_survey_of(event)
    if existing is not None:
        return existing, False
    now = timezone.now()
    if event.is_cancelled or event.ends_at > now:
        raise NotYet
    instrument = Instrument.objects.filter(network__isnull=True, code=FEEDBACK_CODE).first()
    version = instrument.latest_version() if instrument is not None else None
    if version is None:
        raise ValidationError(_("The event feedback questionnaire is not loaded: run «ortaq load_survey_library»."))
    survey = create_survey(
        event.network,
        by=by,
        version=version,
        title=(_("Feedback: %(event)s") % {"event": event.title})[:255],
        audience=Audience.EVENT,
        event=event,
        anonymous=True,
        opens_at=now,
        closes_at=now + datetime.timedelta(days=FEEDBACK_DAYS),
    )
    send_survey(survey, by=by)
    return survey, True
