from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Certification
from accounts.tests.factories import CertificationFactory, UserFactory
from networks.models import Group, Invitation, JoinRequest, Membership, Network, NetworkSchool, Role
from networks.tests.factories import CHARTER
from ortaq.testing import as_user
from schools.models import Region, School
from schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_it_creates_a_network_with_its_creator_as_leader(cast):
    response = as_user(cast.outsider).post(reverse("networks:create"), CHARTER)
    network = Network.objects.get(name="Шуақ", created_by=cast.outsider)
    assert response.status_code == 302 and response["Location"] == network.get_absolute_url()
    assert network.memberships.get().role == Role.LEADER
    assert network.charter("kk").tasks == ["Коучинг өткізу", "Зерттеу жүргізу"]


def test_it_keeps_what_was_typed_when_the_charter_is_invalid(cast):
    data = {**CHARTER, "name": "", "goal": "Мақсат сақталуы керек"}
    response = as_user(cast.leader).post(reverse("networks:edit", args=[cast.network.pk]), data)
    assert response.status_code == 200
    assert "Мақсат сақталуы керек" in response.content.decode()
    assert response.context["form"].errors["name"]
    cast.network.refresh_from_db()
    assert cast.network.name == "Шуақ"


def test_it_shows_the_charter_translation_in_the_readers_language(cast):
    client = as_user(cast.leader)
    response = client.post(
        reverse("networks:translate", args=[cast.network.pk, "ru"]),
        {"goal": "Развивать профессиональные знания учителя.", "rules": "Каждое мнение ценно.", "version": "1"},
    )
    assert response.status_code == 302
    cast.network.refresh_from_db()
    assert cast.network.charter("ru").goal == "Развивать профессиональные знания учителя."
    assert cast.network.charter("ru").motto == "Бірлік бар жерде тірлік бар"  # untranslated: the original
    assert cast.network.charter("kk").goal.startswith("Мұғалімнің")
    cast.teacher.language = "ru"
    cast.teacher.save()
    page = as_user(cast.teacher).get(cast.network.get_absolute_url()).content.decode()
    assert "Развивать профессиональные знания учителя." in page


def test_it_refuses_to_translate_into_the_original_language(cast):
    response = as_user(cast.leader).get(reverse("networks:translate", args=[cast.network.pk, "kk"]))
    assert response.status_code == 404


def test_it_adds_a_school_and_reuses_an_existing_one(cast):
    region = Region.objects.get(name="Түркістан облысы")
    data = {
        "name": "  №7   орта мектеп ",
        "region": region.pk,
        "district": "Сайрам ауданы",
        "district_kind": "district",
        "language": "kk",
        "shifts": "2",
    }
    other = Network.objects.create(name="Даму")
    Membership.objects.create(network=other, user=cast.leader, role=Role.LEADER)
    response = as_user(cast.leader).post(reverse("networks:schools", args=[other.pk]), data)
    assert response.status_code == 302
    assert other.schools.get() == cast.attached_school  # the same record, not a twin
    assert School.objects.count() == 2


def test_it_keeps_one_leading_school(cast):
    client = as_user(cast.leader)
    client.post(reverse("networks:school_leading", args=[cast.network.pk, cast.attached_school.pk]))
    roles = dict(cast.network.school_links.values_list("school_id", "role"))
    assert roles == {cast.attached_school.pk: "leading", cast.leading_school.pk: "attached"}


def test_it_invites_by_email_and_the_invitee_joins_with_the_role(cast, django_capture_on_commit_callbacks):
    client = as_user(cast.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:invitation_create", args=[cast.network.pk]),
            {"email": "New.Coach@Example.kz", "role": "coach", "school": cast.attached_school.pk},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.coach@example.kz")
    assert len(mail.outbox) == 1 and invitation.get_absolute_url() in mail.outbox[0].body
    assert "Шуақ" in mail.outbox[0].subject

    newcomer = UserFactory.create(email="new.coach@example.kz")
    response = as_user(newcomer).post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert cast.network.memberships.get(user=newcomer).role == "coach"
    newcomer.refresh_from_db()
    assert newcomer.school == cast.attached_school
    # used up: a second person cannot follow it
    response = as_user(cast.outsider).post(invitation.get_absolute_url())
    assert not cast.network.memberships.filter(user=cast.outsider).exists()


def test_an_email_invitation_refuses_another_address(cast):
    invitation = Invitation.objects.create(network=cast.network, email="someone@example.kz", max_uses=1)
    as_user(cast.outsider).post(invitation.get_absolute_url())
    assert not cast.network.memberships.filter(user=cast.outsider).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_a_link_invitation_serves_several_people_until_its_limit(cast):
    invitation = Invitation.objects.create(network=cast.network, max_uses=2, role="teacher")
    people = UserFactory.create_batch(3)
    for person in people:
        as_user(person).post(invitation.get_absolute_url())
    assert cast.network.memberships.filter(user__in=people).count() == 2


def test_a_revoked_invitation_cannot_be_used(cast):
    invitation = Invitation.objects.create(network=cast.network)
    as_user(cast.leader).post(
        reverse("networks:invitation_revoke", args=[cast.network.pk, invitation.pk]), {"confirmed": "yes"}
    )
    response = as_user(cast.outsider).get(invitation.get_absolute_url())
    assert response.status_code == 200 and not response.context["usable"]
    as_user(cast.outsider).post(invitation.get_absolute_url())
    assert not cast.network.memberships.filter(user=cast.outsider).exists()


def test_an_invitation_link_does_not_demote_a_member(cast):
    invitation = Invitation.objects.create(network=cast.network, role="teacher")
    as_user(cast.coordinator).post(invitation.get_absolute_url())
    assert cast.network.memberships.get(user=cast.coordinator).role == "coordinator"


def test_an_unknown_invitation_is_404(cast):
    assert Client().get(reverse("invitation", args=["nope"])).status_code == 404


def test_a_person_asks_to_join_and_the_leader_approves(cast):
    client = as_user(cast.outsider)
    client.post(reverse("networks:join", args=[cast.network.pk]), {"message": "Қосылғым келеді"})
    client.post(reverse("networks:join", args=[cast.network.pk]), {"message": "Тағы да"})
    request = JoinRequest.objects.get(user=cast.outsider)  # a second click does not make a second request
    response = as_user(cast.leader).post(
        reverse("networks:request_decide", args=[cast.network.pk, request.pk]),
        {"decision": "approve", "role": "mentor"},
    )
    assert response.status_code == 302
    assert cast.network.memberships.get(user=cast.outsider).role == "mentor"
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == cast.leader


def test_a_declined_request_makes_no_member(cast):
    request = JoinRequest.objects.create(network=cast.network, user=cast.outsider)
    as_user(cast.coordinator).post(
        reverse("networks:request_decide", args=[cast.network.pk, request.pk]), {"decision": "decline"}
    )
    assert not cast.network.memberships.filter(user=cast.outsider).exists()


def test_the_last_leader_cannot_step_down(cast):
    membership = cast.network.memberships.get(user=cast.leader)
    response = as_user(cast.leader).post(
        reverse("networks:member_role", args=[cast.network.pk, membership.pk]), {"role": "teacher"}, follow=True
    )
    membership.refresh_from_db()
    assert membership.role == "leader"
    assert response.context["messages"]


def test_a_teacher_can_leave_the_network(cast):
    membership = cast.network.memberships.get(user=cast.teacher)
    response = as_user(cast.teacher).post(
        reverse("networks:member_remove", args=[cast.network.pk, membership.pk]), {"confirmed": "yes"}
    )
    assert response.status_code == 302
    assert not cast.network.memberships.filter(user=cast.teacher).exists()
    assert not cast.group.members.filter(pk=cast.teacher.pk).exists()


def test_it_creates_a_group_with_members_and_refuses_a_duplicate_name(cast):
    client = as_user(cast.coordinator)
    data = {
        "name": "Зерттеуші топ",
        "kind": "research",
        "description": "Lesson Study",
        "leader": cast.coach.pk,
        "members": [cast.coach.pk, cast.teacher.pk],
    }
    response = client.post(reverse("networks:group_create", args=[cast.network.pk]), data)
    group = Group.objects.get(name="Зерттеуші топ")
    assert response.status_code == 302
    assert set(group.members.all()) == {cast.coach, cast.teacher}
    response = client.post(reverse("networks:group_create", args=[cast.network.pk]), {**data, "name": "зерттеуші ТОП"})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert Group.objects.filter(network=cast.network).count() == 2


def test_a_group_cannot_take_members_from_outside_the_network(cast):
    data = {"name": "Топ", "kind": "other", "members": [cast.outsider.pk]}
    response = as_user(cast.leader).post(reverse("networks:group_create", args=[cast.network.pk]), data)
    assert response.status_code == 200
    assert not Group.objects.filter(name="Топ").exists()


def test_the_task_toggle_answers_htmx_with_the_task_alone(cast):
    task = cast.group.tasks.create(title="Коучинг")
    response = as_user(cast.coach).post(
        reverse("networks:task_toggle", args=[cast.network.pk, cast.group.pk, task.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.strip().startswith(f'<li id="task-{task.pk}"')
    task.refresh_from_db()
    assert task.is_done


def test_the_indicators_count_from_the_records(cast):
    # 2 fixed members at the leading school (leader, coordinator), 3 at the attached one.
    CertificationFactory(user=cast.leader, kind="level", level=1)
    CertificationFactory(user=cast.leader, kind="school_trainer", level=None)
    CertificationFactory(user=cast.coach, kind="updated_content", level=None)
    CertificationFactory(user=cast.teacher, kind="other", level=None, title="Курс")  # does not count
    CertificationFactory(user=cast.outsider, kind="level", level=1)  # not a member: does not count
    indicators = cast.network.indicators()
    assert (indicators.schools, indicators.teachers, indicators.certified) == (2, 5, 2)
    assert indicators.certified_share == 40.0
    by_kind = {k.kind: k.count for k in indicators.by_kind}
    assert by_kind == {"level": 1, "updated_content": 1, "school_trainer": 1, "assessment_coordinator": 0}
    leading_row, attached_row = indicators.rows
    assert leading_row.is_leading and leading_row.teachers == 2 and leading_row.certified == 1
    assert attached_row.teachers == 3 and attached_row.certified_share == pytest.approx(33.3)


def test_the_kept_indicators_follow_every_record_they_count(cast, django_assert_num_queries):
    def figures() -> tuple[int, int, int]:
        indicators = cast.network.indicators()
        return indicators.schools, indicators.teachers, indicators.certified

    assert figures() == (2, 5, 0)
    with django_assert_num_queries(0):  # kept
        assert figures() == (2, 5, 0)
    certificate = CertificationFactory(user=cast.teacher, kind="level", level=2)
    assert figures() == (2, 5, 1)
    certificate.delete()
    assert figures() == (2, 5, 0)
    cast.teacher.school = None
    cast.teacher.save()
    assert figures() == (2, 4, 0)
    cast.coach.is_active = False
    cast.coach.save(update_fields=["is_active"])
    assert figures() == (2, 3, 0)
    Membership.objects.filter(user=cast.director).get().delete()
    assert figures() == (2, 2, 0)
    NetworkSchool.objects.get(network=cast.network, school=cast.attached_school).delete()
    assert figures() == (1, 2, 0)
    cast.leading_school.name = "Жаңа атау"
    cast.leading_school.save()
    assert cast.network.indicators().rows[0].school.name == "Жаңа атау"


def test_the_indicators_show_a_dash_for_an_empty_network(db):
    network = Network.objects.create(name="Бос")
    indicators = network.indicators()
    assert indicators.teachers == 0 and indicators.certified_share is None


def test_the_network_page_costs_the_same_queries_for_many_schools_and_teachers(cast):
    client = as_user(cast.teacher)
    url = cast.network.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(8):
        school = SchoolFactory()
        NetworkSchool.objects.create(network=cast.network, school=school)
        for person in UserFactory.create_batch(5, school=school):
            Membership.objects.create(network=cast.network, user=person)
            CertificationFactory(user=person)
    Group.objects.create(network=cast.network, name="Тағы бір топ", leader=cast.leader)
    with CaptureQueriesContext(connection) as counting:
        response = client.get(url)
    # The new schools, members and certificates are counted at once (the kept counts
    # were forgotten), and then kept: two queries fewer on the next visits.
    assert response.context["indicators"].teachers == 45
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).context["indicators"].teachers == 45
    assert len(large) == len(small) == len(counting) - 2 <= 10


def test_the_members_page_costs_the_same_queries_for_many_members(cast):
    client = as_user(cast.leader)
    url = reverse("networks:members", args=[cast.network.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for person in UserFactory.create_batch(20, school=cast.attached_school):
        Membership.objects.create(network=cast.network, user=person)
        JoinRequest.objects.create(network=cast.network, user=UserFactory(school=cast.leading_school))
    Invitation.objects.create(network=cast.network, school=cast.attached_school)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small) <= 10


def test_the_network_list_costs_the_same_queries_for_many_networks(cast):
    client = as_user(cast.teacher)
    client.get(reverse("networks:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("networks:list"))
    for i in range(10):
        network = Network.objects.create(name=f"Желі {i}")
        Membership.objects.create(network=network, user=cast.teacher)
        Network.objects.create(name=f"Басқа {i}")
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("networks:list"))
    assert len(large) == len(small) <= 8
    assert len(response.context["networks"]) == 11


def test_certification_kind_other_never_counts(db):
    assert not Certification(kind="other").counts_as_certified
    assert Certification(kind="school_trainer").counts_as_certified


def test_the_members_page_finds_members_by_name_school_or_role_in_kazakh_letters(cast):
    for person in UserFactory.create_batch(60, school=cast.attached_school):
        Membership.objects.create(network=cast.network, user=person)
    client = as_user(cast.teacher)
    url = reverse("networks:members", args=[cast.network.pk])

    def shown(**params: str) -> list:
        return [m.user for m in client.get(url, params).context["page"]]

    assert shown(q="ӘЛИ") == shown(q="әлиева") == [cast.leader]
    assert shown(q="гимназия") == [cast.leader, cast.coordinator]
    assert shown(q="коуч") == shown(q="ТРЕН") == [cast.coach]  # the role «коуч немесе тренер»
    assert shown(q="ренер") == []  # a school's or a role's words are found by their beginnings
    assert shown(q="сәуле №7") == [cast.director]  # a name and a school together
    assert shown(q="гимназия", role="coordinator") == [cast.coordinator]
    assert shown(q="Әлиева", school=str(cast.attached_school.pk)) == []
    # A search has pages of its own, and its links keep it: the 60 «Мұғалім N» and the
    # cast's teacher, whose role is «мұғалім».
    response = client.get(url, {"q": "мұғалім"})
    assert response.context["page"].paginator.count == 61 and len(response.context["page"]) == 50
    assert len(client.get(url, {"q": "мұғалім", "page": "2"}).context["page"]) == 11
    body = response.content.decode()
    assert 'href="?q=%D0%BC%D2%B1%D2%93%D0%B0%D0%BB%D1%96%D0%BC&amp;page=2"' in body
    assert 'value="мұғалім"' in body


@pytest.mark.parametrize("search", [{}, {"q": "мұғалім"}, {"q": "ов", "role": "teacher"}])
def test_the_members_page_costs_the_same_queries_for_5_or_300_members(cast, search: dict[str, str]):
    client = as_user(cast.leader)
    url = reverse("networks:members", args=[cast.network.pk])
    client.get(url, search)
    with CaptureQueriesContext(connection) as five:
        client.get(url, search)
    for person in UserFactory.create_batch(295, school=cast.attached_school):
        Membership.objects.create(network=cast.network, user=person)
    assert cast.network.memberships.count() == 300
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, search)
    assert len(many) == len(five) <= 10
    assert len(response.context["page"]) == 50 or search.get("q") == "ов"


def test_the_members_page_is_paged_and_filtered_by_school_and_role(cast):
    for person in UserFactory.create_batch(60, school=cast.attached_school):
        Membership.objects.create(network=cast.network, user=person)
    client = as_user(cast.teacher)
    url = reverse("networks:members", args=[cast.network.pk])
    first = client.get(url)
    assert first.context["page"].paginator.count == 65 and len(first.context["page"]) == 50
    assert len(client.get(url, {"page": 2}).context["page"]) == 15
    by_school = client.get(url, {"school": cast.leading_school.pk})
    assert {m.user for m in by_school.context["page"]} == {cast.leader, cast.coordinator}
    by_role = client.get(url, {"role": "coach"})
    assert [m.user for m in by_role.context["page"]] == [cast.coach]
    assert 'href="?school=' in client.get(url, {"school": cast.attached_school.pk}).content.decode()
