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
# A school asked for at sign-up or on the profile (schools.SchoolRequest): those who may
# add schools of its district hear of it; the person hears of the decision.
SCHOOL_REQUEST = register(
    Kind(
        "networks.school_request",
        _("someone asks to add a school in a district of a network you lead"),
        _("%(person)s asks to add the school «%(title)s»"),
        Channel.IMMEDIATE,
    )
)
SCHOOL_ADDED = register(
    Kind(
        "networks.school_added",
        _("the school you asked for is added"),
        _("Your school «%(title)s» is added to the list"),
        Channel.IMMEDIATE,
    )
)
SCHOOL_DECLINED = register(
    Kind(
        "networks.school_declined",
        _("your request to add a school is declined"),
        _("Your request to add «%(title)s» is declined"),
        Channel.IMMEDIATE,
    )
)
GROUP_TASK = register(
    Kind(
        "networks.group_task",
        _("a task of your group is given to you"),
        _("%(person)s gave you a task of the group: «%(title)s»"),
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
