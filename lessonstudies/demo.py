"""The demo's Lesson Study: in «Шуақ», the research group's complete cycle on dialogic
teaching (seed 000: «диалогтық оқыту арқылы оқушылардың пәнге қызығушылығын
арттыру»): three research lessons in the school days before today, three case pupils,
predictions, observers' notes, interviews, discussions, and the report published in
the library with the team as its authors. The demo teacher (teacher@demo.ortaq.kz)
teaches the third lesson, so a demo login sees the team's side; the leader and the
director see only what the firewall lets through."""

from __future__ import annotations

import datetime
import uuid
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from calendars.schoolyear import school_day
from lessonstudies import actions, documents
from lessonstudies.models import CasePupil, Cycle, ResearchLesson
from networks.demo import TEACHER
from networks.models import Group, Network
from subjects.models import Subject

THEME = "Диалогтық оқыту арқылы оқушылардың пәнге қызығушылығын арттыру"
QUESTION = (
    "Жұптағы және топтағы диалог төмен үлгерімді оқушының сабаққа қатысуын және "
    "өз ойын дәлелдеп айтуын қалай өзгертеді?"
)
PUPILS = (
    ("А", "Жоғары үлгерімді: тапсырманы бірінші орындайды, жауабын дәлелдейді, кейде басқаларға сөз бермейді."),
    ("В", "Орташа үлгерімді: жұпта белсенді, бірақ сыныпқа жауап беруден қысылады."),
    ("С", "Төмен үлгерімді: сұраққа сирек жауап береді, мұғалімнің көмегін күтеді, жазбаша тапсырманы аяқтамайды."),
)
ACTIVITIES = (
    ("Ой қозғау: суретке қарап «Не байқадың? Неге?»", 5, "Ашық сұрақ, ойлануға 1 минут"),
    ("«Ойлан – жұптас – бөліс»: өлеңнің негізгі ойы", 12, "Әр жұп бір дәлел жазады"),
    ("Топтық диалог: автордың көңіл күйін дәлелдеу", 15, "Рөлдер: сөйлеуші, сұрақ қоюшы, хатшы"),
    ("Кері байланыс: «Екі жұлдыз, бір тілек»", 5, "Критерий бойынша жұп бірін-бірі бағалайды"),
)
PREDICTIONS = {
    "А": (
        "Бірінші болып жауап береді",
        "Жұбының орнына жауап жазады",
        "Топта көп сөйлейді",
        "Нақты кері байланыс береді",
    ),
    "В": ("Ойланып, жауап бермейді", "Жұбымен белсенді талқылайды", "Хатшы рөлін таңдайды", "Жұлдыздарды ғана жазады"),
    "С": ("Үндемейді", "Жұбын тыңдайды, жазбайды", "Топта сөйлемейді", "Тапсырманы аяқтамайды"),
}
# What the observers saw, lesson by lesson: the revised lessons moved pupil С.
OBSERVED = {
    1: {
        "А": ("Бірден жауап берді", "Жұбының орнына бәрін жазды", "Топты басқарды, С-ға сөз тимеді", "Пікірі нақты"),
        "В": ("Жауап бермеді", "Жұбымен талқылады", "Хатшы болды", "Бір жұлдыз жазды"),
        "С": ("Терезеге қарап отырды", "Жұбы жазғанды көшірді", "Бір сөз де айтпады", "Парағы бос қалды"),
    },
    2: {
        "А": ("Жауап берді, бірақ күтуді үйренді", "Жұбына сұрақ қойды", "С-ның ойын сұрады", "Нақты тілек жазды"),
        "В": ("Карточкадағы сұраққа жауап берді", "Дәлелді өзі жазды", "Сөйлеуші болды", "Екі жұлдыз, бір тілек"),
        "С": (
            "Карточканы оқып, бір сөз айтты",
            "Жұбына бір дәлел айтты",
            "Сұрақ қоюшы рөлінде бір сұрақ қойды",
            "Бір жұлдыз жазды",
        ),
    },
    3: {
        "А": ("Басқаларды тыңдап, толықтырды", "Жұбымен тең сөйледі", "Топ ойын қорытты", "Критериймен бағалады"),
        "В": ("Сыныпқа жауап берді", "Жұбын дәлелмен сендірді", "Пікірталасқа қатысты", "Толық кері байланыс"),
        "С": ("Қолын көтеріп жауап берді", "Өз дәлелін жазды", "Өз ойын дәлелмен айтты", "Жұбына тілек жазды"),
    },
}
INTERVIEWS = {
    "А": ("Өлеңнің негізгі ойын дәлелдеуді", "Топтағы пікірталас", "Басқаларды күту", "Көбірек топтық жұмыс"),
    "В": ("Өз ойымды айтуды", "Жұбыммен сөйлесу", "Сыныптың алдында сөйлеу", "Сұрақ карточкалары көбірек болса"),
    "С": ("Автор неге мұңайғанын", "Карточкадағы сұрақ пен жұбым", "Бірінші болып сөйлеу", "Ойлануға көбірек уақыт"),
}
DECISIONS = {
    1: (
        "Ой қозғауда ойлануға уақыт беру; С үшін сұрақ карточкалары; "
        "топта рөлдерді ауыстырып, А-ға «тыңдаушы» рөлін беру."
    ),
    2: (
        "Жұптық жұмысқа 3 минут қосу; кері байланыста үлгі сөйлемдер беру; "
        "С-ны топта сұрақ қоюшыдан сөйлеушіге ауыстыру."
    ),
    3: (
        "Өзгерістер нәтиже берді: С өз ойын дәлелмен айтты. "
        "Сұрақ карточкаларын және рөлдерді тізбектелген сабақтарға енгізу."
    ),
}
CONCLUSIONS = (
    "Ойлануға берілген уақыт, сұрақ карточкалары мен топтағы рөлдер төмен үлгерімді оқушының сабаққа "
    "қатысуын арттырды: С үшінші зерттеу сабағында өз ойын дәлелмен айтты. Жоғары үлгерімді оқушы "
    "басқаларды тыңдауды үйренді. Әдіс тізбектелген сабақтар топтамасына енгізіліп, желінің "
    "мектептерінде таныстырылады."
)


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    if Cycle.objects.filter(network=network, theme=THEME).exists():
        stdout.write("Lesson Study already in place; nothing changed.\n")
        return
    group = Group.objects.filter(network=network, kind=Group.Kind.RESEARCH).select_related("leader").first()
    if group is None or group.leader is None:
        stdout.write("No research group: Lesson Study not seeded.\n")
        return
    with transaction.atomic():
        cycle = seed_cycle(network, group)
    stdout.write(f"Lesson Study added («{cycle.theme}», research lessons: {cycle.lessons.count()}, published).\n")


def seed_cycle(network: Network, group: Group) -> Cycle:
    leader = group.leader
    assert leader is not None
    members = [person for person in group.members.order_by("pk") if person.pk != leader.pk][:3]
    teacher = User.objects.get(email=TEACHER)
    team = [leader, *members, teacher]
    cycle = actions.start_cycle(
        network,
        by=leader,
        theme=THEME,
        question=QUESTION,
        grade=7,
        subject=Subject.objects.filter(code="kazakh-literature").first(),
        group=group,
        leader=leader,
        team=team,
    )
    observers = [leader, leader, members[0] if members else leader]
    pupils = [
        actions.save_pupil(cycle, code=code, profile=profile, observer=observer)
        for (code, profile), observer in zip(PUPILS, observers, strict=True)
    ]
    today = timezone.localdate()
    teachers = [members[1] if len(members) > 1 else leader, members[2] if len(members) > 2 else leader, teacher]
    for number, days_before in ((1, -25), (2, -15), (3, -5)):
        lesson = actions.schedule_lesson(
            cycle,
            by=leader,
            teacher=teachers[number - 1],
            date=school_day(today, days_before),
            starts_at=datetime.time(10, 0),
            school=teachers[number - 1].school,
            class_name=["7 «А»", "7 «Ә»", "7 «Б»"][number - 1],
        )
        seed_lesson(cycle, lesson, pupils, leader, number)
    actions.save_conclusions(cycle, version=None, conclusions=CONCLUSIONS)
    cycle.refresh_from_db()
    actions.publish_report(cycle, by=leader, docx=documents.report_docx(cycle), pdf=documents.report_pdf(cycle))
    return cycle


def seed_lesson(cycle: Cycle, lesson: ResearchLesson, pupils: list[CasePupil], leader: User, number: int) -> None:
    if number == 1:
        plan = actions.add_version(
            lesson,
            opened=0,
            by=leader,
            objectives="7.2.1.1 Өлеңнің негізгі ойын анықтау\n7.3.2.1 Автордың көзқарасын дәлелдеп айту",
            success_criteria="Өлеңнің негізгі ойын бір сөйлеммен айтады\nКем дегенде бір дәлел келтіреді",
            activities=[actions.ActivityDraft(title, minutes, text) for title, minutes, text in ACTIVITIES],
        )
        actions.save_predictions(
            plan,
            {
                (activity.pk, pupil.pk): PREDICTIONS[pupil.code][index]
                for index, activity in enumerate(plan.activities.order_by("order"))
                for pupil in pupils
            },
        )
    else:
        latest = lesson.versions.order_by("-number").first()
        assert latest is not None
        plan = latest
    activities = list(plan.activities.order_by("order"))
    start = timezone.make_aware(datetime.datetime.combine(lesson.date, datetime.time(10, 0)))
    for index, activity in enumerate(activities):
        for pupil in pupils:
            actions.add_note(
                lesson,
                observer=pupil.observer,
                pupil=pupil,
                activity=activity,
                text=OBSERVED[number][pupil.code][index],
                client_id=uuid.uuid4(),
                noted_at=start + datetime.timedelta(minutes=3 + 10 * index),
            )
    for pupil in pupils:
        learned, helped, hard, change = INTERVIEWS[pupil.code]
        actions.save_interview(
            lesson, pupil, by=leader, version=0, learned=learned, helped=helped, hard=hard, change=change
        )
    actions.save_discussion(
        lesson,
        by=leader,
        version=0,
        decisions=DECISIONS[number],
        records={
            (activity.pk, pupil.pk): (
                "Болжам расталды" if number == 1 and pupil.code != "А" else "Болжамнан белсендірек",
                "" if number == 3 else DECISIONS[number].split(";")[0],
            )
            for index, activity in enumerate(activities)
            for pupil in pupils
        },
        ready=True,
    )
