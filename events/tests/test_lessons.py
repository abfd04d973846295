"""Adding an open lesson to an event through its page: the plan file is checked by its
content and outlives a mistake elsewhere in the form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.tests.factories import make_event
from observations.models import Lesson
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def lesson_data(cast, **fields) -> dict:
    return {"teacher": cast.teacher.pk, "grade": "9", "topic": "Квадрат теңдеулер", **fields}


def test_the_plan_of_an_open_lesson_is_kept_when_the_topic_is_missing(cast, media):
    event = make_event(cast, kind="seminar")
    client = as_user(cast.leader)
    url = reverse("events:lesson_create", args=[event.pk])

    refused = client.post(url, lesson_data(cast, topic="", plan_upload=SimpleUploadedFile("жоспар.pdf", PDF)))
    [kept] = refused.context["form"].kept_files["plan_upload"]
    added = client.post(url, lesson_data(cast, **{"plan_upload-kept": kept.token}))

    assert refused.status_code == 200 and "«жоспар.pdf»" in refused.content.decode()
    lesson = Lesson.objects.get()
    assert added.status_code == 302 and lesson.plan_file_name == "жоспар.pdf"
    assert lesson.plan_file.read() == PDF and not (media / kept.stored).exists()


def test_a_program_sent_as_a_lesson_plan_is_refused(cast, media):
    event = make_event(cast, kind="seminar")
    program = SimpleUploadedFile("жоспар.pdf", b"MZ\x90\x00" + b"\x00" * 200)

    response = as_user(cast.leader).post(
        reverse("events:lesson_create", args=[event.pk]), lesson_data(cast, plan_upload=program)
    )

    assert response.context["form"].errors["plan_upload"] and not Lesson.objects.exists()
    assert response.context["form"].kept_files["plan_upload"] == []
