"""Networks and their members for tests (factory_boy)."""

from __future__ import annotations

import factory

from accounts.models import User
from accounts.tests.factories import UserFactory
from networks.models import Membership, Network, Role


class NetworkFactory(factory.django.DjangoModelFactory[Network]):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Шуақ {n}")
    goal = "Мұғалімнің кәсіби білімін дамытуына мүмкіндік туғызу."
    motto = "Бірлік бар жерде тірлік бар"
    rules = "· Әркімнің пікірі құнды.\n· Бірін-бірі тыңдай білу."


# A charter as its form sends it.
CHARTER = {
    "name": "Шуақ",
    "kind": "inter_school",
    "goal": "Мұғалімнің кәсіби білімін дамыту.",
    "motto": "Бірлік бар жерде тірлік бар",
    "tasks": "· Коучинг өткізу\n· Зерттеу жүргізу",
    "rules": "Әркімнің пікірі құнды.",
    "expected_results": "",
    "work_system": "Онлайн сұхбат /1 айда 1 рет/",
    "charter_language": "kk",
    "is_listed": "on",
}


def member(network: Network, role: str = Role.TEACHER, **user_fields: object) -> User:
    user = UserFactory.create(**user_fields)
    Membership.objects.create(network=network, user=user, role=role)
    return user
