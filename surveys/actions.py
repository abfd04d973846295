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
from ortaq.lib.editing import claim_version
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
    Section,
    Survey,
    in_language,
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


def copy_version(version: InstrumentVersion, *, into: Instrument | None = None) -> InstrumentVersion:
    """The version's sections and items as the next version of its questionnaire, or —
    ``into`` — as the first version of another (a network's copy of the library's)."""
    new = InstrumentVersion.objects.create(
        instrument=into or version.instrument,
        number=1 if into is not None else version.number + 1,
        subscales=version.subscales,
    )
    # A matrix before its statements, whichever end of the order the database puts NULLs.
    items = sorted(Item.objects.filter(section__version=version), key=lambda i: (i.parent_id is not None, i.pk))
    for section in version.sections.all():
        old_pk = section.pk
        section.pk = None
        section.version = new
        section.copied_from_id = old_pk
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


# --- The editor -------------------------------------------------------------------------------
# Every change goes to the editable version (``editable_version``): when a survey runs
# on the latest one, the first change copies it into the next, and the change lands in
# the copy. A page opened before the copy still names the frozen version's sections and
# items; ``editable_section`` and ``editable_item`` find their copies.


class Gone(Exception):
    """What the page named was deleted (or its code changed) since the page was opened."""


@transaction.atomic
def create_instrument(
    network: Network, *, by: User, kind: str, title: dict[str, str], description: dict[str, str]
) -> Instrument:
    instrument = Instrument.objects.create(
        network=network, kind=kind, title=title, description=description, created_by=by
    )
    InstrumentVersion.objects.create(instrument=instrument, number=1)
    return instrument


@transaction.atomic
def copy_instrument(source: Instrument, *, network: Network, by: User) -> Instrument:
    """A network's own questionnaire that starts as the latest version of ``source``."""
    instrument = Instrument.objects.create(
        network=network, kind=source.kind, title=source.title, description=source.description, created_by=by
    )
    latest = source.latest_version()
    if latest is None:
        InstrumentVersion.objects.create(instrument=instrument, number=1)
    else:
        copy_version(latest, into=instrument)
    return instrument


@transaction.atomic
def save_instrument(
    instrument: Instrument, *, revision: int | None, kind: str, title: dict[str, str], description: dict[str, str]
) -> None:
    claim_version(instrument, revision, field="revision")
    instrument.kind, instrument.title, instrument.description = kind, title, description
    instrument.save(update_fields=["kind", "title", "description"])


def editable_section(section: Section) -> Section:
    """The section, or its copy in the version being edited. Call inside a transaction."""
    version = editable_version(section.version.instrument)
    if section.version_id == version.pk:
        return section
    # Follow the copies forward, version by version (a page may be two copies behind).
    copies = dict(
        Section.objects.filter(version__instrument=version.instrument_id, copied_from__isnull=False).values_list(
            "copied_from_id", "pk"
        )
    )
    pk: int | None = section.pk
    while pk is not None:
        found = Section.objects.filter(pk=pk, version=version).first()
        if found is not None:
            return found
        pk = copies.get(pk)
    raise Gone


def editable_item(item: Item) -> Item:
    """The item, or its copy (by its code) in the version being edited. Call inside a transaction."""
    version = editable_version(item.section.version.instrument)
    if item.section.version_id == version.pk:
        return item
    found = Item.objects.select_related("section").filter(section__version=version, code=item.code).first()
    if found is None:
        raise Gone
    return found


def version_order(version: InstrumentVersion) -> list[Item]:
    """The version's items in the order a respondent meets them (a matrix, then its statements)."""
    every = list(
        Item.objects.filter(section__version=version).select_related("section").order_by("section__position", "pk")
    )
    sections = sorted({item.section for item in every}, key=lambda s: (s.position, s.pk))
    ordered: list[Item] = []
    for section in sections:
        top = sorted((i for i in every if i.section_id == section.pk and i.parent_id is None), key=order_key)
        for item in top:
            ordered.append(item)
            ordered.extend(sorted((r for r in every if r.parent_id == item.pk), key=order_key))
    return ordered


def order_key(item: Item) -> tuple[int, int]:
    return (item.position, item.pk or 0)


def check_conditions(version: InstrumentVersion) -> None:
    """Each show-if looks at an earlier question that takes an answer, or the change is refused."""
    seen: dict[str, Item] = {}
    ordered = version_order(version)
    every = {item.code: item for item in ordered}
    for item in ordered:
        code = str((item.show_if or {}).get("item", ""))
        if code:
            other = every.get(code)
            if other is None:
                message = _("«%(item)s» is shown on the answer to «%(other)s», which is not in the questionnaire.")
            elif code not in seen:
                message = _(
                    "«%(item)s» is shown on the answer to «%(other)s», which comes after it: "
                    "a condition can only look at an earlier question."
                )
            elif other.kind == ItemKind.MATRIX:
                message = _(
                    "«%(item)s» is shown on the answer to «%(other)s», which is a matrix: choose one of its statements."
                )
            else:
                message = ""
            if message:
                raise ValidationError(
                    {"show_if_item": message % {"item": in_language(item.text) or item.code, "other": code}}
                )
        seen[item.code] = item


def renumber(rows: list[Any]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            type(row).objects.filter(pk=row.pk).update(position=position)


def moved(rows: list[Any], row: Any, step: int) -> list[Any]:
    index = next(i for i, one in enumerate(rows) if one.pk == row.pk)
    other = index + step
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    return rows


@transaction.atomic
def add_section(instrument: Instrument, *, title: dict[str, str], intro: dict[str, str]) -> Section:
    version = editable_version(instrument)
    last = version.sections.aggregate(last=models.Max("position"))["last"]
    return Section.objects.create(version=version, position=0 if last is None else last + 1, title=title, intro=intro)


@transaction.atomic
def save_section(section: Section, *, revision: int | None, title: dict[str, str], intro: dict[str, str]) -> Section:
    target = editable_section(section)
    claim_version(target, revision, field="revision")
    target.title, target.intro = title, intro
    target.save(update_fields=["title", "intro"])
    return target


@transaction.atomic
def move_section(section: Section, *, step: int) -> Section:
    """Up (-1) or down (+1); refused when a condition would then look at a later question."""
    target = editable_section(section)
    renumber(moved(list(target.version.sections.order_by("position", "pk")), target, step))
    check_conditions(target.version)
    return target


def dependents(version_id: int, codes: set[str]) -> list[Item]:
    """The items whose show-if looks at one of ``codes`` (a deletion drops their conditions)."""
    return [
        item
        for item in Item.objects.filter(section__version=version_id).exclude(show_if={})
        if str(item.show_if.get("item", "")) in codes and item.code not in codes
    ]


def unconditioned(version: InstrumentVersion, codes: set[str]) -> None:
    for item in dependents(version.pk, codes):
        item.show_if = {}
        item.save(update_fields=["show_if"])


@transaction.atomic
def delete_section(section: Section) -> None:
    target = editable_section(section)
    version = target.version
    unconditioned(version, set(target.items.values_list("code", flat=True)))
    target.delete()
    renumber(list(version.sections.order_by("position", "pk")))


def check_code(version: InstrumentVersion, code: str, *, but: Item | None = None) -> None:
    taken = Item.objects.filter(section__version=version, code=code)
    if but is not None:
        taken = taken.exclude(pk=but.pk)
    if taken.exists():
        raise ValidationError({"code": _("Another question of this questionnaire has this code.")})


@transaction.atomic
def add_item(section: Section, *, parent: Item | None = None, **fields: Any) -> Item:
    target = editable_section(section)
    parent = editable_item(parent) if parent is not None else None
    if parent is not None:
        target = parent.section
        fields |= {"kind": ItemKind.LIKERT, "scale": parent.scale}
    check_code(target.version, fields["code"])
    siblings = Item.objects.filter(section=target, parent=parent)
    last = siblings.aggregate(last=models.Max("position"))["last"]
    item = Item(section=target, parent=parent, position=0 if last is None else last + 1, **fields)
    item.full_clean(exclude=["section", "parent"])
    item.save()
    check_conditions(target.version)
    return item


@transaction.atomic
def save_item(item: Item, *, revision: int | None, **fields: Any) -> Item:
    target = editable_item(item)
    claim_version(target, revision, field="revision")
    version = target.section.version
    if target.parent_id is not None:
        fields |= {"kind": ItemKind.LIKERT, "scale": target.parent.scale if target.parent else None}
    old_code = target.code
    check_code(version, fields.get("code", old_code), but=target)
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean(exclude=["section", "parent"])
    target.save()
    if target.code != old_code:
        # A condition names the question by its code: it follows the new one.
        for other in Item.objects.filter(section__version=version).exclude(show_if={}):
            if other.show_if.get("item") == old_code:
                other.show_if = {**other.show_if, "item": target.code}
                other.save(update_fields=["show_if"])
    if target.kind == ItemKind.MATRIX:
        target.rows.update(scale=target.scale)
    check_conditions(version)
    return target


@transaction.atomic
def move_item(item: Item, *, step: int) -> Item:
    target = editable_item(item)
    siblings = list(Item.objects.filter(section=target.section_id, parent=target.parent_id).order_by("position", "pk"))
    renumber(moved(siblings, target, step))
    check_conditions(target.section.version)
    return target


@transaction.atomic
def delete_item(item: Item) -> None:
    target = editable_item(item)
    version = target.section.version
    codes = {target.code, *target.rows.values_list("code", flat=True)}
    unconditioned(version, codes)
    section, parent = target.section_id, target.parent_id
    target.delete()
    renumber(list(Item.objects.filter(section=section, parent=parent).order_by("position", "pk")))


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
