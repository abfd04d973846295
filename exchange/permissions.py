"""Who may take a network's records out as files and bring people in from one. The
rules themselves are the network's (``networks.permissions.Access.can_export`` and
``can_import``); this module asks them for the exchange's pages and endpoints, so
outsiders get 404 and members without the right 403, as everywhere."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from accounts.models import User
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require

EXPORT_REFUSED = gettext_lazy("Only the network's leaders and methodologists can export its records.")
IMPORT_REFUSED = gettext_lazy("Only those who invite people to the network can import them from a file.")


def get_exportable_network(user: User, pk: int) -> Access:
    access = get_network_access(user, pk)
    require(access.can_export, EXPORT_REFUSED)
    return access


def get_importing_network(user: User, pk: int) -> Access:
    access = get_network_access(user, pk)
    require(access.can_import, IMPORT_REFUSED)
    return access
