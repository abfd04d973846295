"""The bench's Lesson Study rows (lessonstudies): the pages open for the reader, who is
on the cycle's team, in a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.dataset import TINY, build
from bench.run import pages_for

pytestmark = pytest.mark.django_db


def test_it_reads_the_lesson_study_pages_as_the_reader() -> None:
    built = build(TINY)
    client = Client()
    client.force_login(User.objects.get(pk=built.targets["reader"]))
    pages = [page for page in pages_for(built.targets) if page.name.startswith("lesson_study")]
    assert len(pages) == 3
    for page in pages:
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        assert response.status_code == 200, page.path
        assert len(queries) <= 25, (page.path, len(queries))
