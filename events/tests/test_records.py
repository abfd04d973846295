"""The record of a meeting: decisions, tasks tracked until done, checked files, and the
materials sent on to every school's coordinator and into the library."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from events import actions
from events.models import Attachment, MaterialsDispatch, Record, RecordTask
from events.tests.factories import make_event
from materials.models import Material
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    return SimpleUploadedFile("сурет.png", buffer.getvalue(), content_type="image/png")


def past_event(cast, **fields):
    return make_event(cast, timezone.localdate() - datetime.timedelta(days=3), **fields)


def test_the_organiser_writes_the_record_with_decisions(cast):
    event = past_event(cast)

    response = as_user(cast.leader).post(
        reverse("events:record", args=[event.pk]),
        {"agenda": "Сауалнама нәтижелері\nЖоспар", "notes": "**Маңызды** кездесу", "decisions": "· Жоспар бекітілсін."},
    )

    assert response.status_code == 302
    record = Record.objects.get(event=event)
    assert record.agenda_items() == ["Сауалнама нәтижелері", "Жоспар"]
    assert record.decision_items() == ["Жоспар бекітілсін."]
    page = as_user(cast.teacher).get(event.get_absolute_url()).content.decode()
    assert "<strong>Маңызды</strong>" in page and "Жоспар бекітілсін." in page


def test_tasks_are_tracked_until_done_and_a_person_sees_their_open_ones(cast):
    event = past_event(cast)
    client = as_user(cast.leader)
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()

    client.post(
        reverse("events:task_add", args=[event.pk]),
        {"title": "Рефлексия жазу", "owner": cast.teacher.pk, "due_on": due},
    )
    client.post(reverse("events:task_add", args=[event.pk]), {"title": "Бөгде", "owner": cast.outsider.pk})

    task = RecordTask.objects.get()
    assert task.owner == cast.teacher and task.title == "Рефлексия жазу"
    teacher = as_user(cast.teacher)
    assert "Рефлексия жазу" in teacher.get(reverse("events:mine")).content.decode()
    assert teacher.post(reverse("events:task_toggle", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.is_done
    assert "Рефлексия жазу" not in teacher.get(reverse("events:mine")).content.decode()
    assert list(RecordTask.objects.open()) == []


def test_only_the_owner_or_an_organiser_ticks_a_task(cast):
    task = actions.add_task(past_event(cast), by=cast.leader, title="Жоспар", owner=cast.teacher, due_on=None)

    assert as_user(cast.coach).post(reverse("events:task_toggle", args=[task.pk])).status_code == 403
    assert as_user(cast.outsider).post(reverse("events:task_toggle", args=[task.pk])).status_code == 404
    task.refresh_from_db()
    assert not task.is_done


def test_files_are_checked_by_their_content_and_served_to_members(cast):
    event = past_event(cast)
    client = as_user(cast.leader)

    client.post(reverse("events:attachment_add", args=[event.pk]), {"file": png()})
    fake = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(reverse("events:attachment_add", args=[event.pk]), {"file": fake}, follow=True)

    assert "cannot be uploaded here" in response.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.family == "image" and attachment.name == "сурет.png"
    served = as_user(cast.teacher).get(attachment.get_absolute_url(), HTTP_RANGE="bytes=0-3")
    assert served.status_code == 206 and served["Content-Type"] == "image/png"
    assert as_user(cast.outsider).get(attachment.get_absolute_url()).status_code == 404


def test_webinar_materials_go_to_every_schools_coordinator_and_the_library(cast, django_capture_on_commit_callbacks):
    event = past_event(
        cast, kind="webinar", title="Критериалды бағалау вебинары", online_url="https://meet.example.kz/x"
    )
    actions.save_record(event, by=cast.leader, agenda="Жиынтық бағалау", notes="Модерация", decisions="Жеткізілсін.")
    actions.add_attachment(event, png(), by=cast.leader)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(cast.leader).post(reverse("events:send_materials", args=[event.pk]))

    assert response.status_code == 302
    dispatch = MaterialsDispatch.objects.get()
    # Coordinators and directors of member schools: the coordinator (leading school), the director (attached).
    assert set(dispatch.recipients.all()) == {cast.coordinator, cast.director}
    assert set(dispatch.schools.all()) == {cast.leading_school, cast.attached_school}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.coordinator.email, cast.director.email])
    body = mail.outbox[0].body
    assert "сурет.png" in body and "Жеткізілсін." in body
    material = Material.objects.get()
    assert dispatch.material == material and material.network == cast.network
    assert material.current_version.files.get().name == "сурет.png"
    assert material.get_absolute_url() in body
    # Sending again records a second dispatch but does not publish twice.
    actions.send_to_coordinators(event, by=cast.leader)
    assert MaterialsDispatch.objects.count() == 2 and Material.objects.count() == 1


def test_nothing_is_sent_without_a_record(cast):
    event = past_event(cast)

    response = as_user(cast.leader).post(reverse("events:send_materials", args=[event.pk]), follow=True)

    assert "Write the record first" in response.content.decode()
    assert not MaterialsDispatch.objects.exists()
    assert as_user(cast.teacher).post(reverse("events:send_materials", args=[event.pk])).status_code == 403
