"""Workflows of the library that touch several records. Views call these verbs; each
runs in one transaction, so a failure leaves nothing half-done, and tells the rest
of the site (``signals.content_changed``) in it, so that what a receiver writes
(the search index's note of the change) commits with the change or not at all.

Files are the part a database transaction cannot undo: every upload is checked
(``validate_files``) before anything is written, and the files written by a
workflow that then fails are deleted again (``storing``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import submissions
from accounts.models import User
from accounts.submissions import Submission
from materials.models import (
    EDITABLE_FIELDS,
    Authorship,
    Collection,
    CollectionItem,
    Comment,
    LearningObjective,
    Material,
    MaterialFile,
    MaterialVersion,
    Tag,
    UsefulMark,
)
from materials.signals import content_changed
from networks.models import Network
from ortaq.lib import editing, uploads

logger = logging.getLogger(__name__)

MAX_FILES_PER_VERSION = 20
FAMILIES = (uploads.DOCUMENT, uploads.IMAGE, uploads.VIDEO, uploads.AUDIO)


# --- Uploads -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A file that passed the checks: what it really is, and the name to give it back under."""

    content: IO[bytes]
    name: str
    detected: uploads.Detected


def download_name(original: str, extension: str) -> str:
    """The person's file name with the extension of what the file really is: a PNG
    uploaded as «жоспар.pdf» goes back as «жоспар.png», so the browser and the
    Content-Type agree."""
    stem = PurePath(original.replace("\\", "/")).name.rsplit(".", 1)[0].strip() or _("file")
    return f"{stem[:200]}.{extension}"


def validate_files(files: Iterable[Any]) -> list[Upload]:
    """Checks every file by its content and size before any is stored; raises one
    ValidationError naming each refused file, so the person fixes them all at once."""
    files = [f for f in files if f]
    if len(files) > MAX_FILES_PER_VERSION:
        raise ValidationError(
            _("Attach at most %(count)d files to one version.") % {"count": MAX_FILES_PER_VERSION}, code="too_many"
        )
    checked: list[Upload] = []
    errors: list[ValidationError] = []
    for file in files:
        name = getattr(file, "name", "") or _("file")
        try:
            detected = uploads.detect(file, FAMILIES)
        except ValidationError as error:
            errors.extend(
                ValidationError(
                    _("«%(name)s»: %(error)s") % {"name": PurePath(name).name, "error": message}, code=error.code
                )
                for message in error.messages
            )
        else:
            checked.append(Upload(file, download_name(name, detected.extension), detected))
    if errors:
        raise ValidationError(errors)
    return checked


@contextlib.contextmanager
def storing() -> Iterator[list[FieldFile]]:
    """Collects the files a workflow writes and deletes them if it fails: the rows
    roll back with the transaction, the files must go with them."""
    written: list[FieldFile] = []
    try:
        yield written
    except BaseException:
        for field_file in written:
            try:
                field_file.storage.delete(field_file.name)
            except OSError:
                logger.exception("Could not remove %s after a failed upload", field_file.name)
        raise


def _store_version(
    material: Material, *, by: User, files: Sequence[Upload], link: str, note: str, written: list[FieldFile]
) -> MaterialVersion:
    if not files and not link:
        raise ValidationError(_("Attach at least one file, or give a link."), code="empty")
    number = (material.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = MaterialVersion.objects.create(material=material, number=number, note=note, link=link, created_by=by)
    for position, upload in enumerate(files):
        stored = MaterialFile(
            version=version,
            name=upload.name,
            mime=upload.detected.mime,
            family=upload.detected.family,
            size=upload.detected.size,
            position=position,
        )
        upload.content.seek(0)
        stored.file.save(upload.name, upload.content, save=False)
        written.append(stored.file)
        if upload.detected.family == uploads.IMAGE:
            try:
                preview = uploads.thumbnail(upload.content)
            except Exception:  # a preview is a nicety: an image Pillow verified but cannot shrink goes without
                logger.warning("No thumbnail for %s", upload.name, exc_info=True)
            else:
                stored.thumbnail.save("thumbnail.jpg", preview, save=False)
                written.append(stored.thumbnail)
        stored.save()
    material.current_version = version
    material.save(update_fields=["current_version", "updated_at"])
    return version


# --- Materials -----------------------------------------------------------------------------


def announce(material: Material) -> None:
    """Tells the rest of the site, at the end of the change's transaction."""
    content_changed.send(sender=Material, instance=material)


def _set_authors(material: Material, authors: Sequence[User]) -> None:
    """The given people, in order and once each; the uploader stays first."""
    wanted = list(dict.fromkeys(authors))
    material.authorships.exclude(user__in=wanted).delete()
    existing = {a.user_id: a for a in material.authorships.all()}
    for position, user in enumerate(wanted):
        authorship = existing.get(user.pk)
        if authorship is None:
            Authorship.objects.create(material=material, user=user, position=position)
        elif authorship.position != position:
            authorship.position = position
            authorship.save(update_fields=["position"])


def _set_objectives(material: Material, codes: Sequence[str]) -> None:
    """The codes in the order typed (rows are read back by id): a changed list is
    written again whole — a handful of short rows."""
    wanted = list(dict.fromkeys(codes))
    if list(material.objectives.values_list("code", flat=True)) == wanted:
        return
    material.objectives.all().delete()
    LearningObjective.objects.bulk_create([LearningObjective(material=material, code=code) for code in wanted])


def _set_tags(material: Material, names: Sequence[str]) -> None:
    names = list(dict.fromkeys(names))
    # ignore_conflicts: two people tagging «инклюзия» at once must not fail.
    Tag.objects.bulk_create([Tag(name=name) for name in names], ignore_conflicts=True)
    material.tags.set(Tag.objects.filter(name__in=names))


def publish_material(
    network: Network,
    *,
    by: User,
    files: Sequence[Upload] = (),
    link: str = "",
    note: str = "",
    coauthors: Sequence[User] = (),
    grades: Iterable[int] = (),
    objective_codes: Sequence[str] = (),
    tags: Sequence[str] = (),
    submission: Submission | None = None,
    **fields: Any,
) -> Material:
    """A new material with its first version. ``fields`` are Material's own fields
    (title, description, kind, subject, language, visibility, group, licence,
    school); the publisher is the first author. ``submission``: the form's one-time
    key; if it made a material already, ``AlreadySubmitted`` is raised and nothing
    (no file either) is kept."""
    with storing() as written, transaction.atomic():
        material = Material(network=network, created_by=by, **fields)
        material.grades = grades
        material.full_clean(exclude=["current_version"])
        material.save()
        _set_authors(material, [by, *coauthors])
        _set_objectives(material, objective_codes)
        _set_tags(material, tags)
        _store_version(material, by=by, files=files, link=link, note=note, written=written)
        submissions.record(submission, material.get_absolute_url())
        announce(material)
    return material


def update_material(
    material: Material,
    *,
    version: int | None = None,
    coauthors: Sequence[User] | None = None,
    grades: Iterable[int] | None = None,
    objective_codes: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> Material:
    """Saves a material whose fields were changed (by its form) and its lists.
    ``version`` is the one the form was opened at: if the material was saved since,
    ``editing.StaleEdit`` is raised and nothing changes."""
    with transaction.atomic():
        editing.claim_version(material, version)
        if grades is not None:
            material.grades = grades
        # Only what the form edits: the counters, the current version and the hidden
        # mark move on their own meanwhile, and a stale copy must not put them back.
        material.save(update_fields=[*EDITABLE_FIELDS, "grade_mask", "updated_at"])
        if coauthors is not None:
            first = material.authorships.select_related("user").first()
            lead = [first.user] if first else []
            _set_authors(material, [*lead, *coauthors])
        if objective_codes is not None:
            _set_objectives(material, objective_codes)
        if tags is not None:
            _set_tags(material, tags)
        announce(material)
    return material


def add_version(
    material: Material,
    *,
    by: User,
    files: Sequence[Upload] = (),
    link: str = "",
    note: str = "",
    submission: Submission | None = None,
) -> MaterialVersion:
    """A new current version; the old ones keep their files. ``submission``: the
    form's one-time key; if it made a version already, ``AlreadySubmitted`` is raised
    and nothing is kept."""
    with storing() as written, transaction.atomic():
        # Numbers are given under a lock on the material, so two uploads at once
        # cannot both become version 3.
        material = Material.objects.select_for_update().get(pk=material.pk)
        version = _store_version(material, by=by, files=files, link=link, note=note, written=written)
        submissions.record(submission, material.get_absolute_url())
        announce(material)
    return version


@transaction.atomic
def delete_material(material: Material) -> None:
    """Deletes the material, its versions and comments; its files leave the storage
    after the commit (see apps.py)."""
    pk = material.pk
    material.delete()
    # Django clears the id of a deleted object; receivers need to know which one went.
    material.pk = pk
    material._deleted = True  # type: ignore[attr-defined]
    announce(material)


@transaction.atomic
def hide_material(material: Material, *, by: User, hidden: bool) -> None:
    """Organisers take a material out of sight (moderation) or bring it back."""
    if hidden == material.is_hidden:
        return
    material.hidden_at = timezone.now() if hidden else None
    material.hidden_by = by if hidden else None
    material.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
    announce(material)


def mark_useful(material: Material, user: User, *, useful: bool) -> int:
    """Sets the person's «useful» mark on or off and returns the new count. Asking
    twice for the same state changes nothing: the button sends the state it wants,
    not «toggle», so a double tap on a slow phone cannot undo itself."""
    with transaction.atomic():
        if useful:
            try:
                with transaction.atomic():
                    UsefulMark.objects.create(material=material, user=user)
                changed = 1
            except IntegrityError:  # already marked
                changed = 0
        else:
            deleted, _by_model = UsefulMark.objects.filter(material=material, user=user).delete()
            changed = -1 if deleted else 0
        if changed:
            Material.objects.filter(pk=material.pk).update(useful_count=F("useful_count") + changed)
        return Material.objects.filter(pk=material.pk).values_list("useful_count", flat=True).get()


# --- Comments ------------------------------------------------------------------------------


@transaction.atomic
def comment(material: Material, *, author: User, body: str) -> Comment:
    return Comment.objects.create(material=material, author=author, body=body)


@transaction.atomic
def delete_comment(comment: Comment) -> None:
    comment.delete()


@transaction.atomic
def hide_comment(comment: Comment, *, by: User, hidden: bool) -> None:
    comment.hidden_at = timezone.now() if hidden else None
    comment.hidden_by = by if hidden else None
    comment.save(update_fields=["hidden_at", "hidden_by"])


# --- Collections ---------------------------------------------------------------------------


@transaction.atomic
def create_collection(network: Network, *, by: User, **fields: Any) -> Collection:
    collection = Collection(network=network, created_by=by, **fields)
    collection.full_clean()
    collection.save()
    return collection


@transaction.atomic
def add_to_collection(collection: Collection, material: Material, *, by: User, note: str = "") -> CollectionItem:
    """Appends the material at the end; a material already there stays where it is."""
    collection = Collection.objects.select_for_update().get(pk=collection.pk)
    item = collection.items.filter(material=material).first()
    if item is not None:
        return item
    position = (collection.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = CollectionItem.objects.create(
        collection=collection, material=material, position=position, note=note, added_by=by
    )
    collection.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def remove_from_collection(item: CollectionItem) -> None:
    item.delete()


@transaction.atomic
def move_in_collection(item: CollectionItem, *, up: bool) -> None:
    """Swaps the material with its neighbour above or below."""
    items = item.collection.items.select_for_update()
    neighbour = (
        items.filter(position__lt=item.position).order_by("-position", "-pk").first()
        if up
        else items.filter(position__gt=item.position).order_by("position", "pk").first()
    )
    if neighbour is None:
        return
    item.position, neighbour.position = neighbour.position, item.position
    CollectionItem.objects.bulk_update([item, neighbour], ["position"])
