"""One-time keys of the forms that create (accounts/submissions.py); each domain's
tests/test_retried_writes.py sends its own forms twice."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import SubmissionKey
from accounts.submissions import KEY, AlreadySubmitted, Submission, record
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_gives_every_rendered_form_a_key_of_its_own():
    template = Template("{% load submissions %}{% submission_key %}")
    first, second = (template.render(Context()) for _ in range(2))
    assert first.startswith('<input type="hidden" name="submission_key" value="') and first != second
    assert KEY.fullmatch(first.split('value="')[1].rstrip('">'))


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "<script>alert(1)</script>xxxxxxx"])
def test_it_guards_nothing_for_a_missing_or_malformed_key(key):
    request = RequestFactory().post("/", {"submission_key": key})
    request.user = UserFactory.create()
    assert Submission.of(request) is None


def test_it_guards_nothing_for_a_visitor_or_a_page_view():
    key = "k" * 22
    visitor = RequestFactory().post("/", {"submission_key": key})
    visitor.user = AnonymousUser()
    page_view = RequestFactory().get("/", {"submission_key": key})
    page_view.user = UserFactory.create()
    assert Submission.of(visitor) is None and Submission.of(page_view) is None


def test_it_refuses_a_second_thing_of_a_used_key_and_keeps_the_first_result():
    person = UserFactory.create()
    submission = Submission(person.pk, "k" * 22, "digest")
    record(submission, "/forum/posts/1/")
    with pytest.raises(AlreadySubmitted), transaction.atomic():
        record(submission, "/forum/posts/2/")
    assert submission.earlier_result() == "/forum/posts/1/"
    assert Submission(person.pk, "k" * 22, "other words").earlier_result() is None
    assert Submission(UserFactory.create().pk, "k" * 22, "digest").earlier_result() is None


def test_it_records_nothing_without_a_key():
    record(None, "/forum/posts/1/")
    assert not SubmissionKey.objects.exists()


def test_it_prunes_keys_older_than_a_week_and_running_it_twice_is_harmless():
    person = UserFactory.create()
    now = timezone.now()
    for days, key in ((8, "old"), (1, "new")):
        SubmissionKey.objects.create(
            user=person, key=key * 8, digest="d", result_url="/", created_at=now - datetime.timedelta(days=days)
        )
    out = io.StringIO()
    call_command("prune_submission_keys", stdout=out)
    call_command("prune_submission_keys", stdout=out)
    assert list(SubmissionKey.objects.values_list("key", flat=True)) == ["new" * 8]
    assert out.getvalue().splitlines() == ["Deleted 1 one-time form keys.", "Deleted 0 one-time form keys."]
