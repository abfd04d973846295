"""Background work of the events app (django-tasks): e-mails leave from the task
worker, not from the web request. Arguments are ids, so a task can wait in Redis and
run on another machine; what it sends is read when it runs."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from events import emails
from events.models import Event, Participation

logger = logging.getLogger(__name__)

# A reminder the mail server refused is tried again this long after each refusal, then
# given up: a server down for a few minutes delays it, one down for longer is a matter
# for the logs, not for hourly retries until the event.
REMINDER_RETRIES = (datetime.timedelta(minutes=1), datetime.timedelta(minutes=5), datetime.timedelta(minutes=30))


@task()
def email_participants(participation_ids: list[int], what: str) -> int:
    """An invitation, a change of time, a cancellation or a freed place."""
    return emails.send_to_participants(participation_ids, what)


@task()
def email_reminder(participation_id: int, claimed_at: str, attempt: int = 1) -> bool:
    """One claimed reminder (see actions.send_reminders), attempt ``attempt``. The claim
    is held while the task tries again (REMINDER_RETRIES); if a retry cannot even be
    queued, the claim is released, so the next run of ``send_event_reminders`` sends it."""
    claim = Participation.objects.filter(pk=participation_id, reminded_at=datetime.datetime.fromisoformat(claimed_at))
    participation = claim.select_related("event", "user").first()
    if participation is None:  # claimed again since, or gone
        return False
    if participation.status not in Participation.GOING or participation.event.status != Event.Status.PLANNED:
        return False
    try:
        emails.send_one(participation, "reminder")
    except Exception:
        # Raised again in every case, so each refused attempt is a failed job in the queue's registry.
        if attempt > len(REMINDER_RETRIES):
            logger.error("Gave up the reminder of participation %s after %s attempts", participation_id, attempt)
            raise
        try:
            later = email_reminder.using(run_after=timezone.now() + REMINDER_RETRIES[attempt - 1])
            later.enqueue(participation_id, claimed_at, attempt + 1)
        except Exception:
            claim.update(reminded_at=None)
            logger.exception("Could not queue a retry of the reminder of participation %s", participation_id)
        raise
    return True


@task()
def email_materials(dispatch_id: int) -> int:
    """A record's materials to the member schools' coordinators."""
    return emails.send_materials(dispatch_id)
