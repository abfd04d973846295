"""The notices networks send (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

JOIN_REQUEST = register(
    Kind(
        "networks.join_request",
        _("someone asks to join a network you organise"),
        _("%(person)s asks to join «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
JOINED = register(
    Kind(
        "networks.joined",
        _("someone joined through your invitation"),
        _("%(person)s joined «%(title)s» through your invitation"),
    )
)
ADDED = register(
    Kind(
        "networks.added",
        _("you are added to a network"),
        _("%(person)s added you to «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
