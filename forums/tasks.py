"""Background work of the forums (django-tasks): e-mails leave from the task worker,
not from the request that wrote the post. Arguments are ids (JSON for the queue)."""

from __future__ import annotations

from django_tasks import task

from forums import emails


@task()
def email_notifications(notification_ids: list[int]) -> None:
    """Each notification of a person who asked for e-mail at once (emails.send_immediately)."""
    emails.send_immediately(notification_ids)
