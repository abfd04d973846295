"""Surveys for tests: one made from a library questionnaire and sent, and answers given
through the same actions the pages use."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from surveys import actions
from surveys.models import Instrument, Link, Survey


def make_survey(cast: Any, instrument: Instrument, *, send: bool = True, **fields: Any) -> Survey:
    now = timezone.now()
    values: dict[str, Any] = {
        "title": f"{instrument.tr()} · {fields.get('wave', '')}",
        "audience": "network",
        "anonymous": True,
        "opens_at": now - datetime.timedelta(hours=1),
        "closes_at": now + datetime.timedelta(days=14),
    }
    values.update(fields)
    version = instrument.latest_version()
    assert version is not None
    survey = actions.create_survey(cast.network, by=cast.leader, version=version, **values)
    if send:
        actions.send_survey(survey, by=cast.leader)
    return survey


def answer(survey: Survey, answers: dict[str, Any], *, user: User | None = None, link: Link | None = None) -> Any:
    """Answers as a respondent would: a draft, then sending it, then the receipt."""
    draft = actions.start_draft(survey, user=user, link=link)
    actions.save_draft(draft, answers, screen=1)
    response = actions.submit(draft, user=user, link=link)
    if user is not None and survey.anonymous:
        actions.record_receipt(survey, user)
    return response
