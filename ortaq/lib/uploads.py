"""Uploaded files: what they really are, whether they may be kept, and how they are
served back.

The type is read from the file's first bytes (``filetype``), never from its name or
the browser's claim, so a renamed program stays refused. Each family of types has
its own size limit, set in settings (``ORTAQ_UPLOAD_LIMITS``). Files are served
through views that check permissions first, and then ``serve_file``: from the local
disk it streams the file and answers HTTP range requests, so a phone can seek without
downloading the whole lesson; from S3-compatible storage it redirects to a short-lived
signed URL, and the object store answers the ranges itself.
"""

from __future__ import annotations

import io
import mimetypes
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

IMAGE = "image"
DOCUMENT = "document"
VIDEO = "video"
AUDIO = "audio"
TABLE = "table"  # CSV: plain text, so only a field that asks for it takes it (an import)
CSV_MIME = "text/csv"

# MIME type → (family, extension). Office files are recognised inside their zip.
ACCEPTED: dict[str, tuple[str, str]] = {
    "image/jpeg": (IMAGE, "jpg"),
    "image/png": (IMAGE, "png"),
    "image/gif": (IMAGE, "gif"),
    "image/webp": (IMAGE, "webp"),
    "application/pdf": (DOCUMENT, "pdf"),
    "application/msword": (DOCUMENT, "doc"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (DOCUMENT, "docx"),
    "application/vnd.ms-excel": (DOCUMENT, "xls"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (DOCUMENT, "xlsx"),
    "application/vnd.ms-powerpoint": (DOCUMENT, "ppt"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (DOCUMENT, "pptx"),
    "application/vnd.oasis.opendocument.text": (DOCUMENT, "odt"),
    "application/vnd.oasis.opendocument.spreadsheet": (DOCUMENT, "ods"),
    "application/vnd.oasis.opendocument.presentation": (DOCUMENT, "odp"),
    "application/rtf": (DOCUMENT, "rtf"),
    "video/mp4": (VIDEO, "mp4"),
    "video/webm": (VIDEO, "webm"),
    "video/quicktime": (VIDEO, "mov"),
    "audio/mpeg": (AUDIO, "mp3"),
    "audio/mp4": (AUDIO, "m4a"),
    "audio/ogg": (AUDIO, "ogg"),
    "audio/x-wav": (AUDIO, "wav"),
    CSV_MIME: (TABLE, "csv"),
}
FAMILY_LABELS = {IMAGE: "JPEG, PNG, GIF, WebP", DOCUMENT: "PDF, Word, Excel, PowerPoint, OpenDocument",
                 VIDEO: "MP4, WebM, MOV", AUDIO: "MP3, M4A, OGG, WAV", TABLE: "CSV"}  # fmt: skip


@dataclass(frozen=True)
class Detected:
    mime: str
    family: str
    extension: str
    size: int


def limit_for(family: str) -> int:
    return int(settings.ORTAQ_UPLOAD_LIMITS[family])


def detect(upload: UploadedFile | IO[bytes], families: Iterable[str]) -> Detected:
    """Checks an upload and tells what it is, or raises a translated ValidationError.
    Nothing is written anywhere: callers save only after this passes."""
    families = set(families)
    head = upload.read(8192)
    upload.seek(0)
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = filetype.guess(head)
    mime = kind.mime if kind else (CSV_MIME if TABLE in families and is_text(head) else "")
    accepted = ACCEPTED.get(mime)
    if accepted is None or accepted[0] not in families:
        allowed = "; ".join(FAMILY_LABELS[f] for f in sorted(families))
        raise ValidationError(
            _("This kind of file cannot be uploaded here. Allowed: %(allowed)s.") % {"allowed": allowed},
            code="type",
        )
    family, extension = accepted
    if size > limit_for(family):
        raise ValidationError(
            _("The file is too large (%(size)s). The limit for this kind of file is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit_for(family))},
            code="size",
        )
    if family == IMAGE:
        check_image(upload)
    return Detected(mime=mime, family=family, extension=extension, size=size)


# Bytes no text file holds (tabs and line ends aside): a program, an image, a renamed
# binary of any kind has them in its first kilobytes.
_BINARY = frozenset([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def is_text(head: bytes) -> bool:
    """Whether a file's first bytes are text — UTF-8 or a single-byte encoding, or
    UTF-16 after its byte-order mark (Excel's «Unicode text»): what a CSV is
    recognised by, having no signature of its own. What it says is read (and refused,
    row by row) by whoever asked for a table."""
    return head.startswith(UTF16_BOMS) or _BINARY.isdisjoint(head)


@dataclass(frozen=True)
class Accepts:
    """What one file field of a form takes: families of types (optionally only some of
    their types) and, where it is smaller than the families' own, a size limit named by
    a setting. The same rule checks a file on the server (``check``) and tells the
    browser what to offer and how large a file may be (``accept``, ``max_bytes``)."""

    families: frozenset[str]
    types: frozenset[str] = frozenset()
    limit_setting: str = ""

    def allowed(self) -> list[tuple[str, str]]:
        """(MIME type, extension) of every type taken here."""
        return [
            (mime, extension)
            for mime, (family, extension) in ACCEPTED.items()
            if family in self.families and (not self.types or mime in self.types)
        ]

    def max_bytes(self) -> int:
        if self.limit_setting:
            return int(getattr(settings, self.limit_setting))
        return max(limit_for(family) for family in self.families)

    def accept(self) -> str:
        """The ``accept`` attribute of a file input: a phone's picker offers these only."""
        allowed = self.allowed()
        return ",".join([mime for mime, _ext in allowed] + [f".{ext}" for _mime, ext in allowed])

    def refused_type(self) -> ValidationError:
        allowed = ", ".join(sorted({ext.upper() for _mime, ext in self.allowed()}))
        return ValidationError(
            _("This kind of file cannot be uploaded here. Allowed: %(allowed)s.") % {"allowed": allowed}, code="type"
        )

    def check(self, upload: UploadedFile | IO[bytes]) -> Detected:
        """``detect`` narrowed to this field's types and limit; raises a translated
        ValidationError."""
        try:
            detected = detect(upload, self.families)
        except ValidationError as error:
            if error.code != "type" or not self.types:
                raise
            raise self.refused_type() from error
        if self.types and detected.mime not in self.types:
            raise self.refused_type()
        if detected.size > self.max_bytes():
            raise ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s.")
                % {"size": filesizeformat(detected.size), "limit": filesizeformat(self.max_bytes())},
                code="size",
            )
        return detected


def check_image(upload: Any) -> tuple[int, int]:
    """The one gate of every image path (forum, library, events, certificates): reads
    the header only, and refuses an image whose pixels exceed the budget
    (``ORTAQ_IMAGE_MAX_PIXELS``) before anything decodes it — a 481 KB PNG can declare
    13,000 × 13,000 pixels and take gigabytes to decode — and a damaged one."""
    from PIL import Image

    too_large = ValidationError(
        _("The image is too large: more than %(limit)s megapixels.")
        % {"limit": settings.ORTAQ_IMAGE_MAX_PIXELS // 1_000_000},
        code="pixels",
    )
    try:
        with warnings.catch_warnings():
            # Pillow's own alarm (it warns past 89 megapixels, refuses past 179): ours is lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > settings.ORTAQ_IMAGE_MAX_PIXELS:
                    raise too_large
                image.verify()  # the chunks and their checksums, without decoding the pixels
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise too_large from error
    except Exception as error:  # Pillow raises many kinds for a broken image
        raise ValidationError(_("The image is damaged and cannot be opened."), code="image") from error
    finally:
        upload.seek(0)
    return width, height


def thumbnail(upload: Any, *, width: int = 480) -> ContentFile:
    """A small JPEG preview of an image (for lists and phones on weak connections). The
    image passed check_image; a JPEG is decoded at a reduced scale (``draft``), so a
    big photo costs a fraction of its full size in memory."""
    from PIL import Image, ImageOps

    check_image(upload)
    upload.seek(0)
    with Image.open(upload) as image:
        image.draft("RGB", (width, width * 3))
        image = ImageOps.exif_transpose(image)
        image.thumbnail((width, width * 3))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name="thumbnail.jpg")


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def serve_file(
    request: HttpRequest,
    file: FieldFile,
    *,
    filename: str,
    content_type: str | None = None,
    as_attachment: bool = False,
) -> HttpResponse:
    """A stored file as an HTTP response, after the caller has checked permissions:
    the one place that knows where files live. Every file view ends here.

    On S3-compatible storage the answer is a 302 to a signed URL that lives a few
    minutes (longer for video and audio, which a player keeps seeking in) and makes the
    object store send the file under its name and type; the bucket itself stays
    private, so the URL is useless without this view's permission check. Anywhere else
    the file is streamed from the storage, with single byte ranges answered by 206."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(as_attachment, filename)
    url = signed_url(file, content_type=content_type, disposition=disposition)
    if url is None:
        return stream(request, file, content_type=content_type, disposition=disposition)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"  # the URL expires; ask this view again
    response["X-Content-Type-Options"] = "nosniff"
    return response


def is_object_storage(storage: Storage) -> bool:
    """S3Storage, without importing boto3 where it was never loaded."""
    module = sys.modules.get("storages.backends.s3")
    return module is not None and isinstance(storage, module.S3Storage)


def signed_url(file: FieldFile, *, content_type: str, disposition: str | None) -> str | None:
    """A presigned GET URL for a file on S3-compatible storage, or None for storages
    that cannot sign (the local disk)."""
    storage = file.storage
    if not is_object_storage(storage):
        return None
    seconds = settings.ORTAQ_SIGNED_URL_SECONDS
    if content_type.startswith(("video/", "audio/")):
        seconds = max(seconds, settings.ORTAQ_SIGNED_MEDIA_URL_SECONDS)
    params = {"Bucket": storage.bucket_name, "Key": storage._normalize_name(file.name)}  # type: ignore[attr-defined]
    params["ResponseContentType"] = content_type
    if disposition:
        params["ResponseContentDisposition"] = disposition
    return _signing_client(storage).generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)


def _signing_client(storage: Any) -> Any:
    """The client that signs URLs for browsers. With ``S3_CUSTOM_DOMAIN`` the URLs name
    the address browsers use (say a proxy in front of MinIO that passes the Host header
    on), which can differ from the address the app servers reach the store by; the
    signature covers the host, so it is made for the public one. (django-storages' own
    ``custom_domain`` would give unsigned URLs, which a private bucket refuses.)"""
    public = getattr(settings, "ORTAQ_S3_PUBLIC_URL", "")
    if not public:
        return storage.connection.meta.client
    clients = storage.__dict__.setdefault("_ortaq_signing_clients", {})
    if public not in clients:
        clients[public] = storage._create_session().client(
            "s3", endpoint_url=public, region_name=storage.region_name, config=storage.client_config
        )
    return clients[public]


def stream(request: HttpRequest, file: FieldFile, *, content_type: str, disposition: str | None) -> HttpResponse:
    """The file through this process; single byte ranges are answered with 206 so
    video and audio can seek."""
    size = file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match and size:
        start_text, end_text = match.groups()
        if start_text:
            start = int(start_text)
            end = min(int(end_text), size - 1) if end_text else size - 1
        elif end_text:  # the last N bytes
            start, end = max(size - int(end_text), 0), size - 1
        else:
            start, end = 0, size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _headers(response, disposition)
        handle = file.open("rb")
        handle.seek(start)
        response = StreamingHttpResponse(_read(handle, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
        return _headers(response, disposition)
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Length"] = str(size)
    return _headers(response, disposition)


def _headers(response: HttpResponse, disposition: str | None) -> HttpResponse:
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    if disposition:
        response["Content-Disposition"] = disposition
    # A stored file is never a page: even an HTML file someone slipped in cannot run.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    return response


def _read(handle: IO[bytes], length: int) -> Iterator[bytes]:
    try:
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()
