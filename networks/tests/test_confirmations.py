"""Every destructive action of the networks asks first (issue 15, point 2): the red
button's first click shows what will be lost and changes nothing; only the
confirmation's own POST acts (ortaq/lib/confirm.py, ortaq.testing.asks_first)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import actions as forum_actions
from forums.models import Forum, Thread
from networks.models import Group, GroupTask, Invitation, Membership
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts."""


def test_removing_a_member_asks_and_names_the_groups_they_leave(cast):
    membership = cast.network.memberships.get(user=cast.coach)
    url = reverse("networks:member_remove", args=[cast.network.pk, membership.pk])
    asks_first(
        as_user(cast.leader),
        url,
        lambda: (Membership.objects.filter(pk=membership.pk).exists(), cast.group.members.count()),
        shows=[
            f"Remove {cast.coach.full_name} from «Шуақ»?",
            "They leave its group «Дамытушы топ».",
            "The group «Дамытушы топ» will have no leader.",
            "Remove from the network",
        ],
    )
    assert not cast.network.memberships.filter(user=cast.coach).exists()
    assert Group.objects.get(pk=cast.group.pk).leader is None


def test_leaving_the_network_asks_the_member_first(cast):
    membership = cast.network.memberships.get(user=cast.teacher)
    url = reverse("networks:member_remove", args=[cast.network.pk, membership.pk])
    asks_first(
        as_user(cast.teacher),
        url,
        lambda: Membership.objects.filter(pk=membership.pk).exists(),
        shows=["Leave «Шуақ»?", "You leave its group «Дамытушы топ».", "Leave the network"],
    )


def test_deleting_a_group_counts_its_tasks_members_and_forum(cast):
    for title in ("Жоспар құру", "Сабақ талдау", "Есеп жазу", "Сауалнама", "Коучинг"):
        cast.group.tasks.create(title=title)
    forum = Forum.objects.create(network=cast.network, group=cast.group)
    thread = forum_actions.start_thread(forum, by=cast.coach, title="Жоспар", body="Бастаймыз", category=None)
    forum_actions.reply(thread, by=cast.teacher, body="Келісемін")
    url = reverse("networks:group_delete", args=[cast.network.pk, cast.group.pk])
    asks_first(
        as_user(cast.leader),
        url,
        lambda: (Group.objects.filter(pk=cast.group.pk).exists(), GroupTask.objects.count()),
        shows=[
            "Delete the group «Дамытушы топ»?",
            "The group is deleted together with:",
            "its 5 tasks",
            "its list of 2 members",
            "its forum: 1 discussion (2 messages)",
            "Its members stay members of the network",
            "This cannot be undone.",
        ],
    )
    assert GroupTask.objects.count() == 0 and not Thread.objects.exists()


def test_removing_a_school_asks_and_says_its_members_stay(cast):
    url = reverse("networks:school_remove", args=[cast.network.pk, cast.attached_school.pk])
    asks_first(
        as_user(cast.leader),
        url,
        lambda: cast.network.school_links.count(),
        shows=["Remove «№7 орта мектеп» from the network?", "Its 3 members of the network stay members"],
    )
    assert cast.network.memberships.filter(user=cast.teacher).exists()


def test_withdrawing_an_invitation_asks_first(cast):
    invitation = Invitation.objects.create(network=cast.network, created_by=cast.leader, email="jana@example.kz")
    url = reverse("networks:invitation_revoke", args=[cast.network.pk, invitation.pk])
    asks_first(
        as_user(cast.coordinator),
        url,
        lambda: Invitation.objects.get(pk=invitation.pk).revoked_at is not None,
        shows=["Withdraw the invitation sent to jana@example.kz?", "The link in the letter stops working."],
    )


def test_deleting_a_group_task_asks_first(cast):
    task = cast.group.tasks.create(title="Коучинг өткізу")
    url = reverse("networks:task_delete", args=[cast.network.pk, cast.group.pk, task.pk])
    page = as_user(cast.coach).get(cast.group.get_absolute_url()).content.decode()
    assert f'action="{url}"' in page  # the group's leader has a button for it
    asks_first(
        as_user(cast.coach),
        url,
        lambda: GroupTask.objects.filter(pk=task.pk).exists(),
        shows=["Delete the task «Коучинг өткізу»?"],
    )


def test_the_last_leader_is_refused_before_being_asked(cast):
    membership = cast.network.memberships.get(user=cast.leader)
    url = reverse("networks:member_remove", args=[cast.network.pk, membership.pk])
    response = as_user(cast.leader).get(url, follow=True)
    assert "A network needs at least one leader" in response.content.decode()
    assert "confirm.html" not in [t.name for t in response.templates]
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_who_may_not_gets_404_or_403_before_any_confirmation(cast):
    membership = cast.network.memberships.get(user=cast.teacher)
    url = reverse("networks:member_remove", args=[cast.network.pk, membership.pk])
    group_url = reverse("networks:group_delete", args=[cast.network.pk, cast.group.pk])
    for method in ("get", "post"):
        assert getattr(as_user(cast.outsider), method)(url).status_code == 404
        assert getattr(as_user(cast.outsider), method)(group_url, {"confirmed": "yes"}).status_code == 404
        assert getattr(as_user(cast.director), method)(url, {"confirmed": "yes"}).status_code == 403
        assert getattr(as_user(cast.teacher), method)(group_url, {"confirmed": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists() and Group.objects.filter(pk=cast.group.pk).exists()
