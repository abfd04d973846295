"""What the networks app keeps and must forget when the records under it change:
the networks each person sees (models.visible_network_ids, per process) and each
network's indicator counts (models.indicator_counts, in the shared cache); and who
hears of a school asked for in ``schools`` below, which cannot know who decides."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Certification, User
from networks.actions import tell_school_deciders
from networks.models import Membership, NetworkSchool, forget_indicators, forget_visible_networks
from schools.models import District, School, SchoolRequest


def networks_of_user(user_id: int) -> list[int]:
    return list(Membership.objects.filter(user=user_id).values_list("network_id", flat=True))


def network_link_changed(sender: Any, instance: Membership | NetworkSchool, **kwargs: Any) -> None:
    """A person or a school joined or left a network."""
    forget_visible_networks()
    forget_indicators([instance.network_id])


def school_changed(sender: Any, instance: School, **kwargs: Any) -> None:
    forget_visible_networks()  # its district, and so who oversees its networks
    forget_indicators(NetworkSchool.objects.filter(school=instance.pk).values_list("network_id", flat=True))


def certification_changed(sender: Any, instance: Certification, **kwargs: Any) -> None:
    forget_indicators(networks_of_user(instance.user_id))


def person_changed(sender: Any, instance: User, update_fields: Any = None, **kwargs: Any) -> None:
    # A sign-in saves last_login only; the counts read the school and is_active.
    if update_fields is not None and set(update_fields) <= {"last_login", "password", "language"}:
        return
    forget_indicators(networks_of_user(instance.pk))


def school_requested(sender: Any, instance: SchoolRequest, created: bool = False, **kwargs: Any) -> None:
    if created:
        tell_school_deciders(instance)


def connect() -> None:
    receivers = [
        (Membership, network_link_changed),
        (NetworkSchool, network_link_changed),
        (School, school_changed),
        (Certification, certification_changed),
    ]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"networks-{model.__name__}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"networks-{model.__name__}-deleted")
    post_save.connect(person_changed, sender=User, dispatch_uid="networks-person-saved")
    post_save.connect(school_requested, sender=SchoolRequest, dispatch_uid="networks-school-requested")
    m2m_changed.connect(
        forget_visible_networks, sender=District.methodologists.through, dispatch_uid="networks-methodologists"
    )
