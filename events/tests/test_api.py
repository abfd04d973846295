"""/api/v1/ events, series, taking part, attendance and records (events/api.py): the same
rules as the pages, through the API, and the pages' own verbs behind every write."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events import actions, notices
from events.models import Attachment, Event, EventSeries, Participation, Record, RecordTask, WorkPlan
from events.permissions import events_visible_to
from events.tests.factories import academic_year, at, make_event, make_lesson, online_series
from networks.tests.factories import NetworkFactory, member
from notifications.models import Notice
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db
S = Participation.Status


def png(name: str = "сурет.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def later(days: int, hour: int = 15) -> str:
    return at(timezone.localdate() + datetime.timedelta(days=days), hour).isoformat()


def endpoints(cast) -> dict[str, list[tuple[str, str, dict]]]:
    """Every endpoint, grouped by who may use it (as events/tests/test_access.py does for the pages)."""
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=3))
    series = online_series(cast)
    task = actions.add_task(event, by=cast.leader, title="Жоспар жазу", owner=cast.coach, due_on=None)
    attachment = actions.add_attachment(event, png(), by=cast.leader)
    row = actions.register(event, cast.coach)
    e, n = event.pk, cast.network.pk
    return {
        "read": [
            ("get", f"/api/v1/networks/{n}/events/", {}),
            ("get", f"/api/v1/networks/{n}/series/", {}),
            ("get", f"/api/v1/series/{series.pk}/", {}),
            ("get", f"/api/v1/events/{e}/", {}),
            ("get", f"/api/v1/events/{e}/attendance/", {}),
            ("get", f"/api/v1/events/{e}/record/", {}),
            ("get", f"/api/v1/events/{e}/attachments/", {}),
            ("get", f"/api/v1/events/{e}/attachments/{attachment.pk}/", {}),
            ("get", f"/api/v1/events/{e}/lessons/", {}),
            ("get", f"/api/v1/record-tasks/{task.pk}/", {}),
        ],
        "organise": [
            (
                "post",
                f"/api/v1/networks/{n}/events/",
                {"title": "Кеңес", "starts_at": later(5), "ends_at": later(5, 16)},
            ),
            ("post", f"/api/v1/networks/{n}/series/", {"title": "Сұхбат"}),
            ("post", f"/api/v1/series/{series.pk}/cancel/", {}),
            ("patch", f"/api/v1/events/{e}/", {"title": "Жаңа атау"}),
            ("post", f"/api/v1/events/{e}/move/", {"starts_at": later(4), "ends_at": later(4, 16)}),
            ("post", f"/api/v1/events/{e}/cancel/", {}),
            ("post", f"/api/v1/events/{e}/restore/", {}),
            ("post", f"/api/v1/events/{e}/invite/", {}),
            (
                "post",
                f"/api/v1/events/{e}/attendance/",
                {"marks": [{"participation": row.pk, "attendance": "present"}]},
            ),
            ("patch", f"/api/v1/events/{e}/record/", {"agenda": "Күн тәртібі"}),
            ("get", f"/api/v1/events/{e}/participants/", {}),
            ("post", f"/api/v1/events/{e}/participants/", {"person": cast.teacher.pk}),
            ("post", f"/api/v1/events/{e}/attachments/", {}),
            ("delete", f"/api/v1/events/{e}/attachments/{attachment.pk}/", {}),
            ("patch", f"/api/v1/record-tasks/{task.pk}/", {"done": True}),
        ],
        "take part": [
            ("post", f"/api/v1/events/{e}/register/", {}),
            ("post", f"/api/v1/events/{e}/decline/", {}),
            ("post", f"/api/v1/events/{e}/check-in/", {"code": "AAAAAA"}),
        ],
    }


def test_it_answers_404_to_an_outsider_on_every_event_endpoint(cast):
    client = api_as(cast.outsider)
    for method, url, data in [row for group in endpoints(cast).values() for row in group]:
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    assert not Event.objects.filter(title__in=["Кеңес", "Жаңа атау"]).exists()
    assert Attachment.objects.count() == 1 and not Participation.objects.filter(user=cast.outsider).exists()


def test_it_answers_403_to_read_only_people_and_lets_them_read(cast):
    groups = endpoints(cast)
    for person in (cast.methodologist, cast.director, cast.teacher):
        client = api_as(person)
        for method, url, data in groups["read"]:
            assert getattr(client, method)(url, data).status_code == 200, (person, url)
        for method, url, data in groups["organise"]:
            response = getattr(client, method)(url, data, format="json")
            assert response.status_code == 403, (person, method, url, response.status_code)
    # Taking part is for members; a methodologist seeing the network through the district reads only.
    methodologist = api_as(cast.methodologist)
    for method, url, data in groups["take part"]:
        assert getattr(methodologist, method)(url, data, format="json").status_code == 403, url
    event = Event.objects.get(title="Бетпе-бет кездесу")
    assert event.status == Event.Status.PLANNED and event.version == 1
    assert Record.objects.get(event=event).agenda == "" and event.attachments.count() == 1
    assert not RecordTask.objects.filter(done_at__isnull=False).exists()


def test_it_lets_the_organisers_do_what_the_pages_let_them(cast):
    groups = endpoints(cast)
    client = api_as(cast.leader)
    # 400: what the endpoint was sent is not enough (a title alone); 415: a file is sent as multipart.
    expected = {"post": {201, 200, 400, 415}, "patch": {200}, "get": {200}, "delete": {204}}
    for method, url, data in groups["organise"]:
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code in expected[method], (method, url, response.status_code, response.content)


def test_it_lists_the_networks_events_as_the_calendar_with_its_filters(cast):
    today = timezone.localdate()
    meeting = make_event(cast, today + datetime.timedelta(days=2))
    online = make_event(
        cast, today + datetime.timedelta(days=20), kind="online", online_url="https://meet.example.kz/x"
    )
    for_group = make_event(cast, today + datetime.timedelta(days=30), target_groups=[cast.group])
    at_school = make_event(cast, today + datetime.timedelta(days=40), host_school=cast.attached_school)
    NetworkFactory.create(name="Басқа желі")
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/events/"

    def ids(**params) -> list[int]:
        response = client.get(url, params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [meeting.pk, online.pk, for_group.pk, at_school.pk]
    assert set(ids()) == set(events_visible_to(cast.teacher).filter(network=cast.network).values_list("pk", flat=True))
    window = {
        "from": (today + datetime.timedelta(days=2)).isoformat(),
        "to": (today + datetime.timedelta(days=20)).isoformat(),
    }
    assert ids(**window) == [meeting.pk, online.pk]
    assert ids(kind="online") == [online.pk]
    assert ids(group=cast.group.pk) == [for_group.pk]
    assert ids(school=cast.attached_school.pk) == [at_school.pk]
    # Dates are ISO 8601 whatever the language; a school or group of another network is refused.
    local = client.get(url, {"from": today.strftime("%d.%m.%Y")})
    assert local.status_code == 400 and "from" in local.json()["errors"]
    assert client.get(url, {"school": cast.leading_school.pk + 1000}).status_code == 400
    assert api_as(cast.outsider).get(f"/api/v1/networks/{cast.network.pk}/events/").status_code == 404


def test_it_gives_times_in_iso_8601_with_the_almaty_offset(cast):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=1), hour=15)
    body = api_as(cast.teacher).get(f"/api/v1/events/{event.pk}/").json()
    offset = timezone.localtime(event.starts_at).strftime("%z")
    assert body["starts_at"] == timezone.localtime(event.starts_at).isoformat()
    assert body["starts_at"].endswith(f"{offset[:3]}:{offset[3:]}") and "T15:00:00" in body["starts_at"]
    # A time sent without an offset is read in Almaty time.
    client = api_as(cast.leader)
    moved = client.post(
        f"/api/v1/events/{event.pk}/move/",
        {"starts_at": f"{timezone.localdate() + datetime.timedelta(days=2)}T09:30", "ends_at": later(2, 11)},
        format="json",
    )
    assert moved.status_code == 200, moved.json()
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).hour == 9 and timezone.localtime(event.starts_at).minute == 30


def test_it_plans_an_event_with_the_pages_checks(cast):
    client = api_as(cast.leader)
    url = f"/api/v1/networks/{cast.network.pk}/events/"
    nowhere = client.post(url, {"title": "Кездесу", "starts_at": later(3), "ends_at": later(3, 16)}, format="json")
    assert nowhere.status_code == 400 and "location" in nowhere.json()["errors"]
    backwards = client.post(
        url, {"title": "Кездесу", "location": "Мектеп", "starts_at": later(3, 16), "ends_at": later(3)}, format="json"
    )
    assert backwards.status_code == 400 and "ends_at" in backwards.json()["errors"]
    elsewhere = client.post(
        url,
        {
            "title": "Кездесу",
            "location": "Мектеп",
            "starts_at": later(3),
            "ends_at": later(3, 16),
            "responsible": [cast.outsider.pk],
        },
        format="json",
    )
    assert elsewhere.status_code == 400 and "responsible" in elsewhere.json()["errors"]
    made = client.post(
        url,
        {
            "title": "Вебинар",
            "kind": "webinar",
            "online_url": "https://meet.example.kz/webinar",
            "starts_at": later(3),
            "ends_at": later(3, 16),
            "responsible": [cast.coach.pk],
            "target_schools": [cast.attached_school.pk],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    event = Event.objects.get(pk=made.json()["id"])
    assert event.organiser == cast.leader and list(event.responsible.all()) == [cast.coach]
    assert made.json()["can_organise"] is True and made.json()["target_schools"][0]["name"] == "№7 орта мектеп"
    # The responsible coach now organises it.
    coach = api_as(cast.coach).patch(f"/api/v1/events/{event.pk}/", {"goal": "Тәжірибе алмасу"}, format="json")
    assert coach.status_code == 200


def test_it_lets_a_director_plan_in_their_schools_plan_only(cast):
    plan = WorkPlan.objects.create(network=cast.network, year=academic_year(), school=cast.attached_school)
    client = api_as(cast.director)
    url = f"/api/v1/networks/{cast.network.pk}/events/"
    data = {"title": "Мектеп кеңесі", "location": "№7", "starts_at": later(3), "ends_at": later(3, 16)}
    assert client.post(url, data, format="json").status_code == 403
    assert client.post(url, {**data, "plan": plan.pk}, format="json").status_code == 201


def test_it_refuses_an_edit_made_on_an_old_reading(cast):
    event = make_event(cast)
    url = f"/api/v1/events/{event.pk}/"
    leader, coordinator = api_as(cast.leader), api_as(cast.coordinator)
    read = leader.get(url)
    version = read.json()["version"]
    assert coordinator.patch(url, {"title": "Бірінші", "version": version}, format="json").status_code == 200
    stale = leader.patch(url, {"title": "Екінші", "version": version}, format="json")
    assert stale.status_code == 409 and stale["Content-Type"] == "application/problem+json"
    assert leader.patch(url, {"title": "Үшінші"}, format="json", HTTP_IF_MATCH=read["ETag"]).status_code == 412
    # Moving raises the version too: an edit opened before the move is refused.
    fresh = leader.get(url).json()["version"]
    leader.post(f"{url}move/", {"starts_at": later(12), "ends_at": later(12, 16)}, format="json")
    assert leader.patch(url, {"title": "Төртінші", "version": fresh}, format="json").status_code == 409
    event.refresh_from_db()
    assert event.title == "Бірінші"


def test_it_tells_those_going_when_an_event_is_moved_or_cancelled(cast):
    event = make_event(cast)
    actions.register(event, cast.teacher)
    client = api_as(cast.leader)
    moved = client.post(
        f"/api/v1/events/{event.pk}/move/", {"starts_at": later(11), "ends_at": later(11, 16)}, format="json"
    )
    assert moved.status_code == 200
    cancelled = client.post(f"/api/v1/events/{event.pk}/cancel/", {"reason": "Карантин"}, format="json")
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancel_reason"] == "Карантин"
    kinds = set(Notice.objects.filter(recipient=cast.teacher).values_list("kind", flat=True))
    assert kinds == {notices.MOVED.key, notices.CANCELLED.key}
    again = client.post(
        f"/api/v1/events/{event.pk}/move/", {"starts_at": later(13), "ends_at": later(13, 16)}, format="json"
    )
    assert again.status_code == 400 and again.json()["errors"]["detail"] == ["A cancelled event cannot be moved."]
    restored = client.post(f"/api/v1/events/{event.pk}/restore/", {}, format="json")
    assert restored.json()["status"] == "planned"


def test_it_registers_with_a_waiting_list_and_moves_it_up_when_someone_declines(cast):
    event = make_event(cast, capacity=1)
    url = f"/api/v1/events/{event.pk}/"
    teacher, coach = api_as(cast.teacher), api_as(cast.coach)
    assert teacher.post(f"{url}register/").json()["status"] == S.REGISTERED
    assert coach.post(f"{url}register/").json()["status"] == S.WAITLISTED
    assert coach.get(url).json()["mine"]["status"] == S.WAITLISTED
    declined = teacher.post(f"{url}decline/", {"reason": "illness", "note": "Ауырып қалдым"}, format="json")
    assert declined.json()["status"] == S.DECLINED and declined.json()["absence_reason"] == "illness"
    assert event.participations.get(user=cast.coach).status == S.REGISTERED
    assert teacher.post(f"{url}decline/", {"reason": "sleep"}, format="json").status_code == 400
    actions.cancel_event(event, by=cast.leader)
    closed = teacher.post(f"{url}register/")
    assert closed.status_code == 400 and closed.json()["errors"]["detail"] == ["The event is cancelled."]


def test_it_checks_in_with_the_code_on_the_day_only(cast):
    today = make_event(cast, timezone.localdate(), hour=9)
    client = api_as(cast.teacher)
    wrong = client.post(f"/api/v1/events/{today.pk}/check-in/", {"code": "ZZZZZZ"}, format="json")
    assert wrong.status_code == 400 and "code" in wrong.json()["errors"]
    typed = f" {today.checkin_code[:3].lower()}-{today.checkin_code[3:]} "
    right = client.post(f"/api/v1/events/{today.pk}/check-in/", {"code": typed}, format="json")
    assert right.status_code == 200 and right.json()["attendance"] == "present"
    ahead = make_event(cast)
    early = client.post(f"/api/v1/events/{ahead.pk}/check-in/", {"code": ahead.checkin_code}, format="json")
    assert early.status_code == 400


def test_it_marks_attendance_for_many_people_in_one_request(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    rows = [actions.add_attendee(event, person, by=cast.leader) for person in (cast.teacher, cast.coach, cast.director)]
    client = api_as(cast.coordinator)
    url = f"/api/v1/events/{event.pk}/attendance/"
    marks = [
        {"participation": rows[0].pk, "attendance": "present"},
        {"participation": rows[1].pk, "attendance": "absent", "absence_reason": "lessons", "absence_note": "5 сабақ"},
        {"participation": rows[2].pk, "attendance": "absent", "absence_reason": "trip"},
    ]
    saved = client.post(url, {"marks": marks}, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json() == {
        "marked": 3,
        "counts": {"invited": 0, "registered": 3, "waitlisted": 0, "declined": 0, "present": 1},
    }
    coach = Participation.objects.get(pk=rows[1].pk)
    assert (coach.attendance, coach.absence_reason, coach.absence_note) == ("absent", "lessons", "5 сабақ")
    # A row of another event refuses the whole request: nothing of it is saved.
    stranger = actions.add_attendee(make_event(cast), cast.teacher, by=cast.leader)
    refused = client.post(
        url,
        {
            "marks": [
                {"participation": rows[1].pk, "attendance": "present"},
                {"participation": stranger.pk, "attendance": "present"},
            ]
        },
        format="json",
    )
    assert refused.status_code == 400
    assert Participation.objects.get(pk=rows[1].pk).attendance == "absent"
    assert api_as(cast.teacher).get(url).json()["present"] == 1


def test_it_lists_participants_with_their_status_to_the_organisers(cast, django_assert_max_num_queries):
    event = make_event(cast, capacity=1)
    actions.register(event, cast.teacher)
    actions.register(event, cast.coach)
    client = api_as(cast.leader)
    url = f"/api/v1/events/{event.pk}/participants/"
    rows = {row["person"]["full_name"]: row["status"] for row in client.get(url).json()["results"]}
    assert rows == {cast.teacher.full_name: S.REGISTERED, cast.coach.full_name: S.WAITLISTED}
    waiting = client.get(url, {"status": "waitlisted"}).json()["results"]
    assert [row["person"]["full_name"] for row in waiting] == [cast.coach.full_name]
    with django_assert_max_num_queries(8):
        client.get(url)
    for number in range(15):
        actions.register(event, member(cast.network, email=f"p{number}@example.kz"))
    with django_assert_max_num_queries(8):
        assert len(client.get(url).json()["results"]) == 17
    added = client.post(url, {"person": cast.director.pk}, format="json")
    assert added.status_code == 201 and added.json()["attendance"] == "present"
    assert client.post(url, {"person": cast.outsider.pk}, format="json").status_code == 400


def test_it_writes_the_record_with_its_tasks_and_keeps_a_later_text(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    url = f"/api/v1/events/{event.pk}/record/"
    empty = api_as(cast.teacher).get(url).json()
    assert empty == {
        "agenda": "",
        "notes": "",
        "decisions": "",
        "version": 1,
        "written_by": None,
        "updated_at": None,
        "tasks": [],
        "attachments": [],
    }
    leader, coordinator = api_as(cast.leader), api_as(cast.coordinator)
    written = leader.patch(
        url,
        {
            "agenda": "Есеп\nЖоспар",
            "notes": "**Талқыланды**",
            "version": 1,
            "tasks": [
                {"title": "Сабақ жоспарын жіберу", "owner": cast.coach.pk, "due_on": in_days(7)},
                {"title": "Сауалнама", "owner": cast.teacher.pk, "due_on": in_days(14)},
            ],
        },
        format="json",
    )
    assert written.status_code == 200, written.json()
    body = written.json()
    assert body["version"] == 2 and body["written_by"]["full_name"] == cast.leader.full_name
    assert [(t["title"], t["owner"]["full_name"]) for t in body["tasks"]] == [
        ("Сабақ жоспарын жіберу", cast.coach.full_name),
        ("Сауалнама", cast.teacher.full_name),
    ]
    assert Notice.objects.filter(recipient=cast.coach, kind=notices.TASK.key).count() == 1
    # Another organiser's text on the old version is refused, with nothing of it kept.
    stale = coordinator.patch(
        url,
        {"decisions": "Басқа шешім", "version": 1, "tasks": [{"title": "Жоқ", "owner": cast.coach.pk}]},
        format="json",
    )
    assert stale.status_code == 409
    assert Record.objects.get(event=event).decisions == "" and RecordTask.objects.count() == 2
    # A task alone, from the old page, changes no text and so claims nothing.
    task_only = coordinator.patch(
        url, {"version": 1, "tasks": [{"title": "Фото", "owner": cast.coach.pk}]}, format="json"
    )
    assert task_only.status_code == 200 and len(task_only.json()["tasks"]) == 3
    assert task_only.json()["agenda"] == "Есеп\nЖоспар"
    not_member = leader.patch(url, {"tasks": [{"title": "Х", "owner": cast.outsider.pk}]}, format="json")
    assert not_member.status_code == 400


def test_it_uploads_lists_and_removes_the_records_files(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    client = api_as(cast.leader)
    url = f"/api/v1/events/{event.pk}/attachments/"
    added = client.post(url, {"file": png()}, format="multipart")
    assert added.status_code == 201, added.json()
    attachment = Attachment.objects.get(pk=added.json()["id"])
    assert added.json()["url"] == f"http://testserver{attachment.get_absolute_url()}"
    assert added.json()["family"] == "image" and added.json()["name"] == "сурет.png"
    fake = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    refused = client.post(url, {"file": fake}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert client.post(url, {"file": "aGVsbG8="}, format="json").status_code == 415  # files come as multipart
    listed = api_as(cast.teacher).get(url).json()["results"]
    assert [row["id"] for row in listed] == [attachment.pk]
    assert (
        api_as(cast.teacher).get(f"/api/v1/events/{event.pk}/record/").json()["attachments"][0]["id"] == attachment.pk
    )
    assert client.delete(f"{url}{attachment.pk}/").status_code == 204
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_it_lets_a_tasks_owner_or_the_organisers_mark_it_done(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    task = actions.add_task(event, by=cast.leader, title="Есеп жазу", owner=cast.coach, due_on=None)
    url = f"/api/v1/record-tasks/{task.pk}/"
    assert api_as(cast.teacher).patch(url, {"done": True}, format="json").status_code == 403
    done = api_as(cast.coach).patch(url, {"done": True}, format="json")
    assert done.status_code == 200 and done.json()["is_done"] is True and done.json()["event"] == event.pk
    reopened = api_as(cast.leader).patch(url, {"done": False}, format="json")
    assert reopened.json()["is_done"] is False
    assert RecordTask.objects.get(pk=task.pk).done_at is None


def test_it_plans_and_cancels_a_recurring_event(cast):
    client = api_as(cast.leader)
    url = f"/api/v1/networks/{cast.network.pk}/series/"
    today = timezone.localdate()
    base = {
        "title": "Онлайн сұхбат",
        "kind": "online",
        "online_url": "https://meet.example.kz/shuaq",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=150)).isoformat(),
        "start_time": "16:00",
        "duration": 60,
    }
    no_rule = client.post(url, base, format="json")
    assert no_rule.status_code == 400
    made = client.post(url, {**base, "month_day": 15}, format="json")
    assert made.status_code == 201, made.json()
    series = EventSeries.objects.get(pk=made.json()["id"])
    dates = [row["original_date"] for row in made.json()["occurrences"]]
    assert dates == [day.isoformat() for day in series.dates()] and len(dates) >= 4
    assert all(day.endswith("-15") for day in dates)
    listed = api_as(cast.teacher).get(url).json()["results"]
    assert [row["id"] for row in listed] == [series.pk]
    cancelled = client.post(f"/api/v1/series/{series.pk}/cancel/", {"reason": "Каникул"}, format="json")
    assert cancelled.status_code == 200
    ahead = series.occurrences.filter(starts_at__gt=timezone.now())
    assert cancelled.json() == {"called_off": ahead.count()}
    assert not ahead.exclude(status=Event.Status.CANCELLED).exists()


def test_it_lists_the_open_lessons_an_event_holds(cast):
    lesson = make_lesson(cast)
    event = lesson.event_link.event
    body = api_as(cast.methodologist).get(f"/api/v1/events/{event.pk}/lessons/").json()
    assert [row["id"] for row in body["results"]] == [lesson.pk]
    assert body["results"][0]["url"] == f"http://testserver{lesson.get_absolute_url()}"


def test_it_answers_304_when_the_client_holds_the_event_or_record_already(cast):
    event = make_event(cast)
    client = api_as(cast.teacher)
    for url in (f"/api/v1/events/{event.pk}/", f"/api/v1/events/{event.pk}/record/"):
        first = client.get(url)
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url
    actions.save_record(event, by=cast.leader, agenda="Жаңа", notes="", decisions="")
    record = f"/api/v1/events/{event.pk}/record/"
    assert client.get(record, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_it_lists_events_in_the_same_queries_for_any_number(cast, django_assert_max_num_queries):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/events/"
    make_event(cast)
    with django_assert_max_num_queries(11):
        client.get(url)
    for number in range(12):
        event = make_event(
            cast,
            timezone.localdate() + datetime.timedelta(days=number + 1),
            responsible=[cast.coach, cast.director],
            target_schools=[cast.attached_school],
            target_groups=[cast.group],
            host_school=cast.leading_school,
        )
        actions.register(event, cast.teacher)
    with django_assert_max_num_queries(11):
        results = client.get(url).json()["results"]
    assert len(results) == 13 and results[1]["mine"]["status"] == S.REGISTERED
    assert results[1]["responsible"][0]["school"]
