"""Demo data for events: «Шуақ»'s 2026–2027 year, planned and half lived (the demo's
today is 23.11.2026).

- The academic year 2026–2027 with its quarters and holidays. The dates follow the
  usual pattern of the Ministry's orders (autumn, winter and spring holidays, the
  public holidays); they are data, to be corrected in the admin when the order is out.
- The work system of seed 000 as series: the online meeting once a month (the third
  Wednesday) and the face-to-face meeting every two months (the last Friday). One
  online meeting is moved off Independence Day, one is cancelled; a face-to-face
  meeting still falls in the spring holidays and is flagged.
- The seminar of seed 004 «Желілік қоғамдастық – нәтижеге бағытталған іс-әрекет»
  with its six open lessons (the seed's subjects, grades and topics), observed by
  the two trainers the seed names and by colleagues, on a five-criterion form; the
  Kazakh literature teacher's certificate of merit «Ең үздік шебер сынып» and five
  letters of thanks, as in the seed.
- A webinar on criteria-based assessment whose materials were sent to every school's
  coordinator (seed 001); coaching sessions; past events with attendance, records,
  decisions and tasks; future events with invitations and a waiting list.

The six lesson teachers are existing teachers of the leading school with the right
subjects (adding the seed's six people as members would change the network's 280
teachers of seed 001). ``seed`` adds only what is missing; running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any, TextIO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from events import actions
from events.models import (
    AcademicYear,
    Award,
    Criterion,
    CriterionLevel,
    Event,
    EventSeries,
    Holiday,
    Kind,
    MaterialsDispatch,
    Observation,
    ObservationForm,
    ObservationScore,
    OpenLesson,
    Participation,
    Record,
    RecordTask,
    ShiftAssignment,
    Term,
    WorkPlan,
)
from networks.models import Group, Membership, Network, NetworkSchool, Role
from subjects.models import Subject

TODAY = datetime.date(2026, 11, 23)
DOMAIN = "demo.ortaq.kz"
VIDEO_CALL = "https://meet.jit.si/ortaq-shuaq"

# --- The academic year ----------------------------------------------------------------------

YEAR = ("2026–2027", datetime.date(2026, 9, 1), datetime.date(2027, 5, 25))
TERMS = (
    (1, datetime.date(2026, 9, 1), datetime.date(2026, 10, 25)),
    (2, datetime.date(2026, 11, 2), datetime.date(2026, 12, 28)),
    (3, datetime.date(2027, 1, 8), datetime.date(2027, 3, 19)),
    (4, datetime.date(2027, 3, 30), datetime.date(2027, 5, 25)),
)
HOLIDAYS = (
    ("Күзгі демалыс", Holiday.Kind.SCHOOL, datetime.date(2026, 10, 26), datetime.date(2026, 11, 1)),
    ("Тәуелсіздік күні", Holiday.Kind.PUBLIC, datetime.date(2026, 12, 16), datetime.date(2026, 12, 17)),
    ("Қысқы демалыс", Holiday.Kind.SCHOOL, datetime.date(2026, 12, 29), datetime.date(2027, 1, 7)),
    ("Халықаралық әйелдер күні", Holiday.Kind.PUBLIC, datetime.date(2027, 3, 8), datetime.date(2027, 3, 8)),
    ("Көктемгі демалыс (Наурыз мейрамы)", Holiday.Kind.SCHOOL, datetime.date(2027, 3, 20), datetime.date(2027, 3, 29)),
    ("Қазақстан халқының бірлігі мерекесі", Holiday.Kind.PUBLIC, datetime.date(2027, 5, 1), datetime.date(2027, 5, 1)),
    ("Отан қорғаушы күні", Holiday.Kind.PUBLIC, datetime.date(2027, 5, 7), datetime.date(2027, 5, 7)),
    ("Жеңіс күні", Holiday.Kind.PUBLIC, datetime.date(2027, 5, 9), datetime.date(2027, 5, 9)),
)


def academic_year() -> AcademicYear:
    """Kazakhstan's 2026–2027 year, its quarters and holidays (used by the tests too)."""
    name, starts_on, ends_on = YEAR
    year, _created = AcademicYear.objects.get_or_create(
        name=name, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    for number, first, last in TERMS:
        Term.objects.get_or_create(year=year, number=number, defaults={"starts_on": first, "ends_on": last})
    for title, kind, first, last in HOLIDAYS:
        Holiday.objects.get_or_create(
            year=year, name=title, defaults={"kind": kind, "starts_on": first, "ends_on": last}
        )
    return year


# --- The observation form -------------------------------------------------------------------

FORM_NAME = "Сабақты бақылау парағы"
CRITERIA = (
    (
        "Оқу мақсаттарының айқындығы",
        (
            "Оқу мақсаттары айтылмайды, оқушыларға түсініксіз",
            "Мақсаттар айтылады, бірақ сабақ барысымен байланысы әлсіз",
            "Мақсаттар нақты, оқушылар не үйренетінін біледі",
            "Оқушылар мақсатты өз сөзімен айтып, жетістігін бағалай алады",
        ),
    ),
    (
        "Диалогтық оқыту",
        (
            "Мұғалім ғана сөйлейді, сұрақтар жабық",
            "Ашық сұрақтар бар, бірақ оқушылардың жауаптары қысқа",
            "Оқушылар жұпта, топта пікір алмасады",
            "Оқушылар бір-бірінің ойын дамытып, дәлелмен пікірталас жүргізеді",
        ),
    ),
    (
        "Критериалды бағалау",
        (
            "Бағалау критерийлері жоқ",
            "Критерийлер бар, бірақ оқушылар қолданбайды",
            "Оқушылар критерий бойынша өзін, бірін-бірі бағалайды",
            "Кері байланыс келесі қадамды нақты көрсетеді, оқушылар оны қолданады",
        ),
    ),
    (
        "Саралау",
        (
            "Барлығына бірдей тапсырма",
            "Деңгейлік тапсырмалар бар, бірақ таңдау мүмкіндігі жоқ",
            "Тапсырмалар оқушылардың қажеттіліктеріне сай сараланған",
            "Әр оқушы өз деңгейінен көтерілуге қолдау алады",
        ),
    ),
    (
        "Оқушылардың белсенділігі мен қызығушылығы",
        (
            "Оқушылардың көпшілігі енжар",
            "Белсенділік бірнеше оқушымен шектеледі",
            "Оқушылардың көпшілігі тапсырмаларды ынтамен орындайды",
            "Барлық оқушы сабаққа қатысып, өз бастамасын көрсетеді",
        ),
    ),
)


def observation_form(network: Network) -> ObservationForm:
    form, created = ObservationForm.objects.get_or_create(
        network=network,
        name=FORM_NAME,
        defaults={"description": "Ашық сабақтарды бақылауға арналған ортақ парақ: 5 критерий, 4 деңгей."},
    )
    if created:
        for position, (title, descriptors) in enumerate(CRITERIA, start=1):
            criterion = Criterion.objects.create(form=form, position=position, title=title)
            CriterionLevel.objects.bulk_create(
                CriterionLevel(criterion=criterion, score=score, descriptor=text)
                for score, text in enumerate(descriptors, start=1)
            )
    return form


# --- The seminar of seed 004 ----------------------------------------------------------------

SEMINAR = "Желілік қоғамдастық – нәтижеге бағытталған іс-әрекет"
SEMINAR_DAY = datetime.date(2026, 11, 12)

# (subject, grade, topic, objectives, time, observers' notes: (worked, develop), scores by criterion)
LESSONS: tuple[dict[str, Any], ...] = (
    {
        "subject": "mathematics",
        "grade": 9,
        "topic": "Квадрат теңдеулерді шешу",
        "objectives": "Мәтінді есепті квадрат теңдеу құрып шешу\nЕсепті екі тәсілмен шешіп, тәсілдерді салыстыру",
        "time": datetime.time(9, 0),
        "worked": [
            "Бір оқушы есепті екі айнымалысы бар теңдеулер жүйесімен шешіп, пікірталас тудырды; мұғалім "
            "екі әдіспен де шешуді тапсырды — сабақтың ең құнды сәті.",
            "Үш топ та проблемалық жағдаяттан өздері шыға білді.",
        ],
        "develop": ["Топтық жұмыстан кейін әр топтың шешімін критерий бойынша бағалауға уақыт қалдыру."],
        "scores": (4, 4, 3, 3, 4),
    },
    {
        "subject": "geography",
        "grade": 7,
        "topic": "Атлант мұхиты. Тынық мұхиты",
        "objectives": "Мұхиттардың географиялық орнын картадан сипаттау\nЕкі мұхитты салыстыру",
        "time": datetime.time(9, 50),
        "worked": ["Жас мұғалім картамен жұмысты жақсы ұйымдастырды, оқушылар мұхиттарды салыстыра алды."],
        "develop": [
            "Сұрақтардың көбі жабық: «неліктен?» деген сұрақтарды көбейту.",
            "Тапсырмаларды оқушылардың деңгейіне қарай саралау.",
        ],
        "scores": (3, 2, 3, 2, 3),
    },
    {
        "subject": "english",
        "grade": 6,
        "topic": "Holidays",
        "objectives": "Суретке қарап мерекелер туралы сөйлем құрау\nТоптар бір-бірінің тест жұмысын тексеру",
        "time": datetime.time(10, 40),
        "worked": [
            "Сабақтың негізгі бөлімінде оқушылар суретке қарап сөйлем құрау әдісін толық орындады.",
            "Қорытындылау кезеңінде топтар бір-бірінің тест жұмыстарын қызыға тексерді.",
        ],
        "develop": ["Бағалау критерийлерін сабақ басында оқушылармен бірге құрастыру."],
        "scores": (4, 3, 4, 3, 4),
    },
    {
        "subject": "kazakh-literature",
        "grade": 10,
        "topic": "Майлықожа Сұлтанқожаұлы. Өмірі мен шығармашылығы",
        "objectives": "Майлықожаның термесі арқылы қазақ халқының болмысын, салт-дәстүрін талдау",
        "time": datetime.time(11, 30),
        "worked": [
            "Термені тыңдау арқылы қазақ халқының болмысы, салт-дәстүрі, әдет-ғұрпы талданды; сабақтың "
            "тақырыбы толық ашылып, мақсатына жетті.",
            "Оқушылар өз ойларын дәлелдеп, бір-бірінің пікірін толықтырды.",
        ],
        "develop": ["Осы тәжірибені бейнежазбаға түсіріп, әдістемелік қоржынға салу."],
        "scores": (4, 4, 4, 4, 4),
    },
    {
        "subject": "informatics",
        "grade": 5,
        "topic": "Компьютер құрылымы",
        "objectives": "Компьютердің негізгі құрылғыларын атау және қызметін түсіндіру",
        "time": datetime.time(12, 20),
        "worked": [
            "Оқушылар робот тапсырмаларын қызығушылықпен, ынтамен орындады.",
            "Қорытынды бөлімде өзге мектептердің информатика мұғалімдері бейнесұрақтар қойып, оқушылар жауап берді.",
        ],
        "develop": ["Жас маманға уақытты жоспарлауда тәлімгердің қолдауы қажет: қорытынды бөлім асығыс өтті."],
        "scores": (3, 3, 2, 3, 4),
    },
    {
        "subject": "primary",
        "grade": 3,
        "topic": "Шегіртке мен құмырсқа",
        "objectives": "Мысалдың мазмұнын сахналау, ойша жалғастыру және сипаттау арқылы түсіну",
        "time": datetime.time(13, 10),
        "worked": [
            "Ұйымдастыру кезеңінде оқушылар рәміздер арқылы топтарға бірікті.",
            "Жаңа тақырыпты сахналау, ойша жалғастыру, сипаттау және сурет салу арқылы толық меңгерді.",
        ],
        "develop": ["Оқушылардың өзін-өзі бағалау парағын қолдану."],
        "scores": (4, 3, 3, 4, 4),
    },
)
TRAINERS = (
    ("tamara.makalkyzy@" + DOMAIN, "Мақалқызы Тамара", "Қазақстан ұлттық академиясының тренері"),
    ("daulet.aliaskarov@" + DOMAIN, "Алиасқаров Дәулет Алтынбайұлы", "ПШО тренері"),
)


# --- Seeding --------------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventSeeder:
    def __init__(self, network: Network) -> None:
        self.network = network
        self.created: dict[str, int] = {}
        users = User.objects.filter(email__in=[f"{n}@{DOMAIN}" for n in ("leader", "director", "coach", "teacher")])
        self.demo = {u.email.split("@")[0]: u for u in users}
        self.leader = self.demo["leader"]
        self.leading_school = network.school_links.get(role=NetworkSchool.Role.LEADING).school
        self.members = list(
            User.objects.filter(memberships__network=network, is_active=True).select_related("school").order_by("email")
        )

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n

    # People -----------------------------------------------------------------------------------

    def trainers(self) -> list[User]:
        people = []
        for email, name, _title in TRAINERS:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": name, "position": User.Position.TRAINER, "language": "kk"}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                self.count("trainers")
            Membership.objects.get_or_create(network=self.network, user=user, defaults={"role": Role.EXPERT})
            people.append(user)
        return people

    def shifts(self) -> None:
        """The leading school works in two shifts; its teachers' shifts are known."""
        staff = [m for m in self.members if m.school_id == self.leading_school.pk]
        have = set(ShiftAssignment.objects.filter(user__in=staff).values_list("user_id", flat=True))
        rows = [
            ShiftAssignment(user=person, shift=1 if index % 3 else 2)
            for index, person in enumerate(staff)
            if person.pk not in have
        ]
        ShiftAssignment.objects.bulk_create(rows)
        self.count("shifts", len(rows))

    def teacher_of(self, code: str, taken: set[int]) -> User:
        if code == "english":
            return self.demo["coach"]
        subject = Subject.objects.get(code=code)
        teachers = (
            User.objects.filter(subjects=subject, memberships__network=self.network, school__isnull=False)
            .exclude(pk__in=[u.pk for u in self.demo.values()])
            .exclude(pk__in=taken)
            .order_by("email")
        )
        # A teacher of the leading school, the seminar's host; else one of an attached school.
        return teachers.filter(school=self.leading_school).first() or teachers.first() or self.leader

    # Events -----------------------------------------------------------------------------------

    def event(self, title: str, day: datetime.date, **fields: Any) -> Event:
        event = Event.objects.filter(network=self.network, title=title, series__isnull=True).first()
        if event is None:
            start = at(day, *fields.pop("time", (15, 0)))
            minutes = fields.pop("minutes", 90)
            event = actions.create_event(
                self.network,
                by=fields.pop("by", self.leader),
                starts_at=start,
                ends_at=start + datetime.timedelta(minutes=minutes),
                title=title,
                **fields,
            )
            self.count("events")
        return event

    def attend(self, event: Event, people: list[User], *, absent: int = 0) -> None:
        """Invite the people; for a past event mark them present, the last few absent."""
        if event.participations.exists():
            return
        actions_rows = [Participation(event=event, user=p, status=Participation.Status.REGISTERED) for p in people]
        Participation.objects.bulk_create(actions_rows, ignore_conflicts=True)
        self.count("participations", len(actions_rows))
        if event.local_date >= TODAY:
            return
        reasons = list(Participation.AbsenceReason.values)
        rows = list(event.participations.order_by("pk"))
        for index, row in enumerate(rows):
            if index >= len(rows) - absent:
                row.attendance = Participation.Attendance.ABSENT
                row.absence_reason = reasons[index % len(reasons)]
            else:
                row.attendance = Participation.Attendance.PRESENT
        Participation.objects.bulk_update(rows, ["attendance", "absence_reason"])

    def record(
        self,
        event: Event,
        *,
        agenda: list[str],
        notes: str,
        decisions: list[str],
        tasks: list[tuple[str, User, datetime.date, bool]],
    ) -> Record:
        record, created = Record.objects.get_or_create(
            event=event,
            defaults={
                "agenda": "\n".join(agenda),
                "notes": notes,
                "decisions": "\n".join(decisions),
                "written_by": event.organiser,
            },
        )
        if created:
            self.count("records")
            for title, owner, due, done in tasks:
                RecordTask.objects.create(
                    record=record, title=title, owner=owner, due_on=due, done_at=at(due, 17) if done else None
                )
                self.count("tasks")
        return record

    def pick(self, *, school_ids: set[int] | None = None, roles: set[str] | None = None, limit: int = 20) -> list[User]:
        roles_of = dict(Membership.objects.filter(network=self.network).values_list("user_id", "role"))
        chosen = [
            m
            for m in self.members
            if (school_ids is None or m.school_id in school_ids) and (roles is None or roles_of.get(m.pk) in roles)
        ]
        return chosen[:limit]

    def run(self) -> None:
        network = self.network
        year = academic_year()
        plan, created = WorkPlan.objects.get_or_create(
            network=network,
            year=year,
            school=None,
            defaults={
                "goal": "Бекітілген мектептердің сауалнамасы көрсеткен қажеттіліктер: критериалды бағалау, "
                "диалогтық оқыту, сертификатталмаған мұғалімдерді қолдау. Жұмыс жүйесі: онлайн сұхбат айына "
                "1 рет, бетпе-бет кездесу 2 айда 1 рет, семинар, коучингтер, вебинарлар.",
                "created_by": self.leader,
            },
        )
        self.count("work plans", int(created))
        school_plan, created = WorkPlan.objects.get_or_create(
            network=network,
            year=year,
            school=self.leading_school,
            defaults={"goal": "Мектепішілік коучингтер арқылы жас мамандарды қолдау.", "created_by": self.leader},
        )
        self.count("work plans", int(created))
        trainers = self.trainers()
        self.shifts()
        groups = {g.kind: g for g in network.groups.all()}
        form = observation_form(network)

        # The work system of seed 000 as two series.
        online = self.series(
            "Онлайн сұхбат",
            kind=Kind.ONLINE,
            plan=plan,
            week=3,
            weekday=2,
            interval=1,
            start_time=datetime.time(16, 0),
            duration=60,
            online_url=VIDEO_CALL,
            goal="Мәселелерді ортаға салу, тәжірибе алмасу (жұмыс жүйесі: айына 1 рет).",
            groups=[g for k, g in groups.items() if k in (Group.Kind.COORDINATING, Group.Kind.LEADING)],
        )
        meetings = self.series(
            "Бетпе-бет кездесу",
            kind=Kind.MEETING,
            plan=plan,
            week=-1,
            weekday=4,
            interval=2,
            start_time=datetime.time(15, 0),
            duration=120,
            location="Жетекші мектеп, мәжіліс залы",
            host_school=self.leading_school,
            goal="Бірлескен жұмысты жоспарлау және нәтижелерді талдау (жұмыс жүйесі: 2 айда 1 рет).",
            groups=[g for k, g in groups.items() if k == Group.Kind.LEADING],
        )
        self.adjust_series(online, meetings)

        leader, coach, teacher, director = (self.demo[k] for k in ("leader", "coach", "teacher", "director"))
        coordinators = actions.coordinators(network)
        leading_staff = self.pick(school_ids={self.leading_school.pk}, limit=60)
        everyone_else = [m for m in self.members if m.school_id and m.school_id != self.leading_school.pk]

        # September: the leading group approves the plan.
        kickoff = self.event(
            "Жұмыс жоспарын бекіту",
            datetime.date(2026, 9, 4),
            kind=Kind.MEETING,
            plan=plan,
            location="Жетекші мектеп, 204 кабинет",
            host_school=self.leading_school,
            goal="Сауалнама нәтижесі бойынша жылдық жоспарды бекіту.",
            target_groups=[groups[Group.Kind.LEADING]] if Group.Kind.LEADING in groups else [],
        )
        self.attend(kickoff, [leader, director, *self.pick(roles={Role.DIRECTOR}, limit=8)], absent=1)
        self.record(
            kickoff,
            agenda=["Сауалнама нәтижелері", "Жылдық жоспар", "Топтардың міндеттері"],
            notes="Бекітілген мектептердің сауалнамасы критериалды бағалау мен диалогтық оқыту бойынша "
            "қолдау қажет екенін көрсетті.",
            decisions=[
                "Жылдық жұмыс жоспары бекітілсін.",
                "Онлайн сұхбат айдың үшінші сәрсенбісінде, бетпе-бет кездесу екі айда бір рет өтсін.",
                "Қараша айында ашық сабақтар семинары өткізілсін.",
            ],
            tasks=[
                ("Жоспарды мектептерге жіберу", leader, datetime.date(2026, 9, 10), True),
                ("Семинарға ашық сабақ беретін мұғалімдерді анықтау", director, datetime.date(2026, 10, 15), True),
                ("Сертификатталмаған мұғалімдер тізімін жасау", coach, datetime.date(2026, 12, 1), False),
            ],
        )

        # October: coaching and the webinar of seed 001.
        coaching = self.event(
            "Коучинг: оқыту үшін бағалау және кері байланыс",
            datetime.date(2026, 10, 7),
            kind=Kind.COACHING,
            plan=plan,
            by=coach,
            location="Ш. Уәлиханов атындағы орта мектеп",
            host_school=teacher.school,
            goal="Сертификатталмаған мұғалімдердің сенімділігін коучинг арқылы дамыту.",
            target_schools=[teacher.school] if teacher.school else [],
            time=(14, 0),
        )
        self.attend(coaching, [teacher, *[m for m in everyone_else if m.school_id == teacher.school_id][:11]], absent=2)
        self.record(
            coaching,
            agenda=["Кері байланыс түрлері", "Екі жұлдыз, бір тілек", "Рефлексия"],
            notes="Мұғалімдер кері байланыс тәсілдерін жұпта сынап көрді.",
            decisions=["Әр мұғалім бір сабағында жаңа кері байланыс тәсілін қолдансын."],
            tasks=[
                ("Кері байланыс тәсілін сабақта қолданып, рефлексия жазу", teacher, datetime.date(2026, 11, 30), False),
                ("Коучинг материалдарын сайтқа салу", coach, datetime.date(2026, 10, 14), True),
            ],
        )
        webinar = self.event(
            "Вебинар: критериалды бағалау — жиынтық бағалау және модерация",
            datetime.date(2026, 10, 14),
            kind=Kind.WEBINAR,
            plan=plan,
            online_url=VIDEO_CALL,
            goal="Бірінші сынып мұғалімдеріне критериалды бағалау бойынша кәсіби көмек (сауалнама қажеттілігі).",
            time=(16, 0),
            minutes=60,
        )
        self.attend(webinar, [*coordinators, *self.pick(limit=15)], absent=3)
        webinar_record = self.record(
            webinar,
            agenda=["Жиынтық бағалау", "Модерация тобының жұмысы", "Оқушы портфолиосы"],
            notes="Педагогикалық шеберлік орталығының тренері жиынтық бағалауды ұйымдастыру мен модерация "
            "тобының жұмысын түсіндірді.",
            decisions=["Вебинар материалдары әр мектептің координаторы арқылы 1 сынып мұғалімдеріне жеткізілсін."],
            tasks=[("Модерация хаттамасының үлгісін дайындау", leader, datetime.date(2026, 12, 10), False)],
        )
        if not webinar_record.dispatches.exists() and coordinators:
            # As send_to_coordinators does, but without e-mail: the demo's dispatch was in October.
            material = actions.publish_to_library(webinar, webinar_record, [], by=leader)
            dispatch = MaterialsDispatch.objects.create(
                record=webinar_record, sent_by=leader, sent_at=at(datetime.date(2026, 10, 15), 9), material=material
            )
            dispatch.recipients.set(coordinators)
            dispatch.schools.set({c.school_id for c in coordinators})
            self.count("materials sent")

        # November: the seminar of seed 004.
        seminar = self.event(
            SEMINAR,
            SEMINAR_DAY,
            kind=Kind.SEMINAR,
            plan=plan,
            location="Жетекші мектеп",
            host_school=self.leading_school,
            goal="Ой бөлісу, тәжірибе алмасу, ортақ жұмысты жоспарлау: алты ашық сабақ.",
            time=(9, 0),
            minutes=300,
        )
        taken: set[int] = set()
        teachers = []
        for spec in LESSONS:
            person = self.teacher_of(spec["subject"], taken)
            taken.add(person.pk)
            teachers.append(person)
        guests = [*trainers, director, *coordinators[:6], *everyone_else[::9][:20]]
        self.attend(seminar, list(dict.fromkeys([leader, *teachers, *guests])), absent=3)
        observers_by_lesson = self.lessons(seminar, form, teachers, trainers, [director, leader, coach])
        self.record(
            seminar,
            agenda=[f"«{spec['topic']}» ({spec['grade']} сынып)" for spec in LESSONS] + ["Сабақтарды талдау"],
            notes="Алты мұғалім ашық сабақ өткізіп, тәжірибесімен бөлісті. Тренерлер ұстаздардың шығармашыл, "
            "заманауи әдіспен өткен сабақтарына ризашылығын білдірді. Жіберілген қателіктердің шешімі бірлесе "
            "талқыланып, ұсыныстар енгізілді.",
            decisions=[
                "Қазақ әдебиеті сабағы «Ең үздік шебер сынып» номинациясы бойынша мадақталсын.",
                "Қалған бес мұғалімге белсенді жұмысы үшін алғыс хат берілсін.",
                "Ашық сабақтардың бейнежазбалары сайтқа орналастырылсын.",
            ],
            tasks=[
                ("Бейнежазбаларды сайтқа орналастыру", coach, datetime.date(2026, 11, 30), False),
                ("Жас маманға тәлімгер бекіту", director, datetime.date(2026, 11, 20), True),
                ("Ашық сабақ жоспарларын әдістемелік қоржынға жинау", teacher, datetime.date(2026, 12, 5), False),
            ],
        )
        self.seminar_awards(seminar, teachers, observers_by_lesson)

        later = self.event(
            "Коучинг: диалогтық оқыту — ашық сұрақтар",
            datetime.date(2026, 11, 18),
            kind=Kind.COACHING,
            plan=school_plan,
            by=coach,
            location="Жетекші мектеп, 112 кабинет",
            host_school=self.leading_school,
            target_schools=[self.leading_school],
            goal="Сабақта ашық сұрақтар қою дағдысын дамыту.",
            time=(14, 30),
        )
        self.attend(later, [coach, *leading_staff[10:22]], absent=2)
        self.record(
            later,
            agenda=["Блум таксономиясы бойынша сұрақтар", "Жұпта сұрақ құрастыру"],
            notes="Мұғалімдер бір сабаққа арналған ашық сұрақтар жиынын құрастырды.",
            decisions=["Келесі коучингте сұрақтардың сабақтағы нәтижесін талдау."],
            tasks=[("Ашық сұрақтар жиынын ортақ қалтаға салу", coach, datetime.date(2026, 11, 25), False)],
        )

        # Ahead: a training with places and a waiting list, a dialogue platform, a conference.
        training = self.event(
            "Критериалды бағалау бойынша тренинг",
            datetime.date(2026, 12, 2),
            kind=Kind.TRAINING,
            plan=plan,
            by=coach,
            location="Жетекші мектеп, акт залы",
            host_school=self.leading_school,
            capacity=20,
            goal="Критерийлер мен дескрипторлар құрастыру (6 сағат).",
            time=(10, 0),
            minutes=360,
        )
        if not training.participations.exists():
            for person in [teacher, *everyone_else[1::7][:23]]:
                actions.register(training, person)
            self.count("registrations", training.participations.count())
        self.event(
            "Диалогтық алаң: желілік қоғамдастықтағы ынтымақтастық",
            datetime.date(2026, 12, 9),
            kind=Kind.DIALOGUE,
            plan=plan,
            location="Жетекші мектеп, кітапхана",
            host_school=self.leading_school,
            goal="Мектеп басшылары мен көшбасшы ұстаздардың тиімді әрекеттесуі.",
            time=(15, 0),
            minutes=120,
        )
        self.event(
            "Коучинг: саралап оқыту",
            datetime.date(2027, 2, 17),
            kind=Kind.COACHING,
            plan=plan,
            by=coach,
            location="Ақмол ауылының №2 орта мектебі",
            goal="Деңгейлік тапсырмалар құрастыру.",
            time=(14, 0),
        )
        self.event(
            "Lesson Study нәтижелері: қоғамдастық конференциясы",
            datetime.date(2027, 4, 15),
            kind=Kind.CONFERENCE,
            plan=plan,
            location="Аудандық білім бөлімі, мәжіліс залы",
            goal="Зерттеу топтарының нәтижелерін таныстыру, басылымдарға жариялау.",
            time=(10, 0),
            minutes=240,
        )
        self.event(
            "Жылды қорытындылау",
            datetime.date(2027, 5, 21),
            kind=Kind.MEETING,
            plan=plan,
            location="Жетекші мектеп, мәжіліс залы",
            host_school=self.leading_school,
            goal="Жылдың нәтижелері, TALIS сауалнамасының екінші кезеңі.",
        )

    def series(self, title: str, *, groups: list[Group], **fields: Any) -> EventSeries:
        series = EventSeries.objects.filter(network=self.network, title=title).first()
        if series is None:
            _name, starts_on, _ends_on = YEAR
            series = actions.create_series(
                self.network,
                by=self.leader,
                title=title,
                starts_on=starts_on,
                ends_on=datetime.date(2027, 5, 31),
                target_groups=groups,
                **fields,
            )
            self.count("series")
        return series

    def adjust_series(self, online: EventSeries, meetings: EventSeries) -> None:
        """One online meeting moves off Independence Day, one is cancelled; the past
        ones took place (with attendance and a short record)."""
        dec = online.occurrences.filter(original_date=datetime.date(2026, 12, 16), detached=False).first()
        if dec:
            start = at(datetime.date(2026, 12, 23), 16)
            actions.move_event(dec, starts_at=start, ends_at=start + datetime.timedelta(hours=1), by=self.leader)
            self.count("moved")
        jan = online.occurrences.filter(original_date=datetime.date(2027, 1, 20), detached=False).first()
        if jan:
            actions.cancel_event(jan, by=self.leader, reason="Қаңтарда семинарға дайындық: сұхбат ақпанға ауысады.")
            self.count("cancelled")
        for series in (online, meetings):
            people = actions.target_members(series.occurrences.first()) if series.occurrences.exists() else []
            for event in series.occurrences.filter(starts_at__lt=at(TODAY, 0)):
                self.attend(event, people[:25], absent=3)
                self.record(
                    event,
                    agenda=["Мектептердегі жаңалықтар", "Мәселелерді ортаға салу"],
                    notes="Әр мектеп айдағы жұмысымен бөлісті.",
                    decisions=["Келесі кездесуге дейін әр мектеп бір тәжірибесін сайтқа салсын."],
                    tasks=[],
                )

    def lessons(
        self, seminar: Event, form: ObservationForm, teachers: list[User], trainers: list[User], colleagues: list[User]
    ) -> dict[int, list[User]]:
        criteria = list(form.criteria.order_by("position"))
        observers_by_lesson: dict[int, list[User]] = {}
        submitted = at(SEMINAR_DAY, 15)
        for index, (spec, teacher) in enumerate(zip(LESSONS, teachers, strict=True)):
            lesson, created = OpenLesson.objects.get_or_create(
                event=seminar,
                topic=spec["topic"],
                defaults={
                    "teacher": teacher,
                    "school": teacher.school,
                    "subject": Subject.objects.get(code=spec["subject"]),
                    "grade": spec["grade"],
                    "objectives": spec["objectives"],
                    "starts_at": spec["time"],
                    "room": f"{201 + index} кабинет",
                    "form": form,
                },
            )
            self.count("open lessons", int(created))
            observers = [*trainers, *[c for c in colleagues if c.pk != teacher.pk][:2]]
            observers_by_lesson[lesson.pk] = observers
            for number, observer in enumerate(observers):
                observation, created = Observation.objects.get_or_create(lesson=lesson, observer=observer)
                if not created:
                    continue
                # Each observer writes their own remark; the later ones leave the comments to the trainers.
                worked = spec["worked"][number] if number < len(spec["worked"]) else ""
                develop = spec["develop"][-1 - number] if number < len(spec["develop"]) else ""
                observation.what_worked = worked
                observation.what_to_develop = develop
                observation.comments = (
                    "Ұстаздың шығармашыл, заманауи әдіспен өткен сабағына ризашылық білдіремін." if number == 0 else ""
                )
                observation.submitted_at = submitted
                # One observation of the informatics lesson still waits for the organiser's release.
                held = spec["subject"] == "informatics" and number == len(observers) - 1
                observation.released_at = None if held else submitted + datetime.timedelta(days=1)
                observation.released_by = None if held else self.leader
                observation.save()
                ObservationScore.objects.bulk_create(
                    ObservationScore(
                        observation=observation,
                        criterion=criterion,
                        score=max(1, min(4, base - (1 if (number + position) % 4 == 3 else 0))),
                    )
                    for position, (criterion, base) in enumerate(zip(criteria, spec["scores"], strict=True))
                )
                self.count("observations")
        return observers_by_lesson

    def seminar_awards(self, seminar: Event, teachers: list[User], observers: dict[int, list[User]]) -> None:
        if seminar.awards.exists():
            return
        literature = teachers[3]
        actions.issue_award(
            seminar, literature, by=self.leader, kind=Award.Kind.MERIT, nomination="Ең үздік шебер сынып"
        )
        for person in teachers:
            if person.pk != literature.pk:
                actions.issue_award(seminar, person, by=self.leader, kind=Award.Kind.THANKS)
        present = seminar.participations.filter(attendance=Participation.Attendance.PRESENT).exclude(
            Q(user__in=teachers) | Q(user__memberships__role=Role.EXPERT, user__memberships__network=self.network)
        )
        for participation in present.select_related("user"):
            actions.issue_award(seminar, participation.user, by=self.leader, kind=Award.Kind.PARTICIPATION, hours=5)
        Award.objects.filter(event=seminar).update(issued_on=datetime.date(2026, 11, 13))
        self.count("awards", seminar.awards.count())


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name="Шуақ")
    with transaction.atomic():
        seeder = EventSeeder(network)
        seeder.run()
    if seeder.created:
        stdout.write("Events added (" + ", ".join(f"{what}: {n}" for what, n in seeder.created.items()) + ").\n")
    else:
        stdout.write("Events already in place; nothing changed.\n")
