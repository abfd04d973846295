"""/api/v1/networks/{id}/export.* (exchange/api.py): the export page's files and rule."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db

KINDS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv.zip": "application/zip",
    "json": "application/json",
}


def urls(cast) -> dict[str, str]:
    return {kind: f"/api/v1/networks/{cast.network.pk}/export.{kind}" for kind in KINDS}


def test_it_answers_404_to_an_outsider_and_403_to_members_who_may_not_export(cast):
    for url in urls(cast).values():
        outsider = api_as(cast.outsider).get(url)
        assert outsider.status_code == 404 and outsider["Content-Type"] == "application/problem+json"
        assert "Шуақ" not in outsider.content.decode()
        for person in (cast.teacher, cast.coordinator, cast.coach):
            refused = api_as(person).get(url)
            assert refused.status_code == 403, (person, url)
            assert refused["Content-Type"] == "application/problem+json"
        assert api_as(None).get(url).status_code == 401


def test_it_gives_leaders_and_methodologists_each_file_with_a_read_token(cast):
    in_role = member(cast.network, Role.METHODOLOGIST)
    for person in (cast.leader, cast.methodologist, in_role):
        for kind, url in urls(cast).items():
            response = api_as(person, scope="read").get(url)
            assert response.status_code == 200, (person, kind)
            assert response["Content-Type"].split(";")[0] == KINDS[kind]
            assert "attachment" in response["Content-Disposition"]


def test_it_gives_the_file_whatever_the_client_accepts(cast):
    response = api_as(cast.leader).get(urls(cast)["xlsx"], HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames[0] == "Мектептер"


def test_it_writes_in_the_language_of_accept_language(cast):
    client = api_as(cast.leader, HTTP_ACCEPT_LANGUAGE="ru")
    document = json.loads(b"".join(client.get(urls(cast)["json"]).streaming_content))
    assert document["language"] == "ru"
    assert document["tables"]["members"]["title"] == "Участники"
    teacher = next(row for row in document["tables"]["members"]["rows"] if row["full_name"] == "Жұмабеков Ерлан")
    assert teacher["role"] == "учитель"
    archive = api_as(cast.leader, HTTP_ACCEPT_LANGUAGE="kk").get(urls(cast)["csv.zip"])
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert "Мүшелер.csv" in names


def test_it_describes_the_exports_as_files_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for kind, media in KINDS.items():
        operation = paths[f"/api/v1/networks/{{network_pk}}/export.{kind}"]["get"]
        content = operation["responses"]["200"]["content"]
        assert list(content) == [media]
        if kind != "json":
            assert content[media]["schema"] == {"type": "string", "format": "binary"}
        assert {"403", "404"} <= set(operation["responses"])
