"""One press of Submit makes one thing, however often the request arrives.

A phone on a weak connection sends a reply, never hears back, and its owner presses
Submit again: without this, a second reply. So a form that creates carries a one-time
key made when the form is rendered (``{% submission_key %}``, accounts/templatetags/
submissions.py), and:

- the view is wrapped in ``@once_per_submission``: a key this person already sent with
  the same contents sends them to what it made, with a word that it was made once (the
  same key with other words, from a page the browser kept, makes a new thing);
- the action that creates takes ``submission=Submission.of(request)`` and calls
  ``record(submission, url)`` inside its transaction once the thing exists. The
  (person, key, contents) row is unique, so of two retries that arrive at once the later INSERT
  fails (on PostgreSQL it waits for the first to commit), its transaction rolls back
  with everything it made, and it too is sent to the first one's result.

Keys are kept ``KEEP_DAYS`` days; ``ortaq prune_submission_keys`` deletes older ones.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SubmissionKey

FIELD = "submission_key"
KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
# A retry comes within minutes; a week also covers a phone that was off until the next day.
KEEP_DAYS = 7

P = ParamSpec("P")


def new_key() -> str:
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Submission:
    user_id: int
    key: str
    digest: str

    @classmethod
    def of(cls, request: HttpRequest) -> Submission | None:
        """The key the form was sent with, and a digest of what was sent with it; None
        when there is nothing to guard (not a POST, no key: a page rendered before keys,
        or a script)."""
        key = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not request.user.is_authenticated or not KEY.fullmatch(key):
            return None
        return cls(request.user.pk, key, digest_of(request))

    def earlier_result(self) -> str | None:
        """Where what this key and these contents made is, if they made something."""
        found = SubmissionKey.objects.filter(user=self.user_id, key=self.key, digest=self.digest)
        return found.values_list("result_url", flat=True).first()


def digest_of(request: HttpRequest) -> str:
    """What the form sent, but for its tokens (a retry sends the same bytes again;
    the CSRF token is not part of what the person wrote)."""
    sha = hashlib.sha256()
    for name in sorted(request.POST):
        if name not in (FIELD, "csrfmiddlewaretoken"):
            for value in request.POST.getlist(name):
                sha.update(f"{name}\0{value}\0".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            sha.update(f"{name}\0{upload.name}\0{upload.size}\0".encode())
    return sha.hexdigest()


class AlreadySubmitted(Exception):
    """Another request with the same key made the thing first."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(submission.key)
        self.submission = submission


def record(submission: Submission | None, url: str) -> None:
    """Inside the transaction that creates, once the thing exists at ``url``: marks the
    key used, or raises AlreadySubmitted so that the transaction keeps nothing."""
    if submission is None:
        return
    try:
        # A savepoint: PostgreSQL aborts a transaction at a failed statement, and a caller
        # that catches AlreadySubmitted inside a larger one must be able to go on.
        with transaction.atomic():
            SubmissionKey.objects.create(
                user_id=submission.user_id, key=submission.key, digest=submission.digest, result_url=url
            )
    except IntegrityError:
        raise AlreadySubmitted(submission) from None


def once_per_submission(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """For a view that creates: a key this person already sent with the same contents
    leads to what it made."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        submission = Submission.of(request)
        try:
            url = submission.earlier_result() if submission else None
            if url is None:
                return view(request, *args, **kwargs)
        except AlreadySubmitted as done:
            url = done.submission.earlier_result()
            if url is None:  # the key that came first was deleted meanwhile: nothing to lead to
                raise
        messages.info(request, _("This was sent more than once and saved once: here it is."))
        return redirect(url)

    return guarded


def prune(days: int = KEEP_DAYS) -> int:
    """Deletes the keys older than ``days`` days; returns how many. Safe to run twice."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = SubmissionKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
