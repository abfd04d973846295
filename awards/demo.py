"""The demo's awards: what the seminar of seed 004 decided («Қазақ әдебиеті сабағы «Ең
үздік шебер сынып» номинациясы бойынша мадақталсын», «қалған бес мұғалімге алғыс хат»),
and a certificate of participation (5 hours) for everyone else present but the experts.
Issued by the network's leader on the school day after the seminar."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.db.models import Q

from accounts.models import User
from awards import actions
from awards.models import Award
from calendars.schoolyear import school_day
from events.demo import DOMAIN, LESSONS, SEMINAR
from events.models import Event, Participation
from networks.models import Network, Role
from observations.models import Lesson

BEST_LESSON_SUBJECT = "kazakh-literature"


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    seminar = Event.objects.filter(network=network, title=SEMINAR).first()
    if seminar is None or seminar.awards.exists():
        stdout.write("Awards already in place; nothing changed.\n")
        return
    by = User.objects.get(email=f"leader@{DOMAIN}")
    topics = [spec["topic"] for spec in LESSONS]
    lessons = Lesson.objects.filter(event_link__event=seminar, topic__in=topics).select_related("teacher", "subject")
    teachers: list[User] = [lesson.teacher for lesson in lessons]
    best = next(lesson.teacher for lesson in lessons if lesson.subject and lesson.subject.code == BEST_LESSON_SUBJECT)
    with transaction.atomic():
        actions.issue_award(seminar, best, by=by, kind=Award.Kind.MERIT, nomination="Ең үздік шебер сынып")
        for person in teachers:
            if person.pk != best.pk:
                actions.issue_award(seminar, person, by=by, kind=Award.Kind.THANKS)
        present = seminar.participations.filter(attendance=Participation.Attendance.PRESENT).exclude(
            Q(user__in=teachers) | Q(user__memberships__role=Role.EXPERT, user__memberships__network=network)
        )
        for participation in present.select_related("user"):
            actions.issue_award(seminar, participation.user, by=by, kind=Award.Kind.PARTICIPATION, hours=5)
        Award.objects.filter(event=seminar).update(issued_on=school_day(seminar.local_date, 1))
    stdout.write(f"Awards added: {seminar.awards.count()}.\n")
