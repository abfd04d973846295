"""The notices mentoring sends (notifications centre). None carries the log's words."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

CREATED = register(
    Kind(
        "mentoring.created",
        _("you are paired as a mentor or a mentee"),
        _("%(person)s paired you for mentoring: %(title)s"),
        Channel.IMMEDIATE,
    )
)
QUIET = register(
    Kind(
        "mentoring.quiet",
        _("your mentoring pair has not met for a while"),
        _("Your mentoring pair has not met for a while: %(title)s"),
        Channel.IMMEDIATE,
    )
)
COMPLETED = register(
    Kind(
        "mentoring.completed",
        _("your mentoring is completed"),
        _("%(person)s marked the mentoring completed: %(title)s"),
    )
)
