"""The notices awards send (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

ISSUED = register(
    Kind(
        "awards.issued",
        _("an award is issued to you"),
        _("%(person)s issued you an award for «%(title)s»: it is in your record of professional development"),
        Channel.IMMEDIATE,
    )
)
