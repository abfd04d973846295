"""Who may read and change diary entries. Every view and API endpoint of the app asks
here, and no role adds anything: a director, a network's leader or organisers and the
site's administrators read no one's diary.

- The author reads, writes, shares and deletes their entries.
- A companion an entry is shared with (diaries/companions.py) reads it; anything else
  they try is refused with 403.
- Anyone else gets 404, as for an entry that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from diaries.models import Entry
from ortaq.lib.access import require

REFUSED = gettext_lazy("Only its author changes a diary entry.")


@dataclass(frozen=True)
class EntryAccess:
    entry: Entry
    user: User

    @property
    def is_author(self) -> bool:
        return self.entry.author_id == self.user.pk

    @property
    def can_edit(self) -> bool:
        return self.is_author


def entries_visible_to(user: User) -> QuerySet[Entry]:
    return Entry.objects.visible_to(user)


def get_entry_for_user(user: User, pk: int) -> EntryAccess:
    entry = Entry.objects.visible_to(user).select_related("author", "event", "lesson").filter(pk=pk).first()
    if entry is None:
        raise Http404(_("No such diary entry."))
    return EntryAccess(entry, user)


def get_own_entry(user: User, pk: int) -> EntryAccess:
    entry_access = get_entry_for_user(user, pk)
    require(entry_access.can_edit, REFUSED)
    return entry_access
