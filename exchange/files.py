"""The tables of exchange/tables.py written as an XLSX workbook, as CSV files in a ZIP,
or as JSON, and the one rule that keeps a spreadsheet from running what people typed.

A text that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or a carriage return, or
their full-width forms) is what a spreadsheet takes for a formula: a member named
``=HYPERLINK("http://…")`` must not become a link, nor ``=cmd|…`` a command, in the
leader's Excel. So every such text is *neutralised*:

- in the workbook it is written as a text cell (never a formula: openpyxl would
  write ``=…`` as one) carrying Excel's own «quote prefix», the mark a typed
  apostrophe leaves: the cell shows exactly what was typed and stays text when
  edited;
- in a CSV, which has no types, an apostrophe is put before it (OWASP's advice),
  as nothing else stops Excel reading the cell as a formula.

JSON is data for programs, not a spreadsheet: it carries the texts as they are.

The workbook is written by openpyxl's write-only mode, which keeps the rows of each
sheet in a temporary file rather than in memory; the CSV archive and the JSON are
produced piece by piece as the response is sent.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exchange.tables import DATE, FLAG, Column, Row, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
DATE_FORMAT = "DD.MM.YYYY"
# Excel in Kazakh and Russian settings writes decimals with a comma and so separates
# a CSV's fields with a semicolon: with «;» a double-click opens the columns apart.
CSV_DELIMITER = ";"
# Rows gathered before a piece of a streamed answer is handed on.
ROWS_PER_PIECE = 500


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    return f"'{text}" if is_formula_like(text) else text


def heading(column: Column) -> str:
    return str(capfirst(str(column.title)))


def flag(value: bool) -> str:
    return _("yes") if value else _("no")


# --- XLSX ---------------------------------------------------------------------------------------------

SHEET_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})


def sheet_title(title: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    return title.translate(SHEET_FORBIDDEN).strip()[:31] or "—"


def write_xlsx(tables: Iterable[Table], out: IO[bytes], *, title: str) -> None:
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = "Ortaq"
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(str(table.title)))
        sheet.freeze_panes = "A2"  # the header row stays in view
        for index, column in enumerate(table.columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.append([header_cell(sheet, column) for column in table.columns])
        for row in table.rows():
            sheet.append([xlsx_cell(sheet, column, value) for column, value in zip(table.columns, row, strict=True)])
    workbook.save(out)


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def header_cell(sheet: WriteOnlyWorksheet, column: Column) -> Any:
    cell = text_cell(sheet, heading(column), styled=True)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
    return cell


def text_cell(sheet: WriteOnlyWorksheet, text: str, *, styled: bool = False) -> Any:
    """A text as it is (the cheapest cell), or a cell of its own when it is styled or
    looks like a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters a pasted text may carry
    risky = is_formula_like(text)
    if not (risky or styled):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    if risky:
        cell.data_type = "s"  # a text, whatever openpyxl guessed from the «=»
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet: WriteOnlyWorksheet, column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == DATE:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if column.kind == FLAG:
        return flag(bool(value))
    if isinstance(value, str):
        return text_cell(sheet, value)
    return value


# --- CSV in a ZIP -----------------------------------------------------------------------------------


class Pipe(io.RawIOBase):
    """Where the archive writes; what it wrote is taken out as the answer goes. It
    cannot seek, so zipfile writes each file's sizes after its data."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.pieces.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.pieces)
        self.pieces.clear()
        return data


def csv_value(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == DATE:
        return str(value.strftime("%d.%m.%Y"))
    if column.kind == FLAG:
        return flag(bool(value))
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV text, a piece of ROWS_PER_PIECE rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([csv_text(heading(column)) for column in table.columns])
    for count, row in enumerate(table.rows(), 1):
        writer.writerow([csv_value(column, value) for column, value in zip(table.columns, row, strict=True)])
        if count % ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_file_name(table: Table, taken: set[str]) -> str:
    name = sheet_title(str(table.title))
    while name in taken:
        name += "_"
    taken.add(name)
    return f"{name}.csv"


def csv_zip(tables: Iterable[Table]) -> Iterator[bytes]:
    """One CSV file per table in a ZIP archive, each UTF-8 with a byte-order mark (so
    that Excel reads Kazakh letters), produced while it is sent."""
    pipe = Pipe()
    taken: set[str] = set()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            with archive.open(csv_file_name(table, taken), "w") as member:
                member.write("\ufeff".encode())
                for text in csv_lines(table):
                    member.write(text.encode())
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()


# --- JSON ----------------------------------------------------------------------------------------------


def json_value(column: Column, value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if column.kind == FLAG:
        return bool(value)
    return value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_document(tables: Iterable[Table], head: dict[str, Any]) -> Iterator[bytes]:
    """``{…head, "tables": {key: {"title", "columns": {key: title}, "rows": [{key: value}]}}}``,
    written as it is sent. Keys are stable names for programs; titles and the labels
    of choices are in the reader's language; days are ISO dates."""
    opening = dumps(head)[:-1]
    yield f'{opening}{", " if head else ""}"tables": {{'.encode()
    for number, table in enumerate(tables):
        columns = {column.key: str(column.title) for column in table.columns}
        yield (
            f"{', ' if number else ''}{dumps(table.key)}: "
            f'{{"title": {dumps(str(table.title))}, "columns": {dumps(columns)}, "rows": ['
        ).encode()
        keys = [column.key for column in table.columns]
        batch: list[str] = []
        first = True
        for row in table.rows():
            batch.append(dumps(json_row(table.columns, keys, row)))
            if len(batch) == ROWS_PER_PIECE:
                yield (("" if first else ", ") + ", ".join(batch)).encode()
                batch, first = [], False
        if batch:
            yield (("" if first else ", ") + ", ".join(batch)).encode()
        yield b"]}"
    yield b"}}"


def json_row(columns: tuple[Column, ...], keys: list[str], row: Row) -> dict[str, Any]:
    return {key: json_value(column, value) for key, column, value in zip(keys, columns, row, strict=True)}
