"""The notices coaching sends (notifications centre). Their titles name the plan and the
session, never what was said in it: a notice is read where others may look."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

ADDED = register(
    Kind(
        "coaching.added",
        _("you are added to a coaching plan"),
        _("%(person)s added you to the coaching plan «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
SCHEDULED = register(
    Kind(
        "coaching.scheduled",
        _("a coaching session of your plan is scheduled"),
        _("%(person)s scheduled a coaching session: «%(title)s»"),
    )
)
RECORDED = register(
    Kind(
        "coaching.recorded",
        _("the record of a coaching session of yours is written"),
        _("%(person)s wrote the record of «%(title)s»"),
    )
)
DUE = register(
    Kind(
        "coaching.due",
        _("a coaching session is due tomorrow or its record is overdue"),
        _("Coaching session due: «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
