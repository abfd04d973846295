"""Importing schools and people (exchange/imports.py, actions.py and the import page):
the template, the check that lists every row's problems before anything is written,
and the import that writes all or nothing from the file kept since the check."""

from __future__ import annotations

import csv
import io
from html import unescape
from urllib.parse import quote

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.tests.factories import UserFactory
from materials.tests.factories import png
from networks.actions import Newcomer, accept_invitation, invite_many
from networks.models import Invitation, Membership, Role
from networks.tests.factories import member
from notifications.models import Notice
from ortaq.testing import as_user, english_words, hidden_value
from schools.models import School

pytestmark = pytest.mark.django_db

PEOPLE_HEADINGS = ["Аты-жөні *", "Электрондық пошта мекенжайы *", "Мектеп", "Рөлі", "Лауазымы"]
SCHOOL_HEADINGS = ["Мектеп *", "Өңір *", "Аудан немесе қала *", "Аудан ба, қала ма?", "Оқыту тілі", "Ауысым саны"]


def xlsx(people=(), schools=None, *, formulas=()):
    """A workbook as a person fills in the template: a sheet of people, one of schools."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Адамдар"
    sheet.append(PEOPLE_HEADINGS)
    for row in people:
        sheet.append(list(row))
    for coordinate, formula in formulas:
        sheet[coordinate] = formula
    if schools is not None:
        other = workbook.create_sheet("Мектептер")
        other.append(SCHOOL_HEADINGS)
        for row in schools:
            other.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    out.name = "тізім.xlsx"
    out.seek(0)
    return out


def csv_file(rows, *, encoding="utf-8-sig", delimiter=";", name="тізім.csv"):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(PEOPLE_HEADINGS)
    writer.writerows(rows)
    out = io.BytesIO(text.getvalue().encode(encoding))
    out.name = name
    return out


def url(cast, name="exchange:import"):
    return reverse(name, args=[cast.network.pk])


def check(client, cast, upload):
    response = client.post(url(cast), {"file": upload, "check": "yes"})
    assert response.status_code == 200, response.status_code
    return response


def commit(client, cast, checked):
    """The import pressed on the page of a check: the kept file and the fingerprint go back."""
    return client.post(
        url(cast),
        {"file-kept": hidden_value(checked, "file-kept"), "checked": hidden_value(checked, "checked"), "commit": "yes"},
    )


def page_text(response):
    return unescape(response.content.decode())


def state(cast):
    return (
        Membership.objects.count(),
        Invitation.objects.count(),
        School.objects.count(),
        cast.network.school_links.count(),
    )


def test_it_gives_a_template_with_headings_an_example_and_lists_to_choose_from(cast):
    response = as_user(cast.leader).get(url(cast, "exchange:import_template"))
    assert response.status_code == 200
    assert ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Адамдар", "Мектептер", "Тізімдер"]
    assert workbook["Тізімдер"].sheet_state == "hidden"
    people = workbook["Адамдар"]
    assert [cell.value for cell in people[1]] == PEOPLE_HEADINGS
    assert [cell.value for cell in people[2]][:2] == ["Серікова Айгерім", "aigerim.serikova@example.com"]
    assert people.freeze_panes == "A2"
    validated = {str(v.sqref).split(":")[0]: v for v in people.data_validations.dataValidation}
    assert set(validated) >= {"C2", "D2", "E2"}  # school, role, position
    assert validated["D2"].type == "list" and "Тізімдер" in validated["D2"].formula1
    roles = [row[0] for row in workbook["Тізімдер"].iter_rows(min_row=2, min_col=1, max_col=1, values_only=True)]
    assert "мұғалім" in roles and "қоғамдастық басшысы" in roles
    schools = workbook["Мектептер"]
    assert [cell.value for cell in schools[1]][:3] == SCHOOL_HEADINGS[:3]


def test_it_offers_a_coordinator_only_the_roles_they_may_give(cast):
    response = as_user(cast.coordinator).get(url(cast, "exchange:import_template"))
    lists = load_workbook(io.BytesIO(response.content))["Тізімдер"]
    roles = [row[0] for row in lists.iter_rows(min_row=2, min_col=1, max_col=1, values_only=True) if row[0]]
    assert "мұғалім" in roles and "қоғамдастық басшысы" not in roles


def test_it_leaves_out_the_templates_example_row(cast):
    template = as_user(cast.leader).get(url(cast, "exchange:import_template")).content
    workbook = load_workbook(io.BytesIO(template))
    workbook["Адамдар"].append(["Жаңа Мұғалім", "jana@mektep.kz", "№7 орта мектеп", "мұғалім", "мұғалім"])
    out = io.BytesIO()
    workbook.save(out)
    out.name = "үлгі.xlsx"
    out.seek(0)
    response = check(as_user(cast.leader), cast, out)
    text = page_text(response)
    assert "үлгінің мысал жолы импортталмайды" in text
    assert "Серікова Айгерім" not in text
    assert "1 жолды импорттау" in text


def test_it_imports_300_teachers_from_a_workbook_in_a_bounded_number_of_queries(
    cast, django_capture_on_commit_callbacks
):
    known = [UserFactory.create(email=f"bar{n}@mektep.kz", full_name=f"Бар Мұғалім {n}") for n in range(20)]
    rows = [(person.full_name, person.email.upper(), "№7 орта мектеп", "мұғалім", "мұғалім") for person in known]
    rows += [(f"Жаңа Мұғалім {n}", f"jana{n}@mektep.kz", "Абай атындағы мектеп-гимназия", "", "") for n in range(279)]
    rows.append(("Жаңа Тренер", "trainer@mektep.kz", "№12 мектеп", "коуч немесе тренер", "тренер"))
    schools = [("№12 мектеп", cast.attached_school.district.region.name, "Сайрам ауданы", "аудан", "қазақ тілі", 2)]
    client = as_user(cast.leader)
    checked = check(client, cast, xlsx(rows, schools))
    text = page_text(checked)
    assert "301 жолды импорттау" in text
    assert "20 адам қазір мүше болады" in text and "280 адам шақыру алады" in text
    with django_capture_on_commit_callbacks() as after_commit, CaptureQueriesContext(connection) as captured:
        response = commit(client, cast, checked)
    assert response.status_code == 302 and response["Location"] == reverse("networks:members", args=[cast.network.pk])
    # Not per row: the check again, the schools, then the people in bulk (the
    # invitations in batches of the database's limit of parameters).
    assert len(captured) <= 50, len(captured)
    for callback in after_commit:  # the letters, which the task worker sends
        callback()
    assert Membership.objects.filter(network=cast.network, user__in=known, role=Role.TEACHER).count() == 20
    invitations = Invitation.objects.filter(network=cast.network)
    assert invitations.count() == 280
    trainer = invitations.get(email="trainer@mektep.kz")
    assert (trainer.role, trainer.position, trainer.full_name) == (Role.COACH, "trainer", "Жаңа Тренер")
    assert trainer.school == School.objects.get(name="№12 мектеп", shifts=2)
    assert cast.network.school_links.filter(school=trainer.school).exists()
    assert invitations.get(email="jana0@mektep.kz").school == cast.leading_school
    invited = {message.to[0] for message in mail.outbox if message.to[0].startswith(("jana", "trainer"))}
    assert len(invited) == 280
    # Those who joined are told at once (the notice's channel), in a letter of its own.
    assert {message.to[0] for message in mail.outbox} - invited == {person.email for person in known}
    assert Notice.objects.filter(recipient__in=known, kind="networks.added").count() == 20
    known[0].refresh_from_db()
    assert known[0].school == cast.attached_school and known[0].position == "teacher"


def test_it_costs_as_many_queries_for_300_people_as_for_30(cast, django_capture_on_commit_callbacks):
    client = as_user(cast.leader)

    def imported(count, prefix):
        rows = [(f"Мұғалім {n}", f"{prefix}{n}@mektep.kz", "№7 орта мектеп", "", "") for n in range(count)]
        checked = check(client, cast, xlsx(rows))
        with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=False):
            assert commit(client, cast, checked).status_code == 302
        return len(captured)

    few, many = imported(30, "a"), imported(300, "b")
    assert many - few <= 4, (few, many)  # bulk inserts split in batches at most


def test_it_lists_every_rows_problems_in_kazakh_and_writes_nothing(cast):
    invited = Invitation.objects.create(network=cast.network, email="kutip@mektep.kz", max_uses=1)
    rows = [
        ("", "atsyz@mektep.kz", "", "", ""),
        ("Қате Пошта", "қате-пошта", "", "", ""),
        ("Белгісіз Мектеп", "mektep@mektep.kz", "№99 мектеп", "", ""),
        ("Белгісіз Рөл", "rol@mektep.kz", "", "ғарышкер", ""),
        ("Екі Рет", "eki@mektep.kz", "", "", ""),
        ("Екі Рет", "EKI@mektep.kz", "", "", ""),
        (cast.teacher.full_name, cast.teacher.email, "", "", ""),
        ("Күтуде", invited.email, "", "", ""),
        ("Белгісіз Лауазым", "lauazym@mektep.kz", "", "", "ғарышкер"),
        ("Дұрыс Адам", "durys@mektep.kz", "№7 орта мектеп", "мұғалім", ""),
    ]
    before = state(cast)
    response = check(as_user(cast.leader), cast, xlsx(rows))
    text = page_text(response)
    for expected in (
        "Адамдар, 2",
        "«Аты-жөні» толтырылмаған.",
        "«қате-пошта» электрондық пошта мекенжайы емес.",
        "Қоғамдастықта да, мектептер парағында да «№99 мектеп» деген мектеп жоқ.",
        "«ғарышкер» деген рөл жоқ: тізімнен таңдаңыз.",
        "Электрондық пошта мекенжайы 6-жолдағымен бірдей.",
        "Қоғамдастықтың мүшесі болып тұр.",
        "Бұл мекенжайға жіберілген шақыру әлі күтіп тұр",
        "«ғарышкер» деген лауазым жоқ: тізімнен таңдаңыз.",
        "8 жолды түзету керек",
    ):
        assert expected in text, expected
    assert 'name="commit"' not in text  # nothing to import until every row is right
    assert english_words(response.content.decode()) == set()
    assert state(cast) == before


def test_it_imports_nothing_from_a_file_with_one_bad_row_even_when_pressed(cast, django_capture_on_commit_callbacks):
    rows = [(f"Мұғалім {n}", f"m{n}@mektep.kz", "№7 орта мектеп", "", "") for n in range(10)]
    rows[6] = ("Мұғалім 6", "m6@", "№7 орта мектеп", "", "")
    client = as_user(cast.leader)
    checked = check(client, cast, xlsx(rows))
    before = state(cast)
    forced = client.post(
        url(cast), {"file-kept": hidden_value(checked, "file-kept"), "checked": "anything", "commit": "yes"}
    )
    assert forced.status_code == 200
    assert "«m6@» электрондық пошта мекенжайы емес." in page_text(forced)
    assert state(cast) == before
    assert mail.outbox == []


def test_it_keeps_the_file_between_the_check_and_the_import(cast, django_capture_on_commit_callbacks):
    client = as_user(cast.leader)
    checked = check(client, cast, xlsx([("Жаңа Адам", "jana@mektep.kz", "", "", "")]))
    assert "«тізім.xlsx»" in page_text(checked)  # shown as kept: not chosen again
    with django_capture_on_commit_callbacks(execute=True):
        assert commit(client, cast, checked).status_code == 302
    assert Invitation.objects.filter(email="jana@mektep.kz", full_name="Жаңа Адам").exists()


def test_it_checks_again_when_the_file_or_the_network_changed_since_the_check(cast):
    client = as_user(cast.leader)
    checked = check(client, cast, xlsx([("Жаңа Адам", "jana@mektep.kz", "", "", "")]))
    # Another file sent with the first one's check: shown checked, not imported.
    other = client.post(
        url(cast),
        {"file": xlsx([("Басқа Адам", "baska@mektep.kz", "", "", "")]), "checked": hidden_value(checked, "checked"),
         "commit": "yes"},
    )  # fmt: skip
    assert other.status_code == 200 and "Басқа Адам" in page_text(other)
    assert "Тексеруден кейін файл немесе қоғамдастық өзгерді" in page_text(other)
    assert not Invitation.objects.exists()
    # The network changed: the person joined meanwhile.
    member(cast.network, email="jana@mektep.kz")
    again = commit(client, cast, checked)
    assert again.status_code == 200 and "Қоғамдастықтың мүшесі болып тұр." in page_text(again)
    assert not Invitation.objects.exists()


def test_it_stores_a_formula_cell_as_its_text(cast, django_capture_on_commit_callbacks):
    region = cast.attached_school.district.region.name
    upload = xlsx(
        [("Айтуар", "formula@mektep.kz", "", "", "")],
        [("Мектеп", region, "Сайрам ауданы", "", "", 1)],
        formulas=[("A2", '=HYPERLINK("http://evil.example/","Басыңыз")')],
    )
    workbook = load_workbook(upload)
    workbook["Мектептер"]["A2"] = "=1+2"
    out = io.BytesIO()
    workbook.save(out)
    out.name = "формула.xlsx"
    out.seek(0)
    client = as_user(cast.leader)
    checked = check(client, cast, out)
    assert "«Аты-жөні» ұяшығында формула бар" in page_text(checked)
    with django_capture_on_commit_callbacks(execute=True):
        assert commit(client, cast, checked).status_code == 302
    invitation = Invitation.objects.get(email="formula@mektep.kz")
    assert invitation.full_name == '=HYPERLINK("http://evil.example/","Басыңыз")'
    assert School.objects.filter(name="=1+2").exists()
    assert "=1+2" in [link.school.name for link in cast.network.school_links.select_related("school")]


def test_it_reads_csv_in_utf8_with_semicolons_or_in_windows_cyrillic_with_commas(
    cast, django_capture_on_commit_callbacks
):
    client = as_user(cast.leader)
    checked = check(client, cast, csv_file([("Әсем Нұрланқызы", "asem@mektep.kz", "№7 орта мектеп", "", "")]))
    assert "1 жолды импорттау" in page_text(checked)
    with django_capture_on_commit_callbacks(execute=True):
        assert commit(client, cast, checked).status_code == 302
    assert Invitation.objects.get(email="asem@mektep.kz").full_name == "Әсем Нұрланқызы"
    # Excel's «CSV» on a Russian Windows, the template's Russian headings.
    russian = "ФИО,Адрес электронной почты,Школа,Роль,Должность\r\nИванова Мария,ivanova@mektep.kz,,учитель,учитель\r\n"
    upload = io.BytesIO(russian.encode("cp1251"))
    upload.name = "список.csv"
    text = page_text(check(client, cast, upload))
    assert "1 жолды импорттау" in text and "Иванова Мария" in text


def test_it_refuses_a_file_that_is_not_a_table_or_too_large(cast, settings):
    client = as_user(cast.leader)
    picture = io.BytesIO(png())
    picture.name = "тізім.xlsx"
    refused = client.post(url(cast), {"file": picture, "check": "yes"})
    assert refused.status_code == 200 and "Мұндай файлды бұл жерге жүктеп салуға болмайды" in page_text(refused)
    settings.ORTAQ_IMPORT_MAX_BYTES = 100
    large = client.post(url(cast), {"file": csv_file([("А", "a@mektep.kz", "", "", "")] * 10), "check": "yes"})
    assert "Файл тым үлкен" in page_text(large)
    assert not Invitation.objects.exists()


def test_it_lets_a_coordinator_import_people_but_not_schools_or_leaders(cast):
    region = cast.attached_school.district.region.name
    upload = xlsx(
        [("Жаңа Басшы", "basshy@mektep.kz", "", "қоғамдастық басшысы", ""), ("Жаңа", "jana@mektep.kz", "", "", "")],
        [("Жаңа мектеп", region, "Сайрам ауданы", "", "", 1)],
    )
    text = page_text(check(as_user(cast.coordinator), cast, upload))
    assert "Сіз «қоғамдастық басшысы» рөлін бере алмайсыз." in text
    assert "Мектептерді қосып, жетекші мектепті тек қоғамдастық басшылары таңдайды." in text


def test_it_answers_404_to_outsiders_and_403_to_members_who_do_not_invite(cast):
    for name in ("exchange:import", "exchange:import_template"):
        assert as_user(cast.outsider).get(url(cast, name)).status_code == 404
        for person in (cast.teacher, cast.director, cast.methodologist):
            assert as_user(person).get(url(cast, name)).status_code == 403, (person, name)
    assert as_user(cast.outsider).post(url(cast), {"file": xlsx([]), "check": "yes"}).status_code == 404
    assert as_user(cast.teacher).post(url(cast), {"file": xlsx([]), "check": "yes"}).status_code == 403
    members = as_user(cast.leader).get(reverse("networks:members", args=[cast.network.pk])).content.decode()
    assert url(cast) in members
    assert (
        url(cast) not in as_user(cast.teacher).get(reverse("networks:members", args=[cast.network.pk])).content.decode()
    )


def test_it_shows_the_import_page_in_kazakh_without_english(cast):
    html = as_user(cast.leader).get(url(cast)).content.decode()
    assert "Үлгіні жүктеп алыңыз" in html
    assert english_words(html) == set()


def test_an_invited_person_signs_up_with_the_name_and_gets_the_school_and_position(cast):
    [invitation] = invite_many(
        cast.network,
        [Newcomer("jana@mektep.kz", "Жаңа Мұғалім", Role.TEACHER, cast.attached_school, "librarian")],
        by=cast.leader,
    )
    html = Client().get(invitation.get_absolute_url()).content.decode()
    assert f"&amp;name={quote('Жаңа Мұғалім')}" in html
    signup = Client().get(reverse("accounts:signup"), {"name": "Жаңа Мұғалім", "email": invitation.email})
    assert 'value="Жаңа Мұғалім"' in signup.content.decode()
    person = UserFactory.create(email="jana@mektep.kz")
    accept_invitation(invitation, person)
    person.refresh_from_db()
    assert (person.school, person.position) == (cast.attached_school, "librarian")
