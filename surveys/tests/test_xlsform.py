"""Questionnaires travel as XLSForm: the library's export is a valid XLSForm (pyxform
makes an XForm of it), comes back the same through the SurveyJS import path, and a
file Ortaq cannot read is refused with a reason."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from networks.tests.factories import NetworkFactory
from ortaq.testing import as_user
from surveys import surveyjs, xlsform
from surveys.models import Instrument, Item, ItemKind

pytestmark = pytest.mark.django_db


def workbook(
    survey: list[list[object]], choices: Sequence[list[object]] = (), settings: Sequence[list[object]] = ()
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices:
        listed = book.create_sheet("choices")
        for row in choices:
            listed.append(row)
    if settings:
        form = book.create_sheet("settings")
        for row in settings:
            form.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "form.xlsx") -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def test_it_writes_an_xlsform_that_pyxform_turns_into_an_xform(cast, library):
    instrument = library["needs-assessment"]
    response = as_user(cast.leader).get(reverse("surveys:xlsform_export", args=[cast.network.pk, instrument.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [cell.value for cell in book["survey"][1]]
    assert header[:9] == [
        "type",
        "name",
        "required",
        "relevant",
        "constraint",
        "appearance",
        "label::Kazakh (kk)",
        "label::Russian (ru)",
        "label::English (en)",
    ]
    rows = {row[1]: row for row in book["survey"].iter_rows(min_row=2, values_only=True) if row[0] != "end_group"}
    assert rows["priorities"][0] == "rank priorities_choices"
    assert rows["barrier_other"][3] == "selected(${barriers}, 'other')"
    assert rows["need_assessment"][0] == "select_one scale_need4" and rows["need_assessment"][2] == "yes"
    assert rows["needs"][0] == "begin_group" and rows["needs"][5] == "field-list"
    assert rows["school"][0] == "select_one ortaq_schools"
    schools = [row for row in book["choices"].iter_rows(values_only=True) if row[0] == "ortaq_schools"]
    assert {row[1] for row in schools} == {str(school.pk) for school in cast.network.schools.all()}
    kinds = [row[0] for row in book["survey"].iter_rows(min_row=2, values_only=True)]
    assert kinds.count("begin_group") == kinds.count("end_group") > 1

    result = convert(io.BytesIO(response.content), file_type=".xlsx")
    xform = result.xform
    assert '<translation lang="Kazakh (kk)" default="true()">' in xform
    assert '<translation lang="Russian (ru)">' in xform and '<translation lang="English (en)">' in xform
    assert "odk:rank" in xform
    assert 'relevant="selected( /data/section' in xform
    need = Item.objects.get(section__version__instrument=instrument, code="need_assessment")
    assert need.text["kk"] in xform and need.text["ru"] in xform


@pytest.mark.parametrize(
    "code", ["needs-assessment", "teacher-questionnaire", "parents-engagement", "pupils-engagement", "event-feedback"]
)
def test_a_questionnaire_goes_out_as_xlsform_and_comes_back_the_same(cast, library, code):
    original = library[code].latest_version()
    assert original is not None
    document = surveyjs.export(original)
    content = xlsform.write(document, schools=[(str(cast.attached_school.pk), cast.attached_school.name)])
    copy = surveyjs.import_document(xlsform.read(content), network=cast.network, by=cast.leader)
    version = copy.latest_version()
    assert version is not None
    again = surveyjs.export(version)
    # The same questions, kinds, scales, required, conditions, translations and our tags.
    assert again["pages"] == document["pages"]
    assert again["title"] == document["title"] and copy.kind == library[code].kind
    before = list(Item.objects.filter(section__version=original).order_by("section__position", "position", "pk"))
    after = list(Item.objects.filter(section__version=version).order_by("section__position", "position", "pk"))
    fields = ["code", "kind", "text", "required", "scale_id", "options", "show_if", "number_min", "number_max"]
    fields += ["construct", "subscale", "reverse_keyed", "breakdown"]
    assert [[getattr(i, f) for f in fields] for i in after] == [[getattr(i, f) for f in fields] for i in before]


def test_a_form_made_elsewhere_imports_without_its_metadata(cast, library):
    content = workbook(
        [
            ["type", "name", "label", "label::Russian", "required", "relevant", "constraint", "appearance"],
            ["start", "start"],
            ["deviceid", "device"],
            ["select_one yn", "mentor", "Тәлімгеріңіз бар ма?", "Есть ли наставник?", "yes"],
            ["integer", "years", "Неше жыл?", "Сколько лет?", "", "${mentor} = 'yes'", ". >= 0 and . <= 50"],
            ["text", "why", "Неге?", "Почему?", "", "${years} >= 2 and ${years} <= 10", "", "multiline"],
        ],
        [["list_name", "name", "label", "label::Russian (ru)"], ["yn", "yes", "Иә", "Да"], ["yn", "no", "Жоқ", "Нет"]],
        [["form_title"], ["Тәлімгерлік"]],
    )
    response = as_user(cast.leader).post(
        reverse("surveys:xlsform_import", args=[cast.network.pk]), {"document": upload(content)}, follow=True
    )
    assert "«Тәлімгерлік» is imported" in response.content.decode()
    instrument = Instrument.objects.get(network=cast.network)
    items = {item.code: item for item in Item.objects.filter(section__version__instrument=instrument)}
    assert set(items) == {"mentor", "years", "why"}  # no start, no device
    assert items["mentor"].kind == ItemKind.SINGLE and items["mentor"].required
    assert items["mentor"].options[0] == {"value": "yes", "label": {"kk": "Иә", "ru": "Да"}}
    assert items["years"].kind == ItemKind.NUMBER
    assert (items["years"].number_min, items["years"].number_max) == (0, 50)
    assert items["years"].show_if == {"item": "mentor", "in": ["yes"]}
    assert items["why"].kind == ItemKind.LONG_TEXT and items["why"].show_if == {"item": "years", "gte": 2, "lte": 10}
    assert items["why"].text == {"kk": "Неге?", "ru": "Почему?"}


def test_it_refuses_what_it_cannot_read_and_says_why(cast, library, settings):
    client = as_user(cast.leader)
    url = reverse("surveys:xlsform_import", args=[cast.network.pk])

    def refused(content: bytes, name: str = "form.xlsx") -> str:
        page = client.post(url, {"document": upload(content, name)}, follow=True).content.decode()
        assert Instrument.objects.filter(network=cast.network).count() == 0
        return page

    photo = workbook([["type", "name", "label"], ["image", "photo", "Сурет"]])
    assert "A question of a kind Ortaq does not ask: image" in refused(photo)
    lost = workbook([["type", "name", "label"], ["select_one nowhere", "q", "Сұрақ"]])
    assert "A question names a list of choices the file does not have: q" in refused(lost)
    condition = workbook([["type", "name", "label", "relevant"], ["text", "q", "Сұрақ", "string-length(.) > 3"]])
    assert "A condition cannot be read: string-length(.) &gt; 3" in refused(condition)
    assert "This kind of file cannot be uploaded here. Allowed: XLSX." in refused(b"%PDF-1.4 not a form", "form.pdf")
    assert "This kind of file cannot be uploaded here." in refused(b"type,name\ntext,q\n", "form.csv")
    not_a_form = workbook([["school", "teachers"], ["№1", 40]])
    assert "This file is not an XLSForm questionnaire." in refused(not_a_form)
    settings.ORTAQ_IMPORT_MAX_BYTES = 1000
    assert "The file is too large" in refused(photo)


def test_only_those_who_run_surveys_export_and_import(cast, library):
    instrument = library["event-feedback"]
    export = reverse("surveys:xlsform_export", args=[cast.network.pk, instrument.pk])
    imports = reverse("surveys:xlsform_import", args=[cast.network.pk])
    form = upload(xlsform.write(surveyjs.export(instrument.latest_version())))
    assert as_user(cast.outsider).get(export).status_code == 404
    assert as_user(cast.outsider).post(imports, {"document": form}).status_code == 404
    assert as_user(cast.teacher).get(export).status_code == 403
    assert as_user(cast.teacher).post(imports, {"document": form}).status_code == 403
    assert as_user(cast.leader).get(imports).status_code == 405
    other = Instrument.objects.create(network=NetworkFactory.create(), title={"kk": "Басқа"})
    assert (
        as_user(cast.leader).get(reverse("surveys:xlsform_export", args=[cast.network.pk, other.pk])).status_code == 404
    )
    assert Instrument.objects.filter(network=cast.network).count() == 0
