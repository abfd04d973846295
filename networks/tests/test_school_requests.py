"""«My school is not in the list» (issue 15, point 10): a person asks for their school
at sign-up or on their profile; the leaders of the networks with schools in its
district and the site's staff hear of it, approve it (a new school, or one of the list
whose name was written another way) or decline it with a reason, and the person hears
of the decision. Nobody else sees a request."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from networks.models import NetworkSchool, Role
from networks.tests.factories import NetworkFactory, member
from notifications.models import Notice
from ortaq.testing import as_user, asks_first
from schools.actions import request_school
from schools.models import SchoolRequest
from schools.tests.factories import DistrictFactory, SchoolFactory

pytestmark = pytest.mark.django_db
LIST = reverse("networks:school_requests")


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts."""


@pytest.fixture
def elsewhere(cast):
    """A network of another district, with its own leader."""
    district = DistrictFactory.create(name="Шымкент қаласы")
    network = NetworkFactory.create(name="Даму")
    NetworkSchool.objects.create(network=network, school=SchoolFactory.create(district=district, name="№3 лицей"))
    return member(network, Role.LEADER, email="other-leader@example.kz")


def ask(person: User, cast, name: str = "Жамбыл атындағы орта мектеп") -> SchoolRequest:
    return request_school(person, name=name, district=cast.attached_school.district)


def signup_link(email: str) -> str:
    Client().post(reverse("accounts:signup"), {"full_name": "Нұрланова Әсел", "email": email})
    found = re.search(r"https?://[^/\s]+(/accounts/signup/finish/\S+/)", str(mail.outbox[-1].body))
    assert found is not None
    return found[1]


def test_it_asks_for_a_school_at_sign_up_and_tells_who_decides(cast, elsewhere):
    staff = UserFactory.create(is_staff=True)
    url = signup_link("asel@example.kz")
    district = cast.attached_school.district

    response = Client().post(
        url,
        {
            "password": "Мұғалім-2026!",
            "new_school": "  Жамбыл  атындағы орта мектеп ",
            "new_school_district": district.pk,
        },
    )

    assert response.status_code == 302
    person = User.objects.get(email="asel@example.kz")
    assert person.school is None  # until it is approved
    asked = SchoolRequest.objects.get()
    assert (asked.name, asked.district, asked.requested_by, asked.status) == (
        "Жамбыл атындағы орта мектеп",
        district,
        person,
        SchoolRequest.Status.PENDING,
    )
    told = set(Notice.objects.filter(kind="networks.school_request").values_list("recipient__email", flat=True))
    assert told == {"leader@example.kz", staff.email}  # not the coordinator, not a leader elsewhere
    assert Notice.objects.get(recipient=cast.leader).url == reverse("networks:school_request", args=[asked.pk])


def test_a_name_already_in_the_list_is_that_school_and_asks_nothing(cast):
    url = signup_link("asel@example.kz")

    response = Client().post(
        url,
        {
            "password": "Мұғалім-2026!",
            "new_school": "№7 ОРТА мектеп",
            "new_school_district": cast.attached_school.district.pk,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="asel@example.kz").school == cast.attached_school
    assert not SchoolRequest.objects.exists()


def test_a_half_told_school_comes_back_with_what_was_typed_and_no_account(cast):
    url = signup_link("asel@example.kz")

    response = Client().post(url, {"password": "Мұғалім-2026!", "new_school": "Жамбыл атындағы орта мектеп"})

    assert response.status_code == 200 and response.context["form"].errors["new_school_district"]
    assert 'value="Жамбыл атындағы орта мектеп"' in response.content.decode()
    assert '<details class="not-listed" open>' in response.content.decode()
    assert not User.objects.filter(email="asel@example.kz").exists()


def test_a_person_asks_on_their_profile_once_at_a_time(cast):
    person = UserFactory.create()
    client = as_user(person)
    data = {
        "profile-full_name": person.full_name,
        "profile-new_school": "Жамбыл атындағы орта мектеп",
        "profile-new_school_district": cast.attached_school.district.pk,
    }

    assert client.post(reverse("accounts:profile"), data).status_code == 302
    page = client.get(reverse("accounts:profile")).content.decode()

    assert SchoolRequest.objects.filter(requested_by=person).count() == 1
    assert "You asked for «Жамбыл атындағы орта мектеп»" in page and 'name="profile-new_school"' not in page
    client.post(reverse("accounts:profile"), {**data, "profile-new_school": "Басқа мектеп"})
    assert SchoolRequest.objects.filter(requested_by=person).count() == 1
    with pytest.raises(Exception, match="already asked"):
        ask(person, cast, "Басқа мектеп")


def test_the_leader_approves_it_as_a_new_school_that_becomes_the_persons(cast, django_capture_on_commit_callbacks):
    person = UserFactory.create()
    asked = ask(person, cast)
    client = as_user(cast.leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:school_request", args=[asked.pk]),
            {"name": "Жамбыл атындағы жалпы орта мектеп", "language": "ru", "shifts": "2"},
        )

    assert response.status_code == 302 and response["Location"] == LIST
    asked.refresh_from_db()
    school = asked.school
    assert school is not None
    assert asked.status == SchoolRequest.Status.APPROVED and asked.decided_by == cast.leader
    assert (school.name, school.district, school.language, school.shifts) == (
        "Жамбыл атындағы жалпы орта мектеп",
        cast.attached_school.district,
        "ru",
        2,
    )
    person.refresh_from_db()
    assert person.school == school
    notice = Notice.objects.get(recipient=person)
    assert notice.kind == "networks.school_added" and notice.title == school.name
    # The other deciders' bells no longer count it.
    assert not Notice.objects.filter(kind="networks.school_request", read_at__isnull=True).exists()
    assert client.post(reverse("networks:school_request", args=[asked.pk]), {"name": "Тағы"}).status_code == 302
    assert SchoolRequest.objects.get().school == school  # decided once


def test_a_near_name_is_shown_and_chosen_instead_of_a_second_school(cast):
    person = UserFactory.create()
    asked = ask(person, cast, "№ 7 орта мектебі")
    client = as_user(cast.leader)

    listed = client.get(LIST).content.decode()
    page = client.get(reverse("networks:school_request", args=[asked.pk])).content.decode()
    response = client.post(reverse("networks:school_request", args=[asked.pk]), {"existing": cast.attached_school.pk})

    assert "near names in the list" in listed and "«№7 орта мектеп»" in listed
    assert (
        "Is it a school already in the list?" in page and f'name="existing" value="{cast.attached_school.pk}"' in page
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.school == cast.attached_school
    assert SchoolRequest.objects.get().school == cast.attached_school
    assert cast.attached_school.district.schools.count() == 2  # no second school


def test_a_new_name_the_district_has_written_another_way_is_that_school(cast):
    asked = ask(UserFactory.create(), cast, "Жамбыл атындағы мектеп")
    SchoolFactory.create(district=cast.attached_school.district, name="ЖАМБЫЛ атындағы мектеп")

    as_user(cast.leader).post(reverse("networks:school_request", args=[asked.pk]), {"name": asked.name})

    assert cast.attached_school.district.schools.count() == 3
    assert SchoolRequest.objects.filter(school__name="ЖАМБЫЛ атындағы мектеп").exists()


def test_a_school_of_another_district_cannot_be_chosen(cast, elsewhere):
    asked = ask(UserFactory.create(), cast)
    other = elsewhere.memberships.get().network.schools.get()

    response = as_user(cast.leader).post(reverse("networks:school_request", args=[asked.pk]), {"existing": other.pk})

    assert response.status_code == 400 and response.context["form"].errors["existing"]
    assert SchoolRequest.objects.get().is_pending


def test_declining_asks_first_and_tells_the_person_why(cast):
    person = UserFactory.create()
    asked = ask(person, cast)
    url = reverse("networks:school_request_decline", args=[asked.pk])

    asks_first(
        as_user(cast.leader),
        url,
        lambda: SchoolRequest.objects.get().status,
        shows=["Decline the request to add «Жамбыл атындағы орта мектеп»?", "Decline the request"],
        data={"reason": "Мектеп тізімде «№7 орта мектеп» деп тұр."},
    )

    asked.refresh_from_db()
    assert asked.status == SchoolRequest.Status.DECLINED and asked.reason == "Мектеп тізімде «№7 орта мектеп» деп тұр."
    person.refresh_from_db()
    assert person.school is None
    notice = Notice.objects.get(recipient=person)
    assert notice.kind == "networks.school_declined" and notice.excerpt == asked.reason


def test_a_decline_without_a_reason_asks_for_one(cast):
    asked = ask(UserFactory.create(), cast)

    response = as_user(cast.leader).post(
        reverse("networks:school_request_decline", args=[asked.pk]), {"reason": " ", "confirmed": "yes"}
    )

    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert SchoolRequest.objects.get().is_pending


def test_staff_decide_every_district_and_leaders_only_theirs(cast, elsewhere):
    asked = ask(UserFactory.create(), cast)
    staff = UserFactory.create(is_staff=True)

    assert asked.name in as_user(staff).get(LIST).content.decode()
    assert as_user(staff).get(reverse("networks:school_request", args=[asked.pk])).status_code == 200
    assert asked.name not in as_user(elsewhere).get(LIST).content.decode()


@pytest.mark.parametrize("who", ["outsider", "teacher", "coordinator", "methodologist", "elsewhere"])
def test_it_answers_404_to_everyone_who_does_not_decide(cast, elsewhere, who):
    asked = ask(UserFactory.create(), cast)
    client = as_user(elsewhere if who == "elsewhere" else getattr(cast, who))
    urls = [
        ("get", reverse("networks:school_request", args=[asked.pk])),
        ("post", reverse("networks:school_request", args=[asked.pk])),
        ("post", reverse("networks:school_request_decline", args=[asked.pk])),
    ]
    if who != "elsewhere":
        urls.append(("get", LIST))
    for method, url in urls:
        assert getattr(client, method)(url, {"name": "X", "reason": "X", "confirmed": "yes"}).status_code == 404, url
    assert SchoolRequest.objects.get().is_pending


def test_a_visitor_is_sent_to_sign_in(cast):
    asked = ask(UserFactory.create(), cast)
    for url in (LIST, reverse("networks:school_request", args=[asked.pk])):
        response = Client().get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_list_reads_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    client = as_user(cast.leader)
    for n in range(8):
        ask(UserFactory.create(), cast, f"Жаңа мектеп {n}")
    with django_assert_max_num_queries(7):
        response = client.get(LIST)
    assert response.content.decode().count("Жаңа мектеп") >= 8


def test_the_leader_finds_the_list_from_home_and_the_schools_page(cast):
    ask(UserFactory.create(), cast)
    client = as_user(cast.leader)

    home = client.get(reverse("networks:list")).content.decode()
    schools = client.get(reverse("networks:schools", args=[cast.network.pk])).content.decode()

    assert f'href="{LIST}">1 school asked for waits for your decision' in home
    assert f'href="{LIST}">1 school of your districts asked for waits for your decision' in schools
    assert LIST not in as_user(cast.teacher).get(reverse("networks:list")).content.decode()


@pytest.mark.any_language
def test_its_pages_are_kazakh_in_kazakh(cast):
    from ortaq.testing import english_words

    person = UserFactory.create(language="kk")
    asked = ask(person, cast, "№ 7 орта мектебі")
    leader = as_user(cast.leader)
    pages = [
        leader.get(LIST),
        leader.get(reverse("networks:school_request", args=[asked.pk])),
        leader.get(reverse("networks:school_request_decline", args=[asked.pk])),
        as_user(person).get(reverse("accounts:profile")),
        as_user(UserFactory.create(language="kk")).get(reverse("accounts:profile")),
    ]
    assert "Қосуды сұраған мектептер" in pages[0].content.decode()
    assert "Менің мектебім тізімде жоқ" in pages[4].content.decode()
    for response in pages:
        assert response.status_code == 200
        assert english_words(response.content.decode()) == set(), response.request["PATH_INFO"]
