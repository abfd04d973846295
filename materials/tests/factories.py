"""Small files and a quick way to publish, for the library's tests."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from materials import actions
from materials.models import Material
from ortaq.lib.pdf import tiny_pdf
from ortaq.testing import Cast

PDF = tiny_pdf("Квадрат теңдеулерді шешу", ["Lesson plan"])
# The start of an MP4 (ftyp box) and then bytes whose values are their positions, so a
# range's content is easy to check.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 8


def png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_file(name: str = "сабақ жоспары.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def publish(cast: Cast, *, by: User | None = None, files: list[Any] | None = None, **fields: Any) -> Material:
    """A material of the cast's network, published through the real workflow."""
    raw = [pdf_file()] if files is None else files
    defaults: dict[str, Any] = {"title": "Квадрат теңдеулерді шешу", "kind": Material.Kind.LESSON_PLAN}
    lists = {
        key: fields.pop(key) for key in ("grades", "objective_codes", "tags", "coauthors", "link") if key in fields
    }
    return actions.publish_material(
        cast.network, by=by or cast.teacher, files=actions.validate_files(raw), **lists, **(defaults | fields)
    )


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())
