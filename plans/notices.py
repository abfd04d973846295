"""The notices development plans send (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

COMMENT = register(
    Kind(
        "plans.comment",
        _("a comment on a stage of your development plan"),
        _("%(person)s commented on «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
ASSIGNED = register(
    Kind(
        "plans.assigned",
        _("an activity of a development plan is given to you"),
        _("%(person)s gave you an activity: «%(title)s»"),
    )
)
OVERDUE = register(
    Kind(
        "plans.overdue",
        _("an activity you answer for is overdue"),
        _("Overdue: «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
MODERATED = register(
    Kind(
        "plans.moderated",
        _("your school's place on the rubric is moderated"),
        _("%(person)s moderated «%(title)s»"),
    )
)
