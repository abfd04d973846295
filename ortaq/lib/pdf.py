"""A one-page PDF built by hand: the demo's library files and the tests' uploads are
real PDFs without a PDF library."""

from __future__ import annotations

import io
import zlib


def _pdf_text(text: str) -> str:
    """A string for a PDF content stream in the standard Helvetica font (Latin-1 only:
    the page carries the file's Latin caption; the Kazakh title is in the metadata)."""
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf_unicode(text: str) -> str:
    """A UTF-16 text string for the document information dictionary (the title a
    PDF viewer shows), so a Kazakh title survives."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def tiny_pdf(title: str, lines: list[str] | None = None) -> bytes:
    """A one-page PDF with a correct cross-reference table, built by hand."""
    body = ["BT", "/F1 18 Tf", "56 780 Td", f"({_pdf_text('Ortaq - demo material')}) Tj", "/F1 11 Tf"]
    for line in lines or []:
        body += ["0 -18 Td", f"({_pdf_text(line)}) Tj"]
    body.append("ET")
    stream = zlib.compress("\n".join(body).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title {_pdf_unicode(title)} /Producer (Ortaq) >>".encode("ascii"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + content + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()
