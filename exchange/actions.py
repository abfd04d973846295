"""Writing an import: a checked plan (exchange/imports.py), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from exchange.imports import Plan
from networks import actions as network_actions
from networks.actions import Newcomer
from networks.models import Network
from schools.models import District, School


@dataclass(frozen=True)
class Imported:
    schools: int
    joined: int
    invited: int


@transaction.atomic
def import_plan(network: Network, plan: Plan, *, by: User) -> Imported:
    """The schools of the plan first (the people may name them), then its people:
    those with an account become members at once, the others are invited by e-mail
    (networks.actions.add_members and invite_many). Anything refused on the way — a
    person who joined meanwhile — undoes everything: nothing is half imported.

    The people cost a fixed number of queries however many; each school a few (a
    network has tens of them, and a school's district and record are found or made
    one by one, as the schools page does)."""
    if not plan.ready:
        raise ValueError("only a plan without problems is imported")
    added = 0
    for row in plan.schools:
        if row.region is None:
            continue
        school = row.existing
        if school is None:
            district, _made = District.objects.get_or_create(
                region=row.region, name=row.district, defaults={"kind": row.district_kind}
            )
            school, _made = School.objects.get_or_create(
                district=district, name=row.name, defaults={"language": row.language, "shifts": row.shifts}
            )
        row.created = school
        if not row.in_network or row.leading:
            network_actions.add_school(network, school, leading=row.leading)
            added += not row.in_network
    joining: list[tuple[User, Newcomer]] = []
    invited: list[Newcomer] = []
    for person in plan.people:
        assert person.newcomer is not None
        newcomer = person.newcomer
        if person.school_row is not None:
            newcomer = Newcomer(
                newcomer.email, newcomer.full_name, newcomer.role, person.school_row.created, newcomer.position
            )
        if person.user is not None:
            joining.append((person.user, newcomer))
        else:
            invited.append(newcomer)
    if joining:
        network_actions.add_members(network, joining, by=by)
    if invited:
        network_actions.invite_many(network, invited, by=by)
    return Imported(schools=added, joined=len(joining), invited=len(invited))
