"""The events demo: «Шуақ»'s year planned and half lived, seeded twice without change."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from events.demo import SEMINAR, seed
from events.models import Award, Event, EventSeries, MaterialsDispatch, Observation, OpenLesson, Participation
from networks.models import Network

pytestmark = pytest.mark.django_db
D = datetime.date


def counts() -> dict[str, int]:
    models = [Event, EventSeries, Participation, OpenLesson, Observation, Award, MaterialsDispatch]
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_year_is_planned_and_half_lived():
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    seed(out)
    first = counts()
    seed(out)

    assert counts() == first
    assert "nothing changed" in out.getvalue()
    shuaq = Network.objects.get(name="Шуақ")
    online = EventSeries.objects.get(network=shuaq, title="Онлайн сұхбат")
    meetings = EventSeries.objects.get(network=shuaq, title="Бетпе-бет кездесу")
    assert online.occurrences.count() == 9 and meetings.occurrences.count() == 5
    assert online.occurrences.get(original_date=D(2026, 12, 16)).local_date == D(2026, 12, 23)
    assert online.occurrences.get(original_date=D(2027, 1, 20)).is_cancelled
    seminar = Event.objects.get(network=shuaq, title=SEMINAR)
    assert [(lesson.grade, lesson.topic) for lesson in seminar.lessons.order_by("starts_at")] == [
        (9, "Квадрат теңдеулерді шешу"),
        (7, "Атлант мұхиты. Тынық мұхиты"),
        (6, "Holidays"),
        (10, "Майлықожа Сұлтанқожаұлы. Өмірі мен шығармашылығы"),
        (5, "Компьютер құрылымы"),
        (3, "Шегіртке мен құмырсқа"),
    ]
    assert Observation.objects.filter(lesson__event=seminar).count() >= 18
    merit = Award.objects.get(event=seminar, kind="merit")
    assert merit.nomination == "Ең үздік шебер сынып"
    assert merit.recipient == seminar.lessons.get(grade=10).teacher
    assert Award.objects.filter(event=seminar, kind="thanks").count() == 5
    assert MaterialsDispatch.objects.filter(record__event__kind="webinar").exists()
    past = Event.objects.filter(network=shuaq, starts_at__date__lt=D(2026, 11, 23), status="planned")
    assert all(e.participations.filter(attendance="present").exists() for e in past)
    assert all(hasattr(e, "record") for e in past)
    # The network's 280 teachers stay 280: the demo adds only two outside trainers.
    assert shuaq.indicators().teachers == 280


def test_the_demo_pages_open_for_the_demo_accounts():
    call_command("demo", stdout=io.StringIO())
    seed(io.StringIO())
    client = Client()
    assert client.login(username="coach@demo.ortaq.kz", password="ortaq-demo")
    shuaq = Network.objects.get(name="Шуақ")
    seminar = Event.objects.get(title=SEMINAR)
    award = Award.objects.filter(recipient__email="coach@demo.ortaq.kz").first()
    for url in (
        reverse("events:mine") + "?month=2026-11",
        reverse("events:network", args=[shuaq.pk]) + "?month=2026-12",
        reverse("events:plan", args=[shuaq.pk]),
        seminar.get_absolute_url(),
        seminar.lessons.get(grade=6).get_absolute_url(),
        reverse("events:person_record", args=[award.recipient_id]),
        reverse("events:award_pdf", args=[award.pk]),
    ):
        assert client.get(url).status_code == 200, url
