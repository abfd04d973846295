"""A network's export as an HTTP answer: the same file from the export page and from
``/api/v1/networks/{id}/export.*``, in the language the request is read in."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from exchange import files
from exchange.tables import network_tables
from networks.models import Network


@dataclass(frozen=True)
class Format:
    key: str
    label: str | Promise
    suffix: str
    media_type: str


XLSX = Format(
    "xlsx",
    _("Excel workbook (XLSX): one sheet per table"),
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
CSV = Format("csv", _("CSV files in a ZIP archive: one file per table"), ".csv.zip", "application/zip")
JSON = Format("json", _("JSON: for other systems"), ".json", "application/json")
FORMATS = {f.key: f for f in (XLSX, CSV, JSON)}

# A workbook larger than this is kept on disk while it is written, not in memory.
SPOOL_BYTES = 4 * 1024 * 1024
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name_part(text: str) -> str:
    """A text as a part of a file's name on any system."""
    return " ".join(UNSAFE_IN_NAMES.sub(" ", text).split()) or "ortaq"


def file_name(network: Network, fmt: Format) -> str:
    return f"{file_name_part(network.name)} {timezone.localdate():%d.%m.%Y}{fmt.suffix}"


def spoken(language: str, pieces: Iterator[bytes]) -> Iterator[bytes]:
    """Each piece made in ``language``: a streamed answer is produced after the view
    has returned, outside the request's own language."""
    while True:
        with translation.override(language):
            piece = next(pieces, None)
        if piece is None:
            return
        yield piece


def export_response(network: Network, reader: User, fmt: Format) -> HttpResponseBase:
    """The network's records as ``fmt``, in the active language, for a person who may
    export them (exchange.permissions)."""
    language = translation.get_language() or "kk"
    tables = network_tables(network, reader)
    disposition = content_disposition_header(True, file_name(network, fmt))
    response: HttpResponseBase
    if fmt is XLSX:
        # Written whole before it is sent (a ZIP's directory comes last), into a file
        # that spills to disk past SPOOL_BYTES.
        out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
        files.write_xlsx(tables, out, title=network.name)
        out.seek(0)
        response = FileResponse(out, content_type=fmt.media_type)
    elif fmt is CSV:
        response = StreamingHttpResponse(spoken(language, files.csv_zip(tables)), content_type=fmt.media_type)
    else:
        head = {
            "network": {"id": network.pk, "name": network.name},
            "exported_at": timezone.localtime().isoformat(timespec="seconds"),
            "language": language,
        }
        pieces = spoken(language, files.json_document(tables, head))
        response = StreamingHttpResponse(pieces, content_type=f"{fmt.media_type}; charset=utf-8")
    response["Content-Disposition"] = disposition
    # Personal records: no shared cache keeps them.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
