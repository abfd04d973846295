"""The surveys of the demo live in the present: whatever day it is seeded, «Шуақ» asked
its attached schools at the start of the year, asked its teachers before a change and
(in May, or so far) after it, has a grade-7 parents' survey open through a link, and
feedback on each past event; a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, Participation
from networks.models import Network
from surveys import needs as needs_module
from surveys import results
from surveys.demo import NEEDS_TITLE, PARENTS_TITLE, parents_link
from surveys.models import MIN_GROUP, NeedServed, Receipt, Response, Survey

pytestmark = pytest.mark.django_db

DAYS = ["2026-09-01", "2027-03-24", "2027-06-30"]


@pytest.mark.parametrize("day", [pytest.param(day, marks=pytest.mark.today(day), id=day) for day in DAYS])
def test_the_demo_asks_and_compares_whatever_the_day(day):
    out = io.StringIO()
    call_command("demo", stdout=out)
    shuaq = Network.objects.get(name="Шуақ")
    counts = (Survey.objects.count(), Response.objects.count(), Receipt.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Survey.objects.count(), Response.objects.count(), Receipt.objects.count()) == counts

    link = parents_link(shuaq)
    assert link is not None and link.get_absolute_url() in out.getvalue()
    parents = Survey.objects.get(title=PARENTS_TITLE)
    assert parents.is_open() and parents.responses.count() >= MIN_GROUP

    needs = Survey.objects.get(title=NEEDS_TITLE)
    assert needs.schools.count() == 10 and needs.anonymous
    answered = needs.responses.count()
    assert answered >= 150 if day != "2026-09-01" else answered > 0
    assert needs.responses.values("school").distinct().count() == 10
    # Nobody's name on an anonymous survey's answers; receipts as many as responses.
    assert not Response.objects.filter(survey__anonymous=True, user__isnull=False).exists()
    assert needs.receipts.count() == answered
    # The demo's own accounts have answered nothing: whoever signs in meets open surveys.
    assert not Receipt.objects.filter(user__email__in=["teacher@demo.ortaq.kz", "coach@demo.ortaq.kz"]).exists()

    waves = Survey.objects.filter(version__instrument__code="teacher-questionnaire").order_by("opens_at")
    if day != "2026-09-01":
        before, after = waves
        assert after.repeats == before
        comparison = results.compare(after)
        assert comparison is not None
        efficacy = next(c for c in comparison.changes if c.code == "se_instruction")
        assert efficacy.independent is not None and 0 < efficacy.independent.g < 0.8
        assert efficacy.paired is not None and efficacy.pairs >= MIN_GROUP
        if day == "2027-06-30":
            assert after.wave == "Мамыр" and not after.is_open()
        else:
            assert after.is_open()

    now = timezone.now()
    past = Event.objects.filter(network=shuaq, ends_at__lt=now, status="planned")
    with_people = [e for e in past if e.participations.filter(attendance=Participation.Attendance.PRESENT).exists()]
    assert Survey.objects.filter(event__in=with_people, audience="event").count() == len(with_people)

    # The needs are ranked and linked to the plan's events; some are not served yet.
    report = needs_module.report(shuaq)
    assert len(report.overall.needs) == 10 and not report.overall.suppressed
    assert all(not row.suppressed for row in report.schools) and len(report.schools) == 10
    assert NeedServed.objects.filter(network=shuaq).exists()
    unserved = {need.key for need in needs_module.unserved(report)}
    assert {"curriculum", "ict", "inclusive"} <= unserved
    if day != "2027-06-30":  # by the end of June the year's events are behind
        assert "assessment" not in unserved
