"""/api/v1/ for the library (materials/api.py): the same rules as the pages, through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from materials import actions
from materials.models import Collection, CollectionItem, Comment, Material, MaterialFile, UsefulMark
from materials.tests.factories import MP4, PDF, pdf_file, png, publish
from networks.audiences import Visibility
from networks.tests.factories import NetworkFactory
from ortaq.testing import api_as, as_user
from subjects.models import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(cast):
    """The coach's lesson plan of the network, a comment on it, and a collection holding it."""
    material = publish(cast, by=cast.coach, grades=[7], objective_codes=["7.2.1.1"], tags=["бағалау"])
    comment = actions.comment(material, author=cast.coach, body="Жақсы жоспар")
    collection = actions.create_collection(cast.network, by=cast.coach, title="Диалогтық оқыту")
    item = actions.add_to_collection(collection, material, by=cast.coach)
    return material, comment, collection, item


def endpoints(cast, material, comment, collection, item) -> list[tuple[str, str, dict]]:
    n, m, c = cast.network.pk, material.pk, collection.pk
    return [
        ("get", f"/api/v1/networks/{n}/materials/", {}),
        ("post", f"/api/v1/networks/{n}/materials/", {"title": "Жаңа", "link": "https://example.kz/v"}),
        ("get", f"/api/v1/materials/{m}/", {}),
        ("patch", f"/api/v1/materials/{m}/", {"title": "Өзгерген"}),
        ("post", f"/api/v1/materials/{m}/hide/", {"hidden": True}),
        ("post", f"/api/v1/materials/{m}/useful/", {}),
        ("delete", f"/api/v1/materials/{m}/useful/", {}),
        ("get", f"/api/v1/materials/{m}/versions/", {}),
        ("post", f"/api/v1/materials/{m}/versions/", {"link": "https://example.kz/v2"}),
        ("get", f"/api/v1/materials/{m}/comments/", {}),
        ("post", f"/api/v1/materials/{m}/comments/", {"body": "Рақмет"}),
        ("post", f"/api/v1/materials/{m}/comments/{comment.pk}/hide/", {"hidden": True}),
        ("delete", f"/api/v1/materials/{m}/comments/{comment.pk}/", {}),
        ("get", f"/api/v1/networks/{n}/collections/", {}),
        ("post", f"/api/v1/networks/{n}/collections/", {"title": "Жинақ"}),
        ("get", f"/api/v1/collections/{c}/", {}),
        ("patch", f"/api/v1/collections/{c}/", {"title": "Басқа жинақ"}),
        ("post", f"/api/v1/collections/{c}/items/", {"material": m}),
        ("post", f"/api/v1/collections/{c}/items/{item.pk}/move/", {"direction": "down"}),
        ("delete", f"/api/v1/collections/{c}/items/{item.pk}/", {}),
        ("delete", f"/api/v1/collections/{c}/", {}),
        ("delete", f"/api/v1/materials/{m}/", {}),
    ]


def unchanged() -> None:
    material = Material.objects.get()
    assert material.title == "Квадрат теңдеулерді шешу" and material.hidden_at is None
    assert material.versions.count() == 1 and material.useful_count == 0 and not UsefulMark.objects.exists()
    comment = Comment.objects.get()
    assert comment.hidden_at is None and comment.body == "Жақсы жоспар"
    collection = Collection.objects.get()
    assert collection.title == "Диалогтық оқыту" and collection.items.count() == 1


def test_it_answers_404_to_an_outsider_on_every_library_endpoint(cast, library):
    client = api_as(cast.outsider)
    for method, url, data in endpoints(cast, *library):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    unchanged()


def test_it_answers_401_to_a_visitor_on_every_endpoint_of_a_networks_material(cast, library):
    client = APIClient()
    for method, url, data in endpoints(cast, *library):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 401, (method, url, response.status_code)
    assert client.get("/api/v1/materials/").status_code == 401
    unchanged()


def test_it_answers_403_to_a_member_who_changes_someone_elses_material(cast, library):
    client = api_as(cast.teacher)
    taking_part = ("/useful/", "/comments/", "/collections/")  # theirs to do, and starting a collection
    for method, url, data in endpoints(cast, *library):
        if method == "get" or any(url.endswith(end) for end in taking_part) or url.endswith("/materials/"):
            continue
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 403, (method, url, response.status_code)
    unchanged()


def test_the_methodologist_reads_and_takes_part_but_answers_403_to_publishing_and_changing(cast, library):
    client = api_as(cast.methodologist)
    material, *_rest = library
    for method, url, data in endpoints(cast, *library):
        if url.endswith(("/useful/", f"/{material.pk}/comments/")):
            continue  # «read, take part», as on the page
        response = getattr(client, method)(url, data, format="json")
        expected = 200 if method == "get" else 403
        assert response.status_code == expected, (method, url, response.status_code)
    unchanged()
    assert client.post(f"/api/v1/materials/{material.pk}/comments/", {"body": "Пайдалы"}).status_code == 201


def test_a_public_material_is_read_without_signing_in_and_taken_part_in_by_the_network_only(cast):
    material = publish(cast, by=cast.coach, visibility=Visibility.PUBLIC, title="Ашық сабақ")
    collection = actions.create_collection(cast.network, by=cast.coach, title="Ашық жинақ", visibility="public")
    actions.add_to_collection(collection, material, by=cast.coach)
    visitor = APIClient()
    detail = visitor.get(f"/api/v1/materials/{material.pk}/")
    assert detail.status_code == 200 and detail.json()["title"] == "Ашық сабақ"
    file = detail.json()["versions"][0]["files"][0]
    assert visitor.get(f"/api/v1/materials/{material.pk}/versions/").status_code == 200
    assert visitor.get(f"/api/v1/materials/{material.pk}/comments/").status_code == 200
    assert [i["material"]["id"] for i in visitor.get(f"/api/v1/collections/{collection.pk}/").json()["items"]] == [
        material.pk
    ]
    # The download link is the library's own file view, which lets the visitor have it.
    assert file["download_url"] == f"http://testserver/library/files/{file['id']}/?download=1"
    assert visitor.get(file["download_url"]).status_code == 200
    for refused in (
        visitor.post(f"/api/v1/materials/{material.pk}/comments/", {"body": "Сәлем"}),
        visitor.post(f"/api/v1/materials/{material.pk}/useful/"),
        visitor.get(f"/api/v1/networks/{cast.network.pk}/materials/"),
    ):
        assert refused.status_code == 401
    outsider = api_as(cast.outsider)
    assert outsider.get(f"/api/v1/materials/{material.pk}/").status_code == 200
    assert outsider.post(f"/api/v1/materials/{material.pk}/comments/", {"body": "Сәлем"}).status_code == 403
    assert outsider.post(f"/api/v1/materials/{material.pk}/useful/").status_code == 403
    assert outsider.get(f"/api/v1/networks/{cast.network.pk}/materials/").status_code == 404
    assert not Comment.objects.exists() and not UsefulMark.objects.exists()


def test_hidden_and_group_materials_are_404_to_those_the_page_refuses(cast):
    hidden = publish(cast, by=cast.coach, title="Жасырылған")
    actions.hide_material(hidden, by=cast.leader, hidden=True)
    of_group = publish(cast, by=cast.coach, title="Топтікі", visibility=Visibility.GROUP, group=cast.group)
    cases = {
        hidden.pk: {cast.coach: 200, cast.leader: 200, cast.teacher: 404, cast.methodologist: 404},
        of_group.pk: {cast.teacher: 200, cast.coordinator: 200, cast.director: 404, cast.methodologist: 404},
    }
    for pk, answers in cases.items():
        for person, status in answers.items():
            for url in (f"/api/v1/materials/{pk}/", f"/api/v1/materials/{pk}/versions/"):
                assert api_as(person).get(url).status_code == status, (pk, person, url)
    assert APIClient().get(f"/api/v1/materials/{hidden.pk}/").status_code == 401


def test_it_lists_what_the_library_pages_list_with_their_filters(cast):
    maths = Subject.objects.get_or_create(code="mathematics", defaults={"name_kk": "Математика"})[0]
    algebra = publish(cast, title="Алгебра", subject=maths, grades=[7, 8], objective_codes=["7.2.1.1"])
    publish(cast, title="Орыс тілі", language="ru", kind=Material.Kind.PRESENTATION, tags=["диалог"])
    hidden = publish(cast, title="Жасырылған")
    actions.hide_material(hidden, by=cast.leader, hidden=True)
    publish(cast, by=cast.coach, title="Топтікі", visibility=Visibility.GROUP, group=cast.group)
    for person in (cast.teacher, cast.director, cast.leader, cast.methodologist):
        client = api_as(person)
        expected = set(Material.objects.visible_to(person).values_list("pk", flat=True))
        assert {
            row["id"] for row in client.get(f"/api/v1/networks/{cast.network.pk}/materials/").json()["results"]
        } == (expected)
        assert {row["id"] for row in client.get("/api/v1/materials/").json()["results"]} == expected
    client = api_as(cast.director)

    def titles(**params) -> list[str]:
        return [
            row["title"]
            for row in client.get(f"/api/v1/networks/{cast.network.pk}/materials/", params).json()["results"]
        ]

    assert titles(subject="mathematics") == ["Алгебра"]
    assert titles(grade=8) == titles(grade="8") == ["Алгебра"]
    assert titles(objective="7.2") == ["Алгебра"]
    assert titles(language="ru") == titles(kind="presentation") == titles(tag="диалог") == ["Орыс тілі"]
    assert titles(grade=9) == []
    row = client.get(f"/api/v1/materials/{algebra.pk}/").json()
    assert row["subject"]["code"] == "mathematics" and row["grades"] == [7, 8] and row["objective_codes"] == ["7.2.1.1"]


def test_it_pages_the_library_in_the_same_queries_however_many(cast, django_assert_max_num_queries):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/materials/?page_size=5"
    publish(cast, title="Бірінші")
    client.get(url)  # the token's first use is noted once
    with django_assert_max_num_queries(5):
        client.get(url)
    for number in range(11):
        publish(cast, by=(cast.coach, cast.teacher)[number % 2], title=f"Жоспар {number}", coauthors=[cast.leader])
    with django_assert_max_num_queries(5):
        page = client.get(url).json()
    seen = []
    while True:
        seen += [row["id"] for row in page["results"]]
        assert all(row["authors"] for row in page["results"])
        if not page["next"]:
            break
        with django_assert_max_num_queries(5):
            page = client.get(page["next"]).json()
    assert seen == list(Material.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/materials/", {"page_size": 50}).json()["results"]) == 12


def test_it_searches_the_library_by_words_as_the_keyword_box_does(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rubric = publish(cast, title="Мұғалімдерге арналған бағалау рубрикасы", grades=[5])
        publish(cast, title="Квадрат теңдеулер")
        publish(cast, title="Бағалау критерийлері", grades=[9])
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/materials/"
    for typed in ("мұғалімдер", "мугалим", "mugalim", "рубрикалар"):
        found = client.get(url, {"q": typed}).json()
        assert [row["id"] for row in found["results"]] == [rubric.pk], typed
    assert {row["title"] for row in client.get(url, {"q": "бағалау"}).json()["results"]} == {
        "Мұғалімдерге арналған бағалау рубрикасы",
        "Бағалау критерийлері",
    }
    assert [row["title"] for row in client.get(url, {"q": "бағалау", "grade": 9}).json()["results"]] == [
        "Бағалау критерийлері"
    ]
    first = client.get(url, {"q": "бағалау", "page_size": 1}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == len(second["results"]) == 1 and second["previous"]
    assert first["results"][0]["id"] != second["results"][0]["id"]
    assert [row["id"] for row in client.get("/api/v1/materials/", {"q": "рубрика"}).json()["results"]] == [rubric.pk]
    assert api_as(cast.outsider).get("/api/v1/materials/", {"q": "рубрика"}).json()["results"] == []


def test_it_publishes_a_material_with_files_sent_as_multipart(cast, media):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/materials/"
    made = client.post(
        url,
        {
            "title": "  Квадрат   теңдеулер ",
            "kind": "worksheet",
            "grades": [8, 9],
            "objective_codes": ["8.2.1.1", "8.2.1.2"],
            "tags": ["алгебра"],
            "coauthors": [cast.coach.pk],
            "files": [pdf_file("жоспар.pdf"), SimpleUploadedFile("сурет.png", png())],
        },
        format="multipart",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["title"] == "Квадрат теңдеулер" and body["kind"] == "worksheet" and body["grades"] == [8, 9]
    assert [a["full_name"] for a in body["authors"]] == ["Жұмабеков Ерлан", "Бекова Айгүл"]
    assert body["objective_codes"] == ["8.2.1.1", "8.2.1.2"] and body["tags"] == ["алгебра"]
    files = body["versions"][0]["files"]
    assert [f["name"] for f in files] == ["жоспар.pdf", "сурет.png"] and files[1]["thumbnail_url"]
    assert body["current_version"] == body["versions"][0]["id"]
    # The links are the library's permission-checked file view.
    signed_in = as_user(cast.director)
    assert signed_in.get(files[0]["download_url"]).status_code == 200
    assert as_user(cast.outsider).get(files[0]["url"]).status_code == 404


def test_it_refuses_files_as_the_page_does_and_keeps_nothing(cast, media, settings):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/materials/"
    renamed = SimpleUploadedFile("жоспар.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    refused = client.post(url, {"title": "Бағдарлама", "files": [renamed]}, format="multipart")
    assert refused.status_code == 400 and "files" in refused.json()["errors"]
    settings.ORTAQ_IMAGE_MAX_PIXELS = 100
    too_many_pixels = SimpleUploadedFile("сурет.png", png(20, 20))
    refused = client.post(url, {"title": "Сурет", "files": [too_many_pixels]}, format="multipart")
    assert refused.status_code == 400 and "megapixels" in " ".join(refused.json()["errors"]["files"])
    settings.ORTAQ_UPLOAD_LIMITS = {**settings.ORTAQ_UPLOAD_LIMITS, "document": len(PDF) - 1}
    refused = client.post(url, {"title": "Үлкен", "files": [pdf_file()]}, format="multipart")
    assert refused.status_code == 400 and "too large" in " ".join(refused.json()["errors"]["files"])
    nothing = client.post(url, {"title": "Бос"}, format="multipart")
    assert nothing.status_code == 400 and nothing.json()["errors"]["non_field_errors"]
    both = client.post(url, {"title": "", "visibility": "group"}, format="json")
    assert both.status_code == 400 and {"title", "non_field_errors"} <= set(both.json()["errors"])
    assert not Material.objects.exists() and not [p for p in media.rglob("*") if p.is_file()]


def test_it_changes_the_description_with_the_version_check(cast, library):
    material, *_rest = library
    url = f"/api/v1/materials/{material.pk}/"
    coach, leader = api_as(cast.coach), api_as(cast.leader)
    read = coach.get(url)
    version = read.json()["version"]
    changed = leader.patch(url, {"title": "Түзетілген", "grades": [7, 8], "version": version}, format="json")
    assert changed.status_code == 200 and changed.json()["grades"] == [7, 8]
    assert changed.json()["tags"] == ["бағалау"] and changed.json()["objective_codes"] == ["7.2.1.1"]
    stale = coach.patch(url, {"title": "Ескі оқылым", "version": version}, format="json")
    assert stale.status_code == 409
    by_tag = coach.patch(url, {"title": "Тег бойынша"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert by_tag.status_code == 412
    refused = coach.patch(url, {"visibility": "group"}, format="json")  # a group must be chosen
    assert refused.status_code == 400
    material.refresh_from_db()
    assert material.title == "Түзетілген" and material.visibility == Visibility.NETWORK


def test_it_adds_a_version_hides_and_deletes_as_the_pages_allow(cast, library, media):
    material, *_rest = library
    coach, leader = api_as(cast.coach), api_as(cast.leader)
    made = coach.post(
        f"/api/v1/materials/{material.pk}/versions/",
        {"files": [SimpleUploadedFile("сабақ.mp4", MP4)], "note": "Бейне қосылды"},
        format="multipart",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["number"] == 2 and made.json()["files"][0]["family"] == "video"
    versions = coach.get(f"/api/v1/materials/{material.pk}/versions/").json()["results"]
    assert [v["number"] for v in versions] == [2, 1]
    assert coach.post(f"/api/v1/materials/{material.pk}/hide/", {"hidden": True}, format="json").status_code == 403
    hidden = leader.post(f"/api/v1/materials/{material.pk}/hide/", {"hidden": True}, format="json")
    assert hidden.status_code == 200 and hidden.json()["is_hidden"]
    assert api_as(cast.teacher).get(f"/api/v1/materials/{material.pk}/").status_code == 404
    assert (
        leader.post(f"/api/v1/materials/{material.pk}/hide/", {"hidden": False}, format="json").json()["is_hidden"]
        is False
    )
    assert coach.delete(f"/api/v1/materials/{material.pk}/").status_code == 204
    assert not Material.objects.exists() and not MaterialFile.objects.exists()


def test_it_lists_adds_and_deletes_comments_and_marks_useful(cast, library):
    material, comment, *_rest = library
    teacher, leader = api_as(cast.teacher), api_as(cast.leader)
    url = f"/api/v1/materials/{material.pk}/comments/"
    made = teacher.post(url, {"body": "**Рақмет!** <script>x</script>"}, format="json")
    assert made.status_code == 201
    assert (
        made.json()["body_html"].startswith("<p><strong>Рақмет!</strong>") and "<script" not in made.json()["body_html"]
    )
    assert teacher.post(url, {"body": "   "}, format="json").status_code == 400
    leader.post(f"{url}{comment.pk}/hide/", {"hidden": True}, format="json")
    assert [c["id"] for c in teacher.get(url).json()["results"]] == [made.json()["id"]]
    assert [c["id"] for c in leader.get(url).json()["results"]] == [comment.pk, made.json()["id"]]
    assert teacher.delete(f"{url}{comment.pk}/").status_code == 403
    assert teacher.delete(f"{url}{made.json()['id']}/").status_code == 204
    assert (
        api_as(cast.coach).delete(f"/api/v1/materials/{material.pk + 1000}/comments/{comment.pk}/").status_code == 404
    )
    assert teacher.post(f"/api/v1/materials/{material.pk}/useful/").json() == {"useful": True, "useful_count": 1}
    assert teacher.post(f"/api/v1/materials/{material.pk}/useful/").json()["useful_count"] == 1
    assert teacher.delete(f"/api/v1/materials/{material.pk}/useful/").json() == {"useful": False, "useful_count": 0}


def test_it_assembles_collections_showing_each_reader_what_they_may_open(cast, library):
    material, _comment, collection, item = library
    of_group = publish(cast, by=cast.coach, title="Топтікі", visibility=Visibility.GROUP, group=cast.group)
    coach = api_as(cast.coach)
    url = f"/api/v1/collections/{collection.pk}/"
    added = coach.post(f"{url}items/", {"material": of_group.pk, "note": "Топқа"}, format="json")
    assert added.status_code == 201 and added.json()["note"] == "Топқа"
    assert [i["material"]["id"] for i in coach.get(url).json()["items"]] == [material.pk, of_group.pk]
    assert [i["material"]["id"] for i in api_as(cast.director).get(url).json()["items"]] == [material.pk]
    moved = coach.post(f"{url}items/{item.pk}/move/", {"direction": "down"}, format="json")
    assert moved.status_code == 200
    assert [i["material"]["id"] for i in coach.get(url).json()["items"]] == [of_group.pk, material.pk]
    assert (
        coach.patch(url, {"description": "*Жаңа*"}, format="json").json()["description_html"] == "<p><em>Жаңа</em></p>"
    )
    assert coach.delete(f"{url}items/{item.pk}/").status_code == 204
    made = api_as(cast.teacher).post(f"/api/v1/networks/{cast.network.pk}/collections/", {"title": "Менің жинағым"})
    assert made.status_code == 201 and made.json()["created_by"]["full_name"] == "Жұмабеков Ерлан"
    listed = api_as(cast.director).get(f"/api/v1/networks/{cast.network.pk}/collections/").json()["results"]
    assert {c["id"] for c in listed} == set(Collection.objects.visible_to(cast.director).values_list("pk", flat=True))
    assert coach.delete(url).status_code == 204
    assert Material.objects.filter(pk=material.pk).exists() and not CollectionItem.objects.filter(pk=item.pk).exists()


def test_it_lets_a_read_token_read_the_library_but_not_write(cast, library):
    material, *_rest = library
    reader = api_as(cast.coach, scope="read")
    assert reader.get(f"/api/v1/materials/{material.pk}/").status_code == 200
    assert reader.patch(f"/api/v1/materials/{material.pk}/", {"title": "Жоқ"}, format="json").status_code == 403
    unchanged()


def test_it_shows_a_material_in_the_same_queries_however_many_authors_and_versions(cast, django_assert_max_num_queries):
    client = api_as(cast.director)
    alone = publish(cast, title="Жалғыз")
    many = publish(cast, title="Көп", coauthors=[cast.coach, cast.leader, cast.coordinator])
    for _number in range(3):
        actions.add_version(many, by=cast.teacher, files=actions.validate_files([pdf_file()]))
    client.get(f"/api/v1/materials/{alone.pk}/")  # the token's first use is noted once
    with django_assert_max_num_queries(8):
        client.get(f"/api/v1/materials/{alone.pk}/")
    with django_assert_max_num_queries(8):
        body = client.get(f"/api/v1/materials/{many.pk}/").json()
    assert len(body["authors"]) == 4 and [v["number"] for v in body["versions"]] == [4, 3, 2, 1]


@pytest.mark.any_language
def test_it_refuses_in_the_language_asked_for(cast, library):
    _material, _comment, collection, _item = library
    other = NetworkFactory.create(name="Даму")
    member_of_both = cast.coach
    other.memberships.create(user=member_of_both, role="teacher")
    elsewhere = publish(cast, by=member_of_both, title="Басқа желіде")
    Material.objects.filter(pk=elsewhere.pk).update(network=other)
    url = f"/api/v1/collections/{collection.pk}/items/"
    answers = {
        language: api_as(member_of_both, HTTP_ACCEPT_LANGUAGE=language)
        .post(url, {"material": elsewhere.pk}, format="json")
        .json()["errors"]["material"][0]
        for language in ("kk", "ru", "en")
    }
    assert answers == {
        "kk": "Жинақ тиесілі желінің материалын таңдаңыз.",
        "ru": "Выберите материал того сообщества, которому принадлежит подборка.",
        "en": "Choose a material of the collection's network.",
    }


def test_it_refuses_an_id_too_long_for_the_database_as_a_mistake(cast, library):
    _material, _comment, collection, _item = library
    refused = api_as(cast.coach).post(
        f"/api/v1/collections/{collection.pk}/items/", {"material": 10**25}, format="json"
    )
    assert refused.status_code == 400 and "material" in refused.json()["errors"]
