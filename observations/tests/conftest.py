from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db.models import Q

from accounts.models import User
from observations import holders
from observations.holders import Holder
from observations.models import Lesson


@pytest.fixture(autouse=True)
def _english(english_interface):
    """These tests read the English source texts (see the root conftest)."""


@pytest.fixture
def research_holder() -> Iterator[None]:
    """A holder of lessons other than events: its «organiser» is the coach."""

    def holder_of(lesson: Lesson, user: User) -> Holder | None:
        if not lesson.topic.startswith("Зерттеу"):
            return None
        return Holder(title="Lesson Study: 7 сынып", url="/", day=None, can_organise=user.email.startswith("coach"))

    holders.register("research", holder_of, lambda: Q(topic__startswith="Зерттеу"))
    yield
    holders._resolvers.pop("research")
    holders._holds.pop("research")


@pytest.fixture
def private_holder() -> Iterator[None]:
    """A holder that keeps its lessons between the teacher and the coach (a coaching
    visit): development, not evaluation."""

    def holder_of(lesson: Lesson, user: User) -> Holder | None:
        if not lesson.topic.startswith("Коучинг"):
            return None
        return Holder(title="Коучинг", url="/", day=None, can_organise=user.email.startswith("coach"))

    # The coach sees every lesson this holder holds; anyone else only the ones they teach.
    holders.register(
        "coaching-test",
        holder_of,
        lambda: Q(topic__startswith="Коучинг"),
        private_to=lambda user: Q() if user.email.startswith("coach") else Q(teacher=user),
    )
    yield
    holders._resolvers.pop("coaching-test")
    holders._holds.pop("coaching-test")
    holders._private.pop("coaching-test")
