"""Finding a network's people by what one types: part of a name, a school or a role.

The members page asks ``members_page``. It compares in Python over the network's own
people (a few hundred, bounded by the network), because SQLite's ``icontains`` folds
ASCII letters only and would miss «ӘЛИ» for «Әлиева».
"""

from __future__ import annotations

from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from networks.models import Membership, Role
from ortaq.lib.text import TypedQuery


def members_page(
    memberships: QuerySet[Membership], text: str, number: str | None, *, per_page: int
) -> Page[Membership]:
    """A page of the members page: of all the memberships, or of those whose person's
    name, school or role has every word typed. A search reads (pk, name, school, role)
    rows, matches them in Python and then reads only its page's memberships, so its
    queries are as many for 5 members as for 300."""
    if not text:
        return Paginator(memberships, per_page).get_page(number)
    query = TypedQuery(text)
    roles = {value: str(label) for value, label in Role.choices}
    rows = memberships.values_list("pk", "user__full_name", "user__school__name", "role")
    matching = [pk for pk, name, school, role in rows if query.found_in(name, school or "", roles.get(role, ""))]
    found = Paginator(matching, per_page).get_page(number)
    shown = {membership.pk: membership for membership in memberships.filter(pk__in=list(found))}
    # The same count and pages, with the memberships in the place of their pks.
    paginator = cast("Paginator[Membership]", found.paginator)
    return Page([shown[pk] for pk in found if pk in shown], found.number, paginator)
