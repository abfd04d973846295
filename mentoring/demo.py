"""Demo data for mentoring in «Шуақ», placed around the day the demo is seeded (seed
001 worries about the uncertified teachers and young specialists left out; seed 003's
certified teachers mentor the others):

- the coach mentors the demo teacher, who holds no certificate yet: three meetings,
  the last a few days ago;
- a certified teacher of the leading school mentors a new teacher (a young
  specialist, «педагог», no certificate);
- the school with no certified teacher (Оразақ): the leader mentors its director, a
  pair that has been quiet longer than its three weeks; a certified teacher of the
  leading school mentors one of its teachers;
- a mentoring of last spring, completed, in both people's records.

Running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import Certification, User
from mentoring import actions
from mentoring.models import Pair
from networks.models import Network, NetworkSchool
from notifications.actions import quietly

NO_CERTIFIED_SCHOOL = "Оразақ ауылының шағын жинақты мектебі"


def weekday(day: datetime.date) -> datetime.date:
    """The school day on or before ``day`` (meetings are held on weekdays)."""
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


class MentoringSeeder:
    def __init__(self, network: Network, today: datetime.date) -> None:
        self.network = network
        self.today = today
        self.members = User.objects.filter(memberships__network=network, is_active=True).order_by("email")
        counting = Certification.objects.counting().values("user")
        self.certified = self.members.filter(pk__in=counting)
        self.uncertified = self.members.exclude(pk__in=counting)
        self.leading = NetworkSchool.objects.get(network=network, role=NetworkSchool.Role.LEADING).school

    def days_ago(self, n: int) -> datetime.date:
        return weekday(self.today - datetime.timedelta(days=n))

    def person(self, local: str) -> User:
        return User.objects.get(email=f"{local}@demo.ortaq.kz")

    def pair(
        self,
        mentor: User,
        mentee: User,
        kind: str,
        goals: str,
        started: int,
        meetings: list[tuple[int, str, str]],
    ) -> Pair:
        leader = self.person("leader")
        pair = actions.create_pair(
            self.network,
            mentor=mentor,
            mentee=mentee,
            kind=kind,
            goals=goals,
            started_on=self.days_ago(started),
            by=leader,
        )
        for days, discussed, next_steps in meetings:
            actions.add_meeting(pair, met_on=self.days_ago(days), discussed=discussed, next_steps=next_steps, by=mentor)
        return pair

    def run(self) -> list[Pair]:
        coach, teacher, leader = self.person("coach"), self.person("teacher"), self.person("leader")
        leading_certified = self.certified.filter(school=self.leading).exclude(
            email__in=[coach.email, leader.email, "director@demo.ortaq.kz"]
        )
        mentors = list(leading_certified[:4])
        young = (
            self.uncertified.filter(category=User.Category.PEDAGOGUE, position=User.Position.TEACHER)
            .exclude(pk=teacher.pk)
            .exclude(school__name=NO_CERTIFIED_SCHOOL)
            .first()
        )
        far = self.members.filter(school__name=NO_CERTIFIED_SCHOOL)
        far_director = far.filter(position__in=[User.Position.DIRECTOR, User.Position.DEPUTY]).first()
        far_teacher = far.filter(position=User.Position.TEACHER).first()
        pairs = [
            self.pair(
                coach,
                teacher,
                Pair.Kind.UNCERTIFIED,
                "Сабақта диалогтық оқытуды қолдану\nКритериалды бағалау тапсырмаларын құрастыру\n"
                "Деңгейлік бағдарлама курсына дайындалу",
                70,
                [
                    (63, "Бірінші кездесу: мақсаттар мен кесте келісілді.", "Бір-бірінің сабағына қатысу."),
                    (35, "5-сыныптағы сабақ талданды: сұрақтар көбіне жабық.", "Ашық сұрақтар банкін жасау."),
                    (6, "Ашық сұрақтар банкі сыналды, оқушылар белсендірек.", "Жұптық жұмысты қосу."),
                ],
            )
        ]
        if mentors and young is not None:
            pairs.append(
                self.pair(
                    mentors[0],
                    young,
                    Pair.Kind.NEW_TEACHER,
                    "Сабақ жоспарын (ҚМЖ) құру\nСыныпты басқару",
                    45,
                    [
                        (40, "ҚМЖ үлгісі бірге толтырылды.", "Келесі аптаның екі сабағын жоспарлау."),
                        (12, "Сыныпты басқару: ережелерді оқушылармен келісу.", "Ережелерді сынып бұрышына ілу."),
                    ],
                )
            )
        if far_director is not None:
            quiet = self.pair(
                leader,
                far_director,
                Pair.Kind.DIRECTOR,
                "Мектептің даму жоспарын құру\nМұғалімдерді курсқа жіберу кестесі",
                60,
                [(33, "Мектептің өзін-өзі бағалауы талқыланды.", "Сауалнама нәтижелерін жинау.")],
            )
            pairs.append(quiet)
        if len(mentors) > 1 and far_teacher is not None:
            pairs.append(
                self.pair(
                    mentors[1],
                    far_teacher,
                    Pair.Kind.UNCERTIFIED,
                    "Жаңартылған білім беру мазмұнымен жұмыс",
                    30,
                    [(9, "Онлайн кездесу: оқу мақсаттарының кодтары түсіндірілді.", "Бір сабақты бірге жоспарлау.")],
                )
            )
        if len(mentors) > 2:
            done_mentee = self.uncertified.filter(school=self.leading).exclude(pk__in=[p.mentee_id for p in pairs])
            mentee = done_mentee.first()
            if mentee is not None:
                finished = self.pair(
                    mentors[2],
                    mentee,
                    Pair.Kind.NEW_TEACHER,
                    "Алғашқы жылды сенімді өткізу",
                    270,
                    [(250, "Танысу.", "")],
                )
                actions.complete_pair(finished, summary="Жас маман алғашқы оқу жылын сенімді аяқтады.", by=mentors[2])
                Pair.objects.filter(pk=finished.pk).update(completed_on=self.days_ago(160))
                pairs.append(finished)
        return pairs


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    if Pair.objects.filter(network=network).exists():
        stdout.write("Mentoring pairs already in place; nothing changed.\n")
        return
    with transaction.atomic(), quietly():
        pairs = MentoringSeeder(network, timezone.localdate()).run()
    stdout.write(f"Mentoring pairs added: {len(pairs)}.\n")
