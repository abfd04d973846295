"""People and their certificates for tests (factory_boy)."""

from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import Certification, User

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH: list[str] = []


def password_hash() -> str:
    # Hash once per test run; hashing is deliberately slow.
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(make_password(PASSWORD))
    return _PASSWORD_HASH[0]


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Sequence(lambda n: f"Мұғалім {n}")
    password = factory.LazyFunction(password_hash)
    language = "kk"


class CertificationFactory(factory.django.DjangoModelFactory[Certification]):
    class Meta:
        model = Certification

    user = factory.SubFactory(UserFactory)
    kind = Certification.Kind.LEVEL_PROGRAMME
    level = 2
    year = 2016
