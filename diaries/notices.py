"""The notices the diary sends (notifications centre). None carries an entry's words."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Channel, Kind, register

SHARED = register(
    Kind(
        "diaries.shared",
        _("a diary entry is shared with you"),
        _("%(person)s shared a diary entry with you: %(title)s"),
        Channel.IMMEDIATE,
    )
)
