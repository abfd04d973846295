"""The notices events send (notifications centre). Invitations, reminders and a freed
place are e-mails of their own (events/emails.py): they carry the time and the place."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

MOVED = register(
    Kind("events.moved", _("an event you take part in is moved"), _("Moved: «%(title)s»"), Channel.IMMEDIATE)
)
CANCELLED = register(
    Kind(
        "events.cancelled",
        _("an event you take part in is cancelled"),
        _("Cancelled: «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
TASK = register(
    Kind("events.task", _("a task of a meeting is given to you"), _("%(person)s gave you a task: «%(title)s»"))
)
