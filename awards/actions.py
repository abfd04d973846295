"""Issuing and revoking awards. Each runs in one transaction; an award copies the
recipient's name and the event's title so the document keeps saying what was awarded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from awards import notices
from awards.models import Award
from events.models import Event, Participation
from notifications.actions import notify


def check_award(event: Event, kind: str, nomination: str, hours: int | None) -> None:
    if event.starts_at > timezone.now():
        raise ValidationError(_("Awards are issued once the event has taken place."))
    if kind not in Award.Kind.values:
        raise ValidationError(_("Choose the kind of award."))
    if kind == Award.Kind.MERIT and not nomination.strip():
        raise ValidationError(_("A certificate of merit needs a nomination."))
    if kind == Award.Kind.PARTICIPATION and not hours:
        raise ValidationError(_("A certificate of participation needs the number of hours."))


def new_award(
    event: Event, recipient: User, *, by: User, kind: str, nomination: str, reason: str, hours: int | None
) -> Award:
    return Award(
        network_id=event.network_id,
        event=event,
        recipient=recipient,
        kind=kind,
        nomination=nomination.strip(),
        reason=reason.strip(),
        hours=hours if kind == Award.Kind.PARTICIPATION else None,
        recipient_name=recipient.full_name,
        title=event.title,
        event_date=event.local_date,
        language=recipient.writing_language,
        issued_by=by,
        signatory=by.full_name,
    )


@transaction.atomic
def issue_award(
    event: Event,
    recipient: User,
    *,
    by: User,
    kind: str,
    nomination: str = "",
    reason: str = "",
    hours: int | None = None,
) -> Award:
    check_award(event, kind, nomination, hours)
    if Award.objects.filter(event=event, recipient=recipient, kind=kind, revoked_at__isnull=True).exists():
        raise ValidationError(_("%(person)s already has this award for this event.") % {"person": recipient.full_name})
    award = new_award(event, recipient, by=by, kind=kind, nomination=nomination, reason=reason, hours=hours)
    award.save()
    tell([award], by=by)
    return award


def still_to_award(event: Event, kind: str) -> list[User]:
    """Those marked present at the event who have no award of this kind for it yet."""
    have = Award.objects.filter(event=event, kind=kind, revoked_at__isnull=True).values("recipient_id")
    return [
        p.user
        for p in event.participations.filter(attendance=Participation.Attendance.PRESENT)
        .exclude(user__in=have)
        .select_related("user")
        .order_by("user__full_name")
    ]


@transaction.atomic
def award_attendees(
    event: Event, *, by: User, kind: str, nomination: str = "", reason: str = "", hours: int | None = None
) -> list[Award]:
    """One award of the kind for every attendee marked present who has none yet."""
    check_award(event, kind, nomination, hours)
    Event.objects.select_for_update().get(pk=event.pk)
    present = still_to_award(event, kind)
    if not present:
        raise ValidationError(_("Nobody to award: mark attendance first, or everyone present already has one."))
    awards = [
        new_award(event, person, by=by, kind=kind, nomination=nomination, reason=reason, hours=hours)
        for person in present
    ]
    Award.objects.bulk_create(awards)
    tell(awards, by=by)
    return awards


def tell(awards: list[Award], *, by: User) -> None:
    """Each recipient hears of their award, with a link to their record where it is."""
    if not awards:
        return
    event = awards[0].event
    notify(
        [award.recipient for award in awards],
        notices.ISSUED.key,
        title=awards[0].title,
        url=event.get_absolute_url() if event else "/",
        urls={a.recipient_id: reverse("portfolios:record", args=[a.recipient_id]) for a in awards},
        actor=by,
        network_id=awards[0].network_id,
    )


@transaction.atomic
def revoke_award(award: Award, *, by: User, reason: str) -> Award:
    if not reason.strip():
        raise ValidationError(_("Say why the award is revoked."))
    if award.revoked_at is None:
        award.revoked_at = timezone.now()
        award.revoke_reason = reason.strip()[:255]
        award.save(update_fields=["revoked_at", "revoke_reason"])
    return award
