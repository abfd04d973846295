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
from ortaq.testing import as_user, hidden_value

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    return SimpleUploadedFile("сурет.png", buffer.getvalue(), content_type="image/png")


def past_event(cast, **fields):
    return make_event(cast, timezone.localdate() - datetime.timedelta(days=3), **fields)


def test_the_organiser_writes_the_record_with_decisions(cast):
    event = past_event(cast)

    response = record_post(
        as_user(cast.leader),
        event,
        agenda="Сауалнама нәтижелері\nЖоспар",
        notes="**Маңызды** кездесу",
        decisions="· Жоспар бекітілсін.",
    )

    assert response.status_code == 302
    record = Record.objects.get(event=event)
    assert record.agenda_items() == ["Сауалнама нәтижелері", "Жоспар"]
    assert record.decision_items() == ["Жоспар бекітілсін."]
    page = as_user(cast.teacher).get(event.get_absolute_url()).content.decode()
    assert "<strong>Маңызды</strong>" in page and "Жоспар бекітілсін." in page


def record_post(client, event, **fields):
    """Sends the record page's one form as it was opened now, with ``fields`` typed."""
    url = reverse("events:record", args=[event.pk])
    page = client.get(url)
    data = {"version": hidden_value(page, "version"), "agenda": "", "notes": "", "decisions": "", **fields}
    return client.post(url, data)


def test_tasks_are_tracked_until_done_and_a_person_sees_their_open_ones(cast):
    event = past_event(cast)
    client = as_user(cast.leader)
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()

    record_post(
        client, event, task_title="Рефлексия жазу", task_owner=cast.teacher.pk, task_due_on=due, button="add_task"
    )
    refused = record_post(client, event, task_title="Бөгде", task_owner=cast.outsider.pk, button="add_task")

    assert refused.status_code == 400 and refused.context["form"].errors["task_owner"]
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

    record_post(client, event, attachments=[png()], button="upload")
    fake = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = record_post(client, event, attachments=[fake], button="upload")

    assert response.status_code == 400 and "cannot be uploaded here" in response.content.decode()
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


# --- One form: nothing typed is lost (issue 15, point 1) -----------------------------------


def test_the_typed_record_stays_when_a_task_and_then_a_file_are_added(cast):
    event = past_event(cast)
    client = as_user(cast.leader)
    url = reverse("events:record", args=[event.pk])
    typed = {"agenda": "Сауалнама нәтижелері\nЖоспар", "notes": "Топтар **үш** ұсыныс айтты."}

    added = record_post(
        client, event, **typed, task_title="Рефлексия жазу", task_owner=cast.teacher.pk, button="add_task"
    )
    uploaded = record_post(client, event, **typed, attachments=[png()], button="upload")

    assert added.status_code == 302 and added["Location"] == url + "#tasks"
    assert uploaded.status_code == 302 and uploaded["Location"] == url + "#files"
    record = Record.objects.get(event=event)
    assert (record.agenda, record.notes) == ("Сауалнама нәтижелері\nЖоспар", "Топтар **үш** ұсыныс айтты.")
    assert [task.title for task in record.tasks.all()] == ["Рефлексия жазу"]
    assert [file.name for file in event.attachments.all()] == ["сурет.png"]
    page = client.get(url)
    form = page.context["form"]
    assert (form["agenda"].value(), form["notes"].value()) == (record.agenda, record.notes)
    assert "Рефлексия жазу" in page.content.decode() and "сурет.png" in page.content.decode()


def test_marking_a_task_or_removing_a_file_saves_the_text_typed_meanwhile(cast, django_capture_on_commit_callbacks):
    event = past_event(cast)
    task = actions.add_task(event, by=cast.leader, title="Жоспар", owner=cast.teacher, due_on=None)
    attachment = actions.add_attachment(event, png(), by=cast.leader)
    client = as_user(cast.leader)

    record_post(client, event, notes="Бірінші жартысы", toggle_task=task.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = record_post(
            client, event, notes="Бірінші жартысы, екінші жартысы", remove_files=attachment.pk, button="save"
        )

    task.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert task.is_done and not event.attachments.exists()
    assert attachment.file.name and not attachment.file.storage.exists(attachment.file.name)
    assert Record.objects.get(event=event).notes == "Бірінші жартысы, екінші жартысы"


def test_the_first_click_on_remove_removes_nothing(cast):
    """Issue 15: «remove» beside a file is a box of the form, not a button that acts:
    the page sends nothing when it is ticked, and what an old page's button sent
    (remove_file) removes nothing either."""
    event = past_event(cast)
    attachment = actions.add_attachment(event, png(), by=cast.leader)
    client = as_user(cast.leader)

    page = client.get(reverse("events:record", args=[event.pk])).content.decode()
    old_button = record_post(client, event, notes="Жазба", remove_file=attachment.pk)

    assert f'<input type="checkbox" name="remove_files" value="{attachment.pk}">' in page
    assert 'name="remove_file"' not in page and 'type="submit" name="remove_files"' not in page
    assert old_button.status_code == 302 and event.attachments.filter(pk=attachment.pk).exists()


def test_a_file_ticked_with_a_mistake_elsewhere_stays_and_stays_ticked(cast):
    event = past_event(cast)
    attachment = actions.add_attachment(event, png(), by=cast.leader)

    response = record_post(
        as_user(cast.leader), event, notes="Маңызды", task_title="Рефлексия", remove_files=attachment.pk
    )

    assert response.status_code == 400
    assert event.attachments.filter(pk=attachment.pk).exists() and not Record.objects.exists()
    page = response.content.decode()
    assert f'name="remove_files" value="{attachment.pk}" checked' in page and "Маңызды" in page


def test_a_file_another_organiser_removed_meanwhile_is_no_mistake(cast):
    event = past_event(cast)
    attachment = actions.add_attachment(event, png(), by=cast.leader)
    client = as_user(cast.leader)
    url = reverse("events:record", args=[event.pk])
    version, pk = hidden_value(client.get(url), "version"), attachment.pk
    actions.remove_attachment(attachment)

    response = client.post(
        url, {"version": version, "agenda": "", "notes": "Жазба", "decisions": "", "remove_files": pk}
    )

    assert response.status_code == 302
    assert Record.objects.get(event=event).notes == "Жазба"


def test_a_half_written_task_comes_back_with_everything_typed_and_nothing_saved(cast):
    event = past_event(cast)

    response = record_post(as_user(cast.leader), event, notes="Маңызды кездесу", task_title="Рефлексия жазу")

    assert response.status_code == 400 and response.context["form"].errors["task_owner"]
    page = response.content.decode()
    assert "Маңызды кездесу" in page and 'value="Рефлексия жазу"' in page
    assert not Record.objects.exists() and not RecordTask.objects.exists()


def test_a_file_chosen_with_a_mistake_elsewhere_is_kept_and_used_without_sending_it_again(cast, media):
    event = past_event(cast)
    client = as_user(cast.leader)

    refused = record_post(client, event, notes="Хаттама", task_owner=cast.teacher.pk, attachments=[png()])
    [kept] = refused.context["form"].kept_files["attachments"]
    assert refused.status_code == 400 and "«сурет.png»" in refused.content.decode()
    again = {"notes": "Хаттама", "task_title": "Жоспар", "task_owner": cast.teacher.pk, "attachments-kept": kept.token}
    saved = record_post(client, event, **again)

    assert saved.status_code == 302
    assert [file.name for file in event.attachments.all()] == ["сурет.png"]
    assert RecordTask.objects.get().title == "Жоспар"
    assert not (media / kept.stored).exists()  # used, so no longer kept


def test_someone_elses_kept_file_is_refused_on_the_record_page(cast, media):
    event = past_event(cast)
    theirs = record_post(as_user(cast.coordinator), event, task_owner=cast.teacher.pk, attachments=[png()])
    [kept] = theirs.context["form"].kept_files["attachments"]

    response = record_post(as_user(cast.leader), event, notes="Хаттама", **{"attachments-kept": kept.token})

    assert response.status_code == 400 and response.context["form"].errors["attachments"]
    assert not event.attachments.exists() and not Record.objects.exists()
    assert (media / kept.stored).exists()


def test_two_organisers_writing_the_record_do_not_erase_each_other(cast):
    event = past_event(cast)
    leader, coordinator = as_user(cast.leader), as_user(cast.coordinator)
    url = reverse("events:record", args=[event.pk])
    opened = hidden_value(leader.get(url), "version")
    record_post(coordinator, event, notes="Үйлестірушінің жазғаны")

    response = leader.post(
        url,
        {
            "version": opened,
            "notes": "Басшының жазғаны",
            "task_title": "Жоспар",
            "task_owner": cast.teacher.pk,
            "attachments": [png()],
            "button": "add_task",
        },
    )

    assert response.status_code == 409
    assert Record.objects.get(event=event).notes == "Үйлестірушінің жазғаны"
    assert not RecordTask.objects.exists() and not event.attachments.exists()
    page = response.content.decode()
    assert "Үйлестірушінің жазғаны" in page and "Басшының жазғаны" in page
    assert [kept.name for kept in response.context["form"].kept_files["attachments"]] == ["сурет.png"]
    assert record_post(leader, event, notes="Басшының жазғаны").status_code == 302  # saving again is a choice


def test_a_task_added_meanwhile_does_not_make_an_open_record_stale(cast):
    event = past_event(cast)
    leader = as_user(cast.leader)
    url = reverse("events:record", args=[event.pk])
    opened = hidden_value(leader.get(url), "version")
    record_post(as_user(cast.coordinator), event, task_title="Жоспар", task_owner=cast.teacher.pk, button="add_task")

    response = leader.post(url, {"version": opened, "agenda": "Күн тәртібі", "notes": "", "decisions": ""})

    assert response.status_code == 302
    assert Record.objects.get(event=event).agenda == "Күн тәртібі"


def test_a_task_removed_meanwhile_is_said_so_and_the_text_comes_back(cast):
    event = past_event(cast)
    task = actions.add_task(event, by=cast.leader, title="Жоспар", owner=cast.teacher, due_on=None)
    client = as_user(cast.leader)
    url = reverse("events:record", args=[event.pk])
    version, gone = hidden_value(client.get(url), "version"), task.pk
    task.delete()

    response = client.post(url, {"version": version, "notes": "Ұзақ жазба", "toggle_task": gone})

    assert response.status_code == 400 and response.context["form"].errors["toggle_task"] == ["No such task."]
    assert "Ұзақ жазба" in response.content.decode()
