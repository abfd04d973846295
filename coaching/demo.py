"""Demo data for coaching, placed around the day the demo is seeded (seed 002's worked
example, after plans/demo.py): the change team of the leading school wrote a coaching
plan for the grade-7 goal of its development plan; the school's coach works with three
grade-7 teachers. Two sessions were held and recorded (the second is the coaching event
of the work plan twelve school days ago, linked), the third is planned as an event of
the work plan ahead; the coach visited a teacher's lesson and released the
observation. The notes are the coach's and the teachers': the leader and the director
see the plan, not the records.

Running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from calendars.schoolyear import school_day
from coaching import actions
from coaching.models import CoachingPlan
from events.models import Event, Kind
from networks.models import Network, NetworkSchool, Role
from observations import actions as observations
from observations.models import ObservationForm
from plans.models import Goal
from plans.models import Plan as DevelopmentPlan

TITLE = "7-сынып мұғалімдерімен коучинг: диалогтық оқыту"
FOCUS = (
    "7-сынып оқушыларын сабаққа белсенді қатыстыру: ашық сұрақтар, ойлануға уақыт беру, топтық жұмыста "
    "рөлдерді бөлу. Мұғалімдер әр сессиядан кейін бір тәсілді сабақта сынап, нәтижесін келесі сессияда талдайды."
)
RESOURCES = "Диалогтық оқыту бойынша нұсқаулық, сабақты бақылау парағы, сабақтардың бейнежазбасы"


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    if CoachingPlan.objects.filter(network=network, title=TITLE).exists():
        stdout.write("Coaching plans already in place; nothing changed.\n")
        return
    today = timezone.localdate()
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@demo.ortaq.kz")}
    coach, director = people.get("coach"), people.get("director")
    if coach is None or director is None:
        stdout.write("Coaching: the demo's coach or director is missing; nothing added.\n")
        return
    leading = NetworkSchool.objects.get(network=network, role=NetworkSchool.Role.LEADING).school
    development = DevelopmentPlan.objects.filter(network=network, school=leading).order_by("-starts_on").first()
    goal = (
        Goal.objects.filter(priority__plan=development, statement__contains="белсенді қатысатын").first()
        if development
        else None
    )
    teachers = list(
        User.objects.filter(memberships__network=network, memberships__role=Role.TEACHER, school=leading)
        .exclude(pk=coach.pk)
        .order_by("pk")[:3]
    )
    # The titles the workflows make (a session's event) in Kazakh, as the school writes.
    with transaction.atomic(), translation.override("kk"):
        plan = actions.start_plan(
            network,
            by=director,
            title=TITLE,
            coach=coach,
            teachers=teachers,
            school=leading,
            goal=goal,
            focus=FOCUS,
            resources=RESOURCES,
            planned_sessions=6,
            starts_on=development.starts_on if development else school_day(today, -60),
            ends_on=development.ends_on if development else school_day(today, 120),
            status=CoachingPlan.Status.ACTIVE,
        )
        held(plan, coach, school_day(today, -30), None, 1)
        linked = (
            Event.objects.filter(network=network, kind=Kind.COACHING, host_school=leading, starts_at__date__lt=today)
            .order_by("-starts_at")
            .first()
        )
        held(plan, coach, linked.local_date if linked else school_day(today, -12), linked, 2)
        ahead = school_day(today, 10)
        actions.schedule_session(
            plan,
            by=coach,
            date=ahead,
            topic="Топтық жұмыста рөлдерді бөлу",
            start=datetime.time(14, 30),
            duration=60,
            location="Жетекші мектеп, 112 кабинет",
        )
        visit(plan, coach, teachers[0] if teachers else None, school_day(today, -5))
    stdout.write(f"Coaching plans added (plan: «{plan.title}», sessions: {plan.sessions.count()}).\n")


SESSIONS = {
    1: (
        "Ашық сұрақтар",
        "Үш мұғалімнің 7-сыныптағы сабақ жоспарларын бірге қарадық: сұрақтардың көбі жабық, бір ғана жауабы бар. "
        "Блум таксономиясы бойынша ашық сұрақтар құрастырып, жұпта сынап көрдік.",
        "Әр мұғалім келесі аптада бір сабақта кемінде үш ашық сұрақ қояды\nСұрақтан кейін 5 секунд күтеміз",
        "Сұрақтардың оқушыларға әсерін бақылау парағына белгілеу",
    ),
    2: (
        "Ойлануға уақыт және кері байланыс",
        "Мұғалімдер ашық сұрақтарды сабақта қолданған тәжірибесімен бөлісті: оқушылар жауап беруге көбірек "
        "тырысты, бірақ бірнеше оқушы ғана сөйледі. «Ойлан — жұптас — бөліс» тәсілін талдадық.",
        "«Ойлан — жұптас — бөліс» тәсілін әр сабақта бір рет қолдану\nКоуч бір сабаққа қатысады",
        "Топтық жұмыста рөлдерді бөлуді келесі сессияда талқылау",
    ),
}


def held(plan: CoachingPlan, coach: User, day: datetime.date, event: Event | None, number: int) -> None:
    topic, done, agreements, next_steps = SESSIONS[number]
    session = actions.schedule_session(plan, by=coach, date=day, topic=topic, event=event)
    actions.write_record(
        session,
        by=coach,
        version=None,
        date=session.date,
        topic=topic,
        done=done,
        agreements=agreements,
        next_steps=next_steps,
        held=True,
    )
    teacher = plan.teachers.order_by("pk").first()
    if teacher is not None and number == 1:
        actions.reflect(session, by=teacher, text="Ашық сұрақтан кейін күту қиын болды, бірақ жауаптар тереңірек.")


def visit(plan: CoachingPlan, coach: User, teacher: User | None, day: datetime.date) -> None:
    form = ObservationForm.objects.filter(network=plan.network).order_by("pk").first()
    if teacher is None:
        return
    made = actions.add_visit(
        plan,
        by=coach,
        teacher=teacher,
        date=day,
        topic="Жай бөлшектерді салыстыру",
        grade=7,
        focus="Ашық сұрақтар мен ойлануға берілген уақыт",
        form=form,
        starts_at=datetime.time(10, 0),
    )
    if form is None:
        return
    lesson = made.lesson
    scores = {
        criterion.pk: max(level.score for level in criterion.levels.all()) - 1
        for criterion in form.criteria.prefetch_related("levels")
    }
    observations.save_observation(
        lesson,
        coach,
        scores=scores,
        what_worked="Ашық сұрақтар қойылды, оқушыларға ойлануға уақыт берілді; жұптық талқылау белсенді өтті.",
        what_to_develop="Жауап беретін оқушылар әлі де аз: топта рөлдерді бөлуді қосу.",
        submit=True,
    )
    observations.release_observations(lesson, by=coach)
