"""The answers to each question on the results page are rendered once per state of the
responses and read from the cache after (surveys/views.py, ortaq/lib/fragments.py):
a new response shows at once (the language is in every piece's key: ortaq/lib/fragments.py)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from ortaq.testing import as_user
from surveys.tests.factories import answer, make_survey
from surveys.tests.test_results import satisfied

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def questions(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(
        r'<section class="card">\s*<h2>[^<]*</h2>\s*<article class="result">.*</section>',
        response.content.decode(),
        re.S,
    )
    assert match
    return match.group(0)


def test_a_new_response_shows_at_once(cast, library):
    cache.clear()
    survey = make_survey(cast, library["teacher-questionnaire"])
    for level in (4, 3, 3, 2, 4):
        answer(survey, satisfied(level))
    client = as_user(cast.leader)
    url = reverse("surveys:results", args=[survey.pk])
    first = questions(client, url)
    assert questions(client, url) == first  # from the cache
    assert "n = 5" in first and "n = 6" not in first

    answer(survey, satisfied(1))
    after = questions(client, url)
    assert "n = 6" in after and "n = 5" not in after
