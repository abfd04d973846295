"""Who may see and do what in the library. Every view asks here; nothing else decides.

- A material (or a collection) is read by anyone when it is public; by the people
  who see its network (members, the district's methodologists) when it is the
  network's; by the group's members when it is a group's. Its authors (a
  collection's maker) and the network's organisers — leaders and coordinators —
  always see it, hidden or not.
- Everyone else gets 404, the same answer as for a material that does not exist.
- Authors and the network's organisers edit a material, add versions and delete it.
  Other readers who try get 403.
- Organisers hide materials and comments (moderation); an author deletes their own
  comment.
- Taking part — commenting, marking «useful», adding to a collection — is for those
  who see the network and for the authors: a signed-in stranger reading a public
  material gets 403.
- Publishing into a network, and assembling collections, is for its members; the
  district's methodologists read.
Site administrators (``is_superuser``) see and do everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from materials.models import Authorship, Collection, Comment, Material, UsefulMark
from networks.audiences import Visibility, organised_networks
from networks.models import GroupMembership, Membership, visible_network_ids
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from ortaq.lib.prepared import prepared


@dataclass(frozen=True)
class MaterialAccess:
    material: Material
    is_author: bool
    is_organiser: bool
    sees_network: bool
    is_member: bool = False

    @property
    def can_edit(self) -> bool:
        return self.is_author or self.is_organiser

    @property
    def can_moderate(self) -> bool:
        return self.is_organiser

    @property
    def can_take_part(self) -> bool:
        return self.sees_network or self.is_author or self.is_organiser


REFUSED = gettext_lazy("You cannot change this material.")


def _standing(user: Any) -> dict[str, Any]:
    """The person's standing towards each row and its network, as annotations: the
    page and its permissions come in one query."""
    return {
        "_is_author": Exists(Authorship.objects.filter(material=OuterRef("pk"), user=user)),
        "_is_organiser": Exists(organised_networks(user).filter(network=OuterRef("network_id"))),
        "_is_member": Exists(Membership.objects.filter(user=user, network=OuterRef("network_id"))),
        "_in_group": Exists(GroupMembership.objects.filter(user=user, group=OuterRef("group_id"))),
        # Not a right, but asked on every page of a material: read with it.
        "_is_useful": Exists(UsefulMark.objects.filter(material=OuterRef("pk"), user=user)),
    }


@prepared
def material_with_standing(pk: int, *values: int, who: str) -> QuerySet[Material]:
    """One material, for ``who``: an anonymous visitor (public ones only), a superuser,
    or a person (their id follows) with their standing towards it."""
    materials = Material.objects.select_related("network", "subject", "school", "group", "current_version")
    if who == "anonymous":
        materials = materials.public()
    elif who == "person":
        (user_id,) = values
        materials = materials.annotate(**_standing(user_id))
    return materials.filter(pk=pk)[:1]


def get_material_access(user: Any, pk: int) -> MaterialAccess:
    """The material with the person's rights on it, or 404 if they may not see it.

    One material by its key, with the person's standing read alongside, is decided
    here by ``Material.is_readable`` — the rule of ``Material.objects.visible_to``
    for one row (tests/test_access.py checks that they agree) — instead of asking
    the database to test the whole visibility rule."""
    anonymous = not user.is_authenticated or not user.is_active
    if anonymous:
        material = material_with_standing.first(pk, who="anonymous")
    elif user.is_superuser:
        material = material_with_standing.first(pk, who="superuser")
    else:
        material = material_with_standing.first(pk, user.pk, who="person")
    if material is None:
        raise Http404(_("No such material."))
    if anonymous:
        return MaterialAccess(material, is_author=False, is_organiser=False, sees_network=False)
    if user.is_superuser:
        return MaterialAccess(material, is_author=False, is_organiser=True, sees_network=True, is_member=True)
    sees_network = material.network_id in visible_network_ids(user)
    if not material.is_readable(
        is_author=material._is_author,  # type: ignore[attr-defined]
        is_organiser=material._is_organiser,  # type: ignore[attr-defined]
        sees_network=sees_network,
        in_group=material._in_group,  # type: ignore[attr-defined]
    ):
        raise Http404(_("No such material."))
    return MaterialAccess(
        material,
        is_author=material._is_author,  # type: ignore[attr-defined]
        is_organiser=material._is_organiser,  # type: ignore[attr-defined]
        sees_network=sees_network,
        is_member=material._is_member,  # type: ignore[attr-defined]
    )


@prepared
def collections_with(material_id: int, *values: int, who: str) -> QuerySet[Collection]:
    """The collections that hold a material, for ``who``: an anonymous visitor (public
    ones), a superuser, or a person (their id follows) with their standing towards each."""
    collections = Collection.objects.filter(items__material=material_id).order_by("title")
    if who == "anonymous":
        return collections.filter(visibility=Visibility.PUBLIC)
    if who == "person":
        (user_id,) = values
        collections = collections.annotate(
            _is_organiser=Exists(organised_networks(user_id).filter(network=OuterRef("network_id"))),
            _in_group=Exists(GroupMembership.objects.filter(user=user_id, group=OuterRef("group_id"))),
        )
    return collections


def readable_collections_with(user: Any, material_id: int) -> list[Collection]:
    """The collections holding the material that the person may open: the rule of
    ``Collection.objects.visible_to``, decided per row by ``Collection.is_readable``
    (a material is in a few collections; tests/test_access.py checks that both agree)."""
    if not user.is_authenticated or not user.is_active:
        return collections_with(material_id, who="anonymous")
    if user.is_superuser:
        return collections_with(material_id, who="superuser")
    networks = visible_network_ids(user)
    return [
        collection
        for collection in collections_with(material_id, user.pk, who="person")
        if collection.is_readable(
            is_maker=collection.created_by_id == user.pk,
            is_organiser=collection._is_organiser,  # type: ignore[attr-defined]
            sees_network=collection.network_id in networks,
            in_group=collection._in_group,  # type: ignore[attr-defined]
        )
    ]


def get_material_for_user(user: Any, pk: int) -> Material:
    """The material, or 404: public materials are readable by anyone."""
    return get_material_access(user, pk).material


def can_edit(user: Any, material: Material) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        material.authorships.filter(user=user).exists()
        or organised_networks(user).filter(network=material.network_id).exists()
    )


def get_editable_material(user: Any, pk: int) -> MaterialAccess:
    access = get_material_access(user, pk)
    require(access.can_edit, REFUSED)
    return access


def get_library_access(user: Any, network_pk: int) -> Access:
    """The network whose library is asked for, or 404 for outsiders."""
    return get_network_access(user, network_pk)


def may_publish(access: Access) -> bool:
    return access.is_admin or access.is_member


def require_publisher(access: Access) -> None:
    if not may_publish(access):
        raise PermissionDenied(_("Only the network's members can add to its library."))


# --- Collections -----------------------------------------------------------------------


@dataclass(frozen=True)
class CollectionAccess:
    collection: Collection
    can_edit: bool
    is_organiser: bool = False


def get_collection_access(user: Any, pk: int) -> CollectionAccess:
    collection = Collection.objects.visible_to(user).select_related("network", "group", "created_by")
    if user.is_authenticated and not user.is_superuser:
        collection = collection.annotate(
            _is_organiser=Exists(organised_networks(user).filter(network=OuterRef("network_id")))
        )
    found = collection.filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such collection."))
    if not user.is_authenticated:
        return CollectionAccess(found, can_edit=False)
    if user.is_superuser:
        return CollectionAccess(found, can_edit=True, is_organiser=True)
    organiser = bool(found._is_organiser)  # type: ignore[attr-defined]
    return CollectionAccess(found, can_edit=organiser or found.created_by_id == user.pk, is_organiser=organiser)


def get_editable_collection(user: Any, pk: int) -> CollectionAccess:
    access = get_collection_access(user, pk)
    if not access.can_edit:
        raise PermissionDenied(_("You cannot change this collection."))
    return access


@dataclass(frozen=True)
class CommentAccess:
    """A comment with the person's standing towards its material."""

    comment: Comment
    material: MaterialAccess


def get_comment_for_user(user: User, pk: int) -> CommentAccess:
    """The comment, if the person may see its material (404 otherwise)."""
    comment = Comment.objects.select_related("author").filter(pk=pk).first()
    if comment is None:
        raise Http404(_("No such comment."))
    return CommentAccess(comment, get_material_access(user, comment.material_id))
