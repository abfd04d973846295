"""Background work of the events app (django-tasks): e-mails leave from the task
worker, not from the web request. Arguments are ids, so a task can wait in Redis and
run on another machine; what it sends is read when it runs."""

from __future__ import annotations

import datetime

from django_tasks import task

from events import emails
from events.models import Event, Participation


@task()
def email_participants(participation_ids: list[int], what: str) -> int:
    """An invitation, a change of time, a cancellation or a freed place."""
    return emails.send_to_participants(participation_ids, what)


@task()
def email_reminder(participation_id: int, claimed_at: str) -> bool:
    """One claimed reminder (see actions.send_reminders). If the e-mail cannot leave,
    the claim is released, so the next run of ``send_event_reminders`` tries again."""
    claim = Participation.objects.filter(pk=participation_id, reminded_at=datetime.datetime.fromisoformat(claimed_at))
    participation = claim.select_related("event", "user").first()
    if participation is None:  # claimed again since, or gone
        return False
    if participation.status not in Participation.GOING or participation.event.status != Event.Status.PLANNED:
        return False
    try:
        emails.send_one(participation, "reminder")
    except Exception:
        claim.update(reminded_at=None)
        raise
    return True


@task()
def email_materials(dispatch_id: int) -> int:
    """A record's materials to the member schools' coordinators."""
    return emails.send_materials(dispatch_id)
