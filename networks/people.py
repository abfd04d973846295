"""Finding a network's people by what one types: part of a name, a school, a subject or a role.

The people pickers of every form (networks/widgets.py) ask ``find_people`` through
``networks:people``; the members page asks ``members_page``. Both compare in
Python over the network's own people (a few hundred, bounded by the network), because
SQLite's ``icontains`` folds ASCII letters only and would miss «ӘЛИ» for «Әлиева».
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import get_language

from accounts.models import User
from networks.audiences import people_visible_to
from networks.models import Membership, Network, Role
from ortaq.lib.collation import kazakh_sort_key
from ortaq.lib.text import TypedQuery

FOUND_AT_MOST = 20
LETTERS_TO_SEARCH = 2


@dataclass(frozen=True)
class FoundPerson:
    pk: int
    name: str
    school: str
    subjects: tuple[str, ...]

    @property
    def label(self) -> str:
        # The same words as the picker's own options (networks.forms.person_label).
        return f"{self.name} — {self.school}" if self.school else self.name

    @property
    def details(self) -> str:
        return " · ".join(part for part in (self.school, ", ".join(self.subjects)) if part)


@dataclass(frozen=True)
class Found:
    people: list[FoundPerson]
    more: bool  # there were more than those shown: type more letters
    searched: bool  # enough letters were typed to search at all


def find_people(
    network: Network,
    user: User,
    text: str,
    *,
    exclude: Iterable[int] = (),
    group_id: int | None = None,
    limit: int = FOUND_AT_MOST,
) -> Found:
    """The network's active members the user may see whose name has every word typed,
    or a school or subject with a word beginning with it (``TypedQuery.matches``): first
    those whose surname begins with it, then whose other names do, then whose school or
    subject does, and last whose name has it inside a word, each in Kazakh alphabetical
    order; at most ``limit``; with ``group_id``, only the members of that group of the
    network. Three queries, whatever the network's size."""
    query = TypedQuery(text)
    if len(query) < LETTERS_TO_SEARCH:
        return Found([], more=False, searched=False)
    people = (
        people_visible_to(user)
        .filter(is_active=True, memberships__network=network)
        .exclude(pk__in=list(exclude))
        .values_list("pk", "full_name", "school__name")
    )
    if group_id is not None:
        people = people.filter(group_memberships__group=group_id, group_memberships__group__network=network)
    subjects: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    taught = (
        User.subjects.through.objects.filter(user__memberships__network=network)
        .order_by("subject__position", "subject__code")
        .values_list("user_id", "subject__name_kk", "subject__name_ru", "subject__name_en")
    )
    for user_id, kk, ru, en in taught:
        subjects[user_id].append((kk, ru, en))
    shown_language = {"ru": 1, "en": 2}.get((get_language() or "kk")[:2], 0)
    ranked = []
    for pk, name, school in people:
        names = subjects.get(pk, [])
        others = [school or "", *(n for triple in names for n in triple)]
        if query.begins_words_of(name):
            # «жұма»: Жұмабекова before Әлиев Ерболат Жұмабайұлы.
            rank = 0 if query.fold(name).startswith(query.terms[0]) else 1
        elif query.begins_words_of(name, *others):
            rank = 2  # «мат»: the teachers of Математика before Азамат
        elif query.matches(name, *others):
            rank = 3
        else:
            continue
        shown = tuple(triple[shown_language] or triple[0] for triple in names)
        ranked.append((rank, kazakh_sort_key(name), FoundPerson(pk, name, school or "", shown)))
    ranked.sort(key=lambda row: row[:2])
    return Found([person for _rank, _key, person in ranked[:limit]], more=len(ranked) > limit, searched=True)


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
    matching = [pk for pk, name, school, role in rows if query.matches(name, school or "", roles.get(role, ""))]
    found = Paginator(matching, per_page).get_page(number)
    shown = {membership.pk: membership for membership in memberships.filter(pk__in=list(found))}
    # The same count and pages, with the memberships in the place of their pks.
    paginator = cast("Paginator[Membership]", found.paginator)
    return Page([shown[pk] for pk in found if pk in shown], found.number, paginator)
