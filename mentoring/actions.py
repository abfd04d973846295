"""The workflows of mentoring, as verbs. Views and the API call these; each runs in
one transaction and tells the people it concerns."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from mentoring import notices
from mentoring.models import DEFAULT_QUIET_DAYS, Meeting, Pair
from networks.models import Network
from notifications.actions import notify
from ortaq.lib.editing import claim_version


def title_of(pair: Pair) -> str:
    return f"{pair.mentor.full_name} → {pair.mentee.full_name}"


@transaction.atomic
def create_pair(
    network: Network,
    *,
    mentor: User,
    mentee: User,
    kind: str,
    goals: str = "",
    started_on: datetime.date | None = None,
    quiet_after_days: int = DEFAULT_QUIET_DAYS,
    by: User | None,
    submission: Submission | None = None,
) -> Pair:
    if mentor.pk == mentee.pk:
        raise ValidationError(_("A mentor cannot mentor themselves."))
    if Pair.objects.active().filter(network=network, mentor=mentor, mentee=mentee).exists():
        raise ValidationError(_("These two are already a mentoring pair."))
    pair = Pair.objects.create(
        network=network,
        mentor=mentor,
        mentee=mentee,
        kind=Pair.Kind(kind),
        goals=goals,
        started_on=started_on or timezone.localdate(),
        quiet_after_days=quiet_after_days,
        created_by=by,
    )
    notify(
        [mentor, mentee],
        notices.CREATED.key,
        title=title_of(pair),
        url=pair.get_absolute_url(),
        actor=by,
        network_id=network.pk,
        about=("mentoring.pair", pair.pk),
    )
    submissions.record(submission, pair.get_absolute_url())
    return pair


@transaction.atomic
def save_pair(pair: Pair, *, version: int | None, goals: str, quiet_after_days: int) -> Pair:
    """The goals and the time before a reminder, written by the pair (version checked)."""
    claim_version(pair, version)
    pair.goals = goals
    pair.quiet_after_days = quiet_after_days
    pair.save(update_fields=["goals", "quiet_after_days"])
    return pair


@transaction.atomic
def add_meeting(
    pair: Pair,
    *,
    met_on: datetime.date,
    discussed: str,
    next_steps: str = "",
    by: User,
    submission: Submission | None = None,
) -> Meeting:
    if not pair.is_active:
        raise ValidationError(_("The mentoring is completed: its log is closed."))
    if met_on > timezone.localdate():
        raise ValidationError(_("A meeting is logged once it has taken place."))
    if met_on < pair.started_on:
        raise ValidationError(_("The meeting is before the mentoring started."))
    meeting = Meeting.objects.create(
        pair=pair, met_on=met_on, discussed=discussed, next_steps=next_steps, written_by=by
    )
    # The latest meeting ends a quiet spell; a meeting logged late for an earlier day does not move it back.
    latest = pair.meetings.order_by("-met_on").values_list("met_on", flat=True).first()
    Pair.objects.filter(pk=pair.pk).update(last_met_on=latest)
    pair.last_met_on = latest
    submissions.record(submission, pair.get_absolute_url() + f"#meeting-{meeting.pk}")
    return meeting


@transaction.atomic
def set_log_shared(pair: Pair, *, by: User, shared: bool) -> Pair:
    """The mentor's or the mentee's own choice to show the log to the organisers; the
    log is shown only while both choose it."""
    field = "mentor_shares_log" if by.pk == pair.mentor_id else "mentee_shares_log"
    if not pair.includes(by):
        raise ValidationError(_("Only the mentor and the mentee share their log."))
    setattr(pair, field, shared)
    pair.save(update_fields=[field])
    return pair


@transaction.atomic
def complete_pair(pair: Pair, *, summary: str, by: User) -> Pair:
    """Completes the mentoring: the fact (who, dates, kind) enters both people's record
    of professional development; the log stays theirs."""
    locked = Pair.objects.select_for_update().get(pk=pair.pk)
    if locked.status == Pair.Status.COMPLETED:
        raise ValidationError(_("This mentoring is already completed."))
    today = timezone.localdate()
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.COMPLETED, completed_on=today, summary=summary)
    pair.status, pair.completed_on, pair.summary = Pair.Status.COMPLETED, today, summary
    notify(
        [pair.mentor, pair.mentee],
        notices.COMPLETED.key,
        title=title_of(pair),
        url=pair.get_absolute_url(),
        actor=by,
        network_id=pair.network_id,
        about=("mentoring.pair", pair.pk),
    )
    return pair


def send_quiet_reminders(today: datetime.date | None = None) -> int:
    """Tells the mentor and the mentee of each pair quiet for its chosen time, once per
    quiet spell. Each pair is claimed by one UPDATE before its notice is written, in
    the same transaction: two runs at once tell no one twice."""
    today = today or timezone.localdate()
    told = 0
    candidates = Pair.objects.active().values_list(
        "pk", "last_met_on", "started_on", "quiet_after_days", "reminded_for"
    )
    for pk, last_met_on, started_on, quiet_after_days, reminded_for in list(candidates):
        since = last_met_on or started_on
        if (today - since).days < quiet_after_days or reminded_for == since:
            continue
        with transaction.atomic():
            claimed = (
                Pair.objects.filter(pk=pk, status=Pair.Status.ACTIVE)
                .exclude(reminded_for=since)
                .update(reminded_for=since)
            )
            if not claimed:
                continue
            pair = Pair.objects.select_related("mentor", "mentee").get(pk=pk)
            notify(
                [pair.mentor, pair.mentee],
                notices.QUIET.key,
                title=title_of(pair),
                url=pair.get_absolute_url(),
                network_id=pair.network_id,
                about=("mentoring.pair", pair.pk),
            )
            told += 1
    return told
