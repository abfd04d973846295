"""Demo data for sequenced lessons, placed around the day the demo is seeded.

Seed 000: «Дамытушы топ» of «Шуақ» runs sequenced lessons on assessment for learning
(«"Оқыту үшін бағалау" ынтымақтастық пен тәжірибе алмасуға бағытталған тізбектелген
сабақтар топтамасы өткізілді»). Here is that series: a medium-term plan for grade-7
algebra, five short-term plans with the curriculum's objective codes, success
criteria, assessment for learning at every stage and differentiation; the four lessons
already taught (on school days before today) carry the teacher's reflection, the
fifth is ahead. The group published it to the library as a collection.

Running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from calendars.schoolyear import school_day
from lessonplans import actions
from lessonplans.models import Series
from networks.models import Group, Network
from subjects.models import Subject

TITLE = "«Оқыту үшін бағалау»: 7-сынып алгебрасындағы тізбектелген сабақтар"

DESCRIPTION = (
    "Дамытушы топ құрастырған орта мерзімді жоспар: бес сабақтың әрқайсысында оқушылар бағалау "
    "критерийлерін бірге талқылайды, өз жұмысын және сыныптасының жұмысын дескрипторлар бойынша бағалайды, "
    "мұғалім кері байланысты сабақ барысында береді. Мақсат — оқушының өз оқуына жауапкершілігін арттыру."
)

# (topic, codes, objectives, success criteria, the middle stage's teacher and pupils)
LESSONS = [
    (
        "Бірмүше және оның стандарт түрі",
        ["7.2.1.1"],
        "Барлық оқушылар бірмүшені таниды; көпшілігі бірмүшені стандарт түрге келтіреді; кейбірі "
        "бірмүшенің дәрежесін анықтайды.",
        "Бірмүшені басқа өрнектерден ажыратады.\nБірмүшені стандарт түрге келтіреді.\nКоэффициентін атайды.",
        "Мысалдар арқылы бірмүше ұғымын ашады; «Ойлан — жұптас — бөліс» тапсырмасын береді.",
        "Жұпта өрнектерді екі топқа бөледі, таңдауын дәлелдейді.",
    ),
    (
        "Бірмүшелерді көбейту және дәрежеге шығару",
        ["7.2.1.2"],
        "Оқушылар бірмүшелерді көбейтеді және дәрежеге шығарады, дәреже қасиеттерін қолданады.",
        "Бірмүшелерді көбейтеді.\nБірмүшені дәрежеге шығарады.\nЖауабын стандарт түрде жазады.",
        "Дәреже қасиеттерін еске түсіреді; үлгі есепті бірге шығарады; деңгейлік тапсырмалар ұсынады.",
        "Деңгейлік тапсырмаларды таңдап орындайды, дескриптор бойынша өзін бағалайды.",
    ),
    (
        "Көпмүше. Көпмүшені стандарт түрге келтіру",
        ["7.2.1.3"],
        "Оқушылар көпмүшенің ұқсас мүшелерін біріктіріп, оны стандарт түрге келтіреді.",
        "Ұқсас мүшелерді табады.\nҰқсас мүшелерді біріктіреді.\nКөпмүшенің дәрежесін анықтайды.",
        "Топтарға «Ұқсасын тап» карточкаларын береді; топтар арасында «Галереяны аралау» ұйымдастырады.",
        "Топта постер жасайды, басқа топтың жұмысына «Екі жұлдыз, бір тілек» әдісімен пікір жазады.",
    ),
    (
        "Көпмүшелерді қосу және азайту",
        ["7.2.1.4"],
        "Оқушылар көпмүшелерді қосып, азайтады; жақшаны ашу ережесін қолданады.",
        "Жақшаны дұрыс ашады.\nКөпмүшелерді қосады және азайтады.\nНәтижені стандарт түрде жазады.",
        "Жиі кездесетін қателері бар шешімді көрсетіп, оқушыларға қатені табуды ұсынады.",
        "Жұпта қатесі бар шешімді тексереді, дұрыс шешімін жазады, критерий бойынша бір-бірін бағалайды.",
    ),
    (
        "Көпмүшені бірмүшеге көбейту",
        ["7.2.1.5", "7.4.1.1"],
        "Оқушылар көпмүшені бірмүшеге көбейтеді және оны мәтінді есепті шешуде қолданады.",
        "Көпмүшенің әр мүшесін бірмүшеге көбейтеді.\nҰқсас мүшелерді біріктіреді.\nЕсептің шартын өрнекпен жазады.",
        "Ауданды есептеу арқылы көбейтудің мағынасын көрсетеді; сызбамен жұмыс ұйымдастырады.",
        "Тіктөртбұрыштың ауданын екі тәсілмен жазып, нәтижелерін салыстырады.",
    ),
]

REFLECTIONS = [
    "Оқушылардың көпшілігі критерийлерді өздері тұжырымдай алды. Бағдаршам көрсеткендей, үш оқушыға "
    "стандарт түр түсініксіз болды: келесі сабақтың басында оларға тірек сызбасын беремін.",
    "Деңгейлік тапсырмаларды оқушылар өздері таңдады: әлсіз оқушылар да екінші деңгейге көшті. Өзін "
    "бағалау парағына уақыт жетпеді — келесі жолы оны сабақ соңына емес, ортасына қоямын.",
    "«Екі жұлдыз, бір тілек» пікірлері нақты болды, бір топ пікірге қарап постерін түзетті. Топтағы "
    "рөлдерді алдын ала бөлу керек: екі оқушы жұмысқа қатыспады.",
    "Қатесі бар шешімді талдау оқушыларға ұнады; жақшаның алдындағы минус таңбасына қатысты қате азайды. "
    "Өзара бағалауда оқушылар критерийге сүйенді, бірақ ауызша кері байланысты әлі де үйрену керек.",
]

STAGE_TEXT = {
    "beginning": (
        "Ынтымақтастық атмосферасын қалыптастырады. Сабақтың мақсаты мен бағалау критерийлерін оқушылармен "
        "бірге талқылайды.",
        "Өткен тақырып бойынша «Иә — жоқ» сұрақтарына жауап береді, критерийлерді өз сөзімен айтады.",
        "Ауызша кері байланыс",
        "Слайд, критерийлер парағы",
    ),
    "end": (
        "Сабақты қорытындылайды, оқушылардың критерийге жеткенін бағдаршам арқылы анықтайды.",
        "Бағдаршам түстерімен өзін бағалайды, «Білдім, білгім келеді» парағын толтырады.",
        "Бағдаршам, өзін бағалау",
        "Стикерлер, бағдаршам карточкалары",
    ),
}


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    if Series.objects.filter(network=network, title=TITLE).exists():
        stdout.write("Sequenced lessons already in place; nothing changed.\n")
        return
    group = Group.objects.filter(network=network, kind=Group.Kind.DEVELOPING).order_by("pk").first()
    members: list[User] = list(group.members.order_by("pk")) if group else []
    coach = (group.leader if group and group.leader else None) or (members[0] if members else None)
    if coach is None:
        stdout.write("No developing group in «Шуақ»: no sequenced lessons.\n")
        return
    authors = [coach, *[m for m in members if m.pk != coach.pk][:2]]
    teacher = authors[1] if len(authors) > 1 else coach
    today = timezone.localdate()
    with transaction.atomic():
        series = actions.start_series(
            network,
            by=coach,
            authors=authors,
            title=TITLE,
            subject=Subject.objects.get(code="algebra"),
            grade=7,
            unit="Бірмүшелер және көпмүшелер",
            group=group,
            modules=["assessment", "new_approaches", "critical_thinking", "age"],
            description=DESCRIPTION,
            language="kk",
        )
        for number, (topic, codes, objectives, criteria, teacher_does, pupils_do) in enumerate(LESSONS):
            # A lesson a week: four already taught, the last one ahead.
            date: datetime.date = school_day(today, (number - 4) * 5 if number < 4 else 3)
            lesson = actions.add_lesson(series, topic=topic, by=coach)
            beginning, end = STAGE_TEXT["beginning"], STAGE_TEXT["end"]
            actions.save_lesson(
                lesson,
                version=None,
                by=coach,
                topic=topic,
                date=date,
                teacher=teacher,
                class_name="7 «А»",
                present=24 if number < 4 else None,
                absent=1 if number < 4 else None,
                objective_codes=codes,
                objectives=objectives,
                success_criteria=criteria,
                values="«Мәңгілік ел» құндылықтары: ынтымақтастық, еңбекқорлық. Пәнаралық байланыс: физика, география.",
                assessment="Критерийлер мен дескрипторлар бойынша қалыптастырушы бағалау: бағдаршам, өзін өзі "
                "бағалау, өзара бағалау, мұғалімнің ауызша кері байланысы.",
                differentiation="Қолдау: тірек сызбасы мен үлгі есеп. Қосымша: күрделі деңгейдегі тапсырма. "
                "Жұптар әртүрлі деңгейдегі оқушылардан құралады.",
                resources="Алгебра, 7-сынып оқулығы; слайдтар; деңгейлік тапсырмалар парағы.",
                reflection=REFLECTIONS[number] if number < 4 else "",
                stages=[
                    {"part": "beginning", "minutes": 5, "teacher_actions": beginning[0], "pupil_actions": beginning[1],
                     "assessment": beginning[2], "resources": beginning[3]},
                    {"part": "middle", "minutes": 30, "teacher_actions": teacher_does, "pupil_actions": pupils_do,
                     "assessment": "Дескрипторлар бойынша өзара бағалау", "resources": "Тапсырмалар парағы, оқулық"},
                    {"part": "end", "minutes": 5, "teacher_actions": end[0], "pupil_actions": end[1],
                     "assessment": end[2], "resources": end[3]},
                ],
            )  # fmt: skip
        published = actions.publish_series(series, by=coach)
    stdout.write(
        f"Sequenced lessons added (series: «{series.title}», lessons: {len(LESSONS)}, "
        f"library materials: {published.materials}).\n"
    )
