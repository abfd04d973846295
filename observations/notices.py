"""The notices observation sends (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

RELEASED = register(
    Kind(
        "observations.released",
        _("feedback on your open lesson is released"),
        _("%(person)s released colleagues' feedback on your lesson «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
