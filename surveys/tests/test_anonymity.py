"""The anonymity promise, checked on the tables: an anonymous survey's responses and
answers hold no person, address, browser, session or moment, and the receipts that
say who answered cannot be joined to them — not by a key, not by a time, not by their
order in the table."""

from __future__ import annotations

import pytest
from django.db import connection, models

from accounts.models import SubmissionKey, User
from networks.tests.factories import member
from surveys.models import Answer, Receipt, Response
from surveys.tests.factories import answer, make_survey

pytestmark = pytest.mark.django_db


def test_a_response_and_its_answers_have_no_place_for_who_or_when():
    for model in (Response, Answer):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField | models.GenericIPAddressField), field
            assert not any(word in field.name for word in ("ip", "agent", "session", "address")), field
            if field.is_relation and field.related_model is User:
                assert model is Response and field.name == "user" and field.null
    assert [f.name for f in Receipt._meta.concrete_fields] == ["id", "survey", "user"]


def physical_order(model: type[models.Model], ids: list[int]) -> list[int]:
    """The rows' ids in the order the database keeps them: what someone with the
    database could read beyond the ids (SQLite's rowid, PostgreSQL's ctid)."""
    table = model._meta.db_table
    column = "rowid" if connection.vendor == "sqlite" else "ctid"
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY {column}", ids)  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_nobody_can_join_the_receipts_to_the_responses(cast, library):
    survey = make_survey(cast, library["event-feedback"])
    people = [member(cast.network, email=f"t{n}@example.kz", school=cast.attached_school) for n in range(8)]
    # They answer in an order that is not their ids' (the newest account first), each
    # with an answer of their own.
    answering = list(reversed(people))
    truth = {}
    for n, person in enumerate(answering):
        response = answer(survey, {"useful": 1 + n % 4, "will_use": f"ответ {n}"}, user=person)
        truth[person.pk] = response.pk

    responses = list(Response.objects.filter(survey=survey))
    receipts = list(Receipt.objects.filter(survey=survey))
    assert len(responses) == len(receipts) == 8
    assert all(r.user_id is None and r.school_id is None and r.role == "" for r in responses)
    # Only a day: every response of the day shares it, as would every receipt.
    assert {r.submitted_on for r in responses} == {responses[0].submitted_on}

    # The receipts stand in the order of the people's ids, whatever the order of answering...
    receipt_ids = [r.pk for r in sorted(receipts, key=lambda r: r.pk)]
    by_person = [r.user_id for r in sorted(receipts, key=lambda r: r.pk)]
    assert by_person == sorted(p.pk for p in people)
    assert [Receipt.objects.get(pk=pk).user_id for pk in physical_order(Receipt, receipt_ids)] == by_person
    # ...so pairing the k-th receipt with the k-th response, by id or by place in the
    # table, pairs people with answers that are not theirs.
    response_ids = sorted(r.pk for r in responses)
    for order in (receipt_ids, physical_order(Receipt, receipt_ids)):
        guessed = {
            Receipt.objects.get(pk=receipt).user_id: response
            for receipt, response in zip(order, physical_order(Response, response_ids), strict=True)
        }
        right = sum(guessed[person] == truth[person] for person in truth)
        assert right <= 1, right  # no better than chance
    # Nothing else written at the moment of answering names them.
    assert not SubmissionKey.objects.filter(user__in=people).exists()


def test_a_survey_with_names_keeps_them_and_says_so(cast, library, client):
    survey = make_survey(cast, library["event-feedback"], anonymous=False)
    response = answer(survey, {"useful": 3}, user=cast.coach)
    assert response.user == cast.coach and response.school == cast.attached_school and response.role == "coach"
    assert Receipt.objects.filter(survey=survey, user=cast.coach).exists()
