"""Background work of the notifications centre: e-mails leave from the task worker,
never from the web request that made the notice."""

from __future__ import annotations

from django_tasks import task

from notifications import emails


@task()
def email_notices(notice_ids: list[int]) -> int:
    return emails.send_immediately(notice_ids)
