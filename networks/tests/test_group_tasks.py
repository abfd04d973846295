"""Group tasks with an assignee and a due date (issue 15, point 11): given to a member
of the group, who is told and finds it in their own list of open tasks; overdue ones
marked; the assignee marks it done too."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events import actions as event_actions
from events.tests.factories import make_event
from networks import actions
from networks.models import GroupTask
from networks.tests.factories import member
from notifications.models import Notice
from ortaq.testing import as_user, people_pickers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts."""


def group_url(cast) -> str:
    return reverse("networks:group", args=[cast.network.pk, cast.group.pk])


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_the_group_leader_gives_a_task_to_a_member_by_a_day_and_they_are_told(cast):
    response = as_user(cast.coach).post(
        group_url(cast), {"title": "Сабақ жоспарын жазу", "assignee": cast.teacher.pk, "due_on": days(7).isoformat()}
    )

    assert response.status_code == 302
    task = GroupTask.objects.get()
    assert (task.title, task.assignee, task.due_on) == ("Сабақ жоспарын жазу", cast.teacher, days(7))
    notice = Notice.objects.get(recipient=cast.teacher)
    assert notice.kind == "networks.group_task" and notice.title == "Сабақ жоспарын жазу"
    assert (notice.network_id, notice.group_id, notice.actor) == (cast.network.pk, cast.group.pk, cast.coach)
    assert notice.url == f"{group_url(cast)}#task-{task.pk}"


def test_a_task_may_wait_for_its_assignee_and_nobody_is_told(cast):
    as_user(cast.leader).post(group_url(cast), {"title": "Сауалнама құрастыру"})

    assert GroupTask.objects.get().assignee is None
    assert not Notice.objects.exists()


def test_someone_outside_the_group_is_refused_and_what_was_typed_comes_back(cast):
    response = as_user(cast.leader).post(
        group_url(cast), {"title": "Сабақ талдау", "assignee": cast.director.pk, "due_on": days(3).isoformat()}
    )

    assert response.status_code == 400 and response.context["task_form"].errors["assignee"]
    assert 'value="Сабақ талдау"' in response.content.decode()
    assert not GroupTask.objects.exists()
    with pytest.raises(Exception, match="one of its members"):
        actions.add_group_task(cast.group, by=cast.leader, title="Сабақ талдау", assignee=cast.director)


def test_the_picker_finds_only_the_groups_members(cast):
    client = as_user(cast.coach)
    search = people_pickers(client.get(group_url(cast)))["assignee"]

    found = (
        client.get(search + "&q=" + "Омарова").content.decode() + client.get(search + "&q=Жұмабеков").content.decode()
    )

    assert f"?group={cast.group.pk}" in search
    assert "Жұмабеков Ерлан" in found and "Омарова Сәуле" not in found


def test_giving_it_to_another_tells_only_the_new_assignee(cast):
    task = actions.add_group_task(cast.group, by=cast.coach, title="Есеп жазу", assignee=cast.teacher)
    url = reverse("networks:task_edit", args=[cast.network.pk, cast.group.pk, task.pk])
    client = as_user(cast.coach)

    client.post(url, {"title": "Есеп жазу (қысқа)", "assignee": cast.teacher.pk, "due_on": days(2).isoformat()})
    assert Notice.objects.filter(recipient=cast.teacher).count() == 1  # the same person: not told again
    cast.group.members.add(cast.director)
    response = client.post(url, {"title": "Есеп жазу (қысқа)", "assignee": cast.director.pk, "due_on": ""})

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.assignee, task.due_on) == ("Есеп жазу (қысқа)", cast.director, None)
    assert Notice.objects.filter(recipient=cast.director, kind="networks.group_task").count() == 1


def test_an_assignee_who_left_the_group_keeps_the_task_until_it_is_given_to_another(cast):
    task = actions.add_group_task(cast.group, by=cast.coach, title="Есеп жазу", assignee=cast.teacher)
    actions.set_group_members(cast.group, [cast.coach])
    url = reverse("networks:task_edit", args=[cast.network.pk, cast.group.pk, task.pk])

    response = as_user(cast.coach).post(url, {"title": "Есеп", "assignee": cast.teacher.pk})

    assert response.status_code == 302
    assert GroupTask.objects.get().assignee == cast.teacher


def test_the_group_page_shows_who_and_when_and_marks_the_overdue(cast):
    actions.add_group_task(cast.group, by=cast.coach, title="Кешіккен", assignee=cast.teacher, due_on=days(-2))
    actions.add_group_task(cast.group, by=cast.coach, title="Алда", due_on=days(5))

    page = as_user(cast.director).get(group_url(cast)).content.decode()

    late = page[page.index("Кешіккен") : page.index("Алда")]
    ahead = page[page.index("Алда") :]
    assert "overdue" in late and cast.teacher.full_name in late
    assert f"due {days(-2):%d.%m.%Y}" in late
    assert "overdue" not in ahead[: ahead.index("</li>")] and "not given to anyone yet" in ahead


def test_the_assignee_marks_their_own_task_done_but_not_anothers(cast):
    mine = actions.add_group_task(cast.group, by=cast.coach, title="Менікі", assignee=cast.teacher)
    other = actions.add_group_task(cast.group, by=cast.coach, title="Басқаныкі", assignee=cast.coach)
    client = as_user(cast.teacher)

    assert (
        client.post(reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, mine.pk])).status_code == 302
    )
    refused = client.post(reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, other.pk]))

    assert refused.status_code == 403
    assert GroupTask.objects.get(pk=mine.pk).is_done and not GroupTask.objects.get(pk=other.pk).is_done
    assert 'action="' + reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, mine.pk]) in (
        client.get(group_url(cast)).content.decode()
    )


def test_the_person_finds_their_open_group_tasks_beside_their_meeting_tasks(cast):
    event = make_event(cast, timezone.localdate() - datetime.timedelta(days=3))
    event_actions.add_task(event, by=cast.leader, title="Хаттаманы тарату", owner=cast.teacher, due_on=days(4))
    late = actions.add_group_task(
        cast.group, by=cast.coach, title="Топтың есебі", assignee=cast.teacher, due_on=days(-1)
    )
    actions.add_group_task(cast.group, by=cast.coach, title="Біреудікі", assignee=cast.coach)
    done = actions.add_group_task(cast.group, by=cast.coach, title="Бітті", assignee=cast.teacher)
    actions.set_group_task_done(done, done=True)
    client = as_user(cast.teacher)

    page = client.get(reverse("events:mine")).content.decode()
    mine = page[page.index("My open tasks") :]

    assert mine.index("Топтың есебі") < mine.index("Хаттаманы тарату")  # soonest due first
    assert "Біреудікі" not in mine and "Бітті" not in mine
    assert "overdue" in mine[mine.index("Топтың есебі") : mine.index("Хаттаманы тарату")]
    toggle = reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, late.pk])
    response = client.post(toggle, {"next": reverse("events:mine")})
    assert response.status_code == 302 and response["Location"] == reverse("events:mine")
    assert "Топтың есебі" not in client.get(reverse("events:mine")).content.decode()


def test_a_task_of_a_network_the_person_left_is_not_in_their_list(cast):
    actions.add_group_task(cast.group, by=cast.coach, title="Топтың есебі", assignee=cast.teacher)
    actions.remove_member(cast.network.memberships.get(user=cast.teacher))

    assert "Топтың есебі" not in as_user(cast.teacher).get(reverse("events:mine")).content.decode()


def test_the_group_page_reads_as_many_queries_for_many_tasks(cast, django_assert_max_num_queries):
    client = as_user(cast.coach)
    actions.add_group_task(cast.group, by=cast.coach, title="Бір", assignee=cast.teacher, due_on=days(1))
    client.get(group_url(cast))
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(db) as few:
        client.get(group_url(cast))
    for n in range(12):
        person = member(cast.network, email=f"group{n}@example.kz")
        cast.group.members.add(person)
        actions.add_group_task(cast.group, by=cast.coach, title=f"Тапсырма {n}", assignee=person, due_on=days(n - 3))
    with django_assert_max_num_queries(len(few)):
        response = client.get(group_url(cast))
    assert response.content.decode().count('class="group-task"') == 13


@pytest.mark.parametrize("who", ["outsider", "teacher", "methodologist"])
def test_editing_a_task_is_refused_to_those_who_do_not_manage_the_group(cast, who):
    task = actions.add_group_task(cast.group, by=cast.coach, title="Есеп", assignee=cast.teacher)
    url = reverse("networks:task_edit", args=[cast.network.pk, cast.group.pk, task.pk])
    expected = 404 if who == "outsider" else 403
    client = as_user(getattr(cast, who))

    assert client.get(url).status_code == expected
    assert client.post(url, {"title": "Басқа"}).status_code == expected
    assert GroupTask.objects.get().title == "Есеп"


def test_the_outsider_cannot_mark_a_task(cast):
    task = actions.add_group_task(cast.group, by=cast.coach, title="Есеп", assignee=cast.teacher)
    url = reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, task.pk])
    assert as_user(cast.outsider).post(url).status_code == 404
    assert as_user(UserFactory.create()).post(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_tasks_there_were(cast):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    executor.migrate([("networks", "0005_network_version")])
    try:
        old = executor.loader.project_state([("networks", "0005_network_version")]).apps
        old.get_model("networks", "GroupTask").objects.create(
            group_id=cast.group.pk, title="Ескі тапсырма", is_done=True, position=3
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)

    task = GroupTask.objects.get()
    assert (task.title, task.is_done, task.position, task.assignee, task.due_on) == (
        "Ескі тапсырма",
        True,
        3,
        None,
        None,
    )


@pytest.mark.any_language
def test_its_pages_are_kazakh_in_kazakh(cast):
    from ortaq.testing import english_words

    task = actions.add_group_task(cast.group, by=cast.coach, title="Есеп", assignee=cast.teacher, due_on=days(-1))
    pages = [
        as_user(cast.coach).get(group_url(cast)),
        as_user(cast.coach).get(reverse("networks:task_edit", args=[cast.network.pk, cast.group.pk, task.pk])),
        as_user(cast.teacher).get(reverse("events:mine")),
    ]
    assert "мерзімі өтті" in pages[2].content.decode()
    for response in pages:
        assert response.status_code == 200
        assert english_words(response.content.decode()) == set(), response.request["PATH_INFO"]
