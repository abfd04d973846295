from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring import actions
from mentoring.models import Pair
from mentoring.tests.factories import add_meeting, make_pair
from networks.models import Role
from networks.tests.factories import member
from notifications.models import Notice
from ortaq.testing import as_user, asks_first, hidden_value, save_twice, send_twice, stale_section

pytestmark = pytest.mark.django_db


def test_it_makes_a_pair_and_tells_both(cast):
    client = as_user(cast.leader)
    page = reverse("mentoring:create", args=[cast.network.pk])
    data = {
        "mentor": cast.coach.pk,
        "mentee": cast.teacher.pk,
        "kind": Pair.Kind.UNCERTIFIED,
        "goals": "Диалогтық оқыту",
        "started_on": timezone.localdate().strftime("%d.%m.%Y"),
        "quiet_after_days": 21,
    }
    first, second = send_twice(client, page, data)
    assert first.status_code == second.status_code == 302
    pair = Pair.objects.get()
    assert first["Location"] == pair.get_absolute_url()
    assert set(Notice.objects.filter(kind="mentoring.created").values_list("recipient", flat=True)) == {
        cast.coach.pk,
        cast.teacher.pk,
    }


def test_it_keeps_what_was_typed_when_the_mentor_is_the_mentee(cast):
    client = as_user(cast.leader)
    response = client.post(
        reverse("mentoring:create", args=[cast.network.pk]),
        {
            "mentor": cast.coach.pk,
            "mentee": cast.coach.pk,
            "kind": Pair.Kind.NEW_TEACHER,
            "goals": "Менің мақсатым",
            "started_on": timezone.localdate().strftime("%d.%m.%Y"),
            "quiet_after_days": 21,
        },
    )
    assert response.status_code == 200
    assert "Менің мақсатым" in response.content.decode()
    assert not Pair.objects.exists()


def test_it_refuses_a_mentor_from_outside_the_network(cast):
    client = as_user(cast.leader)
    response = client.post(
        reverse("mentoring:create", args=[cast.network.pk]),
        {
            "mentor": cast.outsider.pk,
            "mentee": cast.teacher.pk,
            "kind": Pair.Kind.NEW_TEACHER,
            "started_on": timezone.localdate().strftime("%d.%m.%Y"),
            "quiet_after_days": 21,
        },
    )
    assert response.status_code == 200 and not Pair.objects.exists()


def test_it_logs_a_meeting_and_remembers_the_latest_day(cast):
    pair = make_pair(cast)
    client = as_user(cast.teacher)
    page = pair.get_absolute_url()
    day = timezone.localdate() - datetime.timedelta(days=3)
    first, second = send_twice(
        client,
        page,
        {"met_on": day.strftime("%d.%m.%Y"), "discussed": "Бағалау критерийлері", "next_steps": "Рубрика"},
        action=reverse("mentoring:meeting_add", args=[pair.pk]),
    )
    assert first.status_code == second.status_code == 302
    assert pair.meetings.count() == 1
    add_meeting(pair, days_ago=10)  # logged late: an earlier day does not move the last meeting back
    pair.refresh_from_db()
    assert pair.last_met_on == day
    assert "Бағалау критерийлері" in client.get(page).content.decode()


def test_it_refuses_a_meeting_in_the_future_and_keeps_the_text(cast):
    pair = make_pair(cast)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_user(cast.coach).post(
        reverse("mentoring:meeting_add", args=[pair.pk]),
        {"met_on": tomorrow.strftime("%d.%m.%Y"), "discussed": "Әлі болмаған кездесу"},
    )
    assert response.status_code == 400
    assert "Әлі болмаған кездесу" in response.content.decode()
    assert not pair.meetings.exists()


def test_two_people_editing_the_goals_do_not_erase_each_other(cast):
    pair = make_pair(cast)
    url = reverse("mentoring:pair_edit", args=[pair.pk])
    response = save_twice(
        url,
        as_user(cast.coach),
        as_user(cast.teacher),
        {"goals": "Тәлімгер жазған мақсат", "quiet_after_days": 14},
        {"goals": "Тәлімгер алушы жазған мақсат", "quiet_after_days": 28},
    )
    section = stale_section(response)
    assert "Тәлімгер жазған мақсат" in section and "Тәлімгер алушы жазған мақсат" in section
    pair.refresh_from_db()
    assert pair.goals == "Тәлімгер жазған мақсат" and pair.quiet_after_days == 14


def test_completing_asks_first_and_tells_both(cast):
    pair = make_pair(cast)
    asks_first(
        as_user(cast.leader),
        reverse("mentoring:pair_complete", args=[pair.pk]),
        lambda: Pair.objects.get(pk=pair.pk).status,
        shows=[cast.teacher.full_name],
        data={"summary": "Мақсаттар орындалды"},
    )
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED and pair.completed_on == timezone.localdate()
    assert pair.summary == "Мақсаттар орындалды"
    assert Notice.objects.filter(kind="mentoring.completed").count() == 2


def test_the_organisers_see_the_log_only_when_both_share_it(cast):
    pair = make_pair(cast)
    add_meeting(pair, discussed="Құпия емес, бірақ жеке әңгіме")
    page = pair.get_absolute_url()
    leader = as_user(cast.leader)
    assert "жеке әңгіме" not in leader.get(page).content.decode()
    as_user(cast.coach).post(reverse("mentoring:pair_share", args=[pair.pk]), {"shared": "yes"})
    assert "жеке әңгіме" not in leader.get(page).content.decode()
    as_user(cast.teacher).post(reverse("mentoring:pair_share", args=[pair.pk]), {"shared": "yes"})
    assert "жеке әңгіме" in leader.get(page).content.decode()
    as_user(cast.teacher).post(reverse("mentoring:pair_share", args=[pair.pk]), {"shared": "no"})
    assert "жеке әңгіме" not in leader.get(page).content.decode()


def test_the_organisers_list_flags_the_quiet_pairs(cast):
    quiet = make_pair(cast, started_days_ago=40)
    lively = make_pair(cast, mentee=cast.director, kind=Pair.Kind.DIRECTOR, started_days_ago=40)
    add_meeting(lively, days_ago=2)
    response = as_user(cast.leader).get(reverse("mentoring:network", args=[cast.network.pk]))
    rows = dict((pair.pk, is_quiet) for pair, is_quiet in response.context["rows"])
    assert rows == {quiet.pk: True, lively.pk: False}
    assert response.context["quiet"] == 1


def test_my_mentoring_shows_both_sides(cast):
    make_pair(cast)
    make_pair(cast, mentor=cast.teacher, mentee=cast.director, kind=Pair.Kind.DIRECTOR)
    response = as_user(cast.teacher).get(reverse("mentoring:mine"))
    assert [p.mentee_id for p in response.context["as_mentor"]] == [cast.director.pk]
    assert [p.mentor_id for p in response.context["as_mentee"]] == [cast.coach.pk]


def test_the_pairs_list_costs_the_same_queries_for_many_pairs(cast):
    client = as_user(cast.leader)
    url = reverse("mentoring:network", args=[cast.network.pk])
    make_pair(cast)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(6):
        person = member(cast.network, Role.TEACHER, school=cast.attached_school)
        add_meeting(make_pair(cast, mentee=person))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).context["rows"]) == 7
    assert len(few) == len(many)


def test_my_mentoring_costs_the_same_queries_for_many_pairs(cast, django_assert_max_num_queries):
    client = as_user(cast.coach)
    make_pair(cast)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("mentoring:mine"))
    for _ in range(5):
        make_pair(cast, mentee=member(cast.network, Role.TEACHER, school=cast.attached_school))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("mentoring:mine"))
    assert len(few) == len(many)


def test_the_pair_page_shows_the_version_it_was_opened_at(cast):
    pair = make_pair(cast)
    assert hidden_value(as_user(cast.coach).get(reverse("mentoring:pair_edit", args=[pair.pk])), "version") == "1"
    actions.save_pair(pair, version=1, goals="Жаңа", quiet_after_days=21)
    assert hidden_value(as_user(cast.coach).get(reverse("mentoring:pair_edit", args=[pair.pk])), "version") == "2"
