"""Factories and the fixed cast shared by every app's tests: one network with a
leader, a coordinator, a director, a coach, a teacher, a methodologist who sees it
through the district, and an outsider who belongs to nothing."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import Certification, User
from networks.models import Group, Membership, Network, NetworkSchool, Role
from schools.models import District, Region, School

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH: list[str] = []


def password_hash() -> str:
    # Hash once per test run; hashing is deliberately slow.
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(make_password(PASSWORD))
    return _PASSWORD_HASH[0]


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "Түркістан облысы"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("region", "name")

    region = factory.SubFactory(RegionFactory)
    name = "Сайрам ауданы"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"№{n + 1} жалпы білім беретін мектеп")
    district = factory.SubFactory(DistrictFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Sequence(lambda n: f"Мұғалім {n}")
    password = factory.LazyFunction(password_hash)
    language = "kk"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Шуақ {n}")
    goal = "Мұғалімнің кәсіби білімін дамытуына мүмкіндік туғызу."
    motto = "Бірлік бар жерде тірлік бар"
    rules = "· Әркімнің пікірі құнды.\n· Бірін-бірі тыңдай білу."


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    user = factory.SubFactory(UserFactory)
    kind = Certification.Kind.LEVEL_PROGRAMME
    level = 2
    year = 2016


def member(network: Network, role: str = Role.TEACHER, **user_fields: object) -> User:
    user = UserFactory(**user_fields)
    Membership.objects.create(network=network, user=user, role=role)
    return user


@dataclass
class Cast:
    network: Network
    leading_school: School
    attached_school: School
    leader: User
    coordinator: User
    director: User
    coach: User
    teacher: User
    methodologist: User
    outsider: User
    group: Group


def make_cast() -> Cast:
    network = NetworkFactory(name="Шуақ")
    leading = SchoolFactory(name="Абай атындағы мектеп-гимназия")
    attached = SchoolFactory(name="№7 орта мектеп")
    NetworkSchool.objects.create(network=network, school=leading, role=NetworkSchool.Role.LEADING)
    NetworkSchool.objects.create(network=network, school=attached, role=NetworkSchool.Role.ATTACHED)
    leader = member(network, Role.LEADER, email="leader@example.kz", full_name="Әлиева Гүлназ", school=leading)
    coordinator = member(
        network, Role.COORDINATOR, email="coordinator@example.kz", full_name="Сейітов Нұрлан", school=leading
    )
    director = member(network, Role.DIRECTOR, email="director@example.kz", full_name="Омарова Сәуле", school=attached)
    coach = member(network, Role.COACH, email="coach@example.kz", full_name="Бекова Айгүл", school=attached)
    teacher = member(network, Role.TEACHER, email="teacher@example.kz", full_name="Жұмабеков Ерлан", school=attached)
    methodologist = UserFactory(email="methodologist@example.kz", full_name="Қасымова Ләззат")
    leading.district.methodologists.add(methodologist)
    outsider = UserFactory(email="outsider@example.kz", full_name="Бөгде Адам")
    group = Group.objects.create(network=network, name="Дамытушы топ", kind=Group.Kind.DEVELOPING, leader=coach)
    group.members.add(coach, teacher)
    return Cast(
        network, leading, attached, leader, coordinator, director, coach, teacher, methodologist, outsider, group
    )
