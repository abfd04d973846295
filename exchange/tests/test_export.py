"""A network's export (exchange/export.py): the workbook, the CSV archive and the JSON,
read back as Excel, a program or a person would, in Kazakh and Russian; the access
rule; constant queries however large the network."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.tests.factories import CertificationFactory
from awards.actions import issue_award
from events.models import Participation
from events.tests.factories import make_event
from exchange.files import FORMULA_STARTS
from materials.tests.factories import publish
from networks.audiences import Visibility
from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import as_user, english_words

pytestmark = pytest.mark.django_db

INJECTED_NAME = '=HYPERLINK("http://evil.example/","Басыңыз")'


def records(cast):
    """A little of everything the export holds, Kazakh letters and formula-like texts among it."""
    CertificationFactory(user=cast.teacher, kind="level", level=1, year=2021)
    CertificationFactory(user=cast.coach, kind="school_trainer", level=None, year=2019)
    member(cast.network, Role.TEACHER, full_name=INJECTED_NAME, school=cast.attached_school)
    cast.group.description = "+7 701 000 00 00 — топ жетекшісінің телефоны"
    cast.group.save()
    past = timezone.localdate() - datetime.timedelta(days=7)
    seminar = make_event(cast, past, kind="seminar", title="Ашық сабақтар семинары")
    Participation.objects.create(event=seminar, user=cast.teacher, status="registered", attendance="present")
    Participation.objects.create(
        event=seminar, user=cast.director, status="registered", attendance="absent", absence_reason="illness"
    )
    Participation.objects.create(event=seminar, user=cast.coach, status="registered", attendance="present")
    publish(cast, title="Квадрат теңдеулерді шешу", grades=[8, 9])
    publish(cast, by=cast.coach, title="Топтың ішкі жоспары", visibility=Visibility.GROUP, group=cast.group)
    issue_award(seminar, cast.teacher, by=cast.leader, kind="merit", nomination="@Ең үздік шебер сынып")
    return seminar


def download(client, network, fmt):
    response = client.get(reverse("exchange:export", args=[network.pk]), {"format": fmt})
    assert response.status_code == 200, response.status_code
    return response, b"".join(response.streaming_content)


def sheet_rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_it_writes_a_workbook_in_kazakh_that_reads_back_intact(cast):
    seminar = records(cast)
    response, body = download(as_user(cast.leader), cast.network, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == [
        "Мектептер",
        "Мүшелер",
        "Топтар",
        "Топ мүшелері",
        "Іс-шаралар",
        "Қатысу",
        "Әдістемелік қоржын",
        "Марапаттар",
    ]
    members = sheet_rows(workbook["Мүшелер"])
    assert members[0][:5] == ["Аты-жөні", "Мектеп", "Лауазымы", "Біліктілік санаты", "Рөлі"]
    by_name = {row[0]: row for row in members[1:]}
    assert by_name["Жұмабеков Ерлан"][1] == "№7 орта мектеп"
    assert by_name["Жұмабеков Ерлан"][4] == "мұғалім"
    assert by_name["Жұмабеков Ерлан"][6] == "иә"
    assert "бірінші (ілгерілі) деңгей" in by_name["Жұмабеков Ерлан"][7]
    assert by_name["Әлиева Гүлназ"][4] == "қоғамдастық басшысы"
    assert len(members) == 1 + cast.network.memberships.count()
    schools = sheet_rows(workbook["Мектептер"])
    assert schools[1][0] == "Абай атындағы мектеп-гимназия" and schools[1][3] == "жетекші мектеп"
    attendance = sheet_rows(workbook["Қатысу"])
    marks = {row[2]: (row[5], row[6]) for row in attendance[1:]}
    assert marks["Омарова Сәуле"] == ("келмеді", "ауырып қалды")
    assert marks["Жұмабеков Ерлан"][0] == "келді"
    events = sheet_rows(workbook["Іс-шаралар"])
    assert events[1][3] == "Ашық сабақтар семинары"
    assert events[1][0] == datetime.datetime.combine(seminar.local_date, datetime.time())
    awards = sheet_rows(workbook["Марапаттар"])
    assert awards[1][1] == "@Ең үздік шебер сынып" and awards[1][3] == "Жұмабеков Ерлан"


def test_it_writes_days_as_dates_under_a_frozen_header_with_column_widths(cast):
    records(cast)
    _response, body = download(as_user(cast.leader), cast.network, "xlsx")
    workbook = load_workbook(io.BytesIO(body))
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width >= 12
    joined = workbook["Мүшелер"]["F2"]
    assert isinstance(joined.value, datetime.datetime) and joined.number_format == "DD.MM.YYYY"
    issued = workbook["Марапаттар"]["I2"]
    assert issued.value.date() == timezone.localdate() and issued.number_format == "DD.MM.YYYY"


def test_it_keeps_every_formula_like_text_a_text_in_the_workbook(cast):
    records(cast)
    _response, body = download(as_user(cast.leader), cast.network, "xlsx")
    workbook = load_workbook(io.BytesIO(body))
    risky = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
                    risky.append(cell.value)
    # Shown exactly as typed: the name, a telephone number, a nomination.
    assert INJECTED_NAME in risky
    assert "+7 701 000 00 00 — топ жетекшісінің телефоны" in risky
    assert "@Ең үздік шебер сынып" in risky


def test_it_writes_csv_files_in_a_zip_that_excel_reads_as_utf8(cast):
    records(cast)
    response, body = download(as_user(cast.leader), cast.network, "csv")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist()[:2] == ["Мектептер.csv", "Мүшелер.csv"]
    raw = archive.read("Мүшелер.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Аты-жөні"
    names = [row[0] for row in rows[1:]]
    assert "Жұмабеков Ерлан" in names
    # A spreadsheet would run it: an apostrophe makes it text.
    assert f"'{INJECTED_NAME}" in names and INJECTED_NAME not in names
    for name in archive.namelist():
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";"):
            assert not any(value.startswith(FORMULA_STARTS) for value in row), (name, row)
    events = list(csv.reader(io.StringIO(archive.read("Іс-шаралар.csv").decode("utf-8-sig")), delimiter=";"))
    assert datetime.datetime.strptime(events[1][0], "%d.%m.%Y")


def test_it_writes_json_with_stable_keys_and_translated_labels(cast):
    seminar = records(cast)
    response, body = download(as_user(cast.leader), cast.network, "json")
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(body)
    assert document["network"] == {"id": cast.network.pk, "name": "Шуақ"}
    assert document["language"] == "kk"
    members = document["tables"]["members"]
    assert members["title"] == "Мүшелер" and members["columns"]["full_name"] == "аты-жөні"
    teacher = next(row for row in members["rows"] if row["full_name"] == "Жұмабеков Ерлан")
    assert teacher["role"] == "мұғалім" and teacher["certified"] is True
    assert any(row["full_name"] == INJECTED_NAME for row in members["rows"])  # data, not a spreadsheet
    event = document["tables"]["events"]["rows"][0]
    assert event["date"] == seminar.local_date.isoformat() and event["present"] == 2
    assert set(document["tables"]) == {
        "schools",
        "members",
        "groups",
        "group_members",
        "events",
        "attendance",
        "materials",
        "awards",
    }


@pytest.mark.any_language
def test_it_writes_in_the_readers_language(cast):
    records(cast)
    cast.leader.language = "ru"
    cast.leader.save()
    _response, body = download(as_user(cast.leader), cast.network, "xlsx")
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames[1] == "Участники"
    members = sheet_rows(workbook["Участники"])
    by_name = {row[0]: row for row in members[1:]}
    assert by_name["Жұмабеков Ерлан"][4] == "учитель"
    assert by_name["Жұмабеков Ерлан"][6] == "да"


def test_it_answers_404_to_outsiders_and_403_to_members_who_may_not_export(cast):
    url = reverse("exchange:export", args=[cast.network.pk])
    for fmt in ("", "xlsx", "csv", "json"):
        assert as_user(cast.outsider).get(url, {"format": fmt} if fmt else {}).status_code == 404
        for person in (cast.teacher, cast.coordinator, cast.director, cast.coach):
            assert as_user(person).get(url, {"format": fmt} if fmt else {}).status_code == 403, (person, fmt)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_it_lets_leaders_and_methodologists_export(cast):
    url = reverse("exchange:export", args=[cast.network.pk])
    in_role = member(cast.network, Role.METHODOLOGIST)
    for person in (cast.leader, cast.methodologist, in_role):
        page = as_user(person).get(url)
        assert page.status_code == 200, person
        assert 'name="format"' in page.content.decode()
    network_page = as_user(cast.leader).get(cast.network.get_absolute_url()).content.decode()
    assert url in network_page
    assert url not in as_user(cast.teacher).get(cast.network.get_absolute_url()).content.decode()


def test_it_shows_the_export_page_in_kazakh_without_english(cast):
    page = as_user(cast.leader).get(reverse("exchange:export", args=[cast.network.pk]))
    html = page.content.decode()
    assert "Excel кітабы (XLSX): әр кесте жеке парақта" in html
    assert english_words(html) == set()


def test_it_lists_only_the_materials_the_reader_may_open(cast):
    records(cast)
    listed = {}
    for person in (cast.leader, cast.methodologist):
        _response, body = download(as_user(person), cast.network, "json")
        listed[person] = {row["title"] for row in json.loads(body)["tables"]["materials"]["rows"]}
    assert listed[cast.leader] == {"Квадрат теңдеулерді шешу", "Топтың ішкі жоспары"}
    assert listed[cast.methodologist] == {"Квадрат теңдеулерді шешу"}  # a group's material is the group's


def grow(cast, times):
    """More of every table: members with certifications, events with places, materials, awards."""
    for n in range(times):
        person = member(cast.network, Role.TEACHER, full_name=f"Мұғалім {n}", school=cast.attached_school)
        CertificationFactory(user=person)
        event = make_event(cast, timezone.localdate() - datetime.timedelta(days=3 + n), title=f"Кездесу {n}")
        Participation.objects.create(event=event, user=person, status="registered", attendance="present")
        cast.group.members.add(person)
        publish(cast, by=person, title=f"Жоспар {n}")
        issue_award(event, person, by=cast.leader, kind="thanks")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_it_reads_the_same_number_of_queries_however_large_the_network(cast, fmt):
    client = as_user(cast.leader)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            download(client, cast.network, fmt)
        return len(captured)

    grow(cast, 2)
    small = queries()
    grow(cast, 12)
    assert queries() == small
    assert small <= 20
