"""Who may see a person and their certificates.

A person's profile is visible to the people they share a network with (and to the
district methodologists overseeing one of those networks). Everyone else gets 404.
A certificate file is visible to its owner and to the leaders and coordinators of
the owner's networks, who need it for the indicators; to other members, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Certification, User
from networks.models import ORGANISING_ROLES, Membership, Network


def people_visible_to(user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    shared = Membership.objects.filter(user=OuterRef("pk"), network__in=Network.objects.visible_to(user))
    return User.objects.filter(is_active=True).filter(Exists(shared))


def get_person_for_user(user: User, pk: int) -> User:
    if user.is_authenticated and user.pk == pk:
        return user
    person = people_visible_to(user).filter(pk=pk).select_related("school__district").first()
    if person is None:
        raise Http404(_("No such person."))
    return person


def get_certification_for_owner(user: User, pk: int) -> Certification:
    certification = Certification.objects.filter(pk=pk, user=user).first()
    if certification is None:
        raise Http404(_("No such certification."))
    return certification


def get_certificate_file_for_user(user: User, pk: int) -> Certification:
    certification = Certification.objects.filter(pk=pk).exclude(file="").select_related("user").first()
    if certification is None:
        raise Http404(_("No such certification."))
    if certification.user_id == user.pk or user.is_superuser:
        return certification
    owner = get_person_for_user(user, certification.user_id)  # 404 for outsiders
    organises = Membership.objects.filter(
        user=user, role__in=ORGANISING_ROLES, network__memberships__user=owner
    ).exists()
    if not organises:
        raise PermissionDenied(_("Only the network's leaders and coordinators can open certificates."))
    return certification
