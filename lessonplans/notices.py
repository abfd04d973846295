"""The notices sequenced lessons send (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind, register

AUTHOR = register(
    Kind(
        "lessonplans.author",
        _("you are added as an author of a series of lessons"),
        _("%(person)s added you as an author of «%(title)s»"),
    )
)
PUBLISHED = register(
    Kind(
        "lessonplans.published",
        _("a series of sequenced lessons is published to the library"),
        _("%(person)s published «%(title)s» to the library"),
    )
)
