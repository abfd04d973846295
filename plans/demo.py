"""Demo data for development plans and the rubric, placed around the day the demo is
seeded.

- The leading school's plan for the academic year people mean today walks seed 002's
  worked example (figure 2): the school's self-evaluation found that grade-7 pupils do
  not take part in learning, and the parents' questionnaire confirmed it; the change
  team (the director, the coach, two teachers) set SMART goals, wrote a coaching plan,
  and the coaches work with the grade-7 teachers in the coaching sessions of the work
  plan (linked, not copied); progress checks after each quarter already ended; an
  overdue activity; comments of the network leader (answered) and of the district
  methodologist (open); an interim report begun.
- Every school of «Шуақ» placed itself on the rubric last year and this year, each
  area one stage up or where it was; the leader moderated some places: agreed, or
  another stage proposed with the reason.

Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from calendars.actions import add_academic_year
from calendars.schoolyear import SchoolYear, year_starting
from events.models import Event, Kind
from networks.models import Membership, Network, NetworkSchool, Role
from plans import actions
from plans.models import Check, Criterion, Method, Placement, Plan, Report, RubricArea, RubricStage, Stage

TITLE = "7-сынып оқушыларын оқуға тарту: мектептің даму жоспары"

SELF_EVALUATION = (
    "Мектептің өзін өзі эвалюациялауы барысында 7-сынып оқушылары оқуға қатыспайтындығы анықталды: сабақты "
    "бақылау парақтары бойынша сабақта сұрақ қойып, пікір айтатын оқушылар үштен бірге жетпейді, тапсырмаларды "
    "көбіне бірнеше оқушы ғана орындайды.\n\n"
    "Ата-аналар сауалнамаға берген жауаптарында мұны растады: ата-аналардың жартысынан азы баласы оқуға "
    "қызығады деп санайды.\n\n"
    "Күшті жағымыз — деңгейлік бағдарламадан өткен мұғалімдер мен мектеп тренері бар, коучинг пен тәлімгерлік "
    "тәжірибесі қалыптасқан. Өзгеріс енгізу тобы коучтердің 7-сынып мұғалімдерімен жұмысына басымдық береді."
)

REASON = "Дәлелдер жүйелі тәжірибені әлі көрсетпейді: бақылау жазбалары бір тоқсанға ғана бар."

REFLECTION = (
    "Үш ай ішінде өзгеріс енгізу тобы 7-сынып мұғалімдерімен төрт коучинг өткізді. Коучтер диалогтік оқыту мен "
    "топтық жұмыс тәсілдерін бірге жоспарлап, сабақтарды бірлесіп бақылады. Бақылау парақтары көрсеткендей, "
    "сабақта белсенді қатысатын оқушылар үлесі біртіндеп өсіп келеді, бірақ бұл өсім барлық сыныпта бірдей емес. "
    "Ата-аналармен кездесуде олар балалардың үйде сабақ туралы көбірек айтатынын атап өтті. Келесі кезеңде "
    "оқушылардың өз пікірін жинау үшін қысқа сауалнама жүргізіп, Lesson Study топтарын құрамыз."
)


class PlanSeeder:
    def __init__(self, network: Network, today: datetime.date) -> None:
        self.network = network
        self.today = today
        self.year = add_academic_year(SchoolYear.current(today))
        self.previous = add_academic_year(year_starting(self.year.starts_on.year - 1))
        self.leading = NetworkSchool.objects.get(network=network, role=NetworkSchool.Role.LEADING).school
        self.people = {
            user.email.split("@")[0]: user
            for user in User.objects.filter(email__in=[f"{n}@demo.ortaq.kz" for n in ("leader", "director", "coach")])
        }

    def directors(self) -> dict[int, User]:
        found: dict[int, User] = {}
        for membership in Membership.objects.filter(network=self.network, role=Role.DIRECTOR).select_related("user"):
            if membership.user.school_id is not None:
                found.setdefault(membership.user.school_id, membership.user)
        return found

    def run(self) -> Plan:
        director, coach, leader = self.people["director"], self.people["coach"], self.people["leader"]
        teachers = list(
            User.objects.filter(
                memberships__network=self.network, school=self.leading, memberships__role=Role.TEACHER
            ).order_by("pk")[:2]
        )
        plan = actions.start_plan(
            self.network,
            school=self.leading,
            title=TITLE,
            year=self.year,
            starts_on=None,
            ends_on=None,
            team=[director, coach, *teachers],
            by=director,
        )
        self.audit(plan, director)
        self.goals_and_activities(plan, director, coach)
        self.comments(plan, leader, director)
        actions.save_report(
            Report(plan=plan, kind=Report.Kind.INTERIM, version=0), version=0, reflection=REFLECTION, by=director
        )
        # The interim report made once, as the Centre receives it (in Kazakh, as the school writes).
        with translation.override("kk"):
            actions.generate_report(plan, Report.Kind.INTERIM, by=director)
        return plan

    def audit(self, plan: Plan, director: User) -> None:
        actions.save_audit(
            plan.audit,
            version=None,
            self_evaluation=SELF_EVALUATION,
            methods=[Method.OBSERVATION, Method.QUESTIONNAIRE, Method.RESULTS, Method.INTERVIEW],
            by=director,
        )
        before = plan.starts_on - datetime.timedelta(days=20)
        self.rows = [
            actions.add_data_row(
                plan,
                by=director,
                kind=kind,
                label=label,
                value=value,
                source=source,
                collected_on=before - datetime.timedelta(days=shift),
            )
            for kind, label, value, source, shift in (
                ("quality", "7-сынып оқушыларының сабаққа белсенді қатысуы", "35%", "сабақты бақылау парақтары", 5),
                ("survey", "Баласы оқуға қызығады деп жауап берген ата-аналар", "41%", "ата-аналар сауалнамасы", 9),
                ("results", "7-сыныптың білім сапасы, жылдың қорытындысы", "48%", "электрондық журнал", 0),
                ("olympiads", "Пән олимпиадасына қатысқан 7-сынып оқушылары", "3", "мектептің олимпиада есебі", 0),
            )
        ]

    def goals_and_activities(self, plan: Plan, director: User, coach: User) -> None:
        priority = actions.add_priority(
            plan,
            title="7-сынып оқушыларының оқуға белсенді қатысуы",
            needs="Өзін өзі эвалюациялау мен ата-аналар сауалнамасы 7-сынып оқушылары оқуға қатыспайтынын көрсетті.",
            evidence=self.rows[:3],
        )
        due = plan.ends_on
        engaged = actions.add_goal(
            priority,
            statement="Мамырдың соңына дейін 7-сынып сабақтарында белсенді қатысатын оқушылар үлесін 35%-дан "
            "60%-ға жеткізу",
            measure="белсенді қатысатын оқушылар үлесі (сабақты бақылау), %",
            baseline=Decimal(35),
            target=Decimal(60),
            due_on=due,
            indicator_source="",
            methods="Сабақты бақылау парақтары, оқушылармен сұхбат",
            # The needs assessment found dialogic teaching wanting (surveys/demo.py).
            needs=["dialogic"],
        )
        teachers = actions.add_goal(
            priority,
            statement="7-сынып мұғалімдерінің желі іс-шараларына қатысуын 80%-ға жеткізу",
            measure="желі іс-шараларына қатысқан мұғалімдер үлесі, %",
            baseline=Decimal(20),
            target=Decimal(80),
            due_on=due,
            indicator_source="events.teachers_attending",
            methods="Іс-шаралардың қатысу белгілері (Ortaq)",
        )
        lessons = actions.add_goal(
            priority,
            statement="Жыл ішінде 7-сыныпта 6 ашық сабақ өткізіп, оларды бірлесіп бақылау",
            measure="өткізілген ашық сабақтар",
            baseline=Decimal(0),
            target=Decimal(6),
            due_on=due,
            indicator_source="observations.lessons_given",
            methods="Ашық сабақтарды бақылау",
        )
        for goal, texts in (
            (engaged, [("Сабақта сұрақ қоятын оқушылар үлесі артты", Criterion.Status.ON_TRACK),
                       ("Оқушылар топтық жұмыста рөлдерді бөліседі", Criterion.Status.AT_RISK)]),
            (teachers, [("Әр 7-сынып мұғалімі кемінде бір коучингке қатысты", Criterion.Status.ON_TRACK)]),
            (lessons, [("Ашық сабақтарға кемінде үш әріптес бақылау парағын толтырды", Criterion.Status.NOT_STARTED)]),
        ):  # fmt: skip
            for text, status in texts:
                actions.set_criterion_status(actions.add_criterion(goal, text=text), status)
        # The checks after the quarters already ended, with the figures the observers counted.
        figures = iter([Decimal(41), Decimal(47), Decimal(52)])
        for check in Check.objects.filter(goal=engaged, due_on__lt=self.today).order_by("due_on"):
            actions.record_check(
                engaged,
                check=check,
                on=check.due_on,
                value=next(figures, Decimal(55)),
                note="Бақылау парақтары бойынша",
                by=director,
            )
        coaching = list(
            Event.objects.filter(
                network=self.network, kind=Kind.COACHING, starts_at__date__gte=plan.starts_on
            ).order_by("starts_at")
        )
        actions.add_activity(
            plan,
            by=director,
            goal=engaged,
            title="Өзгеріс енгізу тобы коучинг жоспарын жасайды",
            description="SMART мақсаттарға сай 7-сынып мұғалімдерімен коучинг жоспары.",
            owner=director,
            starts_on=plan.starts_on,
            due_on=plan.starts_on + datetime.timedelta(days=20),
            resources="Мектепті дамытуды жоспарлау нұсқаулығы",
        )
        first = plan.activities.get()
        actions.set_activity_done(first, done=True)
        actions.add_activity(
            plan,
            by=director,
            goal=engaged,
            title="Коучтер 7-сынып мұғалімдерімен жұмыс істейді",
            description="Оқыту мен оқу тәжірибесін дамыту үшін айына бір коучинг.",
            owner=coach,
            starts_on=plan.starts_on,
            due_on=due,
            resources="Мектеп тренері, коучинг жоспары, бейнежазба",
            events=coaching,
        )
        actions.add_activity(
            plan,
            by=director,
            goal=engaged,
            title="Оқушылар мен ата-аналар сауалнамасын қайталау",
            owner=coach,
            starts_on=self.today - datetime.timedelta(days=30),
            due_on=self.today - datetime.timedelta(days=5),
            resources="Сауалнама сұрақтары",
        )
        actions.add_activity(
            plan,
            by=director,
            goal=lessons,
            title="7-сыныпта ашық сабақтар апталығы",
            owner=director,
            starts_on=self.today + datetime.timedelta(days=20),
            due_on=self.today + datetime.timedelta(days=30),
        )

    def comments(self, plan: Plan, leader: User, director: User) -> None:
        answered = actions.add_comment(
            plan,
            stage=Stage.AUDIT,
            text="Ата-аналар сауалнамасының қанша ата-ана жауап бергенін көрсетіңіздер.",
            by=leader,
        )
        actions.set_comment_resolved(answered, resolved=True, by=director)
        methodologist = User.objects.filter(email="methodologist@demo.ortaq.kz").first()
        if methodologist is not None:
            actions.add_comment(
                plan,
                stage=Stage.EVALUATION,
                text="Табыс критерийлеріне оқушылардың өз пікірін де қосыңыздар.",
                by=methodologist,
            )

    def rubric(self) -> int:
        """Each school placed itself last year and this year; the leader moderated some."""
        rng = random.Random(19)
        leader = self.people["leader"]
        areas = list(RubricArea.objects.order_by("position"))
        stages = {stage.number: stage for stage in RubricStage.objects.all()}
        directors = self.directors()
        methodologist = User.objects.filter(email="methodologist@demo.ortaq.kz").first()
        count = 0
        for link in NetworkSchool.objects.filter(network=self.network).select_related("school"):
            school = link.school
            placer = directors.get(school.pk) or leader
            for area in areas:
                before = 2 if link.is_leading else rng.choice([1, 1, 2])
                now = min(before + rng.choice([0, 1, 1]), 4)
                for year, number in ((self.previous, before), (self.year, now)):
                    placement = actions.place_school(
                        self.network,
                        school,
                        year=year,
                        area=area,
                        stage=stages[number],
                        evidence=self.evidence(area),
                        by=placer,
                        version=None,
                    )
                    count += 1
                    if school == self.leading:
                        # The leading school does not moderate itself: the methodologist does.
                        if year == self.previous and methodologist is not None:
                            actions.moderate(
                                placement, agree=True, proposed_stage=None, reason="", by=methodologist, version=None
                            )
                        continue
                    if year == self.year and rng.random() < 0.5:
                        continue  # some of this year's places still wait
                    if rng.random() < 0.8 or number == 1:
                        actions.moderate(placement, agree=True, proposed_stage=None, reason="", by=leader, version=None)
                    else:
                        actions.moderate(
                            placement,
                            agree=False,
                            proposed_stage=stages[number - 1],
                            reason=REASON,
                            by=leader,
                            version=None,
                        )
        return count

    def evidence(self, area: RubricArea) -> str:
        """A document of the area, and the network's calendar of events as a link."""
        calendar = f"Қоғамдастық күнтізбесіндегі іс-шаралар /events/network/{self.network.pk}/"
        return calendar if area.code not in AREA_EVIDENCE else f"{AREA_EVIDENCE[area.code]}\n{calendar}"


AREA_EVIDENCE = {
    "leadership": "Коучтер мен тәлімгерлерді тағайындау туралы бұйрық",
    "professional-development": "Өзара сабақ бақылау кестесі мен бақылау парақтары",
    "community": "Серіктес мектептермен бірлескен семинардың хаттамасы",
}


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    if Plan.objects.filter(network=network, title=TITLE).exists():
        stdout.write("Development plans already in place; nothing changed.\n")
        return
    with transaction.atomic():
        seeder = PlanSeeder(network, timezone.localdate())
        plan = seeder.run()
        placements = seeder.rubric()
    stdout.write(
        f"Development plans added (plan: «{plan.title}», activities: {plan.activities.count()}, "
        f"rubric places: {placements}, moderated: {Placement.objects.exclude(moderation='pending').count()}).\n"
    )
