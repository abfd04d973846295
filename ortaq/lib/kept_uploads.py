"""A form that comes back with an error keeps the files that were chosen in it.

A browser never fills a file input again: when a form with files is refused (a title
missing, one file of three refused, someone else saved first), every chosen file was
gone and nothing said so. So, on a failed POST, each file that passes its field's own
check (``uploads.Accepts``: content, size, pixels) is stored in a temporary area of the
storage (``kept-uploads/`` under MEDIA, or in the bucket), and the form shows it again:
«plan.pdf is kept» with a box to remove it, and a hidden field holding a token. The
next POST takes the file from there without sending it again.

- The token is signed (``django.core.signing``, a salt of its own) and names the stored
  file, the person's name for it and its owner. It is refused when another person
  sends it, when it is older than ``KEEP_FOR``, or when its file is gone; the form then
  says that a file must be chosen again, never uses someone else's file.
- A kept file comes back into the form as an ``UploadedFile``, so the same field checks
  it again as if it had just been sent.
- The view calls ``form.forget_kept()`` once the thing is saved; whatever a person
  abandons is deleted by ``ortaq prune_kept_uploads`` (cron, hourly; safe twice).

A form opts in by mixing ``KeepsUploads`` in before ``forms.Form``/``ModelForm``,
naming its file fields in ``keeps`` and taking ``owner=`` (the person sending it).
"""

from __future__ import annotations

import datetime
import logging
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ortaq.lib.uploads import Accepts

logger = logging.getLogger(__name__)

FOLDER = "kept-uploads"
KEEP_FOR = datetime.timedelta(days=1)
SALT = "ortaq.kept-upload"


@dataclass(frozen=True)
class Kept:
    token: str
    stored: str  # the name in the storage
    name: str  # the person's name for the file
    size: int


def keep(upload: UploadedFile, *, owner_id: int, name: str | None = None) -> Kept:
    """Stores an upload for a while and gives the token that names it."""
    name = os.path.basename((name or upload.name or "").replace("\\", "/"))[:200] or _("file")
    upload.seek(0)
    stored = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}", upload)
    upload.seek(0)
    size = int(upload.size or default_storage.size(stored))
    token = signing.dumps({"o": owner_id, "s": stored, "n": name, "b": size}, salt=SALT)
    return Kept(token, stored, name, size)


def find(token: str, *, owner_id: int) -> Kept | None:
    """The kept file a token names, if it is this person's, recent and still there."""
    try:
        data = signing.loads(token, salt=SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("o") != owner_id:
        return None
    stored = str(data.get("s", ""))
    if not stored.startswith(f"{FOLDER}/") or not default_storage.exists(stored):
        return None
    return Kept(token, stored, str(data.get("n", "")), int(data.get("b", 0)))


def reopen(kept: Kept) -> UploadedFile:
    """The kept file as the form's field receives a new upload."""
    return UploadedFile(default_storage.open(kept.stored, "rb"), name=kept.name, size=kept.size)


def discard(kept: Kept) -> None:
    try:
        default_storage.delete(kept.stored)
    except OSError:  # the cleanup deletes it later
        logger.warning("Could not delete the kept upload %s", kept.stored)


def prune(older_than: datetime.timedelta = KEEP_FOR) -> int:
    """Deletes the kept files older than ``older_than``; a second run, or one at the
    same time, finds nothing more to delete."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in names:
        stored = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(stored) < cutoff:
                default_storage.delete(stored)
                deleted += 1
        except FileNotFoundError:  # another run took it first
            continue
    return deleted


class KeptFileInput(forms.FileInput):
    """A file input followed by the files kept from the form's last sending, each with
    its hidden token and a box to remove it."""

    template_name = "_kept_file_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        self.allow_multiple_selected = multiple
        super().__init__(attrs)
        self.kept: list[Kept] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = self.kept
        return context

    def use_required_attribute(self, initial: Any) -> bool:
        return super().use_required_attribute(initial) and not self.kept


def browser_attrs(accepts: Accepts) -> dict[str, str]:
    """What static/ortaq/uploads.js reads to refuse a file too large before sending it."""
    limit = accepts.max_bytes()
    return {
        "accept": accepts.accept(),
        "data-max-bytes": str(limit),
        # %(name)s stays for the script to fill in with each file's name.
        "data-too-large": _("«%(name)s» is larger than %(limit)s: it cannot be uploaded here.")
        % {"name": "%(name)s", "limit": filesizeformat(limit)},
    }


def _getlist(mapping: Any, key: str) -> list[Any]:
    if hasattr(mapping, "getlist"):
        return list(mapping.getlist(key))
    value = mapping.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class KeepsUploads(forms.BaseForm):
    """Mix in before ``forms.Form`` or ``forms.ModelForm``; ``keeps`` names the file
    fields whose valid files outlive a failed POST, with what each accepts."""

    keeps: ClassVar[Mapping[str, Accepts]] = {}
    _errors: ErrorDict | None  # BaseForm's, which the stubs do not declare

    def __init__(self, *args: Any, owner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner_id: int = owner.pk
        self.kept_files: dict[str, list[Kept]] = {}
        self._fresh: dict[str, list[UploadedFile]] = {}
        self._names: dict[int, str] = {}  # the person's file names, before a clean method renames a file
        self._tried: set[int] = set()
        self._refused: dict[str, int] = {}
        self._opened: list[UploadedFile] = []
        self._cleaning = False
        for name, accepts in self.keeps.items():
            field = self.fields[name]
            widget = KeptFileInput(
                {**field.widget.attrs, **browser_attrs(accepts)},
                multiple=getattr(field.widget, "allow_multiple_selected", False),
            )
            field.widget = widget
            self.kept_files[name] = widget.kept
        if self.is_bound:
            self._take_kept()

    def _take_kept(self) -> None:
        files: MultiValueDict[str, Any] = MultiValueDict()
        for key in self.files:
            files.setlist(key, _getlist(self.files, key))
        for name in self.keeps:
            key = self.add_prefix(name)
            fresh = [upload for upload in files.getlist(key) if upload]
            removed = set(_getlist(self.data, f"{key}-remove"))
            kept: list[Kept] = []
            refused = 0
            for token in dict.fromkeys(_getlist(self.data, f"{key}-kept")):
                item = find(str(token), owner_id=self.owner_id)
                if token in removed:
                    if item is not None:
                        discard(item)
                elif item is None:
                    refused += 1
                else:
                    kept.append(item)
            if fresh and not self.fields[name].widget.allow_multiple_selected:
                for item in kept:  # a file chosen now takes the kept one's place
                    discard(item)
                kept = []
            self._fresh[name] = fresh
            self._names.update((id(upload), upload.name or "") for upload in fresh)
            self._refused[name] = refused
            self.kept_files[name][:] = kept
            opened = [reopen(item) for item in kept]
            self._opened.extend(opened)
            files.setlist(key, fresh + opened)
        self.files = files

    def full_clean(self) -> None:
        self._cleaning = True
        try:
            super().full_clean()
            gone = _("A file chosen before is no longer kept: please choose it again.")
            for name, refused in self._refused.items():
                if refused and hasattr(self, "cleaned_data"):
                    self.add_error(name, ValidationError(gone, code="kept_gone"))
        finally:
            self._cleaning = False
        if self.is_bound and self._errors:
            self.keep_uploads()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if not self._cleaning:  # refused after the form's own checks: by the action, or as stale
            self.keep_uploads()

    def keep_uploads(self) -> None:
        """Keeps each file sent now that passes its field's check, once; the form then
        shows it as kept. Call it when the form comes back for a reason of its own."""
        if self._errors is None:
            self.full_clean()  # the form's own checks read the files before they are closed
        for name, accepts in self.keeps.items():
            for upload in self._fresh.get(name, []):
                if id(upload) in self._tried:
                    continue
                self._tried.add(id(upload))
                upload.seek(0)  # a failed store may have left it half read
                try:
                    accepts.check(upload)
                except ValidationError:
                    continue
                finally:
                    upload.seek(0)
                try:
                    kept = keep(upload, owner_id=self.owner_id, name=self._names.get(id(upload)))
                except OSError:  # the storage is away: the form still comes back, without this file
                    logger.exception("Could not keep an upload")
                    continue
                self.kept_files[name].append(kept)
        self._close_opened()

    def forget_kept(self) -> None:
        """Deletes the kept files: the thing they were kept for is saved."""
        self._close_opened()
        for kept in self.kept_files.values():
            for item in kept:
                discard(item)
            kept.clear()

    def _close_opened(self) -> None:
        for upload in self._opened:
            upload.close()
        self._opened.clear()
