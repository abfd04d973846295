"""Workflows of a network that touch several records. Views call these verbs;
each runs in one transaction so a failure leaves nothing half-done."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from networks import notices, tasks
from networks.models import (
    ORGANISING_ROLES,
    Group,
    GroupTask,
    Invitation,
    JoinRequest,
    Membership,
    Network,
    NetworkSchool,
    Role,
    forget_indicators,
    forget_visible_networks,
)
from networks.permissions import school_request_deciders
from notifications.actions import forget, notify, settle
from ortaq.lib import editing
from schools import names
from schools.models import School, SchoolRequest


@transaction.atomic
def create_network(*, by: User, **charter: Any) -> Network:
    network = Network.objects.create(created_by=by, **charter)
    Membership.objects.create(network=network, user=by, role=Role.LEADER)
    return network


@transaction.atomic
def save_charter(network: Network, *, version: int | None) -> Network:
    """Saves a charter its form has changed. ``version`` is the one the form was opened
    at: if the charter or a translation was saved since, ``editing.StaleEdit`` is
    raised and nothing changes."""
    editing.claim_version(network, version)
    network.save()
    return network


@transaction.atomic
def translate_charter(network: Network, language: str, texts: dict[str, str], *, version: int | None) -> Network:
    """The charter in ``language`` (empty ``texts``: no translation, the original
    shows); the same version as the charter itself, so a translation opened before
    the charter changed is refused as a stale edit."""
    editing.claim_version(network, version)
    translations = {**network.translations, language: texts}
    network.translations = {code: values for code, values in translations.items() if values}
    network.save(update_fields=["translations", "updated_at"])
    return network


@transaction.atomic
def add_school(network: Network, school: School, *, leading: bool = False) -> NetworkSchool:
    link, _created = NetworkSchool.objects.get_or_create(network=network, school=school)
    if leading:
        set_leading_school(network, school)
        link.refresh_from_db()
    return link


@transaction.atomic
def set_leading_school(network: Network, school: School) -> None:
    """A network has at most one leading school; marking another demotes the old one."""
    network.school_links.filter(role=NetworkSchool.Role.LEADING).exclude(school=school).update(
        role=NetworkSchool.Role.ATTACHED
    )
    network.school_links.filter(school=school).update(role=NetworkSchool.Role.LEADING)


@transaction.atomic
def remove_school(network: Network, school: School) -> None:
    network.school_links.filter(school=school).delete()


def join(network: Network, user: User, *, role: str, invited_by: User | None = None) -> Membership:
    """Make the person a member. An existing member keeps the higher of the two
    roles: following a teacher's invitation link must not demote a coordinator."""
    membership, created = Membership.objects.get_or_create(
        network=network, user=user, defaults={"role": role, "invited_by": invited_by}
    )
    if not created and rank(role) < rank(membership.role):
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def may_hand_out_leadership(network: Network, person: User | None) -> bool:
    """Only the network's leaders (and site administrators) make someone leader."""
    if person is None:
        return False
    return person.is_superuser or Membership.objects.filter(network=network, user=person, role=Role.LEADER).exists()


def rank(role: str) -> int:
    order = list(Role.values)
    return order.index(role) if role in order else len(order)


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    # Re-read under a lock so two people following the last use of a link at the
    # same moment cannot both get in.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("This invitation has expired or has already been used."))
    if invitation.email and invitation.email.lower() != user.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if invitation.role == Role.LEADER and not may_hand_out_leadership(invitation.network, invitation.created_by):
        # Made before only leaders could invite leaders, or by someone no longer leader.
        raise ValidationError(_("This invitation can no longer be used. Ask the network leader for a new one."))
    membership = join(invitation.network, user, role=invitation.role, invited_by=invitation.created_by)
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1)
    # What the inviter knew of the person, where their profile says nothing yet.
    filled = fill_profile(user, school_id=invitation.school_id, position=invitation.position)
    if filled:
        user.save(update_fields=filled)
    JoinRequest.objects.filter(network=invitation.network, user=user, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.APPROVED, decided_at=timezone.now(), decided_by=invitation.created_by
    )
    if invitation.created_by is not None and membership.user_id == user.pk:
        notify(
            [invitation.created_by],
            notices.JOINED.key,
            title=invitation.network.name,
            url=reverse("networks:members", args=[invitation.network_id]),
            actor=user,
            network_id=invitation.network_id,
        )
    return membership


def fill_profile(user: User, *, school_id: int | None, position: str) -> list[str]:
    """Gives the person the school and position an organiser named where their profile
    has none; the person's own choice is never overwritten. The fields changed."""
    filled = []
    if school_id and not user.school_id:
        user.school_id = school_id
        filled.append("school")
    if position and not user.position:
        user.position = position
        filled.append("position")
    return filled


@dataclass(frozen=True)
class Newcomer:
    """A person an organiser brings into the network with a role (an import of a
    school's list): a member at once when they have an account, invited otherwise."""

    email: str
    full_name: str
    role: str
    school: School | None = None
    position: str = ""


@transaction.atomic
def add_members(network: Network, people: Sequence[tuple[User, Newcomer]], *, by: User) -> list[Membership]:
    """People who have an account become members at once, as a leader who imported
    her network's list expects to see them: each with their role, their profile's
    school and position filled where empty (``fill_profile``), their requests to join
    approved. Each is told (a notice) and may leave like any member. A fixed number of
    queries however many people; none of them may be a member already."""
    memberships = Membership.objects.bulk_create(
        [Membership(network=network, user=user, role=newcomer.role, invited_by=by) for user, newcomer in people]
    )
    changed: dict[str, list[User]] = {"school": [], "position": []}
    for user, newcomer in people:
        for name in fill_profile(
            user, school_id=newcomer.school.pk if newcomer.school else None, position=newcomer.position
        ):
            changed[name].append(user)
    for name, users in changed.items():
        if users:
            User.objects.bulk_update(users, [name])
    users = [user for user, _newcomer in people]
    JoinRequest.objects.filter(network=network, user__in=users, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.APPROVED, decided_at=timezone.now(), decided_by=by
    )
    # bulk_create sends no signals: what networks/signals.py forgets on a save.
    forget_visible_networks()
    forget_indicators([network.pk])
    notify(
        users,
        notices.ADDED.key,
        title=network.name,
        url=network.get_absolute_url(),
        actor=by,
        network_id=network.pk,
    )
    return memberships


@transaction.atomic
def invite_many(network: Network, newcomers: Sequence[Newcomer], *, by: User) -> list[Invitation]:
    """An invitation to each address, with its role, school, name and position, as one
    made by hand (``create_invitation``) but in a fixed number of queries; the letters
    leave from the task worker once the transaction commits."""
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                network=network,
                role=newcomer.role,
                email=newcomer.email.strip().lower(),
                full_name=newcomer.full_name,
                position=newcomer.position,
                school=newcomer.school,
                created_by=by,
                max_uses=1,
            )
            for newcomer in newcomers
        ]
    )
    ids = [invitation.pk for invitation in invitations]
    if ids:
        transaction.on_commit(partial(tasks.send_invitations.enqueue, ids))
    return invitations


def create_invitation(
    network: Network, *, by: User, role: str, email: str = "", school: School | None = None, max_uses: int | None = None
) -> Invitation:
    invitation = Invitation.objects.create(
        network=network,
        role=role,
        email=email.strip().lower(),
        school=school,
        created_by=by,
        max_uses=1 if email else max_uses,
    )
    if email:
        transaction.on_commit(lambda: send_invitation(invitation))
    return invitation


def send_invitation(invitation: Invitation, connection: Any = None) -> None:
    # The e-mail goes out in the network's charter language: the recipient has no
    # account yet, so we cannot know theirs.
    with translation.override(invitation.network.charter_language):
        context = {
            "invitation": invitation,
            "network": invitation.network,
            "url": settings.SITE_URL + invitation.get_absolute_url(),
        }
        subject = _("Invitation to the network community «%(name)s»") % {"name": invitation.network.name}
        body = render_to_string("networks/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email], connection=connection)


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def request_to_join(network: Network, user: User, *, message: str = "") -> JoinRequest:
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(network=network, user=user, message=message)
            organisers = User.objects.filter(memberships__network=network, memberships__role__in=ORGANISING_ROLES)
            notify(
                organisers,
                notices.JOIN_REQUEST.key,
                title=network.name,
                url=reverse("networks:members", args=[network.pk]),
                actor=user,
                network_id=network.pk,
            )
            return request
    except IntegrityError:
        return JoinRequest.objects.get(network=network, user=user, status=JoinRequest.Status.PENDING)


@transaction.atomic
def decide_join_request(request: JoinRequest, *, by: User, approve: bool, role: str = Role.TEACHER) -> None:
    request = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != JoinRequest.Status.PENDING:
        return
    request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        join(request.network, request.user, role=role, invited_by=by)


@transaction.atomic
def change_role(membership: Membership, role: str) -> None:
    """Change a member's role, keeping at least one leader in the network."""
    if membership.role == Role.LEADER and role != Role.LEADER:
        leaders = Membership.objects.select_for_update().filter(network=membership.network_id, role=Role.LEADER)
        if leaders.count() <= 1:
            raise ValidationError(_("A network needs at least one leader. Make someone else leader first."))
    membership.role = role
    membership.save(update_fields=["role"])


def check_removal(membership: Membership, *, lock: bool = False) -> None:
    """Refuses to remove the network's last leader (asked before anyone confirms it)."""
    if membership.role == Role.LEADER:
        leaders = Membership.objects.filter(network=membership.network_id, role=Role.LEADER)
        if (leaders.select_for_update() if lock else leaders).count() <= 1:
            raise ValidationError(_("A network needs at least one leader. Make someone else leader first."))


@transaction.atomic
def remove_member(membership: Membership) -> None:
    check_removal(membership, lock=True)
    Group.members.through.objects.filter(group__network=membership.network_id, user=membership.user_id).delete()
    Group.objects.filter(network=membership.network_id, leader=membership.user_id).update(leader=None)
    membership.delete()
    forget([membership.user_id], network_id=membership.network_id)


@transaction.atomic
def delete_group(group: Group) -> None:
    """The group with its tasks and memberships; its notices no longer count as unread
    for anyone (the bell counts without asking what each notice is about)."""
    forget(group.members.values_list("pk", flat=True), network_id=group.network_id, group_id=group.pk)
    group.delete()


def check_assignee(group: Group, assignee: User | None) -> None:
    if assignee is not None and not group.members.filter(pk=assignee.pk).exists():
        raise ValidationError(_("A task of a group is given to one of its members."))


def tell_assignee(task: GroupTask, *, by: User) -> None:
    """The person a task is given to hears of it, in the group (they stop seeing the
    notice if they leave it)."""
    if task.assignee is not None:
        notify(
            [task.assignee],
            notices.GROUP_TASK.key,
            title=task.title,
            url=task.get_absolute_url(),
            actor=by,
            network_id=task.group.network_id,
            group_id=task.group_id,
        )


@transaction.atomic
def add_group_task(
    group: Group, *, by: User, title: str, assignee: User | None = None, due_on: datetime.date | None = None
) -> GroupTask:
    check_assignee(group, assignee)
    position = (group.tasks.aggregate(last=Max("position"))["last"] or 0) + 1
    task = GroupTask.objects.create(
        group=group, title=title.strip(), assignee=assignee, due_on=due_on, position=position
    )
    tell_assignee(task, by=by)
    return task


@transaction.atomic
def change_group_task(
    task: GroupTask, *, by: User, title: str, assignee: User | None, due_on: datetime.date | None
) -> GroupTask:
    """A new assignee is told; the same one is not told again for a new title or day."""
    given = assignee is not None and assignee.pk != task.assignee_id
    if given:
        check_assignee(task.group, assignee)
    task.title, task.assignee, task.due_on = title.strip(), assignee, due_on
    task.save(update_fields=["title", "assignee", "due_on"])
    if given:
        tell_assignee(task, by=by)
    return task


def set_group_task_done(task: GroupTask, *, done: bool) -> GroupTask:
    task.is_done = done
    task.save(update_fields=["is_done"])
    return task


@transaction.atomic
def set_group_members(group: Group, users: list[User]) -> None:
    wanted = {u.pk for u in users}
    current = set(group.members.values_list("pk", flat=True))
    group.members.remove(*(current - wanted))
    forget(current - wanted, network_id=group.network_id, group_id=group.pk)
    group.members.add(*(wanted - current))


# --- Schools asked for ---------------------------------------------------------------------

SCHOOL_REQUEST = "schools.request"  # what the deciders' notices are about


def tell_school_deciders(school_request: SchoolRequest) -> None:
    """Those who may decide hear of a new request (networks/permissions.py)."""
    notify(
        school_request_deciders(school_request.district),
        notices.SCHOOL_REQUEST.key,
        title=school_request.name,
        url=reverse("networks:school_request", args=[school_request.pk]),
        actor=school_request.requested_by,
        about=(SCHOOL_REQUEST, school_request.pk),
        excerpt=str(school_request.district),
    )


def locked_pending(school_request: SchoolRequest) -> SchoolRequest:
    """The request, locked: of two people deciding it at once, the second finds it decided."""
    locked = (
        SchoolRequest.objects.select_for_update().select_related("district", "requested_by").get(pk=school_request.pk)
    )
    if not locked.is_pending:
        raise ValidationError(_("This request has already been decided."))
    return locked


@transaction.atomic
def approve_school_request(
    school_request: SchoolRequest,
    *,
    by: User,
    school: School | None = None,
    name: str = "",
    language: str = School.Language.KAZAKH,
    shifts: int = School.Shifts.ONE,
) -> School:
    """Adds the school (``name``, or the district's school of that name written any
    other way) or takes ``school``, one the approver recognised in the district; it
    becomes the person's school unless they have chosen one since."""
    school_request = locked_pending(school_request)
    district = school_request.district
    if school is not None and school.district_id != district.pk:
        raise ValidationError(_("Choose a school of the district the person named."))
    if school is None:
        name = " ".join(name.split())
        school = names.same_named(name, district.schools.all())
        if school is None:
            school, _created = School.objects.get_or_create(
                district=district, name=name, defaults={"language": language, "shifts": shifts}
            )
    school_request.status = SchoolRequest.Status.APPROVED
    school_request.school = school
    school_request.decided_by = by
    school_request.decided_at = timezone.now()
    school_request.save(update_fields=["status", "school", "decided_by", "decided_at"])
    person = school_request.requested_by
    if person.school_id is None:
        person.school = school
        person.save(update_fields=["school"])
    notify([person], notices.SCHOOL_ADDED.key, title=school.name, url=reverse("accounts:profile"), actor=by)
    settle(SCHOOL_REQUEST, school_request.pk)
    return school


@transaction.atomic
def decline_school_request(school_request: SchoolRequest, *, by: User, reason: str) -> SchoolRequest:
    school_request = locked_pending(school_request)
    school_request.status = SchoolRequest.Status.DECLINED
    school_request.reason = reason.strip()[:500]
    school_request.decided_by = by
    school_request.decided_at = timezone.now()
    school_request.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    notify(
        [school_request.requested_by],
        notices.SCHOOL_DECLINED.key,
        title=school_request.name,
        url=reverse("accounts:profile"),
        actor=by,
        excerpt=school_request.reason,
    )
    settle(SCHOOL_REQUEST, school_request.pk)
    return school_request
