"""The kinds of notice, each registered by the app whose workflow sends it, and the
one rule of who may still read a notice.

A kind has a key («awards.issued»), a label for the settings page, a sentence shown
on the site and as the e-mail's subject (a lazy string with ``%(person)s`` — who did
it — and ``%(title)s`` — what it is about), and the channel a person gets until they
choose another. Sentences are translated when shown, so each person reads them in
their own language.

A notice may be scoped to a network or a group (plain ids, so this app imports no
domain). ``networks`` registers the rule that keeps a notice to those who may still
read its network and group: someone who left a group no longer sees its notices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.db.models.enums import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User


class Channel(TextChoices):
    IMMEDIATE = "immediate", _("on the site and by e-mail at once")
    DAILY = "daily", _("on the site and in a daily e-mail digest")
    SITE = "site", _("on the site only")
    OFF = "off", _("not at all")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    sentence: str | Promise
    default: Channel = Channel.DAILY


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.key] = kind
    return kind


def get(key: str) -> Kind | None:
    return _kinds.get(key)


def every() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)


# Who may still read a notice scoped to a network or a group: a Q over the notice's
# ``network_id`` and ``group_id`` for the reader. Until ``networks`` registers its
# rule, only unscoped notices are shown.
ScopeRule = Callable[["User"], Q]
_scope: list[ScopeRule] = []


def register_scope(rule: ScopeRule) -> None:
    _scope[:] = [rule]


def readable_by(user: User) -> Q:
    if not _scope:
        return Q(network_id__isnull=True, group_id__isnull=True)
    return _scope[0](user)
