"""The events demo lives in the present: whatever day it is seeded, «Шуақ» has a year
with a history that already happened and a future that has not, every event on a school
day, and a second run changes nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import Award
from calendars.models import AcademicYear
from calendars.schoolyear import SchoolYear, is_school_day
from events.demo import SEMINAR, seed
from events.models import (
    Event,
    EventSeries,
    MaterialsDispatch,
    Participation,
    RecordTask,
)
from networks.models import Network
from observations.models import Lesson, Observation

pytestmark = pytest.mark.django_db

# Through the whole year: its first day, a December day, New Year, the spring holidays,
# the summer after the lessons, the summer before the next year, and a leap day.
DAYS = ["2026-09-01", "2026-12-04", "2027-01-01", "2027-03-24", "2027-06-30", "2027-08-20", "2028-02-29"]


def seeded_on(day: str):
    return pytest.param(day, marks=pytest.mark.today(day), id=day)


def counts() -> dict[str, int]:
    models = [
        AcademicYear,
        Event,
        EventSeries,
        Participation,
        Lesson,
        Observation,
        Award,
        MaterialsDispatch,
        RecordTask,
    ]
    return {model.__name__: model.objects.count() for model in models}


def demo() -> Network:
    call_command("demo", stdout=io.StringIO())
    return Network.objects.get(name="Шуақ")


@pytest.mark.parametrize("day", [seeded_on(day) for day in DAYS])
def test_the_demo_has_a_past_and_a_future_whatever_the_day(day):
    shuaq = demo()
    now, today = timezone.now(), timezone.localdate()
    assert today.isoformat() == day
    first = counts()
    out = io.StringIO()
    seed(out)
    assert counts() == first
    assert "nothing changed" in out.getvalue()

    # The year people mean today, with its quarters and holidays.
    year = AcademicYear.objects.get(name=SchoolYear.current(today).name)
    assert year.terms.count() == 4 and year.holidays.filter(kind="school").count() == 3

    # Every event on a school day, at school hours.
    events = list(Event.objects.filter(network=shuaq))
    assert events
    for event in events:
        start, end = event.local_start, timezone.localtime(event.ends_at)
        assert is_school_day(start.date()), (event.title, start)
        assert datetime.time(8, 0) <= start.time() and end.time() <= datetime.time(18, 0), (event.title, start)

    # The history: the seminar's six open lessons, observed and awarded; meetings held.
    seminar = Event.objects.get(network=shuaq, title=SEMINAR)
    assert seminar.ends_at < now
    assert [
        (lesson.grade, lesson.topic)
        for lesson in Lesson.objects.filter(event_link__event=seminar).order_by("starts_at")
    ] == [
        (9, "Квадрат теңдеулерді шешу"),
        (7, "Атлант мұхиты. Тынық мұхиты"),
        (6, "Holidays"),
        (10, "Майлықожа Сұлтанқожаұлы. Өмірі мен шығармашылығы"),
        (5, "Компьютер құрылымы"),
        (3, "Шегіртке мен құмырсқа"),
    ]
    observations = Observation.objects.filter(lesson__event_link__event=seminar)
    assert observations.count() >= 18
    assert all(o.submitted_at < now and (o.released_at is None or o.released_at < now) for o in observations)
    merit = Award.objects.get(event=seminar, kind="merit")
    assert merit.nomination == "Ең үздік шебер сынып"
    assert merit.recipient == Lesson.objects.filter(event_link__event=seminar).get(grade=10).teacher
    assert Award.objects.filter(event=seminar, kind="thanks").count() == 5
    assert all(seminar.local_date < award.issued_on <= today for award in Award.objects.filter(event=seminar))
    assert MaterialsDispatch.objects.get(record__event__kind="webinar").sent_at < now
    past = [e for e in events if e.ends_at < now and not e.is_cancelled]
    assert len(past) >= 8
    for event in past:
        assert event.participations.filter(attendance="present").exists(), event.title
        assert hasattr(event, "record"), event.title
    tasks = RecordTask.objects.filter(record__event__network=shuaq)
    assert tasks.filter(done_at__lt=now).exists()
    assert not tasks.filter(done_at__gte=now).exists()
    assert tasks.filter(done_at__isnull=True, due_on__lt=today).exists()  # overdue
    assert tasks.filter(done_at__isnull=True, due_on__gt=today).exists()  # still ahead

    # The future: the next meetings of both series, a training with a waiting list, the
    # dialogue platform and the conference, nobody marked present at any of them.
    ahead = [e for e in events if e.starts_at > now]
    planned = {e.title for e in ahead if not e.is_cancelled}
    assert {
        "Онлайн сұхбат",
        "Бетпе-бет кездесу",
        "Критериалды бағалау бойынша тренинг",
        "Диалогтық алаң: желілік қоғамдастықтағы ынтымақтастық",
        "Lesson Study нәтижелері: қоғамдастық конференциясы",
    } <= planned
    assert not Participation.objects.filter(event__in=ahead).exclude(attendance="").exists()
    training = Event.objects.get(network=shuaq, title="Критериалды бағалау бойынша тренинг")
    assert training.participations.filter(status="registered").count() == 20
    assert training.participations.filter(status="waitlisted").count() == 4
    assert any(e.is_cancelled and e.title == "Онлайн сұхбат" for e in ahead)
    # The network's 280 teachers stay 280: the demo adds only two outside trainers.
    assert shuaq.indicators().teachers == 280


@pytest.mark.parametrize("day", [seeded_on(day) for day in DAYS])
def test_the_demo_pages_open_whatever_the_day(day):
    shuaq = demo()
    today = timezone.localdate()
    client = Client()
    assert client.login(username="coach@demo.ortaq.kz", password="ortaq-demo")
    seminar = Event.objects.get(title=SEMINAR)
    award = Award.objects.filter(recipient__email="coach@demo.ortaq.kz").first()
    assert award is not None
    month = f"?month={today:%Y-%m}"
    for url in (
        reverse("networks:detail", args=[shuaq.pk]),
        reverse("events:mine") + month,
        reverse("events:network", args=[shuaq.pk]) + month,
        reverse("events:network", args=[shuaq.pk]) + f"?month={seminar.local_date:%Y-%m}",
        reverse("events:plan", args=[shuaq.pk]),
        seminar.get_absolute_url(),
        Lesson.objects.filter(event_link__event=seminar).get(grade=6).get_absolute_url(),
        Event.objects.get(title="Критериалды бағалау бойынша тренинг").get_absolute_url(),
        reverse("portfolios:record", args=[award.recipient_id]),
        reverse("awards:pdf", args=[award.pk]),
    ):
        assert client.get(url).status_code == 200, url
    # The plan opens on the year people mean today, with the seminar's year in reach.
    plan = client.get(reverse("events:plan", args=[shuaq.pk]))
    assert plan.context["year"].name == SchoolYear.current(today).name


@pytest.mark.today("2026-12-04")
def test_a_later_run_keeps_the_demo_and_adds_only_a_new_academic_year(time_machine):
    demo()
    before = counts()
    seminar = Event.objects.get(title=SEMINAR)

    # Weeks later, in the same year: nothing changes, though the training has passed.
    time_machine.move_to(timezone.make_aware(datetime.datetime(2027, 2, 12, 10)))
    out = io.StringIO()
    seed(out)
    assert "nothing changed" in out.getvalue()
    assert counts() == before

    # In August the coming year is the one people mean: its calendar is added, nothing else.
    time_machine.move_to(timezone.make_aware(datetime.datetime(2027, 8, 20, 10)))
    out = io.StringIO()
    seed(out)
    assert "2027–2028" in out.getvalue()
    after = counts()
    assert after.pop("AcademicYear") == before.pop("AcademicYear") + 1
    assert after == before
    assert Event.objects.get(title=SEMINAR).starts_at == seminar.starts_at
    client = Client()
    assert client.login(username="leader@demo.ortaq.kz", password="ortaq-demo")
    plan = client.get(reverse("events:plan", args=[seminar.network_id]))
    assert plan.status_code == 200 and plan.context["year"].name == "2027–2028"
