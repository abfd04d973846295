"""Registration with places and a waiting list, self check-in, reminders, attendance."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events import actions
from events.models import Participation
from events.tests.factories import at, make_event
from networks.tests.factories import member
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db
S = Participation.Status


def test_it_fills_the_places_then_the_waiting_list(cast):
    event = make_event(cast, capacity=2)

    first = actions.register(event, cast.teacher)
    second = actions.register(event, cast.coach)
    third = actions.register(event, cast.director)
    fourth = actions.register(event, cast.coordinator)

    assert [first.status, second.status, third.status, fourth.status] == [
        S.REGISTERED,
        S.REGISTERED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    assert actions.register(event, cast.director).status == S.WAITLISTED  # registering twice changes nothing


def test_when_someone_cancels_the_first_on_the_waiting_list_moves_up(cast, django_capture_on_commit_callbacks):
    event = make_event(cast, capacity=1)
    actions.register(event, cast.teacher)
    actions.register(event, cast.coach)
    actions.register(event, cast.director)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        actions.decline(event, cast.teacher, reason="illness")

    statuses = dict(event.participations.values_list("user_id", "status"))
    assert statuses == {cast.teacher.pk: S.DECLINED, cast.coach.pk: S.REGISTERED, cast.director.pk: S.WAITLISTED}
    assert event.participations.get(user=cast.teacher).absence_reason == "illness"
    assert [m.to for m in mail.outbox] == [[cast.coach.email]]


def test_a_waitlisted_person_leaving_frees_nothing(cast):
    event = make_event(cast, capacity=1)
    actions.register(event, cast.teacher)
    actions.register(event, cast.coach)
    actions.register(event, cast.director)

    actions.decline(event, cast.director)

    assert event.participations.get(user=cast.coach).status == S.WAITLISTED
    assert event.participations.get(user=cast.teacher).status == S.REGISTERED


def test_registration_is_closed_for_started_cancelled_events_and_outsiders(cast):
    past = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    cancelled = make_event(cast)
    actions.cancel_event(cancelled, by=cast.leader)

    with pytest.raises(ValidationError):
        actions.register(past, cast.teacher)
    with pytest.raises(ValidationError):
        actions.register(cancelled, cast.teacher)
    with pytest.raises(ValidationError):
        actions.register(make_event(cast), cast.outsider)
    assert not Participation.objects.exists()


def test_the_register_page_says_when_you_are_on_the_waiting_list(cast):
    event = make_event(cast, capacity=1)
    actions.register(event, cast.coach)

    response = as_user(cast.teacher).post(reverse("events:register", args=[event.pk]), follow=True)

    assert event.participations.get(user=cast.teacher).status == S.WAITLISTED
    page = response.content.decode()
    assert "waiting list" in page
    assert "number 1 in the queue" in page


def test_check_in_works_with_the_code_on_the_day_only(cast):
    today = timezone.localdate()
    event = make_event(cast, today, hour=10)
    code = event.checkin_code

    with pytest.raises(ValidationError, match="not right"):
        actions.check_in(event, cast.teacher, "WRONG1")
    with pytest.raises(ValidationError, match="day of the event"):
        actions.check_in(event, cast.teacher, code, now=at(today - datetime.timedelta(days=1), 12))
    with pytest.raises(ValidationError, match="day of the event"):
        actions.check_in(event, cast.teacher, code, now=at(today + datetime.timedelta(days=1), 9))
    assert not event.participations.exists()

    participation = actions.check_in(event, cast.teacher, f" {code[:3].lower()} {code[3:]} ", now=at(today, 11))

    assert participation.attendance == "present" and participation.checked_in_at is not None
    assert participation.status == S.REGISTERED


def test_check_in_through_the_page(cast):
    event = make_event(cast, timezone.localdate(), hour=0, minutes=23 * 60)
    client = as_user(cast.teacher)

    wrong = client.post(reverse("events:checkin", args=[event.pk]), {"code": "ZZZZZZ"}, follow=True)
    assert "The code is not right" in wrong.content.decode()
    assert not event.participations.exists()

    client.post(reverse("events:checkin", args=[event.pk]), {"code": event.checkin_code})
    assert event.participations.get(user=cast.teacher).attendance == "present"


def test_reminders_go_out_once_the_day_before(cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = make_event(cast, tomorrow, hour=15)
    later = make_event(cast, tomorrow + datetime.timedelta(days=1), title="Кейінірек")
    actions.register(event, cast.teacher)
    actions.register(event, cast.coach)
    actions.decline(event, cast.director)
    actions.register(later, cast.teacher)
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=out)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.teacher.email, cast.coach.email])
    assert all(event.title in m.subject for m in mail.outbox)
    assert event.participations.filter(reminded_at__isnull=False).count() == 2
    assert out.getvalue().splitlines() == ["Reminders sent: 2.", "Reminders sent: 0."]


def test_a_reminder_that_could_not_be_queued_is_sent_by_the_next_run(cast, monkeypatch):
    from types import SimpleNamespace

    from events import tasks

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = make_event(cast, tomorrow, hour=15)
    actions.register(event, cast.teacher)
    mail.outbox.clear()

    def refuse(*args, **kwargs):
        raise ConnectionError("the queue is not answering")

    with monkeypatch.context() as patched:
        patched.setattr(tasks, "email_reminder", SimpleNamespace(enqueue=refuse))
        with pytest.raises(ConnectionError):
            actions.send_reminders()
    assert event.participations.get(user=cast.teacher).reminded_at is None  # the claim is given back

    assert actions.send_reminders() == 1
    assert [m.to[0] for m in mail.outbox] == [cast.teacher.email]


def test_a_moved_event_is_reminded_again_for_its_new_day(cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = make_event(cast, tomorrow)
    actions.register(event, cast.teacher)
    assert actions.send_reminders() == 1

    actions.move_event(
        event,
        starts_at=at(tomorrow + datetime.timedelta(days=1)),
        ends_at=at(tomorrow + datetime.timedelta(days=1), 17),
        by=cast.leader,
    )
    assert actions.send_reminders() == 0
    assert actions.send_reminders(now=timezone.now() + datetime.timedelta(days=1)) == 1


def test_a_cancelled_event_gets_no_reminder(cast):
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=1))
    actions.register(event, cast.teacher)
    actions.cancel_event(event, by=cast.leader)

    assert actions.send_reminders() == 0


def test_the_organiser_marks_attendance_with_reasons(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    actions.invite(event, by=cast.leader)
    teacher = event.participations.get(user=cast.teacher)
    coach = event.participations.get(user=cast.coach)
    client = as_user(cast.leader)

    response = client.post(
        reverse("events:attendance", args=[event.pk]),
        {f"attendance-{teacher.pk}": "present", f"attendance-{coach.pk}": "absent", f"reason-{coach.pk}": "lessons"},
    )

    assert response.status_code == 302
    teacher.refresh_from_db()
    coach.refresh_from_db()
    assert teacher.attendance == "present" and coach.attendance == "absent" and coach.absence_reason == "lessons"


def test_the_attendance_table_reads_as_cards_on_a_phone(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=1))
    actions.invite(event, by=cast.leader)
    html = as_user(cast.leader).get(reverse("events:attendance", args=[event.pk])).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert table.startswith('<table class="stack-on-phone">')
    # Each value says what it is when the headings are hidden.
    cells = re.findall(r"<td[^>]*>", table.split("<tbody>")[1])
    assert cells and all("data-label=" in cell for cell in cells)
    assert 'data-label="Reason for absence"' in table


def test_bad_attendance_input_changes_nothing(cast):
    event = make_event(cast)
    actions.invite(event, by=cast.leader)
    row = event.participations.get(user=cast.teacher)
    other_event = make_event(cast, title="Басқа")
    stranger = Participation.objects.create(event=other_event, user=cast.coach)

    for data in (
        {f"attendance-{row.pk}": "maybe"},
        {f"attendance-{row.pk}": "absent", f"reason-{row.pk}": "bored"},
        {f"attendance-{row.pk}": "present", f"attendance-{stranger.pk}": "present"},
    ):
        response = as_user(cast.leader).post(reverse("events:attendance", args=[event.pk]), data)
        assert response.status_code == 200
    row.refresh_from_db()
    stranger.refresh_from_db()
    assert row.attendance == "" and stranger.attendance == ""


def test_invitations_reach_the_target_schools_members_once(cast):
    extra = member(cast.network, school=cast.attached_school)
    event = make_event(cast, target_schools=[cast.attached_school])

    assert actions.invite(event, by=cast.leader) == 4  # director, coach, teacher and the extra member
    assert actions.invite(event, by=cast.leader) == 0
    assert set(event.participations.values_list("user_id", flat=True)) == {
        cast.director.pk, cast.coach.pk, cast.teacher.pk, extra.pk
    }  # fmt: skip


def test_the_organiser_sees_shift_conflicts(cast):
    from calendars.models import ShiftAssignment
    from events.shifts import conflicts_for

    cast.attached_school.shifts = 2
    cast.attached_school.save()
    ShiftAssignment.objects.create(user=cast.teacher, shift=1)
    ShiftAssignment.objects.create(user=cast.coach, shift=2)
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    morning = make_event(cast, monday, hour=10, target_schools=[cast.attached_school, cast.leading_school])
    actions.invite(morning, by=cast.leader)
    people = [p.user for p in morning.participations.select_related("user__school", "user__shift")]

    conflicts = conflicts_for(morning, people)

    # Teacher: first shift, busy. Coach: second shift, free. Director: shift unknown, maybe.
    # Leader and coordinator: one-shift leading school, busy.
    assert (conflicts.busy, conflicts.maybe) == (3, 1)
    evening = make_event(cast, monday, hour=19, title="Кешкі")
    assert not conflicts_for(evening, people).any
