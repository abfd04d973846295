"""What the library gives the search index: a document per material, all of them
for a rebuild, and a signal in the transaction of every change that matters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from materials import actions
from materials.models import Material
from materials.search_source import search_documents
from materials.signals import content_changed
from materials.tests.factories import pdf_file, publish
from networks.audiences import Visibility
from ortaq.testing import as_user
from subjects.models import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    received: list[tuple[int | None, dict | None]] = []

    def receiver(sender, instance, **kwargs):
        assert sender is Material
        received.append((instance.pk, instance.search_document()))

    content_changed.connect(receiver, dispatch_uid="test-materials-sent")
    yield received
    content_changed.disconnect(dispatch_uid="test-materials-sent")


def test_a_material_describes_itself_for_search(cast):
    maths = Subject.objects.get(code="mathematics")
    material = publish(
        cast,
        by=cast.teacher,
        coauthors=[cast.coach],
        subject=maths,
        grades=[8, 9],
        objective_codes=["9.2.2.1"],
        tags=["ашық сабақ"],
        description="**Дискриминант** арқылы шешу",
        visibility=Visibility.GROUP,
        group=cast.group,
    )
    document = material.search_document()
    assert document == {
        "kind": "material",
        "object_id": material.pk,
        "network_id": cast.network.pk,
        "group_id": cast.group.pk,
        "is_public": False,
        "title": "Квадрат теңдеулерді шешу",
        "body": "Дискриминант арқылы шешу 9.2.2.1 ашық сабақ Жұмабеков Ерлан Бекова Айгүл",
        "url": material.get_absolute_url(),
        "created_at": material.created_at,
        "subject_id": maths.pk,
        "grades": [8, 9],
        "language": "kk",
        "material_kind": "lesson_plan",
        "objective_codes": ["9.2.2.1"],
        "is_visible": True,
    }
    actions.hide_material(material, by=cast.leader, hidden=True)
    assert material.search_document()["is_visible"] is False


def test_every_document_in_few_queries(cast):
    for number in range(5):
        publish(cast, title=f"Материал {number}", tags=["тег"], objective_codes=["5.1.1.1"])
    with CaptureQueriesContext(connection) as queries:
        documents = list(search_documents())
    assert len(documents) == 5 and len(queries) == 4
    assert {d["title"] for d in documents} == {f"Материал {n}" for n in range(5)}


def test_changes_are_announced_inside_their_transaction(cast, sent, django_capture_on_commit_callbacks):
    """So that what a receiver writes (the search index's note of the change) commits
    with the change, or not at all."""
    with django_capture_on_commit_callbacks(execute=False):
        material = publish(cast, by=cast.teacher)
    assert sent == [(material.pk, material.search_document())]  # before anything waiting for the commit ran

    client = as_user(cast.teacher)
    steps = [
        lambda: client.post(
            reverse("materials:edit", args=[material.pk]),
            {
                "title": "Жаңа атау",
                "kind": "lesson_plan",
                "language": "kk",
                "visibility": "public",
                "licence": "cc-by-4.0",
                "version": "1",
            },
        ),
        lambda: client.post(reverse("materials:version_create", args=[material.pk]), {"files": [pdf_file()]}),
        lambda: as_user(cast.leader).post(reverse("materials:hide", args=[material.pk]), {"hidden": "1"}),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            assert step().status_code == 302
    assert [pk for pk, _doc in sent] == [material.pk] * 4
    assert sent[1][1]["title"] == "Жаңа атау" and sent[1][1]["is_public"] is True
    assert sent[3][1]["is_visible"] is False

    with django_capture_on_commit_callbacks(execute=True):
        as_user(cast.leader).post(reverse("materials:delete", args=[material.pk]), {"confirmed": "yes"})
    assert sent[-1] == (material.pk, None)  # gone: the index drops it
