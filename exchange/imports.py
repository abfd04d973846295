"""Schools and people in from a file: reading it, checking every row, and the template.

1. ``read(upload)`` gives the file's sheets: an XLSX workbook (openpyxl, read-only,
   visible sheets) or one CSV table (UTF-8, UTF-16 or Windows-1251; «;», «,» or tab).
   A sheet is known by its headings, in any of the site's languages (the template's,
   or typed by hand), so a Russian template works for a Kazakh reader; columns it does
   not know are left alone.
2. ``check(sheets, access)`` gives a ``Plan``: every row with what will happen to it,
   or everything wrong with it, in the reader's language — nothing is written. It
   reads a fixed number of queries however many rows there are.
3. ``exchange.actions.import_plan`` writes a plan without problems, all or nothing.

A cell that holds a formula is read as the text of its formula, never as its result
or as something to run: a school named ``=HYPERLINK(…)`` is stored with that name,
and the export neutralises it again (exchange/files.py). The row is marked, so the
person sees it before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.enums import Choices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import User, normalize_email
from networks.actions import Newcomer
from networks.models import Invitation, Membership, NetworkSchool, Role
from networks.permissions import Access
from schools.models import District, Region, School

SCHOOLS, PEOPLE = "schools", "people"
# Rows a sheet may have (2 MB of CSV hold about as many): a district's list fits.
MAX_ROWS = 5000
# Columns read: the template has seven; people add a few of their own («№», notes).
MAX_COLUMNS = 40
# Empty rows after which a sheet is taken to have ended: a sheet formatted down to
# its millionth row has nothing there.
EMPTY_RUN_ENDS = 500


@dataclass(frozen=True)
class Field:
    key: str
    title: str | Promise
    required: bool = False
    max_length: int = 255
    width: int = 24


SCHOOL_FIELDS = (
    Field("name", gettext_lazy("school"), True, 255, 36),
    Field("region", gettext_lazy("region"), True, 120, 24),
    Field("district", gettext_lazy("district or city"), True, 120, 24),
    Field("district_kind", gettext_lazy("district or city?"), width=16),
    Field("language", gettext_lazy("language of instruction"), width=20),
    Field("shifts", gettext_lazy("shifts"), width=10),
    Field("leading", gettext_lazy("leading school"), width=14),
)
PEOPLE_FIELDS = (
    Field("full_name", gettext_lazy("full name"), True, 200, 32),
    Field("email", gettext_lazy("e-mail address"), True, 254, 30),
    Field("school", gettext_lazy("school"), False, 255, 36),
    Field("role", gettext_lazy("role"), width=26),
    Field("position", gettext_lazy("position"), width=22),
)
FIELDS = {SCHOOLS: SCHOOL_FIELDS, PEOPLE: PEOPLE_FIELDS}
SHEET_TITLES = {SCHOOLS: gettext_lazy("Schools"), PEOPLE: gettext_lazy("People")}
LISTS_TITLE = gettext_lazy("Lists")
LANGUAGES = ("kk", "ru", "en")


def words(text: str) -> str:
    """A heading or a value as it is compared: case, spaces and the marks of the
    template's required columns set aside."""
    return " ".join(str(text).replace("*", " ").split()).casefold()


def in_every_language(text: str | Promise) -> set[str]:
    found = set()
    for language in LANGUAGES:
        with translation.override(language):
            found.add(words(str(text)))
    return found


def choice_words(choices: type[Choices]) -> dict[str, Any]:
    """Every way a choice may be written: its value and its label in each language."""
    known: dict[str, Any] = {}
    for value, label in choices.choices:
        known[words(str(value))] = value
        for text in in_every_language(label):
            known.setdefault(text, value)
    return known


YES = {"иә", "ия", "да", "yes", "y", "1", "+", "x", "х", "✓", "true"}
NO = {"жоқ", "нет", "no", "n", "0", "-", "false", ""}


# --- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    formula: bool = False


@dataclass
class Sheet:
    kind: str
    name: str
    columns: dict[str, int]  # field key → position
    rows: list[tuple[int, list[Cell]]]  # (row number as the spreadsheet shows it, cells)

    def value(self, cells: list[Cell], key: str) -> Cell:
        position = self.columns.get(key)
        return cells[position] if position is not None and position < len(cells) else Cell("")


class Unreadable(Exception):
    """The file as a whole cannot be imported; the messages say why."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def xlsx_rows(upload: IO[bytes]) -> Iterator[tuple[str, Iterator[tuple[int, list[Cell]]]]]:
    try:
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except Exception as error:  # openpyxl and zipfile raise many kinds for a damaged file
        raise Unreadable(_("The file cannot be read as a workbook: save it again as XLSX or CSV.")) from error
    try:
        for worksheet in workbook.worksheets:
            if getattr(worksheet, "sheet_state", "visible") != "visible":
                continue  # the template's lists, and whatever a person hid
            yield worksheet.title, xlsx_sheet(worksheet)
    finally:
        workbook.close()


def xlsx_sheet(worksheet: Any) -> Iterator[tuple[int, list[Cell]]]:
    for number, row in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), 1):
        cells = [Cell(text_of(cell.value), cell.data_type == "f") for cell in row]
        number = next((cell.row for cell in row if getattr(cell, "row", None)), number)
        yield number, cells


def decoded(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's «CSV» on a Russian Windows: Cyrillic, though without Kazakh letters.
        return raw.decode("cp1251", errors="replace")


class Semicolons(csv.excel):
    delimiter = ";"


def csv_rows(upload: IO[bytes], name: str) -> Iterator[tuple[str, Iterator[tuple[int, list[Cell]]]]]:
    text = decoded(upload.read())
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = Semicolons
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = [(number, [Cell(text_of(value)) for value in row[:MAX_COLUMNS]]) for number, row in enumerate(reader, 1)]
    except csv.Error as error:
        raise Unreadable(_("The file cannot be read as a CSV table: save it again as XLSX or CSV.")) from error
    yield name, iter(rows)


def sheet_kind(headings: list[str]) -> str | None:
    known: dict[str, set[str]] = {key: set() for key in FIELDS}
    for kind, fields in FIELDS.items():
        for item in fields:
            if in_every_language(item.title) & set(headings) or item.key in headings:
                known[kind].add(item.key)
    if known[PEOPLE] & {"full_name", "email"}:
        return PEOPLE
    if known[SCHOOLS] & {"region", "district"}:
        return SCHOOLS
    return None


def columns_of(kind: str, headings: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for item in FIELDS[kind]:
        names = in_every_language(item.title) | {item.key}
        for position, heading in enumerate(headings):
            if heading in names and item.key not in columns:
                columns[item.key] = position
    return columns


def read(upload: IO[bytes], *, name: str, is_csv: bool) -> list[Sheet]:
    """The file's sheets of schools and of people, or Unreadable."""
    sheets = []
    problems = []
    source = csv_rows(upload, name) if is_csv else xlsx_rows(upload)
    for title, rows in source:
        heading: list[str] | None = None
        data: list[tuple[int, list[Cell]]] = []
        empty = 0
        for number, cells in rows:
            if not any(cell.text for cell in cells):
                empty += 1
                if empty >= EMPTY_RUN_ENDS:
                    break
                continue
            empty = 0
            if heading is None:
                heading = [words(cell.text) for cell in cells]
                continue
            data.append((number, cells))
            if len(data) > MAX_ROWS:
                raise Unreadable(
                    _("The sheet «%(sheet)s» has more than %(limit)s rows: split it into several files.")
                    % {"sheet": title, "limit": MAX_ROWS}
                )
        if heading is None:
            continue  # an empty sheet
        kind = sheet_kind(heading)
        if kind is None:
            if data:
                problems.append(
                    _("The sheet «%(sheet)s» names none of the template's columns in its first row.") % {"sheet": title}
                )
            continue
        columns = columns_of(kind, heading)
        for item in FIELDS[kind]:
            if item.required and item.key not in columns:
                problems.append(
                    _("The sheet «%(sheet)s» has no column «%(column)s».")
                    % {"sheet": title, "column": capfirst(str(item.title))}
                )
        sheets.append(Sheet(kind, title, columns, data))
    if problems:
        raise Unreadable(*problems)
    if not sheets:
        raise Unreadable(_("The file has no sheet of schools or of people: use the template's columns."))
    return sheets


# --- Checking --------------------------------------------------------------------------------------


@dataclass
class Row:
    sheet: str
    number: int
    shown: list[str]  # the row's values, in the order of its fields, as the page lists them
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outcome: str = ""

    @property
    def summary(self) -> str:
        return " · ".join(value for value in self.shown if value)


@dataclass
class SchoolRow(Row):
    name: str = ""
    region: Region | None = None
    district: str = ""
    district_kind: str = District.Kind.DISTRICT
    language: str = School.Language.KAZAKH
    shifts: int = 1
    leading: bool = False
    existing: School | None = None  # the school when the list of schools has it
    in_network: bool = False
    created: School | None = None  # set by import_plan


@dataclass
class PersonRow(Row):
    newcomer: Newcomer | None = None
    user: User | None = None  # their account, when they have one
    school_row: SchoolRow | None = None  # a school the file adds


@dataclass
class Plan:
    file_name: str
    schools: list[SchoolRow]
    people: list[PersonRow]
    problems: list[str] = field(default_factory=list)  # of the whole file
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [*self.schools, *self.people]

    @property
    def faulty(self) -> list[Row]:
        return [row for row in self.rows if row.problems]

    @property
    def ready(self) -> bool:
        return not self.problems and not self.faulty and bool(self.rows)

    @property
    def joining(self) -> list[PersonRow]:
        return [row for row in self.people if row.user is not None]

    @property
    def invited(self) -> list[PersonRow]:
        return [row for row in self.people if row.user is None]

    @property
    def new_schools(self) -> list[SchoolRow]:
        return [row for row in self.schools if not row.in_network]

    def fingerprint(self, content: str) -> str:
        """What the person saw when they checked: the file's content and each row's
        outcome. A commit is carried out only for the same."""
        rows = [(row.sheet, row.number, row.outcome, row.problems) for row in self.rows]
        summary = json.dumps([content, rows, self.problems], ensure_ascii=False)
        return hashlib.sha256(summary.encode()).hexdigest()


def check(sheets: list[Sheet], access: Access, *, file_name: str) -> Plan:
    plan = Plan(file_name, [], [])
    network = access.network
    links = list(network.school_links.select_related("school__district"))
    in_network = {link.school_id: link for link in links}
    by_name: dict[str, list[School | SchoolRow]] = defaultdict(list)
    for link in links:
        by_name[words(link.school.name)].append(link.school)
    examples = template_examples()
    for sheet in sheets:
        if sheet.kind == SCHOOLS:
            rows = [(number, cells) for number, cells in sheet.rows if not is_example(sheet, cells, examples)]
            note_examples(plan, sheet, len(sheet.rows) - len(rows))
            plan.schools += check_schools(sheet, rows, access, in_network)
    for row in plan.schools:
        if not row.problems:
            known = by_name[words(row.name)]
            if row.existing is None or all(getattr(item, "pk", None) != row.existing.pk for item in known):
                known.append(row)
    for sheet in sheets:
        if sheet.kind == PEOPLE:
            rows = [(number, cells) for number, cells in sheet.rows if not is_example(sheet, cells, examples)]
            note_examples(plan, sheet, len(sheet.rows) - len(rows))
            plan.people += check_people(sheet, rows, access, by_name)
    if not plan.rows and not plan.problems:
        plan.problems.append(_("The file has no rows to import."))
    return plan


def note_examples(plan: Plan, sheet: Sheet, skipped: int) -> None:
    if skipped:
        plan.notes.append(_("The template's example row on the sheet «%(sheet)s» is left out.") % {"sheet": sheet.name})


def common_checks(row: Row, sheet: Sheet, cells: list[Cell]) -> dict[str, str]:
    """The row's values by field; its missing required values, its too long ones and
    its formulas noted."""
    values = {}
    for item in FIELDS[sheet.kind]:
        cell = sheet.value(cells, item.key)
        values[item.key] = cell.text
        column = capfirst(str(item.title))
        if item.required and not cell.text:
            row.problems.append(_("«%(column)s» is empty.") % {"column": column})
        elif len(cell.text) > item.max_length:
            row.problems.append(
                _("«%(column)s» is longer than %(limit)s characters.") % {"column": column, "limit": item.max_length}
            )
        if cell.formula:
            row.notes.append(
                _("«%(column)s» holds a formula: its text is imported as it is, not its result.") % {"column": column}
            )
    return values


def check_schools(
    sheet: Sheet, rows: list[tuple[int, list[Cell]]], access: Access, in_network: dict[int, NetworkSchool]
) -> list[SchoolRow]:
    regions = {words(region.name): region for region in Region.objects.all()}
    kinds, languages = choice_words(District.Kind), choice_words(School.Language)
    checked: list[SchoolRow] = []
    for number, cells in rows:
        row = SchoolRow(sheet.name, number, [sheet.value(cells, item.key).text for item in SCHOOL_FIELDS])
        values = common_checks(row, sheet, cells)
        row.name, row.district = values["name"], values["district"]
        if values["region"]:
            row.region = regions.get(words(values["region"]))
            if row.region is None:
                row.problems.append(_("There is no region «%(value)s» in Ortaq.") % {"value": values["region"]})
        if values["district_kind"]:
            if words(values["district_kind"]) in kinds:
                row.district_kind = kinds[words(values["district_kind"])]
            else:
                row.problems.append(
                    _("«%(value)s» is neither a district nor a city.") % {"value": values["district_kind"]}
                )
        if values["language"]:
            if words(values["language"]) in languages:
                row.language = languages[words(values["language"])]
            else:
                row.problems.append(
                    _("There is no language of instruction «%(value)s»: choose one from the list.")
                    % {"value": values["language"]}
                )
        if values["shifts"]:
            if values["shifts"] in {"1", "2", "3"}:
                row.shifts = int(values["shifts"])
            else:
                row.problems.append(_("Shifts are 1, 2 or 3."))
        leading = words(values["leading"])
        if leading in YES:
            row.leading = True
        elif leading not in NO:
            row.problems.append(_("«%(value)s» is neither yes nor no.") % {"value": values["leading"]})
        checked.append(row)
    find_existing_schools(checked)
    leading_rows: list[SchoolRow] = []
    seen: dict[tuple[str, str, int | None], SchoolRow] = {}
    for row in checked:
        key = (words(row.name), words(row.district), row.region.pk if row.region else None)
        if key in seen and row.name:
            row.problems.append(_("The same school as row %(row)s.") % {"row": seen[key].number})
        seen.setdefault(key, row)
        if row.leading:
            if leading_rows:
                row.problems.append(
                    _("Only one school leads: row %(row)s is marked too.") % {"row": leading_rows[0].number}
                )
            leading_rows.append(row)
        row.in_network = row.existing is not None and row.existing.pk in in_network
        already_leading = row.in_network and row.existing is not None and in_network[row.existing.pk].is_leading
        if row.in_network and not (row.leading and not already_leading):
            row.outcome = _("Already in the network: nothing changes.")
            continue
        if not access.can_manage:
            row.problems.append(_("Only the network's leaders add schools and choose the leading one."))
            continue
        if row.in_network:
            row.outcome = _("Becomes the leading school.")
        elif row.existing is not None:
            row.outcome = _("Joins the network.")
        else:
            row.outcome = _("A new school: it is added to Ortaq's list of schools and to the network.")
        if row.leading and not row.in_network:
            row.outcome += " " + _("It becomes the leading school.")
    return checked


def find_existing_schools(rows: list[SchoolRow]) -> None:
    """The schools of Ortaq's list the rows name, by their district and name (one query)."""
    wanted = [row for row in rows if row.region is not None and row.name and row.district]
    if not wanted:
        return
    schools = School.objects.filter(
        district__region__in={row.region for row in wanted if row.region},
        district__name__in={row.district for row in wanted},
        name__in={row.name for row in wanted},
    ).select_related("district")
    known = {(school.district.region_id, words(school.district.name), words(school.name)): school for school in schools}
    for row in wanted:
        assert row.region is not None
        row.existing = known.get((row.region.pk, words(row.district), words(row.name)))


def check_people(
    sheet: Sheet,
    rows: list[tuple[int, list[Cell]]],
    access: Access,
    schools: dict[str, list[School | SchoolRow]],
) -> list[PersonRow]:
    roles, positions = choice_words(Role), choice_words(User.Position)
    checked: list[PersonRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in rows:
        row = PersonRow(sheet.name, number, [sheet.value(cells, item.key).text for item in PEOPLE_FIELDS])
        values = common_checks(row, sheet, cells)
        email = normalize_email(values["email"])
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.problems.append(_("«%(value)s» is not an e-mail address.") % {"value": values["email"]})
            else:
                if email in first_row_of:
                    row.problems.append(_("The same e-mail address as row %(row)s.") % {"row": first_row_of[email]})
                else:
                    first_row_of[email] = number
        role = Role.TEACHER
        if values["role"]:
            role = roles.get(words(values["role"]), "")
            if not role:
                row.problems.append(
                    _("There is no role «%(value)s»: choose one from the list.") % {"value": values["role"]}
                )
            elif not access.can_grant(role):
                row.problems.append(_("You cannot give the role «%(value)s».") % {"value": values["role"]})
        position = ""
        if values["position"]:
            position = positions.get(words(values["position"]), "")
            if not position:
                row.problems.append(
                    _("There is no position «%(value)s»: choose one from the list.") % {"value": values["position"]}
                )
        school: School | None = None
        if values["school"]:
            found = schools.get(words(values["school"]), [])
            if not found:
                row.problems.append(
                    _("There is no school «%(value)s» in the network or on the sheet of schools.")
                    % {"value": values["school"]}
                )
            elif len(found) > 1:
                row.problems.append(
                    _("Several schools are named «%(value)s»: rename one of them on the sheet of schools.")
                    % {"value": values["school"]}
                )
            elif isinstance(found[0], SchoolRow):
                row.school_row = found[0]
                school = found[0].existing
            else:
                school = found[0]
        row.newcomer = Newcomer(email, values["full_name"], role, school, position)
        checked.append(row)
    find_people(access, checked)
    return checked


def find_people(access: Access, rows: list[PersonRow]) -> None:
    """Who already has an account, is a member or has an invitation waiting (three
    queries for the whole sheet)."""
    emails = {row.newcomer.email for row in rows if row.newcomer and row.newcomer.email}
    accounts = {user.email: user for user in User.objects.filter(email__in=emails).select_related("school")}
    members = set(
        Membership.objects.filter(network=access.network, user__in=accounts.values()).values_list(
            "user__email", flat=True
        )
    )
    waiting = set(
        Invitation.objects.usable().filter(network=access.network, email__in=emails).values_list("email", flat=True)
    )
    for row in rows:
        assert row.newcomer is not None
        email = row.newcomer.email
        if email in members:
            row.problems.append(_("Already a member of the network."))
            continue
        if email in waiting:
            row.problems.append(_("An invitation to this address is waiting already (see the members page)."))
            continue
        row.user = accounts.get(email)
        if row.user is not None:
            row.outcome = _("Has an account: becomes a member now.")
            school = row.newcomer.school
            wanted = row.school_row.name if row.school_row else (school.name if school else "")
            theirs = row.user.school
            if wanted and theirs is not None and words(theirs.name) != words(wanted):
                row.notes.append(
                    _("Their profile names another school, «%(school)s»: it stays.") % {"school": theirs.name}
                )
        else:
            row.outcome = _("Has no account yet: gets an invitation by e-mail.")


# --- The template -----------------------------------------------------------------------------------


def example_region() -> str:
    return Region.objects.order_by("pk").values_list("name", flat=True).first() or "Түркістан облысы"


def example_values(region: str) -> dict[str, list[str]]:
    """The template's example rows, in the active language."""
    return {
        PEOPLE: [
            "Серікова Айгерім",
            "aigerim.serikova@example.com",
            str(pgettext_lazy("example school", "№12 secondary school")),
            str(Role.TEACHER.label),
            str(User.Position.TEACHER.label),
        ],
        SCHOOLS: [
            str(pgettext_lazy("example school", "№12 secondary school")),
            region,
            str(pgettext_lazy("example district", "Sairam district")),
            str(District.Kind.DISTRICT.label),
            str(School.Language.KAZAKH.label),
            "1",
            _("no"),
        ],
    }


def template_examples() -> dict[str, set[tuple[str, ...]]]:
    """The example rows in every language, as they are compared."""
    found: dict[str, set[tuple[str, ...]]] = {SCHOOLS: set(), PEOPLE: set()}
    region = example_region()
    for language in LANGUAGES:
        with translation.override(language):
            for kind, values in example_values(region).items():
                found[kind].add(tuple(words(value) for value in values))
    return found


def is_example(sheet: Sheet, cells: list[Cell], examples: dict[str, set[tuple[str, ...]]]) -> bool:
    values = tuple(words(sheet.value(cells, item.key).text) for item in FIELDS[sheet.kind])
    return values in examples[sheet.kind]


def template(access: Access, out: IO[bytes]) -> None:
    """The workbook to fill in: a sheet of people and one of schools, each with its
    headings (the required ones marked *), an example row and lists to choose roles,
    positions and the rest from; in the active language."""
    workbook = Workbook()
    people = workbook.active
    people.title = str(SHEET_TITLES[PEOPLE])
    schools = workbook.create_sheet(str(SHEET_TITLES[SCHOOLS]))
    lists = workbook.create_sheet(str(LISTS_TITLE))
    lists.sheet_state = "hidden"
    examples = example_values(example_region())
    choices = {
        "role": [str(label) for value, label in Role.choices if access.can_grant(value)],
        "position": [str(label) for _value, label in User.Position.choices],
        "district_kind": [str(label) for _value, label in District.Kind.choices],
        "language": [str(label) for _value, label in School.Language.choices],
        "shifts": ["1", "2", "3"],
        "leading": [_("yes"), _("no")],
        "region": list(Region.objects.values_list("name", flat=True)),
        "school": list(access.network.schools.values_list("name", flat=True)),
    }
    titles = {item.key: item.title for item in (*SCHOOL_FIELDS, *PEOPLE_FIELDS)}
    ranges = {}
    for position, (key, values) in enumerate(choices.items(), 1):
        letter = get_column_letter(position)
        lists.cell(1, position, capfirst(str(titles[key])))
        for number, value in enumerate(values, 2):
            lists.cell(number, position, value)
        ranges[key] = f"'{lists.title}'!${letter}$2:${letter}${max(len(values), 1) + 1}"
    for sheet, kind in ((people, PEOPLE), (schools, SCHOOLS)):
        write_template_sheet(sheet, FIELDS[kind], examples[kind], ranges)
    workbook.save(out)


TEMPLATE_HEADING = Font(bold=True)
TEMPLATE_FILL = PatternFill("solid", fgColor="E8EEF4")
EXAMPLE_FONT = Font(italic=True, color="666666")
# Rows the lists and checks of the template reach down to.
TEMPLATE_ROWS = 2000


def write_template_sheet(sheet: Any, fields: Iterable[Field], example: list[str], ranges: dict[str, str]) -> None:
    sheet.freeze_panes = "A2"
    for position, item in enumerate(fields, 1):
        letter = get_column_letter(position)
        heading = sheet.cell(1, position, capfirst(str(item.title)) + (" *" if item.required else ""))
        heading.font, heading.fill = TEMPLATE_HEADING, TEMPLATE_FILL
        sheet.column_dimensions[letter].width = item.width
        sheet.cell(2, position, example[position - 1]).font = EXAMPLE_FONT
        if item.key in ranges:
            # A school may also be one the sheet of schools adds: the list only suggests.
            strict = item.key not in {"school", "region"}
            validation = DataValidation(
                type="list",
                formula1=f"={ranges[item.key]}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if strict else "information",
                errorTitle=capfirst(str(item.title)),
                error=_("Choose a value from the list."),
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            sheet.add_data_validation(validation)


def plan_for(upload: IO[bytes], access: Access, *, name: str, is_csv: bool) -> tuple[Plan, str]:
    """The plan of an uploaded file and its fingerprint (``Plan.fingerprint``)."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    try:
        plan = check(read(upload, name=name, is_csv=is_csv), access, file_name=name)
    except Unreadable as error:
        plan = Plan(name, [], [], problems=error.messages)
    upload.seek(0)
    return plan, plan.fingerprint(digest.hexdigest())
