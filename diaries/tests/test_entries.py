from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diaries import actions
from diaries.models import Entry, Share
from diaries.tests.factories import past_event, write
from events.tests.factories import make_event, make_lesson
from mentoring.tests.factories import make_pair
from notifications.models import Notice
from ortaq.testing import as_user, asks_first, save_twice, send_twice, stale_section

pytestmark = pytest.mark.django_db


def test_it_writes_an_entry_once_however_often_it_is_sent(cast):
    client = as_user(cast.teacher)
    data = {
        "written_on": timezone.localdate().strftime("%d.%m.%Y"),
        "tried": "Топтық жұмыс",
        "pupils": "Барлығы қатысты",
        "next_steps": "Рөлдерді бөлу",
    }
    first, second = send_twice(client, reverse("diaries:create"), data)
    assert first.status_code == second.status_code == 302
    entry = Entry.objects.get()
    assert entry.author == cast.teacher and first["Location"] == entry.get_absolute_url()


def test_it_refuses_an_empty_entry_and_keeps_the_date(cast):
    response = as_user(cast.teacher).post(
        reverse("diaries:create"), {"written_on": "01.02.2020", "tried": " ", "pupils": "", "next_steps": ""}
    )
    assert response.status_code == 200 and "01.02.2020" in response.content.decode()
    assert not Entry.objects.exists()


def test_it_writes_about_an_event_only_one_took_part_in(cast):
    event = past_event(cast, cast.teacher)
    other = past_event(cast, cast.director)
    client = as_user(cast.teacher)
    data = {"written_on": timezone.localdate().strftime("%d.%m.%Y"), "tried": "Кері байланыс"}
    client.post(reverse("diaries:create"), {**data, "event": event.pk})
    client.post(reverse("diaries:create"), {**data, "event": other.pk})
    assert list(Entry.objects.order_by("pk").values_list("event", "network")) == [
        (event.pk, cast.network.pk),
        (None, None),
    ]


def test_two_tabs_editing_one_entry_do_not_erase_each_other(cast):
    entry = write(cast.teacher)
    url = reverse("diaries:entry_edit", args=[entry.pk])
    day = timezone.localdate().strftime("%d.%m.%Y")
    response = save_twice(
        url,
        as_user(cast.teacher),
        as_user(cast.teacher),
        {"written_on": day, "tried": "Бірінші бетте жазылған"},
        {"written_on": day, "tried": "Екінші бетте жазылған"},
    )
    section = stale_section(response)
    assert "Бірінші бетте жазылған" in section and "Екінші бетте жазылған" in section
    entry.refresh_from_db()
    assert entry.tried == "Бірінші бетте жазылған"


def test_deleting_asks_first(cast):
    entry = write(cast.teacher)
    asks_first(
        as_user(cast.teacher),
        reverse("diaries:entry_delete", args=[entry.pk]),
        lambda: Entry.objects.count(),
        shows=["Delete this diary entry?"],
    )
    assert not Entry.objects.exists()


def test_it_shares_only_with_a_companion_who_is_told(cast):
    entry = write(cast.teacher, tried="Құпия тәжірибе")
    client = as_user(cast.teacher)
    client.post(reverse("diaries:entry_share", args=[entry.pk]), {"person": cast.coach.pk})
    assert not Share.objects.exists()  # no companion yet
    make_pair(cast)  # the coach mentors the teacher
    client.post(reverse("diaries:entry_share", args=[entry.pk]), {"person": cast.leader.pk})
    assert not Share.objects.exists()
    client.post(reverse("diaries:entry_share", args=[entry.pk]), {"person": cast.coach.pk})
    assert list(Share.objects.values_list("shared_with", flat=True)) == [cast.coach.pk]
    notice = Notice.objects.get(kind="diaries.shared")
    assert notice.recipient == cast.coach and "Құпия" not in notice.title + notice.excerpt
    coach = as_user(cast.coach)
    assert "Құпия тәжірибе" in coach.get(entry.get_absolute_url()).content.decode()
    assert entry in coach.get(reverse("diaries:shared")).context["entries"]
    client.post(reverse("diaries:entry_unshare", args=[entry.pk, cast.coach.pk]))
    assert coach.get(entry.get_absolute_url()).status_code == 404


def test_a_mentor_may_share_with_their_mentee_too(cast):
    make_pair(cast)
    entry = write(cast.coach)
    actions.share_entry(entry, with_user=cast.teacher, by=cast.coach)
    assert as_user(cast.teacher).get(entry.get_absolute_url()).status_code == 200


def test_the_diary_prompts_for_recent_events_and_lessons_without_an_entry(cast):
    event = past_event(cast, cast.teacher, days_ago=3)
    old = past_event(cast, cast.teacher, days_ago=20)
    missed = past_event(cast, cast.teacher, days_ago=2, present=False)
    seminar = make_event(cast, timezone.localdate() - datetime.timedelta(days=4), kind="seminar", title="Семинар")
    lesson = make_lesson(cast, event=seminar)
    client = as_user(cast.teacher)
    prompts = client.get(reverse("diaries:mine")).context["prompts"]
    assert [e.pk for e in prompts.events] == [event.pk]
    assert [lesson_.pk for lesson_ in prompts.lessons] == [lesson.pk]
    assert old.pk != missed.pk
    write(cast.teacher, event=event)
    write(cast.teacher, lesson=lesson)
    assert not client.get(reverse("diaries:mine")).context["prompts"]


def test_a_past_event_offers_reflection_only_to_those_who_took_part(cast):
    event = past_event(cast, cast.teacher)
    assert "Reflect in your diary" in as_user(cast.teacher).get(event.get_absolute_url()).content.decode()
    assert "Reflect in your diary" not in as_user(cast.leader).get(event.get_absolute_url()).content.decode()
    ahead = make_event(cast)
    assert "Reflect in your diary" not in as_user(cast.teacher).get(ahead.get_absolute_url()).content.decode()
    entry = write(cast.teacher, event=event)
    page = as_user(cast.teacher).get(event.get_absolute_url()).content.decode()
    assert entry.get_absolute_url() in page


def test_my_diary_costs_the_same_queries_for_many_entries(cast):
    client = as_user(cast.teacher)
    make_pair(cast)
    actions.share_entry(write(cast.teacher), with_user=cast.coach, by=cast.teacher)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("diaries:mine"))
    for n in range(8):
        entry = write(cast.teacher, days_ago=n)
        actions.share_entry(entry, with_user=cast.coach, by=cast.teacher)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(reverse("diaries:mine")).context["entries"]) == 9
    assert len(few) == len(many)
    coach = as_user(cast.coach)
    with CaptureQueriesContext(connection) as shared:
        assert len(coach.get(reverse("diaries:shared")).context["entries"]) == 9
    assert len(shared) <= len(few) + 2


def test_companions_are_mentors_and_mentees(cast):
    from diaries.companions import companions_of

    assert list(companions_of(cast.teacher)) == []
    make_pair(cast)
    assert list(companions_of(cast.teacher)) == [cast.coach]
    assert list(companions_of(cast.coach)) == [cast.teacher]


def test_a_teachers_coach_is_a_companion_while_the_coaching_goes_on(cast):
    from coaching.models import CoachingPlan
    from coaching.tests.factories import make_plan
    from diaries.companions import companions_of

    plan = make_plan(cast, coach=cast.leader)
    assert list(companions_of(cast.teacher)) == [cast.leader]
    # The coach shares with nobody through it (a coach's diary is theirs), nor does a
    # colleague outside the plan gain a companion.
    assert list(companions_of(cast.leader)) == []
    assert list(companions_of(cast.director)) == []
    CoachingPlan.objects.filter(pk=plan.pk).update(status=CoachingPlan.Status.COMPLETED)
    assert list(companions_of(cast.teacher)) == []


def test_my_diary_shows_a_page_of_entries_at_a_time_newest_first(cast):
    from diaries.views import PER_PAGE

    for n in range(PER_PAGE + 3):
        write(cast.teacher, days_ago=n + 1)
    client = as_user(cast.teacher)
    first = client.get(reverse("diaries:mine"))
    assert len(first.context["entries"]) == PER_PAGE
    assert first.context["prompts"] is not None
    assert 'href="?page=2"' in first.content.decode()
    older = client.get(reverse("diaries:mine"), {"page": 2})
    entries = list(older.context["entries"])
    assert len(entries) == 3
    # The oldest three, and the «write about…» prompts only on the first page.
    assert entries[-1].written_on == min(e.written_on for e in entries)
    assert older.context["prompts"] is None


@pytest.mark.parametrize("helpers", [True, False])
def test_it_marks_my_diary_as_the_current_page_in_the_menu(cast, settings, helpers):
    # The header is a cached piece that reads only what it is given (the section), not
    # the request: with the speed helpers on, it once never marked the diary.
    settings.SPEED_HELPERS = helpers
    page = as_user(cast.teacher).get(reverse("diaries:mine")).content.decode()
    assert f'<a href="{reverse("diaries:mine")}" aria-current="page">' in page
    other = as_user(cast.teacher).get(reverse("notifications:index")).content.decode()
    assert f'<a href="{reverse("diaries:mine")}" aria-current="page">' not in other
