"""Coaching's workflows: a plan told to its teachers, sessions scheduled in the work plan
(an event linked, the teachers invited), the record with its evidence kept across an
error and refused when stale, the reminders once each, the panels, and the firewall
in lists, notices, search and records."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import actions
from coaching.models import CoachingPlan, CoachingSession, Evidence, Reflection, Visit
from coaching.tests.factories import AGREEMENT, NOTES, held_session, make_plan, make_visit
from coaching.tests.test_access import PNG
from events.models import Event, Kind, Participation
from notifications.models import Notice
from observations.models import Lesson
from observations.permissions import lessons_visible_to
from ortaq.testing import as_user, run_at_once

pytestmark = pytest.mark.django_db


def test_it_tells_the_teachers_they_are_on_a_plan(cast):
    plan = make_plan(cast)
    assert Notice.objects.filter(kind="coaching.added", recipient=cast.teacher).count() == 1
    actions.update_plan(plan, by=cast.coach, version=plan.version, teachers=[cast.teacher, cast.leader])
    assert Notice.objects.filter(kind="coaching.added", recipient=cast.leader).count() == 1
    assert Notice.objects.filter(kind="coaching.added").count() == 2


def test_it_starts_a_plan_from_the_page_with_a_goal_of_the_development_plan(cast):
    from plans.tests.factories import make_goal
    from plans.tests.factories import make_plan as make_development_plan

    goal = make_goal(make_development_plan(cast))
    today = timezone.localdate()
    response = as_user(cast.director).post(
        reverse("coaching:create", args=[cast.network.pk]),
        {
            "title": "Коучинг жоспары",
            "school": cast.attached_school.pk,
            "goal": goal.pk,
            "coach": cast.coach.pk,
            "teachers": [cast.teacher.pk],
            "focus": "Ашық сұрақтар",
            "planned_sessions": 4,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=60)).isoformat(),
            "status": "active",
            "version": "0",
        },
    )
    plan = CoachingPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.goal == goal and plan.created_by == cast.director and list(plan.teachers.all()) == [cast.teacher]
    page = as_user(cast.coach).get(plan.get_absolute_url()).content.decode()
    assert goal.statement in page


def test_it_refuses_a_stale_edit_of_the_plan(cast):
    plan = make_plan(cast)
    actions.update_plan(plan, by=cast.coach, version=plan.version, title="Жаңа атау")
    with pytest.raises(Exception) as error:
        actions.update_plan(plan, by=cast.leader, version=1, title="Ескі")
    assert error.type.__name__ == "StaleEdit"
    assert CoachingPlan.objects.get().title == "Жаңа атау"


def test_it_schedules_a_session_as_an_event_of_the_work_plan(cast):
    plan = make_plan(cast)
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = as_user(cast.coach).post(
        reverse("coaching:session_create", args=[plan.pk]),
        {"date": day.isoformat(), "topic": "Кері байланыс", "start": "14:30", "duration": 45, "location": "12-кабинет"},
    )
    session = CoachingSession.objects.get()
    assert response.status_code == 302
    assert session.number == 1 and session.event is not None
    event = session.event
    assert event.kind == Kind.COACHING and event.organiser == cast.coach and event.local_date == day
    assert list(Participation.objects.filter(event=event).values_list("user", flat=True)) == [cast.teacher.pk]
    assert Notice.objects.filter(kind="coaching.scheduled", recipient=cast.teacher).exists()
    # The session links to the event; the event's page links back, for the coach and teachers only.
    assert event.get_absolute_url() in as_user(cast.coach).get(session.get_absolute_url()).content.decode()
    for person, shown in ((cast.coach, True), (cast.teacher, True), (cast.leader, False), (cast.director, False)):
        page = as_user(person).get(event.get_absolute_url()).content.decode()
        assert (session.get_absolute_url() in page) is shown, person


def test_it_links_an_event_already_in_the_work_plan(cast):
    from events.tests.factories import make_event

    plan = make_plan(cast)
    event = make_event(cast, timezone.localdate() + datetime.timedelta(days=5), title="Коучинг", kind=Kind.COACHING)
    url = reverse("coaching:session_create", args=[plan.pk])
    as_user(cast.coach).post(url, {"date": "", "event": event.pk, "duration": 45})
    session = CoachingSession.objects.get()
    assert session.event == event and session.date == event.local_date
    assert Event.objects.count() == 1


def test_it_writes_the_record_and_tells_the_teachers_once(cast):
    plan = make_plan(cast)
    session = actions.schedule_session(plan, by=cast.coach, date=timezone.localdate())
    url = reverse("coaching:session_record", args=[session.pk])
    data = {"date": timezone.localdate().isoformat(), "topic": "Сұрақтар", "done": NOTES, "agreements": AGREEMENT,
            "next_steps": "", "held": "on", "version": session.version}  # fmt: skip
    response = as_user(cast.coach).post(url, {**data, "evidence": SimpleUploadedFile("photo.png", PNG)})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_held and session.done == NOTES
    assert Evidence.objects.get().name == "photo.png"
    assert Notice.objects.filter(kind="coaching.recorded", recipient=cast.teacher).count() == 1
    # Saved again, it is not news.
    as_user(cast.coach).post(url, {**data, "version": session.version})
    assert Notice.objects.filter(kind="coaching.recorded").count() == 1


def test_it_keeps_what_was_typed_and_the_file_when_the_record_is_refused(cast):
    plan = make_plan(cast)
    session = actions.schedule_session(plan, by=cast.coach, date=timezone.localdate())
    url = reverse("coaching:session_record", args=[session.pk])
    response = as_user(cast.coach).post(
        url, {"date": "", "done": NOTES, "version": session.version, "evidence": SimpleUploadedFile("photo.png", PNG)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert NOTES in page and "photo.png" in page
    assert not Evidence.objects.exists()


def test_it_refuses_a_stale_record_with_both_texts(cast):
    plan = make_plan(cast)
    session = actions.schedule_session(plan, by=cast.coach, date=timezone.localdate())
    opened = session.version
    actions.write_record(session, by=cast.coach, version=opened, date=session.date, topic="", done="Бірінші",
                         agreements="", next_steps="", held=True)  # fmt: skip
    response = as_user(cast.coach).post(
        reverse("coaching:session_record", args=[session.pk]),
        {"date": session.date.isoformat(), "done": "Екінші", "version": opened},
    )
    page = response.content.decode()
    assert response.status_code == 409 and "Бірінші" in page and "Екінші" in page
    assert CoachingSession.objects.get().done == "Бірінші"


def test_it_keeps_each_teachers_reflection(cast):
    plan = make_plan(cast)
    session = held_session(plan, cast.coach)
    url = reverse("coaching:session_reflect", args=[session.pk])
    as_user(cast.teacher).post(url, {"text": "Келесі сабақта топтық жұмыс"})
    as_user(cast.teacher).post(url, {"text": "Жұптық жұмыс"})
    assert list(Reflection.objects.values_list("text", flat=True)) == ["Жұптық жұмыс"]
    assert "Жұптық жұмыс" in as_user(cast.coach).get(session.get_absolute_url()).content.decode()
    as_user(cast.teacher).post(url, {"text": ""})
    assert not Reflection.objects.exists()


def test_it_makes_the_visits_lesson_through_observations(cast):
    plan = make_plan(cast)
    visit = make_visit(cast, plan)
    lesson = visit.lesson
    assert lesson.teacher == cast.teacher and lesson.network == cast.network and lesson.feedback_needs_release
    page = as_user(cast.coach).get(lesson.get_absolute_url()).content.decode()
    assert plan.title in page


def test_it_takes_the_visits_lesson_away_with_its_plan(cast):
    plan = make_plan(cast)
    make_visit(cast, plan)
    plan.delete()
    assert not Lesson.objects.exists()


def test_it_refuses_a_visit_to_someone_not_on_the_plan(cast):
    plan = make_plan(cast)
    with pytest.raises(ValidationError):
        actions.add_visit(plan, by=cast.coach, teacher=cast.leader, date=timezone.localdate(), topic="Т", grade=7)
    assert not Visit.objects.exists() and not Lesson.objects.exists()


# --- The firewall in lists ------------------------------------------------------------------


def test_it_keeps_the_records_out_of_the_leaders_pages(cast):
    plan = make_plan(cast)
    held_session(plan, cast.coach)
    visit = make_visit(cast, plan)
    for person in (cast.leader, cast.director):
        client = as_user(person)
        for url in (reverse("coaching:network", args=[cast.network.pk]), plan.get_absolute_url(),
                    reverse("coaching:mine"), reverse("coaching:caseload"),
                    reverse("portfolios:record", args=[cast.teacher.pk]) + f"?network={cast.network.pk}"):  # fmt: skip
            page = client.get(url).content.decode()
            assert NOTES not in page and AGREEMENT not in page, url
            assert visit.lesson.get_absolute_url() not in page, url
        assert plan.title in client.get(reverse("coaching:network", args=[cast.network.pk])).content.decode()
    # The coach and the teacher read them.
    for person in (cast.coach, cast.teacher):
        response = as_user(person).get(reverse("coaching:mine" if person == cast.teacher else "coaching:caseload"))
        assert response.status_code == 200


def test_it_keeps_the_visits_lesson_out_of_others_lists(cast):
    plan = make_plan(cast)
    visit = make_visit(cast, plan)
    assert visit.lesson in lessons_visible_to(cast.coach)
    assert visit.lesson in lessons_visible_to(cast.teacher)
    for person in (cast.leader, cast.director, cast.coordinator):
        assert visit.lesson not in lessons_visible_to(person)
        assert visit.lesson not in Lesson.objects.visible_to(person)


def test_it_shows_other_members_no_plan(cast):
    from networks.models import Role
    from networks.tests.factories import member

    plan = make_plan(cast)
    other = member(cast.network, Role.TEACHER)
    page = as_user(other).get(reverse("coaching:network", args=[cast.network.pk])).content.decode()
    assert plan.title not in page
    assert CoachingPlan.objects.visible_to(other).count() == 0
    assert CoachingPlan.objects.visible_to(cast.leader).count() == 1


def test_it_names_no_notes_in_the_notices(cast):
    plan = make_plan(cast)
    held_session(plan, cast.coach)
    for notice in Notice.objects.all():
        assert NOTES not in notice.title + notice.excerpt and AGREEMENT not in notice.title + notice.excerpt


# --- Reminders ---------------------------------------------------------------------------------


def test_it_reminds_of_a_session_due_tomorrow_and_again_when_overdue_once_each(cast, time_machine):
    plan = make_plan(cast)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    actions.schedule_session(plan, by=cast.coach, date=tomorrow)
    out = StringIO()
    call_command("coaching_reminders", stdout=out)
    call_command("coaching_reminders", stdout=out)
    assert "1." in out.getvalue() and "0." in out.getvalue()
    due = Notice.objects.filter(kind="coaching.due")
    assert sorted(due.values_list("recipient", flat=True)) == sorted([cast.coach.pk, cast.teacher.pk])
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))
    assert actions.send_due_reminders() == 1
    assert actions.send_due_reminders() == 0
    assert due.filter(recipient=cast.coach).count() == 2 and due.filter(recipient=cast.teacher).count() == 1


def test_it_does_not_remind_of_held_sessions_or_plans_not_under_way(cast):
    plan = make_plan(cast)
    held_session(plan, cast.coach, days_ago=2)
    draft = make_plan(cast, status=CoachingPlan.Status.DRAFT)
    actions.schedule_session(draft, by=cast.coach, date=timezone.localdate() - datetime.timedelta(days=1))
    assert actions.send_due_reminders() == 0


@pytest.mark.django_db(transaction=True)
def test_it_tells_no_one_twice_when_two_runs_overlap(cast):
    plan = make_plan(cast)
    for days in range(4):
        actions.schedule_session(plan, by=cast.coach, date=timezone.localdate() - datetime.timedelta(days=days))
    errors = run_at_once(lambda: call_command("coaching_reminders", stdout=StringIO()))
    assert errors == []
    assert Notice.objects.filter(kind="coaching.due").count() == 4


# --- Panels and query counts -------------------------------------------------------------------


def test_it_leads_from_the_network_home_to_the_plans_and_the_caseload(cast):
    make_plan(cast)
    home = as_user(cast.coach).get(cast.network.get_absolute_url()).content.decode()
    assert reverse("coaching:caseload") in home and reverse("coaching:network", args=[cast.network.pk]) in home
    other = as_user(cast.methodologist).get(cast.network.get_absolute_url()).content.decode()
    assert reverse("coaching:network", args=[cast.network.pk]) not in other


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def grow(cast, n: int) -> None:
    for number in range(n):
        plan = make_plan(cast, title=f"Жоспар {number}")
        held_session(plan, cast.coach)
        actions.schedule_session(plan, by=cast.coach, date=timezone.localdate() + datetime.timedelta(days=number))
        make_visit(cast, plan)


@pytest.mark.parametrize("page", ["caseload", "mine", "network"])
def test_it_reads_a_constant_number_of_queries(cast, page):
    url = reverse(f"coaching:{page}", args=[cast.network.pk] if page == "network" else [])
    who = cast.teacher if page == "mine" else cast.coach
    grow(cast, 1)
    few = queries(as_user(who), url)
    grow(cast, 4)
    assert queries(as_user(who), url) == few
    assert few <= 15


def test_it_reads_a_constant_number_of_queries_on_the_plan_page(cast):
    plan = make_plan(cast)
    held_session(plan, cast.coach)
    few = queries(as_user(cast.coach), plan.get_absolute_url())
    for _ in range(4):
        held_session(plan, cast.coach)
        make_visit(cast, plan)
    assert queries(as_user(cast.coach), plan.get_absolute_url()) == few


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", ["Коучинг сессиялары", "Сабаққа қатысулар", "1-сессия"]),
        ("ru", ["Коучинг-сессии", "Посещения уроков", "Сессия 1"]),
        ("en", ["Coaching sessions", "Lesson visits", "Session 1"]),
    ],
)
def test_it_speaks_kazakh_russian_and_english(cast, language, words):
    plan = make_plan(cast)
    held_session(plan, cast.coach)
    make_visit(cast, plan)
    cast.coach.language = language
    cast.coach.save()
    page = as_user(cast.coach).get(plan.get_absolute_url()).content.decode()
    for word in words:
        assert word in page


def test_it_lists_a_plans_teachers_in_the_kazakh_alphabets_order(cast):
    from networks.models import Role
    from networks.tests.factories import member

    # Code points put «Ә» (U+04D8) after «Б»; the Kazakh alphabet puts it after «А».
    names = ["Бақытов Нұр", "Әбенова Дина", "Аманов Ерлан"]
    teachers = [
        member(cast.network, Role.TEACHER, email=f"t{i}@example.kz", full_name=name, school=cast.attached_school)
        for i, name in enumerate(names)
    ]
    plan = make_plan(cast, teachers=teachers)
    page = as_user(cast.coach).get(plan.get_absolute_url()).content.decode()
    positions = [page.index(name) for name in ["Аманов Ерлан", "Әбенова Дина", "Бақытов Нұр"]]
    assert positions == sorted(positions)
