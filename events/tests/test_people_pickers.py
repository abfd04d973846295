"""The people of an event's forms are picked by name (networks/widgets.py): the
responsible people, someone who came without being on the list, a task's owner and an
open lesson's teacher. Each form saves a member and refuses someone outside the network,
as it did with a plain select."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, RecordTask
from events.tests.factories import make_event
from observations.models import Lesson
from ortaq.testing import as_user, people_pickers

pytestmark = pytest.mark.django_db


def search(cast) -> str:
    return reverse("networks:people", args=[cast.network.pk])


def test_the_responsible_people_of_an_event_are_picked_by_name(cast):
    client = as_user(cast.leader)
    url = reverse("events:create", args=[cast.network.pk])
    assert people_pickers(client.get(url)) == {"responsible": search(cast)}
    day = timezone.localdate() + datetime.timedelta(days=10)
    data: dict[str, object] = {"kind": "online", "title": "Онлайн кездесу", "online_url": "https://meet.example.kz/a"}
    data |= {"date": day.isoformat(), "start": "15:00", "duration": "60", "responsible": [cast.outsider.pk]}
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["form"].errors["responsible"]
    assert not Event.objects.exists()
    assert client.post(url, {**data, "responsible": [cast.coach.pk, cast.teacher.pk]}).status_code == 302
    assert set(Event.objects.get().responsible.all()) == {cast.coach, cast.teacher}


def test_someone_who_came_is_added_by_name(cast):
    event = make_event(cast, timezone.localdate())
    client = as_user(cast.leader)
    url = reverse("events:attendance", args=[event.pk])
    assert people_pickers(client.get(url)) == {"person": search(cast)}
    refused = client.post(url, {"person": cast.outsider.pk})
    assert refused.status_code == 200 and refused.context["add_form"].errors["person"]
    assert not event.participations.filter(user=cast.outsider).exists()
    assert client.post(url, {"person": cast.teacher.pk}).status_code == 302
    assert event.participations.get(user=cast.teacher).attendance == "present"


def test_a_task_s_owner_is_picked_by_name_and_a_refused_task_keeps_its_words(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=3))
    client = as_user(cast.leader)
    url = reverse("events:record", args=[event.pk])
    assert people_pickers(client.get(url)) == {"task_owner": search(cast)}
    task = {"task_title": "Рефлексия жазу", "button": "add_task", "version": "1"}
    refused = client.post(url, {**task, "task_owner": cast.outsider.pk})
    # The page comes back with the task as typed, and says what is missing.
    assert refused.status_code == 400 and refused.context["form"].errors["task_owner"]
    assert 'value="Рефлексия жазу"' in refused.content.decode()
    assert not RecordTask.objects.exists()
    assert client.post(url, {**task, "task_owner": cast.teacher.pk}).status_code == 302
    assert RecordTask.objects.get().owner == cast.teacher


def test_an_open_lesson_s_teacher_is_picked_by_name(cast):
    event = make_event(cast, kind="seminar")
    client = as_user(cast.leader)
    url = reverse("events:lesson_create", args=[event.pk])
    assert people_pickers(client.get(url)) == {"teacher": search(cast)}
    data = {"teacher": cast.outsider.pk, "grade": "7", "topic": "Бөлшектер", "starts_at": "10:00"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["form"].errors["teacher"]
    assert not Lesson.objects.exists()
    response = client.post(url, {**data, "teacher": cast.teacher.pk})
    assert response.status_code == 302, response.context["form"].errors
    lesson = Lesson.objects.get()
    assert lesson.teacher == cast.teacher and lesson.school == cast.attached_school
