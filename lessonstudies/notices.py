"""The notices Lesson Study sends (notifications centre)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind, register

TEAM = register(
    Kind(
        "lessonstudies.team",
        _("you are added to a Lesson Study team"),
        _("%(person)s added you to the Lesson Study «%(title)s»"),
    )
)
SCHEDULED = register(
    Kind(
        "lessonstudies.scheduled",
        _("a research lesson of your Lesson Study is scheduled"),
        _("A research lesson is scheduled: «%(title)s»"),
    )
)
DISCUSSION = register(
    Kind(
        "lessonstudies.discussion",
        _("the notes of a post-lesson discussion are ready"),
        _("%(person)s: the discussion notes are ready, «%(title)s»"),
    )
)
PUBLISHED = register(
    Kind(
        "lessonstudies.published",
        _("a Lesson Study report is published"),
        _("%(person)s published the Lesson Study report «%(title)s»"),
    )
)
