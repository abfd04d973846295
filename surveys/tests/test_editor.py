"""The questionnaire editor: a network's own questionnaires written on the site, in
versions (a survey's questions never change), with the edit check and nothing typed
lost, conditions only on earlier questions, in kk/ru/en."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ortaq.testing import as_user, english_words, save_twice, stale_section
from surveys import actions
from surveys.answering import Questionnaire
from surveys.models import Instrument, InstrumentVersion, Item, ItemKind, Scale, Section
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


def own(cast: Any, title: str = "Біздің сауалнама") -> Instrument:
    instrument = actions.create_instrument(
        cast.network, by=cast.leader, kind="custom", title={"kk": title}, description={}
    )
    actions.add_section(instrument, title={"kk": "Бірінші бөлім", "ru": "Первый раздел"}, intro={})
    return instrument


def latest(instrument: Instrument) -> InstrumentVersion:
    version = instrument.latest_version()
    assert version is not None
    return version


def section_of(instrument: Instrument) -> Section:
    return latest(instrument).sections.order_by("position")[0]


def item_data(kind: str, code: str, text: str = "", **more: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "code": code,
        "text_kk": text or f"Сұрақ {code}",
        "text_ru": f"Вопрос {code}",
        "text_en": "",
        "status_ru": "reviewed",
        "status_en": "draft",
        **more,
    }


def add(client: Client, section: Section, data: dict[str, Any], matrix: Item | None = None) -> Any:
    url = reverse("surveys:item_add", args=[section.pk])
    return client.post(url + (f"?matrix={matrix.pk}" if matrix else ""), data)


def every_kind(client: Client, section: Section) -> None:
    agreement = Scale.objects.get(code="agree4")
    rows = [
        item_data("single", "role", options_kk="Мұғалім\nДиректор", options_ru="Учитель\nДиректор", required="on"),
        item_data("multiple", "topics", options_kk="АКТ\nИнклюзия\nДиалог"),
        item_data("likert", "confident", scale=agreement.pk, construct="self_efficacy", subscale="se_x"),
        item_data("likert", "tired", scale=agreement.pk, reverse_keyed="on", subscale="se_x"),
        item_data("matrix", "grid", scale=agreement.pk),
        item_data("number", "years", number_min="0", number_max="50"),
        item_data("short_text", "name"),
        item_data("long_text", "ideas", show_if_item="role", show_if_values="2"),
        item_data("ranking", "order", options_kk="Уақыт\nҚаражат"),
        item_data("school", "school", breakdown="school"),
    ]
    for data in rows:
        response = add(client, section, data)
        assert response.status_code == 302, (data["kind"], response.content.decode()[:3000])
    matrix = Item.objects.get(section__version=section.version, code="grid")
    for code in ("grid_a", "grid_b"):
        response = add(client, section, item_data("likert", code, subscale="grid_scale"), matrix=matrix)
        assert response.status_code == 302


# --- Who may ------------------------------------------------------------------------------------


def editor_urls(cast: Any, library: dict[str, Instrument]) -> list[tuple[str, str, dict[str, Any]]]:
    instrument = own(cast)
    section = section_of(instrument)
    item = Item.objects.create(section=section, code="q1", kind=ItemKind.SHORT_TEXT, text={"kk": "Аты"})
    n = cast.network.pk
    return [
        ("get", reverse("surveys:instrument_create", args=[n]), {}),
        ("post", reverse("surveys:instrument_create", args=[n]), {"kind": "custom", "title_kk": "Жаңа"}),
        ("post", reverse("surveys:instrument_copy", args=[n, library["teacher-questionnaire"].pk]), {}),
        ("get", reverse("surveys:editor", args=[instrument.pk]), {}),
        ("get", reverse("surveys:instrument_edit", args=[instrument.pk]), {}),
        ("post", reverse("surveys:instrument_edit", args=[instrument.pk]), {"kind": "custom", "title_kk": "Ж"}),
        ("get", reverse("surveys:section_add", args=[instrument.pk]), {}),
        ("post", reverse("surveys:section_add", args=[instrument.pk]), {"title_kk": "Екінші"}),
        ("get", reverse("surveys:section_edit", args=[section.pk]), {}),
        ("post", reverse("surveys:section_edit", args=[section.pk]), {"title_kk": "Басқа"}),
        ("post", reverse("surveys:section_move", args=[section.pk]), {"step": "down"}),
        ("get", reverse("surveys:section_delete", args=[section.pk]), {}),
        ("post", reverse("surveys:section_delete", args=[section.pk]), {"confirmed": "1"}),
        ("get", reverse("surveys:section_preview", args=[section.pk]), {}),
        ("get", reverse("surveys:item_add", args=[section.pk]), {}),
        ("post", reverse("surveys:item_add", args=[section.pk]), item_data("short_text", "q2")),
        ("get", reverse("surveys:item_edit", args=[item.pk]), {}),
        ("post", reverse("surveys:item_edit", args=[item.pk]), item_data("short_text", "q1")),
        ("post", reverse("surveys:item_move", args=[item.pk]), {"step": "up"}),
        ("get", reverse("surveys:item_delete", args=[item.pk]), {}),
        ("post", reverse("surveys:item_delete", args=[item.pk]), {"confirmed": "1"}),
    ]


def state() -> tuple[int, int, int, list[Any]]:
    return (
        Instrument.objects.count(),
        Section.objects.count(),
        Item.objects.count(),
        sorted(
            (code, str(text), position) for code, text, position in Item.objects.values_list("code", "text", "position")
        ),
    )


def test_it_refuses_outsiders_with_404_and_members_who_do_not_run_surveys_with_403(cast, library):
    urls = editor_urls(cast, library)
    before = state()
    for person, status in [(cast.outsider, 404), (cast.teacher, 403), (cast.director, 403), (cast.methodologist, 403)]:
        client = as_user(person)
        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == status, (person, method, url)
    assert state() == before
    visitor = Client()
    for method, url, data in urls:
        response = getattr(visitor, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


def test_the_library_questionnaires_have_no_editor(cast, library):
    client = as_user(cast.leader)
    shipped = library["teacher-questionnaire"]
    assert client.get(reverse("surveys:editor", args=[shipped.pk])).status_code == 404
    section = section_of(shipped)
    assert client.get(reverse("surveys:section_edit", args=[section.pk])).status_code == 404


def test_leaders_and_coordinators_open_every_page(cast, library):
    urls = editor_urls(cast, library)
    for person in (cast.leader, cast.coordinator):
        client = as_user(person)
        for method, url, _data in urls:
            if method == "get":
                assert client.get(url).status_code == 200, (person, url)


# --- Making a questionnaire, sending it, editing it -----------------------------------------------


def test_it_makes_a_questionnaire_of_every_kind_and_a_sent_survey_keeps_its_questions(cast, library):
    client = as_user(cast.leader)
    response = client.post(
        reverse("surveys:instrument_create", args=[cast.network.pk]),
        {"kind": "teacher", "title_kk": "Кері байланыс", "title_ru": "Обратная связь", "description_kk": "Қысқа"},
    )
    instrument = Instrument.objects.get(network=cast.network, title__kk="Кері байланыс")
    assert response.status_code == 302 and response["Location"] == reverse("surveys:editor", args=[instrument.pk])
    response = client.post(reverse("surveys:section_add", args=[instrument.pk]), {"title_kk": "Сіз туралы"})
    assert response.status_code == 302
    section = section_of(instrument)
    every_kind(client, section)
    version = instrument.latest_version()
    assert version is not None and version.number == 1
    kinds = set(Item.objects.filter(section__version=version).values_list("kind", flat=True))
    assert kinds == set(ItemKind.values)
    role = Item.objects.get(section__version=version, code="role")
    assert [o["value"] for o in role.options] == ["1", "2"]
    assert role.options[1]["label"] == {"kk": "Директор", "ru": "Директор"}
    assert role.translation == {"ru": "reviewed", "en": "missing"}
    assert Item.objects.get(section__version=version, code="ideas").show_if == {"item": "role", "in": ["2"]}
    rows = Item.objects.filter(parent__code="grid", section__version=version)
    assert sorted(rows.values_list("code", flat=True)) == ["grid_a", "grid_b"]
    assert {row.scale_id for row in rows} == {Item.objects.get(section__version=version, code="grid").scale_id}

    survey = make_survey(cast, instrument)
    answer(survey, {"role": "2", "confident": 4, "grid_a": 3, "ideas": "Көбірек уақыт"}, user=cast.teacher)
    page = client.get(reverse("surveys:editor", args=[instrument.pk]))
    assert "1 survey was sent on version 1, so it no longer changes" in page.content.decode()

    edit = reverse("surveys:item_edit", args=[role.pk])
    changed = item_data("single", "role", "Сіздің рөліңіз", options_kk="Мұғалім\nДиректор\nКоуч", version="1")
    response = client.post(edit, changed)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.version_id == version.pk
    assert Item.objects.get(pk=role.pk).text["kk"] == "Сұрақ role"
    assert len(Item.objects.get(pk=role.pk).options) == 2
    latest = instrument.latest_version()
    assert latest is not None and latest.number == 2 and not latest.is_frozen
    copy = Item.objects.get(section__version=latest, code="role")
    assert copy.text["kk"] == "Сіздің рөліңіз" and [o["value"] for o in copy.options] == ["1", "2", "3"]
    # The running survey's questionnaire is still the first version's, whole.
    assert len(list(Questionnaire.of(survey).answerable())) == len(list(Questionnaire.read(latest).answerable()))
    assert Questionnaire.of(survey).by_code["role"].pk == role.pk
    messages = [str(m) for m in client.get(reverse("surveys:editor", args=[instrument.pk])).context["messages"]]
    assert any("your change made version 2" in m for m in messages)
    # A second edit goes on in version 2: no third version.
    section_pk = Section.objects.get(version=latest).pk
    client.post(reverse("surveys:section_edit", args=[section.pk]), {"title_kk": "Өзіңіз туралы", "version": "1"})
    assert instrument.versions.count() == 2
    assert Section.objects.get(pk=section_pk).title == {"kk": "Өзіңіз туралы"}
    assert Section.objects.get(pk=section.pk).title == {"kk": "Сіз туралы"}


def test_a_form_opened_before_the_survey_was_sent_saves_into_the_new_version(cast):
    instrument = own(cast)
    item = Item.objects.create(section=section_of(instrument), code="q1", kind="short_text", text={"kk": "Аты"})
    client = as_user(cast.leader)
    url = reverse("surveys:item_edit", args=[item.pk])
    opened = client.get(url)
    assert opened.status_code == 200
    survey = make_survey(cast, instrument)
    response = client.post(url, {**item_data("short_text", "q1", "Толық аты"), "version": "1"})
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).text == {"kk": "Аты"}
    assert survey.version.number == 1
    latest = instrument.latest_version()
    assert latest is not None and latest.number == 2
    assert Item.objects.get(section__version=latest, code="q1").text["kk"] == "Толық аты"


def test_two_people_editing_one_question_the_stale_save_is_refused_with_both_texts(cast):
    instrument = own(cast)
    item = Item.objects.create(section=section_of(instrument), code="q1", kind="short_text", text={"kk": "Аты"})
    url = reverse("surveys:item_edit", args=[item.pk])
    response = save_twice(
        url,
        as_user(cast.leader),
        as_user(cast.coordinator),
        item_data("short_text", "q1", "Лидердің мәтіні"),
        item_data("short_text", "q1", "Координатордың мәтіні"),
    )
    shown = stale_section(response)
    assert "Лидердің мәтіні" in shown and "Координатордың мәтіні" in shown
    assert Item.objects.get(pk=item.pk).text["kk"] == "Лидердің мәтіні"
    # What the coordinator typed is still in the form, which now carries the new revision.
    assert "Координатордың мәтіні" in response.content.decode()
    again = as_user(cast.coordinator).post(url, {**item_data("short_text", "q1", "Бірге"), "version": "2"})
    assert again.status_code == 302
    assert Item.objects.get(pk=item.pk).text["kk"] == "Бірге"


def test_two_people_renaming_one_section_the_stale_save_is_refused(cast):
    section = section_of(own(cast))
    url = reverse("surveys:section_edit", args=[section.pk])
    response = save_twice(
        url, as_user(cast.leader), as_user(cast.coordinator), {"title_kk": "Бір"}, {"title_kk": "Екі"}
    )
    shown = stale_section(response)
    assert "Бір" in shown and "Екі" in shown
    assert Section.objects.get(pk=section.pk).title == {"kk": "Бір"}


def test_a_refused_form_keeps_what_was_typed(cast):
    section = section_of(own(cast))
    client = as_user(cast.leader)
    typed = item_data("single", "q1", "Қай пән?", text_ru="Какой предмет?", options_ru="Математика\nФизика")
    response = add(client, section, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the choices, one a line." in html
    assert "Қай пән?" in html and "Какой предмет?" in html and "Математика\nФизика" in html
    assert not Item.objects.exists()
    # Changing the kind draws the form again, keeping the text, without saving or complaining.
    response = client.post(
        reverse("surveys:item_add", args=[section.pk]), {**typed, "kind": "long_text", "rekind": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Қай пән?" in html and "errorlist" not in html
    assert 'name="options_kk"' not in html


def test_a_condition_on_a_later_question_is_refused_with_its_reason(cast):
    section = section_of(own(cast))
    client = as_user(cast.leader)
    add(client, section, item_data("short_text", "first"))
    add(client, section, item_data("single", "later", options_kk="Иә\nЖоқ"))
    first = Item.objects.get(code="first")
    response = client.post(
        reverse("surveys:item_edit", args=[first.pk]),
        {**item_data("short_text", "first", "Бірінші"), "show_if_item": "later", "show_if_values": "1", "version": "1"},
    )
    assert response.status_code == 200
    assert "which comes after it: a condition can only look at an earlier question" in response.content.decode()
    assert Item.objects.get(pk=first.pk).show_if == {}
    # An earlier one is taken; a choice it does not have is refused by name.
    later = Item.objects.get(code="later")
    wrong = client.post(
        reverse("surveys:item_edit", args=[later.pk]),
        {
            **item_data("single", "later", options_kk="Иә\nЖоқ"),
            "show_if_item": "first",
            "show_if_min": "1",
            "version": "1",
        },
    )
    assert wrong.status_code == 302
    assert Item.objects.get(pk=later.pk).show_if == {"item": "first", "gte": 1.0}
    # Moving the question above the one it looks at is refused too.
    response = client.post(reverse("surveys:item_move", args=[later.pk]), {"step": "up"})
    assert response.status_code == 302
    assert list(Item.objects.order_by("position").values_list("code", flat=True)) == ["first", "later"]
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("comes after it" in m for m in messages)


def test_sections_and_questions_move_up_and_down_and_are_deleted_after_asking(cast):
    instrument = own(cast)
    actions.add_section(instrument, title={"kk": "Екінші"}, intro={})
    first, second = list(latest(instrument).sections.order_by("position"))
    client = as_user(cast.leader)
    client.post(reverse("surveys:section_move", args=[second.pk]), {"step": "up"})
    assert list(latest(instrument).sections.order_by("position")) == [second, first]
    add(client, first, item_data("short_text", "a"))
    add(client, first, item_data("number", "b", show_if_item="a", show_if_values="x"))
    a, b = Item.objects.get(code="a"), Item.objects.get(code="b")
    client.post(reverse("surveys:item_move", args=[a.pk]), {"step": "down"})
    assert Item.objects.get(code="a").show_if == {}  # a text answer: the condition names values
    asked = client.get(reverse("surveys:item_delete", args=[a.pk]))
    assert "confirm.html" in [t.name for t in asked.templates]
    assert "will always be shown" in asked.content.decode()
    assert Item.objects.filter(pk=a.pk).exists()
    client.post(reverse("surveys:item_delete", args=[a.pk]), {"confirmed": "1"})
    assert not Item.objects.filter(pk=a.pk).exists()
    assert Item.objects.get(pk=b.pk).show_if == {}
    client.post(reverse("surveys:section_delete", args=[first.pk]), {"confirmed": "1"})
    assert list(latest(instrument).sections.all()) == [second]
    assert not Item.objects.filter(pk=b.pk).exists()


def test_a_copy_of_a_library_questionnaire_is_the_networks_own_and_the_library_stays(cast, library):
    shipped = library["teacher-questionnaire"]
    before = Item.objects.filter(section__version=shipped.latest_version()).count()
    client = as_user(cast.leader)
    response = client.post(reverse("surveys:instrument_copy", args=[cast.network.pk, shipped.pk]))
    copy = Instrument.objects.get(network=cast.network)
    assert response["Location"] == reverse("surveys:editor", args=[copy.pk])
    assert copy.title == shipped.title and copy.kind == shipped.kind
    version = copy.latest_version()
    assert version is not None and version.number == 1
    assert Item.objects.filter(section__version=version).count() == before
    item = Item.objects.filter(section__version=version, parent__isnull=True)[0]
    client.post(reverse("surveys:item_edit", args=[item.pk]), {**ItemFormData.of(item), "text_kk": "Өзгерді"})
    assert Item.objects.get(pk=item.pk).text["kk"] == "Өзгерді"
    assert not Item.objects.filter(section__version=shipped.latest_version(), text__kk="Өзгерді").exists()
    assert InstrumentVersion.objects.filter(instrument=shipped).count() == 1


class ItemFormData:
    """What the edit form sends for an item as it is saved (the form's own initial values)."""

    @staticmethod
    def of(item: Item) -> dict[str, Any]:
        from surveys.forms import ItemForm

        data = {k: v for k, v in ItemForm.initial_of(item).items() if v not in (None, False)}
        return {**{k: (v if not isinstance(v, bool) else "on") for k, v in data.items()}, "version": item.revision}


# --- The pages ----------------------------------------------------------------------------------


def editor_queries(cast: Any, instrument: Instrument, count: int) -> int:
    section = section_of(instrument)
    agreement = Scale.objects.get(code="agree4") if Scale.objects.exists() else None
    for n in range(count):
        Item.objects.create(
            section=section, code=f"x{instrument.pk}_{n}", kind="likert", scale=agreement, text={"kk": f"Сұрақ {n}"}
        )
    client = as_user(cast.leader)
    url = reverse("surveys:editor", args=[instrument.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_editor_page_reads_as_many_queries_for_3_questions_as_for_40(cast, library):
    small = editor_queries(cast, own(cast, "Кіші"), 3)
    large = editor_queries(cast, own(cast, "Үлкен"), 40)
    assert small == large


def test_the_preview_shows_the_section_as_a_respondent_reads_it_with_the_kazakh_fallback(cast):
    instrument = own(cast)
    section = section_of(instrument)
    Item.objects.create(section=section, code="q1", kind="short_text", text={"kk": "Қазақша ғана"})
    Item.objects.create(section=section, code="q2", kind="short_text", text={"kk": "Екі", "ru": "Два"})
    client = as_user(cast.leader)
    page = client.get(reverse("surveys:section_preview", args=[section.pk]) + "?language=ru").content.decode()
    assert "Қазақша ғана" in page and "Два" in page and "Первый раздел" in page
    assert "<fieldset disabled" in page and 'name="q-q1"' in page
    assert "респондент читает их на казахском" in page  # the preview speaks the language it shows
    kazakh = client.get(reverse("surveys:section_preview", args=[section.pk]) + "?language=kk").content.decode()
    assert "Кейбір мәтіндер бұл тілде жазылмаған" not in kazakh and "Екі" in kazakh
    assert "<form" not in page.split("<main")[1].split("</main>")[0].replace('<form method="post" action="/', "")


@pytest.mark.any_language
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_editor_speaks_kazakh_russian_and_english(cast, library, language):
    cast.leader.language = language
    cast.leader.save(update_fields=["language"])
    instrument = own(cast)
    section = section_of(instrument)
    client = as_user(cast.leader)
    every_kind(client, section)
    make_survey(cast, instrument)
    item = Item.objects.get(section__version=section.version, code="role")
    pages = [
        reverse("surveys:editor", args=[instrument.pk]),
        reverse("surveys:instrument_create", args=[cast.network.pk]),
        reverse("surveys:instrument_edit", args=[instrument.pk]),
        reverse("surveys:section_edit", args=[section.pk]),
        reverse("surveys:item_edit", args=[item.pk]),
        reverse("surveys:item_add", args=[section.pk]) + "?kind=number",
        reverse("surveys:section_preview", args=[section.pk]),
        reverse("surveys:item_delete", args=[item.pk]),
        reverse("surveys:network", args=[cast.network.pk]),
    ]
    expected = {"kk": "нкета", "ru": "нкет", "en": "uestionnaire"}[language]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if language != "en":
            # The codes and tags typed by the editor are content, not the interface.
            content = {"role", "topics", "confident", "tired", "grid", "years", "name", "ideas", "order", "school"}
            content |= {"self", "efficacy", "se", "grid_a", "grid_b", "scale"}  # the construct and subscales typed
            assert english_words(html) - content == set(), (url, english_words(html) - content)
    assert expected in client.get(pages[0]).content.decode() or language == "en"
