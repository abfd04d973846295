"""The notices surveys send (notifications centre): a survey for you, and a reminder to
those who have not answered yet — which never says who has."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

NEW = register(Kind("surveys.new", _("a survey is sent to you"), _("A survey for you: «%(title)s»"), Channel.IMMEDIATE))
REMINDER = register(
    Kind(
        "surveys.reminder",
        _("a reminder of a survey you have not answered"),
        _("A reminder: «%(title)s» waits for your answers"),
        Channel.IMMEDIATE,
    )
)
