"""The ``demo`` command: the «Шуақ» network of the seed texts, its figures and the demo logins."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from accounts.models import Certification, User
from networks.models import Group, GroupMembership, GroupTask, Invitation, JoinRequest, Membership, Network
from schools.models import School

DEMO_LOGINS = [
    "leader@demo.ortaq.kz",
    "director@demo.ortaq.kz",
    "coach@demo.ortaq.kz",
    "teacher@demo.ortaq.kz",
    "methodologist@demo.ortaq.kz",
    "outsider@demo.ortaq.kz",
    "admin@demo.ortaq.kz",
]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        User,
        School,
        Certification,
        Network,
        Membership,
        Group,
        GroupMembership,
        GroupTask,
        JoinRequest,
        Invitation,
    ]
    return {model.__name__: model.objects.count() for model in models} | {
        "subjects taught": User.subjects.through.objects.count()
    }


@pytest.mark.django_db
def test_it_seeds_the_shuaq_network_with_eleven_schools_and_280_teachers() -> None:
    output = run_demo()

    shuaq = Network.objects.get(name="Шуақ")
    assert shuaq.kind == Network.Kind.INTER_SCHOOL
    assert shuaq.motto == "Бірлік бар жерде тірлік бар"
    assert shuaq.school_links.count() == 11
    assert shuaq.school_links.filter(role="leading").count() == 1
    assert User.objects.filter(memberships__network=shuaq, school__network_links__network=shuaq).count() == 280
    assert shuaq.members.get(email="leader@demo.ortaq.kz").memberships.get(network=shuaq).role == "leader"
    assert set(shuaq.translations) == {"ru", "en"}
    assert shuaq.charter("en").motto == "Where there is unity, there is life"
    assert set(shuaq.groups.values_list("kind", flat=True)) == {
        "leading",
        "coordinating",
        "developing",
        "research",
        "expert",
    }
    for group in shuaq.groups.all():
        assert 3 <= group.tasks.count() <= 6
        assert 4 <= group.members.count() <= 12
        assert group.leader is not None
    assert Network.objects.get(name="Даму").kind == Network.Kind.IN_SCHOOL
    assert "http://127.0.0.1:8000/" in output
    assert "ortaq-demo" in output


@pytest.mark.django_db
def test_it_is_idempotent() -> None:
    run_demo()
    first = counts()

    output = run_demo()

    assert counts() == first
    assert "nothing changed" in output


@pytest.mark.django_db
def test_it_prints_the_address_it_will_be_served_at() -> None:
    out = io.StringIO()
    call_command("demo", url="http://127.0.0.1:8765/", stdout=out)
    assert "Open http://127.0.0.1:8765/ and sign in" in out.getvalue()


@pytest.mark.django_db
def test_it_computes_about_31_percent_certified() -> None:
    run_demo()

    figures = Network.objects.get(name="Шуақ").indicators()

    assert figures.teachers == 280
    assert figures.schools == 11
    assert figures.certified_share is not None
    assert 29 <= figures.certified_share <= 33
    leading = next(row for row in figures.rows if row.is_leading)
    assert leading.teachers == 42
    assert leading.certified_share is not None
    assert 40 <= leading.certified_share <= 44
    # Some teachers hold only an «other» certificate, and they must not count.
    teachers = User.objects.filter(school__network_links__network__name="Шуақ")
    only_other = teachers.filter(certifications__kind=Certification.Kind.OTHER).exclude(
        certifications__kind__in=[k for k in Certification.Kind.values if k != Certification.Kind.OTHER]
    )
    assert only_other.exists()
    assert figures.certified == teachers.filter(certifications__in=Certification.objects.counting()).distinct().count()


@pytest.mark.django_db
def test_it_lets_the_demo_accounts_sign_in() -> None:
    run_demo()

    for email in DEMO_LOGINS:
        assert Client().login(username=email, password="ortaq-demo"), email
    assert User.objects.get(email="admin@demo.ortaq.kz").is_superuser


@pytest.mark.django_db
def test_the_methodologist_sees_shuaq_through_the_district() -> None:
    run_demo()
    methodologist = User.objects.get(email="methodologist@demo.ortaq.kz")

    assert Network.objects.visible_to(methodologist).filter(name="Шуақ").exists()
    assert not Membership.objects.filter(user=methodologist).exists()
    assert methodologist.school is None


@pytest.mark.django_db
def test_the_outsider_sees_no_network() -> None:
    run_demo()
    outsider = User.objects.get(email="outsider@demo.ortaq.kz")

    assert not Network.objects.visible_to(outsider).exists()


@pytest.mark.django_db
@override_settings(ORTAQ_ALLOW_DEMO_LOGINS=False)
def test_it_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="demo logins are off"):
        run_demo()

    assert not User.objects.exists()
    assert not Network.objects.exists()
    assert not School.objects.exists()


@pytest.mark.django_db
def test_the_demo_can_be_searched_at_once() -> None:
    from django.contrib.auth.models import AnonymousUser

    from search.query import search

    run_demo()
    teacher = User.objects.get(email="teacher@demo.ortaq.kz")
    found = search(teacher, "бағалау", limit=100)
    kinds = {hit.kind for hit in found} | {reply.kind for hit in found for reply in hit.replies}
    assert {"thread", "post", "material"} <= kinds
    # A visitor finds the public materials only.
    assert {hit.kind for hit in search(AnonymousUser(), "сабақ", limit=100)} == {"material"}
