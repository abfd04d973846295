"""Demo data for events: «Шуақ»'s academic year, half lived and half planned, placed
around the day the demo is seeded (calendars/schoolyear.py computes any year's quarters,
holidays and school days).

- The academic year that people mean today (in July and August, the one that is
  starting), with its quarters and holidays, and every other year the story reaches.
- The work system of seed 000 as series in each of those years: the online meeting once
  a month (the third Wednesday) and the face-to-face meeting every two months (the last
  Friday). An occurrence that falls on a holiday is moved a week on, as the leader
  would; the online meeting after the next one is cancelled. The meetings already
  behind took place, with attendance and a short record.
- The history, in school days before today: the plan approved at the start of its year;
  coaching; a webinar on criteria-based assessment whose materials were sent to every
  school's coordinator (seed 001); the seminar of seed 004 «Желілік қоғамдастық –
  нәтижеге бағытталған іс-әрекет» with its six open lessons (the seed's subjects, grades
  and topics), observed by the two trainers the seed names and by colleagues on a
  five-criterion form, the Kazakh literature teacher's certificate of merit «Ең үздік
  шебер сынып» and five letters of thanks; another coaching. Records with decisions and
  tasks, some done, some overdue, some due soon.
- What is ahead, in school days after today: a training with places and a waiting list,
  the dialogue platform, a coaching, the conference and the year's summing up.

Every event is on a school day, at school hours, in the site's time zone (Asia/Almaty).
The six lesson teachers are existing teachers of the leading school with the right
subjects (adding the seed's six people as members would change the network's 280
teachers of seed 001). ``seed`` writes the story once; running it again the same day or
months later keeps it as it is (the events that were ahead then have since passed
without records, as they would on a real site) and only adds the academic calendar of a
year that has begun since.
"""

from __future__ import annotations

import datetime
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from calendars.actions import add_academic_year
from calendars.models import AcademicYear, ShiftAssignment
from calendars.schoolyear import SchoolYear, is_school_day, school_day, years_between
from events import actions, lessons
from events.models import (
    Event,
    EventSeries,
    Kind,
    MaterialsDispatch,
    Participation,
    Record,
    RecordTask,
    WorkPlan,
)
from networks.models import Group, Membership, Network, NetworkSchool, Role
from observations.demo import observation_form
from observations.models import Lesson, Observation, ObservationForm, ObservationScore
from subjects.models import Subject

DOMAIN = "demo.ortaq.kz"
VIDEO_CALL = "https://meet.jit.si/ortaq-shuaq"

# --- The academic year ----------------------------------------------------------------------


# --- The seminar of seed 004 ----------------------------------------------------------------

SEMINAR = "Желілік қоғамдастық – нәтижеге бағытталған іс-әрекет"

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


# --- The story in school days from the day the demo is seeded --------------------------------

# What already happened, in school days before today. The plan was approved at the start
# of the year the history begins in.
HISTORY = {"kickoff": -55, "coaching": -45, "webinar": -40, "seminar": -20, "coaching_questions": -12}
# What is still ahead, in school days after today.
AHEAD = {"training": 3, "dialogue": 7, "coaching": 35, "conference": 70}


# --- Seeding --------------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventSeeder:
    def __init__(self, network: Network) -> None:
        self.network = network
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.plans_by_year: dict[str, tuple[WorkPlan, WorkPlan]] = {}
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
        if event.starts_at >= self.now:
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
        tasks: list[tuple[str, User, int, bool]],
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
            for title, owner, school_days_after, done in tasks:
                due = school_day(event.local_date, school_days_after)
                # A task is done only in the past: the story's numbers keep it so.
                assert not done or due < self.today, title
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

    # The story, in school days from today ----------------------------------------------------

    def day(self, n: int) -> datetime.date:
        """The n-th school day from today: the history before it, the plans after it."""
        return school_day(self.today, n)

    def plans(self, year: AcademicYear) -> tuple[WorkPlan, WorkPlan]:
        """The network's plan and the leading school's own plan for an academic year."""
        plan, created = WorkPlan.objects.get_or_create(
            network=self.network,
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
            network=self.network,
            year=year,
            school=self.leading_school,
            defaults={"goal": "Мектепішілік коучингтер арқылы жас мамандарды қолдау.", "created_by": self.leader},
        )
        self.count("work plans", int(created))
        return plan, school_plan

    def plan_for(self, day: datetime.date, *, school: bool = False) -> WorkPlan:
        plan, school_plan = self.plans_by_year[SchoolYear.of(day).name]
        return school_plan if school else plan

    def run(self) -> None:
        network = self.network
        # Every year the story touches gets its calendar, its plans and its meetings.
        first, last = self.day(min(HISTORY.values())), self.day(max(AHEAD.values()))
        school_years = sorted({*years_between(first, last), SchoolYear.current(self.today)}, key=lambda y: y.first)
        for school_year in school_years:
            self.plans_by_year[school_year.name] = self.plans(add_academic_year(school_year))
        trainers = self.trainers()
        self.shifts()
        groups = {g.kind: g for g in network.groups.all()}
        form = observation_form(network)

        # The work system of seed 000: in every academic year, two series.
        for school_year in school_years:
            plan = self.plan_for(school_year.starts_on)
            online = self.series(
                "Онлайн сұхбат",
                school_year,
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
                school_year,
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
            self.keep_to_school_days(online)
            self.keep_to_school_days(meetings)
            self.hold_past_meetings(online)
            self.hold_past_meetings(meetings)
        self.cancel_one_ahead()

        leader, coach, teacher, director = (self.demo[k] for k in ("leader", "coach", "teacher", "director"))
        coordinators = actions.coordinators(network)
        leading_staff = self.pick(school_ids={self.leading_school.pk}, limit=60)
        everyone_else = [m for m in self.members if m.school_id and m.school_id != self.leading_school.pk]

        # At the start of its year, the leading group approves the plan.
        kickoff_day = school_day(SchoolYear.of(self.day(HISTORY["kickoff"])).starts_on, 3)
        kickoff = self.event(
            "Жұмыс жоспарын бекіту",
            kickoff_day,
            kind=Kind.MEETING,
            plan=self.plan_for(kickoff_day),
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
                "Ашық сабақтар семинары өткізілсін.",
            ],
            tasks=[
                ("Жоспарды мектептерге жіберу", leader, 4, True),
                ("Семинарға ашық сабақ беретін мұғалімдерді анықтау", director, 25, True),
                ("Сертификатталмаған мұғалімдер тізімін жасау", coach, 40, False),
            ],
        )

        # Coaching and the webinar of seed 001.
        coaching = self.event(
            "Коучинг: оқыту үшін бағалау және кері байланыс",
            self.day(HISTORY["coaching"]),
            kind=Kind.COACHING,
            plan=self.plan_for(self.day(HISTORY["coaching"])),
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
                ("Кері байланыс тәсілін сабақта қолданып, рефлексия жазу", teacher, 35, False),
                ("Коучинг материалдарын сайтқа салу", coach, 5, True),
            ],
        )
        webinar_day = self.day(HISTORY["webinar"])
        webinar = self.event(
            "Вебинар: критериалды бағалау — жиынтық бағалау және модерация",
            webinar_day,
            kind=Kind.WEBINAR,
            plan=self.plan_for(webinar_day),
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
            tasks=[("Модерация хаттамасының үлгісін дайындау", leader, 45, False)],
        )
        if not webinar_record.dispatches.exists() and coordinators:
            # As send_to_coordinators does, but without e-mail: the dispatch was the day after the webinar.
            material = actions.publish_to_library(webinar, webinar_record, [], by=leader)
            dispatch = MaterialsDispatch.objects.create(
                record=webinar_record, sent_by=leader, sent_at=at(school_day(webinar_day, 1), 9), material=material
            )
            dispatch.recipients.set(coordinators)
            dispatch.schools.set({c.school_id for c in coordinators})
            self.count("materials sent")

        # The seminar of seed 004.
        seminar_day = self.day(HISTORY["seminar"])
        seminar = self.event(
            SEMINAR,
            seminar_day,
            kind=Kind.SEMINAR,
            plan=self.plan_for(seminar_day),
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
        self.lessons(seminar, form, teachers, trainers, [director, leader, coach])
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
                ("Бейнежазбаларды сайтқа орналастыру", coach, 10, False),
                ("Жас маманға тәлімгер бекіту", director, 5, True),
                ("Ашық сабақ жоспарларын әдістемелік қоржынға жинау", teacher, 25, False),
            ],
        )

        later_day = self.day(HISTORY["coaching_questions"])
        later = self.event(
            "Коучинг: диалогтық оқыту — ашық сұрақтар",
            later_day,
            kind=Kind.COACHING,
            plan=self.plan_for(later_day, school=True),
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
            tasks=[("Ашық сұрақтар жиынын ортақ қалтаға салу", coach, 5, False)],
        )

        # Ahead: a training with places and a waiting list, a dialogue platform, a conference.
        training_day = self.day(AHEAD["training"])
        training = self.event(
            "Критериалды бағалау бойынша тренинг",
            training_day,
            kind=Kind.TRAINING,
            plan=self.plan_for(training_day),
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
            self.day(AHEAD["dialogue"]),
            kind=Kind.DIALOGUE,
            plan=self.plan_for(self.day(AHEAD["dialogue"])),
            location="Жетекші мектеп, кітапхана",
            host_school=self.leading_school,
            goal="Мектеп басшылары мен көшбасшы ұстаздардың тиімді әрекеттесуі.",
            time=(15, 0),
            minutes=120,
        )
        self.event(
            "Коучинг: саралап оқыту",
            self.day(AHEAD["coaching"]),
            kind=Kind.COACHING,
            plan=self.plan_for(self.day(AHEAD["coaching"])),
            by=coach,
            location="Ақмол ауылының №2 орта мектебі",
            goal="Деңгейлік тапсырмалар құрастыру.",
            time=(14, 0),
        )
        self.event(
            "Lesson Study нәтижелері: қоғамдастық конференциясы",
            self.day(AHEAD["conference"]),
            kind=Kind.CONFERENCE,
            plan=self.plan_for(self.day(AHEAD["conference"])),
            location="Аудандық білім бөлімі, мәжіліс залы",
            goal="Зерттеу топтарының нәтижелерін таныстыру, басылымдарға жариялау.",
            time=(10, 0),
            minutes=240,
        )
        # The year is summed up on its last Friday of lessons, after the dialogue platform.
        dialogue_day = self.day(AHEAD["dialogue"])
        fridays = [d for d in SchoolYear.of(dialogue_day).school_days() if d.weekday() == 4 and d > dialogue_day]
        summary_day = fridays[-1] if fridays else school_day(dialogue_day, 1)
        self.event(
            "Жылды қорытындылау",
            summary_day,
            kind=Kind.MEETING,
            plan=self.plan_for(summary_day),
            location="Жетекші мектеп, мәжіліс залы",
            host_school=self.leading_school,
            goal="Жылдың нәтижелері, TALIS сауалнамасының екінші кезеңі.",
        )

    def series(self, title: str, school_year: SchoolYear, *, groups: list[Group], **fields: Any) -> EventSeries:
        series = EventSeries.objects.filter(network=self.network, title=title, starts_on=school_year.starts_on).first()
        if series is None:
            series = actions.create_series(
                self.network,
                by=self.leader,
                title=title,
                starts_on=school_year.starts_on,
                ends_on=school_year.ends_on,
                target_groups=groups,
                **fields,
            )
            self.count("series")
        return series

    def keep_to_school_days(self, series: EventSeries) -> None:
        """An occurrence the rule puts on a holiday moves a week on (or back, at the end of
        the year), as the leader would move it; one with no school day near is cancelled."""
        for event in series.occurrences.filter(detached=False):
            day = event.local_date
            if is_school_day(day):
                continue
            week = datetime.timedelta(days=7)
            other = next((d for d in (day + week, day - week) if is_school_day(d)), None)
            if other is None:
                actions.cancel_event(event, by=self.leader, reason="Демалыс күні: келесі кездесуде жалғасады.")
                self.count("cancelled")
                continue
            start = series.start_on(other)
            actions.move_event(
                event, starts_at=start, ends_at=start + datetime.timedelta(minutes=series.duration), by=self.leader
            )
            self.count("moved")

    def cancel_one_ahead(self) -> None:
        """The online meeting after the next one gives way to the seminar's preparation."""
        ahead = (
            Event.objects.filter(
                network=self.network,
                series__title="Онлайн сұхбат",
                starts_at__gt=self.now,
                status=Event.Status.PLANNED,
            )
            .order_by("starts_at")[1:2]
            .first()
        )
        if ahead is not None:
            actions.cancel_event(ahead, by=self.leader, reason="Семинарға дайындық: сұхбат келесі айға ауысады.")
            self.count("cancelled")

    def hold_past_meetings(self, series: EventSeries) -> None:
        """The meetings that are already behind took place, with attendance and a short record."""
        first = series.occurrences.first()
        people = actions.target_members(first) if first else []
        for event in series.occurrences.filter(starts_at__lt=self.now, status=Event.Status.PLANNED):
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
    ) -> None:
        criteria = list(form.criteria.order_by("position"))
        submitted = at(seminar.local_date, 15)
        released = at(school_day(seminar.local_date, 1), 9)
        for index, (spec, teacher) in enumerate(zip(LESSONS, teachers, strict=True)):
            lesson = Lesson.objects.filter(event_link__event=seminar, topic=spec["topic"]).first()
            if lesson is None:
                lesson = lessons.add_lesson(
                    seminar,
                    topic=spec["topic"],
                    teacher=teacher,
                    school=teacher.school,
                    subject=Subject.objects.get(code=spec["subject"]),
                    grade=spec["grade"],
                    objectives=spec["objectives"],
                    starts_at=spec["time"],
                    room=f"{201 + index} кабинет",
                    form=form,
                )
                self.count("open lessons")
            observers = [*trainers, *[c for c in colleagues if c.pk != teacher.pk][:2]]
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
                observation.released_at = None if held else released
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


def seed(stdout: TextIO) -> None:
    """The story once; a later run keeps it as it is and only adds the academic
    calendar of a year that has begun since."""
    network = Network.objects.get(name="Шуақ")
    with transaction.atomic():
        if Event.objects.filter(network=network, title=SEMINAR).exists():
            had = AcademicYear.objects.count()
            year = add_academic_year(SchoolYear.current(timezone.localdate()))
            added = AcademicYear.objects.count() > had
            stdout.write(
                f"Events already in place; the academic year {year} added.\n"
                if added
                else "Events already in place; nothing changed.\n"
            )
            return
        seeder = EventSeeder(network)
        seeder.run()
    stdout.write("Events added (" + ", ".join(f"{what}: {n}" for what, n in seeder.created.items()) + ").\n")
