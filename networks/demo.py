"""Demo data for networks: the «Шуақ» network of the seed texts with its schools, people
and groups, so a newcomer who runs ``make run`` lands in a living network instead of
an empty site (the ``demo`` command runs this first, then the other apps' seeds).

- «Шуақ» (seed 000): a leading school with 10 attached schools in Целиноград ауданы
  of Ақмола облысы (the district of seed 001), 280 teachers of whom 31 % hold a
  certificate, 42 % at the leading school — the figures quoted in seed 001.
- «Даму» (seed 003): the in-school community of the leading school's certified
  teachers. The leading school is a school-gymnasium, as in seed 003, so one
  director can both lead «Даму» and sit in «Шуақ», and the demo accounts meet
  both communities without a second cast of people.
- Demo accounts (leader@, director@, coach@, teacher@, methodologist@, outsider@,
  admin@ demo.ortaq.kz) with the published password ``settings.ORTAQ_DEMO_PASSWORD``.

``seed`` only adds what is missing (looked up by natural keys), so running it
again changes nothing, and it refuses to run where demo logins are off.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Certification, User
from networks.models import (
    Group,
    GroupMembership,
    GroupTask,
    Invitation,
    JoinRequest,
    Membership,
    Network,
    NetworkSchool,
    Role,
)
from schools.models import District, Region, School, SchoolRequest
from subjects.models import Subject

# --- Where and when -------------------------------------------------------------------------

RANDOM_SEED = 2016  # the year «Шуақ» began (seed 001); any fixed number keeps the demo reproducible
SITE_URL = "http://127.0.0.1:8000/"
DEMO_DOMAIN = "demo.ortaq.kz"
REGION = "Ақмола облысы"
# Seed 001 thanks the methodologist of Целиноград ауданы: the leading school's district.
DISTRICT = "Целиноград ауданы"
# Seed 001: "2016 жылдың жаңа оқу жылымен бірге ... 10 мектепті өз жетекшілігіне алды",
# written ten years before the school year of 2026/27. The demo keeps that age from
# whatever today is, so it never grows stale: the network began with the school year
# AGE years before the current one.
AGE = 10


def founded(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    current_start = today.year if today.month >= 9 else today.year - 1
    return datetime.date(current_start - AGE, 9, 1)


# Certificates earned before the network began, as years from its founding: the level
# programme ran from four years before it, the updated-content courses, school trainers
# and assessment coordinators from its first year.
LEVEL_YEARS = (-4, 0)
NEW_COURSE_YEARS = (0, 1)

# --- The schools ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    language: str  # School.Language
    shifts: int
    teachers: int  # members of «Шуақ» on its staff, demo accounts included
    certified: int  # of them, holding at least one certificate that counts


# 42 teachers, 18 certified (42.9 %) at the leading school; 280 teachers, 87 certified
# (31.1 %) over all 11. The last school is the one of seed 001 where not a single
# teacher had taken a level course.
LEADING_SCHOOL = SchoolSpec("Абай атындағы мектеп-гимназия", School.Language.KAZAKH, 2, 42, 18)
ATTACHED_SCHOOLS = (
    SchoolSpec("Ш. Уәлиханов атындағы орта мектеп", School.Language.KAZAKH, 2, 36, 13),
    SchoolSpec("Ақмол ауылының №2 орта мектебі", School.Language.MIXED, 2, 31, 10),
    SchoolSpec("№12 жалпы білім беретін мектеп", School.Language.MIXED, 2, 28, 9),
    SchoolSpec("М. Әуезов атындағы жалпы білім беретін мектеп", School.Language.KAZAKH, 1, 26, 8),
    SchoolSpec("Талапкер ауылының орта мектебі", School.Language.RUSSIAN, 2, 25, 8),
    SchoolSpec("Ы. Алтынсарин атындағы орта мектеп", School.Language.KAZAKH, 1, 22, 7),
    SchoolSpec("Софиевка ауылының орта мектебі", School.Language.RUSSIAN, 1, 21, 6),
    SchoolSpec("Мағжан Жұмабаев атындағы мектеп-лицей", School.Language.KAZAKH, 1, 19, 5),
    SchoolSpec("Нұресіл ауылының негізгі мектебі", School.Language.MIXED, 1, 16, 3),
    SchoolSpec("Оразақ ауылының шағын жинақты мектебі", School.Language.KAZAKH, 1, 14, 0),
)
SCHOOLS = (LEADING_SCHOOL, *ATTACHED_SCHOOLS)
# A school of the district outside the network: the people asking to join come from it.
NEIGHBOUR_SCHOOL = SchoolSpec("Арнасай ауылының орта мектебі", School.Language.MIXED, 1, 0, 0)
# The school the teacher outside every network asks for: «№12 жалпы білім беретін
# мектеп», as its own teachers write it.
DEMO_SCHOOL_ASKED = "№ 12 жалпы білім беретін мектебі"

# --- People ---------------------------------------------------------------------------------

# Kazakh surnames in the masculine form; the feminine adds «а» (Әлиев → Әлиева).
KAZAKH_SURNAMES = (
    "Әлиев", "Жұмабеков", "Серікбаев", "Нұрланов", "Оспанов", "Ахметов", "Сейітов", "Қасымов",
    "Тоқтаров", "Омаров", "Иманбаев", "Мұқанов", "Сәрсенбаев", "Темірбеков", "Ермеков", "Байжанов",
    "Қуанышев", "Төлеуов", "Бекмұхамбетов", "Әбдірахманов", "Жақсылықов", "Нұрпейісов", "Смағұлов",
    "Мұсабеков", "Есенов", "Қалиев", "Бейсенов", "Ысқақов", "Рахымжанов", "Шәкенов", "Дүйсенов",
    "Жүнісов", "Ғабдуллин", "Мәметов", "Құлмағамбетов", "Сұлтанов", "Әубәкіров", "Бәкіров",
    "Қожахметов", "Тұрсынов", "Ағыбаев", "Елеусізов", "Нұрғалиев", "Садықов", "Қойшыбаев",
    "Мамырбеков", "Әлімжанов", "Ыбыраев", "Сапаров", "Кәрімов",
)  # fmt: skip
KAZAKH_FEMALE_NAMES = (
    "Гүлназ", "Айгүл", "Әсел", "Динара", "Жанар", "Сәуле", "Гүлмира", "Ақмарал", "Мадина", "Айжан",
    "Бибігүл", "Ләззат", "Салтанат", "Жұлдыз", "Перизат", "Меруерт", "Гүлжан", "Райхан", "Нұргүл",
    "Анар", "Аяулым", "Қарлығаш", "Шынар", "Эльмира", "Айнұр", "Балжан", "Жансая", "Ардақ", "Күләш",
    "Әйгерім", "Толқын", "Мақпал", "Гаухар", "Зәуре", "Индира", "Жазира", "Самал", "Ботагөз",
    "Дариға", "Ақбота", "Гүлсім", "Роза", "Фарида", "Шолпан", "Алма",
)  # fmt: skip
KAZAKH_MALE_NAMES = (
    "Ерлан", "Серік", "Қайрат", "Бауыржан", "Нұрлан", "Асқар", "Дәулет", "Ержан", "Талғат", "Мұрат",
    "Ғалым", "Арман", "Берік", "Жандос", "Қанат", "Марат", "Мейрам", "Бақыт", "Ерболат", "Әділет",
    "Дархан", "Азамат", "Еркін", "Айдос", "Жасұлан", "Рүстем", "Санжар", "Нұржан", "Ардақ", "Бекзат",
)  # fmt: skip
# Fathers' names, for the patronymic (Серік → Серікқызы, Серікұлы).
KAZAKH_FATHER_NAMES = (
    "Серік", "Қайрат", "Бауыржан", "Нұрлан", "Сапар", "Төлеген", "Жұмабай", "Мұхтар", "Болат",
    "Асылбек", "Ерболат", "Амангелді", "Бақытжан", "Қуаныш", "Оразбай", "Сағындық", "Талғат",
    "Темірхан", "Жақсылық", "Мұрат", "Ғабит", "Кеңес", "Асқар", "Ержан", "Марат", "Әбдіқадыр",
    "Сейіт", "Дүйсен", "Тұрсын", "Қабдол",
)  # fmt: skip
# Russian-language schools of Ақмола облысы have many Slavic and German names; a share
# of their teachers get one, written the Russian way.
RUSSIAN_SURNAMES = (
    "Иванов", "Петров", "Кузнецов", "Попов", "Морозов", "Васильев", "Новиков", "Фёдоров", "Лебедев",
    "Соколов", "Ковалёв", "Волков", "Зайцев", "Павлов", "Семёнов",
)  # fmt: skip
RUSSIAN_UNISEX_SURNAMES = ("Шевченко", "Бондаренко", "Ткаченко", "Клименко", "Миллер", "Шмидт")
RUSSIAN_FEMALE_NAMES = (
    "Ольга", "Наталья", "Елена", "Татьяна", "Светлана", "Ирина", "Людмила", "Галина", "Марина", "Оксана",
    "Юлия", "Анна",
)  # fmt: skip
RUSSIAN_MALE_NAMES = ("Сергей", "Александр", "Владимир", "Андрей", "Виктор", "Николай", "Дмитрий")
# (father's name as a son's patronymic, as a daughter's)
RUSSIAN_PATRONYMICS = (
    ("Иванович", "Ивановна"), ("Петрович", "Петровна"), ("Николаевич", "Николаевна"),
    ("Сергеевич", "Сергеевна"), ("Александрович", "Александровна"), ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"), ("Михайлович", "Михайловна"), ("Юрьевич", "Юрьевна"),
    ("Геннадьевич", "Геннадьевна"),
)  # fmt: skip

# What a teacher teaches: (subject codes, weight at Kazakh or mixed schools, weight at Russian ones).
SUBJECT_PROFILES: tuple[tuple[tuple[str, ...], int, int], ...] = (
    (("primary",), 14, 14),
    (("primary", "literary-reading", "world-around"), 6, 6),
    (("primary", "self-knowledge"), 3, 3),
    (("kazakh-language", "kazakh-literature"), 12, 6),
    (("russian-language", "russian-literature"), 4, 10),
    (("english",), 8, 8),
    (("mathematics", "algebra", "geometry"), 8, 8),
    (("mathematics", "informatics"), 3, 3),
    (("informatics", "digital-literacy"), 3, 3),
    (("physics",), 3, 3),
    (("chemistry", "biology"), 3, 3),
    (("biology", "natural-science"), 3, 3),
    (("geography",), 3, 3),
    (("history-kazakhstan", "world-history", "law"), 5, 5),
    (("physical-education",), 5, 5),
    (("music",), 2, 2),
    (("art",), 2, 2),
    (("military-training",), 1, 1),
    (("special-education",), 1, 1),
)
CATEGORY_WEIGHTS = {
    # Certified teachers tend to hold the higher attestation categories.
    True: {"pedagogue": 8, "moderator": 25, "expert": 37, "researcher": 25, "master": 5},
    False: {"pedagogue": 45, "moderator": 30, "expert": 18, "researcher": 7, "master": 0},
}
OTHER_CERTIFICATES = (
    "«Өрлеу» БАҰО: инклюзивті білім беру курсы (72 сағат)",
    "Сынып жетекшісінің кәсіби құзыреттілігі (72 сағат)",
    "Ағылшын тілі: A2 деңгейі курсы",
    "Мектепке дейінгі даярлық бойынша курс",
    "Оқушылардың функционалдық сауаттылығын дамыту семинары",
)
# Share of uncertified teachers holding only an «other» certificate: it must not count.
OTHER_CERTIFICATE_SHARE = 0.15


@dataclass(frozen=True)
class Cert:
    kind: str
    level: int | None
    year: int
    title: str = ""


@dataclass
class Person:
    email: str
    full_name: str
    school: SchoolSpec | None
    position: str
    category: str = ""
    language: str = "kk"
    subjects: tuple[str, ...] = ()
    certifications: list[Cert] = field(default_factory=list)
    role: str | None = None  # role in «Шуақ»; None: not a member
    joined_at: datetime.datetime | None = None
    is_staff: bool = False
    is_superuser: bool = False

    @property
    def is_certified(self) -> bool:
        return any(c.kind != Certification.Kind.OTHER for c in self.certifications)

    def has(self, kind: str, *, level: int | None = None) -> bool:
        return any(c.kind == kind and (level is None or c.level == level) for c in self.certifications)


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def teacher_email(number: int) -> str:
    return demo_email(f"t{number:03d}")


LEADER = demo_email("leader")
DIRECTOR = demo_email("director")
COACH = demo_email("coach")
TEACHER = demo_email("teacher")
METHODOLOGIST = demo_email("methodologist")
OUTSIDER = demo_email("outsider")
ADMIN = demo_email("admin")

# What each demo login is, for the table printed at the end.
DEMO_LOGINS = (
    (LEADER, "network leader of «Шуақ» (leading school, level 1 certificate); member of «Даму»"),
    (DIRECTOR, "director of the leading school; director in «Шуақ», leader of «Даму»"),
    (COACH, "coach in «Шуақ» (school trainer), leads «Дамытушы топ»"),
    (TEACHER, "teacher at an attached school, no certificate yet; in «Дамытушы топ»"),
    (METHODOLOGIST, f"district methodologist of {DISTRICT}: sees «Шуақ» through the district"),
    (OUTSIDER, "belongs to no school and no network"),
    (ADMIN, "administrator (admin pages at /admin/)"),
)

# --- The charters ---------------------------------------------------------------------------

# Seed 000, word for word but for spacing, «1йда» → «1 айда» and «2айда» → «2 айда».
SHUAQ = "Шуақ"
SHUAQ_CHARTER: dict[str, str | list[str]] = {
    "goal": "Тиімді идеяларға қол жеткізу мақсатында мұғалімнің өз кәсіби білімін дамытуына мүмкіндік туғызу.",
    "motto": "Бірлік бар жерде тірлік бар",
    "tasks": [
        "Мектептегі мұғалімдердің қоғамдастыққа деген сенімділігін коучингтер жүргізу арқылы дамыту",
        "Деңгейлік курсты аяқтаған мұғалімдердің меңгерген әдіс-тәсілдерін сабақ барысында жүзеге асыру "
        "арқылы оқушыларға жан-жақты, әмбебап білім беру",
        "Желілік қоғамдастық арқылы бір қалада орналасқан мектептермен әдістемелік байланыс орнату",
        "Оқушының көшбасшылық қабілетін анықтау үшін шағын зерттеу жұмысын жүргізу",
    ],
    "rules": [
        "Қоғамдастық мүшелері сенімді қарым-қатынас жасауы керек.",
        "Әркімнің пікірі құнды.",
        "Қоғамдастықтың әрбір мүшесі шынайы көзқараста болуға міндетті.",
        "Бірін-бірі тыңдай білу.",
        "Ахуалды бұзатын әрекеттер жасамау керек.",
        "Желілік байланыс кезінде және қарым-қатынаста жоғары мәдениетті сақтауы тиіс.",
    ],
    "expected_results": [
        "Мұғалімдер жаңа идеялармен алмасады.",
        "Белгілі бірлескен зерттеу топтары қалыптасады.",
        "Басқа мектептермен іскерлік қарым-қатынас орнайды.",
        "Кәсіби біліктіліктерін үнемі жетілдіріп отырады.",
        "Мектеп пен ата-аналар арасында байланыс орнайды.",
        "Коучингтер, тренингтер, т.б. өткізіледі.",
        "Оқушылардың мүмкіндіктерін кеңейтеді.",
    ],
    "work_system": [
        "Басшы сайлау",
        "Жұмыс ережесін сақтау",
        "Қоғамдастыққа мүшелер тарту",
        "Басшылық етуші, үйлестіруші, дамытушы топтарды жасақтау",
        "Топтардың міндеттерін айқындау",
        "Жұмыс жоспарын құру",
        "Мәселелерді ортаға салу",
        "Онлайн сұхбат құру /1 айда 1 рет/",
        "Бетпе-бет кездесу /2 айда 1 рет/",
        "Әлеуметтік желідегі сұхбат /үнемі/",
        "Бейнежазбаларды сайтқа орналастыру",
        "Конференция өткізу",
        "Басылымдарға жариялау",
    ],
}
SHUAQ_RULES_RU = [
    "Члены сообщества должны строить отношения на доверии.",
    "Мнение каждого ценно.",
    "Каждый член сообщества обязан быть искренним.",
    "Умение слушать друг друга.",
    "Не допускать действий, нарушающих атмосферу.",
    "Соблюдать высокую культуру в сетевом общении и во взаимоотношениях.",
]
SHUAQ_RULES_EN = [
    "Members of the community build relationships of trust.",
    "Everyone's opinion is valuable.",
    "Every member of the community must be sincere.",
    "Listen to one another.",
    "Do nothing that spoils the atmosphere.",
    "Keep a high culture of communication, online and in person.",
]
SHUAQ_TRANSLATIONS: dict[str, dict[str, str | list[str]]] = {
    "ru": {
        "goal": "Создать условия, в которых учитель развивает свои профессиональные знания, "
        "чтобы приходить к эффективным идеям.",
        "motto": "Где единство, там и жизнь",
        "tasks": [
            "Развивать доверие учителей школы к сообществу через проведение коучингов",
            "Давать учащимся разностороннее, универсальное образование, применяя на уроках методы и приёмы, "
            "освоенные учителями, окончившими уровневые курсы",
            "Устанавливать методические связи со школами одного города через сетевое сообщество",
            "Проводить небольшое исследование для выявления лидерских способностей учащегося",
        ],
        "rules": SHUAQ_RULES_RU,
        "expected_results": [
            "Учителя обмениваются новыми идеями.",
            "Складываются совместные исследовательские группы.",
            "Налаживаются деловые отношения с другими школами.",
            "Учителя постоянно повышают свою профессиональную квалификацию.",
            "Устанавливается связь между школой и родителями.",
            "Проводятся коучинги, тренинги и т. д.",
            "Расширяются возможности учащихся.",
        ],
        "work_system": [
            "Выборы руководителя",
            "Соблюдение правил работы",
            "Привлечение участников в сообщество",
            "Формирование руководящей, координирующей и развивающей групп",
            "Определение задач групп",
            "Составление плана работы",
            "Вынесение проблем на обсуждение",
            "Онлайн-беседа /1 раз в месяц/",
            "Очная встреча /1 раз в 2 месяца/",
            "Беседа в социальной сети /постоянно/",
            "Размещение видеозаписей на сайте",
            "Проведение конференций",
            "Публикации в изданиях",
        ],
    },
    "en": {
        "goal": "To give teachers the opportunity to develop their own professional knowledge "
        "so that they arrive at effective ideas.",
        "motto": "Where there is unity, there is life",
        "tasks": [
            "Build the school's teachers' trust in the community by running coaching sessions",
            "Give pupils a broad, well-rounded education by putting into practice in lessons the methods "
            "learnt by the teachers who completed the level courses",
            "Establish methodological links with the schools of the same town through the network community",
            "Carry out a small study to identify pupils' leadership abilities",
        ],
        "rules": SHUAQ_RULES_EN,
        "expected_results": [
            "Teachers exchange new ideas.",
            "Joint research groups take shape.",
            "Working relationships with other schools are established.",
            "Teachers keep improving their professional skills.",
            "Links between the school and parents are established.",
            "Coaching sessions, trainings and the like are held.",
            "Pupils' opportunities widen.",
        ],
        "work_system": [
            "Elect a leader",
            "Keep the working rules",
            "Attract members to the community",
            "Form the leading, coordinating and developing groups",
            "Define the groups' tasks",
            "Draw up the work plan",
            "Raise problems for discussion",
            "Online meeting /once a month/",
            "Face-to-face meeting /once every two months/",
            "Discussion on social media /ongoing/",
            "Post video recordings on the website",
            "Hold conferences",
            "Publish in journals",
        ],
    },
}

# Seed 003: the goal and the mission of «Даму»; its tasks are the questions its groups
# took up; the seed gives no rules, so «Шуақ»'s rules serve (they suit any community).
DAMU = "Даму"
DAMU_CHARTER: dict[str, str | list[str]] = {
    "goal": "Сертификатталған мұғалімдердің кәсіби педагогикалық ортаны түрлендіру бойынша күш-жігерін "
    "біріктіру ғана емес, сонымен қатар бастауыш білім беру жүйесін дамыту тетіктерін іздеу.\n"
    "Миссиясы – теориялық және практикалық кәсіби құзыреттілігі жеткілікті жоғары деңгейдегі мұғалімдерді "
    "тәжірибесін жетілдіру мақсатында өз әріптестеріне сабақ беру және тәлімгерлік ету үшін дайындау.",
    "motto": "",
    "tasks": [
        "Оқушылардың білім деңгейлерін ерте анықтау және дамыту",
        "Сыни ойлаудың қалыптасуы мен дамуына ықпал ету",
        "Мұғалімдер арасында АКТ құзыреттілігін дамыту",
        "Сертификатталмаған мұғалімдер мен жас мамандарға менторлық және тәлімгерлік қолдау көрсету",
        "Педагогикалық алаңдар ұйымдастырып, деңгейлік курстардың түйінді идеяларын тәжірибеде көрсету",
    ],
    "rules": SHUAQ_CHARTER["rules"],
    "expected_results": [
        "Педагогтар өздерінің кәсіби философиясын үнемі рефлексиялық тұрғыдан түсінеді.",
        "Мұғалімдер командада ынтымақтастық пен серіктестікке дайын болады.",
        "Сертификатталмаған мұғалімдер мен жас мамандар кәсіби қолдау алады.",
        "Іс-шаралардан кейін сапалы рефлексия жүргізіледі.",
        "Бастауыш мектепте білім сапасы мен оқу үлгерімі артады.",
    ],
    "work_system": [
        "Сертификатталған мұғалімдерді топтарға бөлу",
        "Кәсіби қоғамдастықтың жоспарлы мәжілістерін жүйелі және уақытында өткізу",
        "Педагогикалық кеңес, әдістемелік кеңес және пәндік бөлімдермен өзара әрекеттесу",
        "Коучингтер мен тренингтер өткізу",
        "Сертификатталған мұғалімдердің сабақтарына қатысу",
        "Жұмыстан кейін әріптестер алдында талдау және рефлексия жасау",
    ],
}
DAMU_TRANSLATIONS: dict[str, dict[str, str | list[str]]] = {
    "ru": {
        "goal": "Не только объединить усилия сертифицированных учителей по преобразованию профессиональной "
        "педагогической среды, но и искать механизмы развития системы начального образования.\n"
        "Миссия – подготовить учителей с достаточно высоким уровнем теоретической и практической "
        "профессиональной компетентности к тому, чтобы обучать коллег и наставлять их в совершенствовании практики.",
        "tasks": [
            "Раннее выявление и развитие уровня знаний учащихся",
            "Содействие формированию и развитию критического мышления",
            "Развитие ИКТ-компетентности учителей",
            "Менторская и наставническая поддержка несертифицированных учителей и молодых специалистов",
            "Организация педагогических площадок и показ ключевых идей уровневых курсов на практике",
        ],
        "rules": SHUAQ_RULES_RU,
        "expected_results": [
            "Педагоги постоянно рефлексивно осмысливают свою профессиональную философию.",
            "Учителя готовы к сотрудничеству и партнёрству в команде.",
            "Несертифицированные учителя и молодые специалисты получают профессиональную поддержку.",
            "После мероприятий проводится качественная рефлексия.",
            "В начальной школе растут качество знаний и успеваемость.",
        ],
        "work_system": [
            "Распределение сертифицированных учителей по группам",
            "Систематическое и своевременное проведение плановых заседаний профессионального сообщества",
            "Взаимодействие с педагогическим советом, методическим советом и предметными отделами",
            "Проведение коучингов и тренингов",
            "Посещение уроков сертифицированных учителей",
            "Анализ и рефлексия перед коллегами после каждой работы",
        ],
    },
    "en": {
        "goal": "Not only to join the efforts of certified teachers to transform the professional teaching "
        "environment, but also to look for ways of developing primary education.\n"
        "Mission: to prepare teachers with a high enough level of theoretical and practical professional "
        "competence to teach and mentor their colleagues so that they improve their practice.",
        "tasks": [
            "Identify pupils' levels of attainment early and develop them",
            "Foster the formation and development of critical thinking",
            "Develop teachers' ICT competence",
            "Mentor and support uncertified teachers and young specialists",
            "Run teaching platforms that show the key ideas of the level courses in practice",
        ],
        "rules": SHUAQ_RULES_EN,
        "expected_results": [
            "Teachers keep reflecting on their professional philosophy.",
            "Teachers are ready to collaborate and work as partners in a team.",
            "Uncertified teachers and young specialists get professional support.",
            "Every event is followed by a proper reflection.",
            "The quality of learning and pupils' results in the primary school improve.",
        ],
        "work_system": [
            "Divide the certified teachers into groups",
            "Hold the community's planned meetings regularly and on time",
            "Work with the teachers' council, the methodological council and the subject departments",
            "Run coaching sessions and trainings",
            "Attend the lessons of certified teachers",
            "Analyse the work and reflect on it with colleagues afterwards",
        ],
    },
}

# --- The groups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupSpec:
    name: str
    kind: str
    description: str
    tasks: tuple[tuple[str, bool], ...]  # (task, done)


# Seed 000's work system: "Басшылық етуші, үйлестіруші, дамытушы топтарды жасақтау", plus the
# Lesson Study researchers and the expert group on dialogic teaching it describes.
SHUAQ_LEADING_GROUP = GroupSpec(
    "Басшылық етуші топ",
    Group.Kind.LEADING,
    "Желілік қоғамдастықты қадағалап, мүдделі адамдарды тартуға арналған жұмыстарды бағыттап, басқарады; "
    "желіні жақсарту жөнінде жоспар құрады.",
    (
        ("Қоғамдастық басшысын сайлау", True),
        ("Жұмыс ережесін бекітіп, сақталуын қадағалау", True),
        ("Бекітілген мектептердің қажеттіліктерін сауалнама арқылы анықтау", True),
        ("Жұмыс жоспарын құру", True),
        ("Қоғамдастыққа жаңа мүшелер тарту", False),
        ("Желіні жақсарту жөнінде жоспар құру", False),
    ),
)
SHUAQ_COORDINATING_GROUP = GroupSpec(
    "Үйлестіруші топ",
    Group.Kind.COORDINATING,
    "Желінің әр түрлі бөлімдерінің жұмысын реттеп, бірлесіп өткізілетін іс-шараларға жауапты шешім қабылдайды.",
    (
        ("Онлайн сұхбат — айына 1 рет", False),
        ("Бетпе-бет кездесу — 2 айда 1 рет", False),
        ("Әлеуметтік желідегі сұхбатты үнемі жүргізу", False),
        ("Вебинар материалдарын мектеп координаторларына жеткізу", True),
        ("Бейнежазбаларды сайтқа орналастыру", False),
    ),
)
SHUAQ_DEVELOPING_GROUP = GroupSpec(
    "Дамытушы топ",
    Group.Kind.DEVELOPING,
    "Оқу бағдарламаларын әзірлеп, оқытудың жаңа стратегияларының қабылдануына қолдау көрсетеді, "
    "тізбектелген сабақтар өткізеді.",
    (
        ("Коучингтер жүргізу арқылы мұғалімдердің сенімділігін дамыту", False),
        ("Деңгейлік курсты аяқтаған мұғалімдердің әдіс-тәсілдерін сабақта жүзеге асыру", False),
        ("«Оқыту үшін бағалау» бойынша тізбектелген сабақтар топтамасын өткізу", True),
        ("Бекітілген мектептерде инклюзивті оқыту бойынша тәжірибемен бөлісу", False),
    ),
)
SHUAQ_RESEARCH_GROUP = GroupSpec(
    "Lesson Study зерттеу тобы",
    Group.Kind.RESEARCH,
    "Lesson Study бойынша зерттеу сабақтарын өткізеді: проблемаларды анықтап, олардан шығу жолдарын жоспарлайды.",
    (
        ("Зерттеу тақырыбы мен сұрағын таңдау", True),
        ("Оқушының көшбасшылық қабілетін анықтау үшін шағын зерттеу жүргізу", False),
        ("Зерттеу сабағын бірлесіп жоспарлау және бақылау", False),
        ("Оқушылармен сұхбат жүргізіп, сабақты бағалау", False),
        ("Нәтижелерді конференцияда таныстырып, басылымдарға жариялау", False),
    ),
)
SHUAQ_EXPERT_GROUP = GroupSpec(
    "Диалогтық оқыту бойынша сарапшылар тобы",
    Group.Kind.EXPERT,
    "Диалогтық оқыту арқылы оқушылардың пәнге қызығушылығын арттыру және сапаны көтеру мәселелері бойынша "
    "сараптама жасайды.",
    (
        ("«Диалогтық оқытуды тәжірибеге енгізу» бойынша тізбектелген сабақтар беру", True),
        ("Қатысушы мұғалімдердің кері байланыс деңгейін сауалнама арқылы анықтау", True),
        ("Сабақта топпен жұмысты жүйелі түрде қолдану", False),
        ("Пікірталас үшін өмірмен байланысты мәселелер іріктеу", False),
        ("Оқушылардың білімге құштарлығын ояту үшін топтық, жұптық жұмыстарды жоспарлау", False),
    ),
)
# Seed 003: the certified teachers "were divided into groups" on early identification of
# pupils' levels, critical thinking and teachers' ICT competence, and act as mentors.
DAMU_LEVELS_GROUP = GroupSpec(
    "Оқушылардың білім деңгейін ерте анықтау тобы",
    Group.Kind.RESEARCH,
    "Бастауыш сынып оқушыларының білім деңгейлерін ерте анықтап, оларды дамыту жолдарын іздейді.",
    (
        ("Бастауыш сынып оқушыларының білім деңгейін диагностикалау", True),
        ("Білім сапасы мен оқу үлгерімін талдау", True),
        ("Деңгейлік тапсырмалар жинағын әзірлеу", False),
    ),
)
DAMU_CRITICAL_THINKING_GROUP = GroupSpec(
    "Сыни ойлауды дамыту тобы",
    Group.Kind.DEVELOPING,
    "Сабақта сыни ойлаудың қалыптасуы мен дамуына арналған стратегияларды енгізеді.",
    (
        ("Сыни ойлау стратегиялары бойынша тізбектелген сабақтар топтамасын өткізу", False),
        ("Ашық сабақтарды бірлесіп талдау", True),
        ("Сабақтан кейінгі рефлексия парақтарын енгізу", False),
    ),
)
DAMU_ICT_GROUP = GroupSpec(
    "Мұғалімдердің АКТ құзыреттілігін дамыту тобы",
    Group.Kind.DEVELOPING,
    "Мұғалімдер арасында АКТ құзыреттілігін дамытады.",
    (
        ("Мұғалімдерге арналған АКТ шеберлік сыныбын өткізу", True),
        ("Бейнесабақтарды жазып, сайтқа орналастыру", False),
        ("Электрондық портфолио жүргізуге үйрету", False),
    ),
)
DAMU_MENTORS_GROUP = GroupSpec(
    "Тәлімгерлер тобы",
    Group.Kind.OTHER,  # Group.Kind has no "mentoring" kind
    "Менторлық және тәлімгерлік қызмет: сертификатталмаған мұғалімдер мен жас мамандарға кәсіби қолдау.",
    (
        ("Әр жас маманға тәлімгер бекіту", True),
        ("Сертификатталмаған мұғалімдердің сабақтарына қатысып, кері байланыс беру", False),
        ("Жас мамандарды коучингтер мен тренингтерге шақыру", False),
    ),
)


@dataclass(frozen=True)
class Applicant:
    email: str
    full_name: str
    subjects: tuple[str, ...]
    level: int | None  # level programme certificate, if any
    message: str


# Two teachers of the neighbouring school ask to join, so the members page has requests.
APPLICANTS = (
    Applicant(
        demo_email("a001"),
        "Байжанова Мақпал Ержанқызы",
        ("mathematics", "algebra"),
        None,
        "Сәлеметсіз бе! Біз де «Оқыту үшін бағалау» бойынша тәжірибе алмасқымыз келеді. "
        "Қоғамдастыққа қосылуға рұқсат етіңіздер.",
    ),
    Applicant(
        demo_email("a002"),
        "Тоқтаров Дәулет Асқарұлы",
        ("kazakh-language", "kazakh-literature"),
        3,
        "Деңгейлік курстың үшінші деңгейін аяқтадым, коучингтер мен ашық сабақтарға қатысқым келеді.",
    ),
)


# --- Building the cast (pure: no database) --------------------------------------------------


@dataclass
class Cast:
    people: list[Person]
    shuaq_groups: list[tuple[GroupSpec, str, list[str]]]  # (group, leader's e-mail, members' e-mails)
    damu_members: dict[str, str]  # e-mail → role in «Даму»
    damu_groups: list[tuple[GroupSpec, str, list[str]]]
    generated: int = 0  # made-up teachers, t001…


class CastBuilder:
    """Makes up the people of the demo. Pure and seeded: the same cast every run, which
    is what lets the save step look everything up by natural key."""

    def __init__(self) -> None:
        self.rng = random.Random(RANDOM_SEED)
        self.used_names: set[str] = set()
        self.people: list[Person] = []
        self.counter = 0
        self.founded = founded()

    def year(self, offset: int) -> int:
        """A year counted from the network's founding (``founded``)."""
        return self.founded.year + offset

    def build(self) -> Cast:
        self.add_demo_accounts()
        for school in SCHOOLS:
            self.staff_school(school)
        cast = Cast(self.people, [], {}, [], generated=self.counter)
        cast.shuaq_groups = self.shuaq_groups(cast)
        cast.damu_members, cast.damu_groups = self.damu(cast)
        return cast

    # Demo accounts ---------------------------------------------------------------------------

    def add_demo_accounts(self) -> None:
        founded = at(self.founded)
        demo = [
            Person(
                LEADER,
                "Жақсылықова Айгүл Серікқызы",
                LEADING_SCHOOL,
                User.Position.TEACHER,
                User.Category.EXPERT,
                subjects=("kazakh-language", "kazakh-literature"),
                certifications=[
                    Cert(Certification.Kind.LEVEL_PROGRAMME, 1, 2014),
                    Cert(Certification.Kind.UPDATED_CONTENT, None, self.year(0)),
                ],
                role=Role.LEADER,
                joined_at=founded,
            ),
            Person(
                DIRECTOR,
                "Омаров Бауыржан Қайратұлы",
                LEADING_SCHOOL,
                User.Position.DIRECTOR,
                User.Category.RESEARCHER,
                subjects=("history-kazakhstan", "world-history"),
                certifications=[Cert(Certification.Kind.LEVEL_PROGRAMME, 2, 2015)],
                role=Role.DIRECTOR,
                joined_at=founded,
            ),
            Person(
                COACH,
                "Нұрланова Динара Асқарқызы",
                LEADING_SCHOOL,
                User.Position.TEACHER,
                User.Category.EXPERT,
                subjects=("english",),
                certifications=[
                    Cert(Certification.Kind.LEVEL_PROGRAMME, 2, 2013),
                    Cert(Certification.Kind.SCHOOL_TRAINER, None, self.year(0)),
                ],
                role=Role.COACH,
                joined_at=founded + datetime.timedelta(days=2),
            ),
            Person(
                TEACHER,
                "Әлиева Гүлназ Серікқызы",
                ATTACHED_SCHOOLS[0],
                User.Position.TEACHER,
                User.Category.MODERATOR,
                subjects=("primary", "literary-reading"),
                role=Role.TEACHER,
                joined_at=founded + datetime.timedelta(days=16),
            ),
            Person(METHODOLOGIST, "Мұсабекова Жанар Төлегенқызы", None, User.Position.METHODOLOGIST),
            Person(OUTSIDER, "Қасымов Ерлан Маратұлы", None, User.Position.TEACHER),
            Person(ADMIN, "Темірбеков Асқар Болатұлы", None, User.Position.OTHER, is_staff=True, is_superuser=True),
        ]
        # The applicants work at the neighbouring school and are not members.
        demo += [
            Person(
                a.email,
                a.full_name,
                NEIGHBOUR_SCHOOL,
                User.Position.TEACHER,
                User.Category.MODERATOR,
                subjects=a.subjects,
                certifications=[Cert(Certification.Kind.LEVEL_PROGRAMME, a.level, self.year(1))] if a.level else [],
            )
            for a in APPLICANTS
        ]
        for person in demo:
            self.used_names.add(person.full_name)
        self.people.extend(demo)

    # A school's staff ------------------------------------------------------------------------

    def staff_school(self, school: SchoolSpec) -> None:
        rng = self.rng
        fixed = [p for p in self.people if p.school is school]
        has_director = any(p.position == User.Position.DIRECTOR for p in fixed)
        positions = [] if has_director else [User.Position.DIRECTOR]
        positions += [User.Position.DEPUTY] * (2 if school.teachers >= 25 else 1)
        positions += [User.Position.PSYCHOLOGIST] if school.teachers >= 20 else []
        positions += [User.Position.TEACHER] * (school.teachers - len(fixed) - len(positions))

        # Who is certified: directors and deputies more often (the level programme
        # trained school leaders first), the rest at random.
        to_certify = school.certified - sum(p.is_certified for p in fixed)
        order = sorted(
            range(len(positions)),
            key=lambda i: (
                rng.random() - (0.35 if positions[i] in (User.Position.DIRECTOR, User.Position.DEPUTY) else 0)
            ),
        )
        certified = set(order[:to_certify])

        staff: list[Person] = []
        for i, position in enumerate(positions):
            person = self.make_person(school, position, certified=i in certified)
            staff.append(person)
        self.give_school_roles(school, staff, fixed)
        self.people.extend(staff)

    def make_person(self, school: SchoolSpec, position: str, *, certified: bool) -> Person:
        rng = self.rng
        female = rng.random() < (0.55 if position == User.Position.DIRECTOR else 0.82)
        shares: dict[str, float] = {School.Language.RUSSIAN: 0.45, School.Language.MIXED: 0.15}
        russian_share = shares.get(school.language, 0.0)
        russian = rng.random() < russian_share
        full_name = self.unique_name(female=female, russian=russian)
        if position == User.Position.PSYCHOLOGIST:
            subjects: tuple[str, ...] = ("self-knowledge",)
        else:
            subjects = self.pick_subjects(school, secondary_only=position != User.Position.TEACHER)
        # The interface language follows the school's language of instruction, mostly.
        preferences: dict[str, float] = {School.Language.RUSSIAN: 0.6, School.Language.MIXED: 0.3}
        prefers_russian = preferences.get(school.language, 0.0)
        if russian or rng.random() < prefers_russian:
            language = User.Language.RUSSIAN
        elif "english" in subjects and rng.random() < 0.3:
            language = User.Language.ENGLISH
        else:
            language = User.Language.KAZAKH
        weights = CATEGORY_WEIGHTS[certified]
        category = rng.choices(list(weights), weights=list(weights.values()))[0]
        self.counter += 1
        return Person(
            email=teacher_email(self.counter),
            full_name=full_name,
            school=school,
            position=position,
            category=category,
            language=language,
            subjects=subjects,
            certifications=self.certificates(subjects, certified=certified),
            role=Role.DIRECTOR if position == User.Position.DIRECTOR else Role.TEACHER,
            joined_at=at(founded()) + datetime.timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 9)),
        )

    def unique_name(self, *, female: bool, russian: bool) -> str:
        rng = self.rng
        while True:
            if russian:
                surname = rng.choice((*RUSSIAN_SURNAMES, *RUSSIAN_UNISEX_SURNAMES))
                if female and surname in RUSSIAN_SURNAMES:
                    surname += "а"
                given = rng.choice(RUSSIAN_FEMALE_NAMES if female else RUSSIAN_MALE_NAMES)
                patronymic = rng.choice(RUSSIAN_PATRONYMICS)[1 if female else 0]
            else:
                surname = rng.choice(KAZAKH_SURNAMES) + ("а" if female else "")
                given = rng.choice(KAZAKH_FEMALE_NAMES if female else KAZAKH_MALE_NAMES)
                patronymic = rng.choice(KAZAKH_FATHER_NAMES) + ("қызы" if female else "ұлы")
            name = f"{surname} {given} {patronymic}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def pick_subjects(self, school: SchoolSpec, *, secondary_only: bool) -> tuple[str, ...]:
        russian = school.language == School.Language.RUSSIAN
        profiles = [p for p in SUBJECT_PROFILES if not (secondary_only and "primary" in p[0])]
        weights = [p[2] if russian else p[1] for p in profiles]
        return self.rng.choices(profiles, weights=weights)[0][0]

    def certificates(self, subjects: Sequence[str], *, certified: bool) -> list[Cert]:
        rng = self.rng
        if not certified:
            if rng.random() < OTHER_CERTIFICATE_SHARE:
                return [
                    Cert(Certification.Kind.OTHER, None, self.year(rng.randint(-3, 1)), rng.choice(OTHER_CERTIFICATES))
                ]
            return []
        certs = []
        if rng.random() < 0.8:
            level = rng.choices((3, 2, 1), weights=(50, 35, 15))[0]
            certs.append(Cert(Certification.Kind.LEVEL_PROGRAMME, level, self.year(rng.randint(*LEVEL_YEARS))))
        # The updated-content course reached grade-1 teachers first (seed 001's webinars).
        if not certs or rng.random() < (0.7 if "primary" in subjects else 0.25):
            certs.append(Cert(Certification.Kind.UPDATED_CONTENT, None, self.year(rng.randint(*NEW_COURSE_YEARS))))
        return certs

    def give_school_roles(self, school: SchoolSpec, staff: list[Person], fixed: list[Person]) -> None:
        """Each school with certified teachers has a criteria-based assessment coordinator
        (seed 001's «мектеп координаторы»); larger ones a school trainer, drawn from
        level 1 or 2 graduates. Certificates stack: they keep their level programme.
        Only made-up staff are drawn: the demo accounts keep the roles their logins promise."""
        rng = self.rng
        certified = [p for p in staff if p.is_certified and p.position != User.Position.DIRECTOR]
        if not certified:
            return
        coordinator = rng.choice(certified)
        coordinator.certifications.append(
            Cert(Certification.Kind.ASSESSMENT_COORDINATOR, None, self.year(rng.randint(*NEW_COURSE_YEARS)))
        )
        if school is LEADING_SCHOOL:
            coordinator.role = Role.COORDINATOR  # leads the coordinating group
        has_trainer = any(p.has(Certification.Kind.SCHOOL_TRAINER) for p in [*fixed, *staff])
        graduates = [
            p
            for p in certified
            if p is not coordinator
            and (
                p.has(Certification.Kind.LEVEL_PROGRAMME, level=1) or p.has(Certification.Kind.LEVEL_PROGRAMME, level=2)
            )
        ]
        if not has_trainer and school.certified >= 5 and graduates:
            trainer = rng.choice(graduates)
            trainer.certifications.append(
                Cert(Certification.Kind.SCHOOL_TRAINER, None, self.year(rng.randint(*NEW_COURSE_YEARS)))
            )
            trainer.role = Role.COACH
        # First-level graduates who are not yet coaches mentor newer colleagues.
        for person in staff:
            if person.role == Role.TEACHER and person.has(Certification.Kind.LEVEL_PROGRAMME, level=1):
                person.role = Role.MENTOR

    # Groups ----------------------------------------------------------------------------------

    def shuaq_groups(self, cast: Cast) -> list[tuple[GroupSpec, str, list[str]]]:
        rng = self.rng
        members = [p for p in cast.people if p.role and p.email not in (LEADER, DIRECTOR, COACH, TEACHER)]
        directors = [p.email for p in members if p.role == Role.DIRECTOR]
        coordinators = [p for p in members if p.has(Certification.Kind.ASSESSMENT_COORDINATOR)]
        coordinator = next(p.email for p in coordinators if p.role == Role.COORDINATOR)
        trainers = [p.email for p in members if p.has(Certification.Kind.SCHOOL_TRAINER)]
        mentors = [p.email for p in members if p.role == Role.MENTOR]
        level_two = [p.email for p in members if p.has(Certification.Kind.LEVEL_PROGRAMME, level=2)]
        certified = [p.email for p in members if p.is_certified]

        research_leader = mentors[0]
        expert_leader = next(e for e in level_two if e not in trainers and e != coordinator)
        taken = {coordinator, research_leader, expert_leader, *trainers}
        researchers = sample(rng, [e for e in [*mentors, *level_two] if e not in taken], 6)
        taken |= set(researchers)
        experts = sample(rng, [e for e in certified if e not in taken], 5)
        colleagues = [e for e in certified if e not in taken]
        return [
            (SHUAQ_LEADING_GROUP, LEADER, [LEADER, DIRECTOR, *directors[:6]]),
            (SHUAQ_COORDINATING_GROUP, coordinator, [p.email for p in coordinators]),
            # The coaches of every school, and a few of the certified teachers they work with.
            (SHUAQ_DEVELOPING_GROUP, COACH, [COACH, *trainers, TEACHER, *sample(rng, colleagues, 2)]),
            (SHUAQ_RESEARCH_GROUP, research_leader, [research_leader, *researchers]),
            (SHUAQ_EXPERT_GROUP, expert_leader, [expert_leader, *experts]),
        ]

    def damu(self, cast: Cast) -> tuple[dict[str, str], list[tuple[GroupSpec, str, list[str]]]]:
        """«Даму» gathers the leading school's certified teachers, and a few young
        uncertified colleagues they mentor (seed 003)."""
        rng = self.rng
        staff = [p for p in cast.people if p.school is LEADING_SCHOOL]
        certified = [p for p in staff if p.is_certified]
        newcomers = [p for p in staff if not p.is_certified and p.category == User.Category.PEDAGOGUE][:4]
        roles = {p.email: (p.role if p.role in (Role.COACH, Role.MENTOR) else Role.TEACHER) for p in certified}
        roles |= {p.email: Role.TEACHER for p in newcomers}
        roles[DIRECTOR] = Role.LEADER
        roles[LEADER] = Role.MENTOR

        others = [p for p in certified if p.email not in (DIRECTOR, LEADER, COACH)]
        primary = [p.email for p in others if "primary" in p.subjects]
        rest = [p.email for p in others if "primary" not in p.subjects]
        ict = [p.email for p in others if {"informatics", "digital-literacy"} & set(p.subjects)]
        levels_group = primary[:5] if len(primary) >= 4 else [*primary, *rest[: 4 - len(primary)]]
        thinkers = sample(rng, [e for e in rest if e not in ict], 5)
        spare = [e for e in rest if e not in ict and e not in thinkers]
        ict_group = [*ict, *sample(rng, spare, max(0, 4 - len(ict)))]
        newcomer_emails = [p.email for p in newcomers]
        groups = [
            (DAMU_LEVELS_GROUP, levels_group[0], levels_group),
            (DAMU_CRITICAL_THINKING_GROUP, thinkers[0], thinkers),
            (DAMU_ICT_GROUP, ict_group[0], ict_group),
            (DAMU_MENTORS_GROUP, LEADER, [LEADER, COACH, *sample(rng, primary + rest, 2), *newcomer_emails[:2]]),
        ]
        return roles, groups


def sample(rng: random.Random, population: Sequence[str], k: int) -> list[str]:
    unique = list(dict.fromkeys(population))
    return rng.sample(unique, min(k, len(unique)))


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def joined(lines: Iterable[str] | str) -> str:
    """Charter lists are stored one item per line."""
    return lines if isinstance(lines, str) else "\n".join(lines)


# --- Saving (looks everything up by natural key, adds only what is missing) -----------------


class Seeder:
    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.created: dict[str, int] = {}

    def count(self, what: str, n: int) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n

    def run(self) -> Network:
        district = self.district()
        schools = self.schools(district)
        users = self.users(schools)
        self.subjects(users)
        self.certifications(users)
        if not district.methodologists.filter(pk=users[METHODOLOGIST].pk).exists():
            district.methodologists.add(users[METHODOLOGIST])
            self.count("district methodologists", 1)

        shuaq = self.network(SHUAQ, Network.Kind.INTER_SCHOOL, SHUAQ_CHARTER, SHUAQ_TRANSLATIONS, users[LEADER])
        self.network_schools(shuaq, [(schools[LEADING_SCHOOL.name], NetworkSchool.Role.LEADING)])
        self.network_schools(shuaq, [(schools[s.name], NetworkSchool.Role.ATTACHED) for s in ATTACHED_SCHOOLS])
        roles = {p.email: p.role for p in self.cast.people if p.role}
        joined_at = {p.email: p.joined_at for p in self.cast.people if p.role}
        self.memberships(shuaq, users, roles, joined_at, invited_by=users[LEADER])
        self.groups(shuaq, users, self.cast.shuaq_groups)

        # An in-school community: only its own teachers should find it.
        damu = self.network(
            DAMU, Network.Kind.IN_SCHOOL, DAMU_CHARTER, DAMU_TRANSLATIONS, users[DIRECTOR], is_listed=False
        )
        self.network_schools(damu, [(schools[LEADING_SCHOOL.name], NetworkSchool.Role.LEADING)])
        self.memberships(damu, users, self.cast.damu_members, joined_at, invited_by=users[DIRECTOR])
        self.groups(damu, users, self.cast.damu_groups)

        self.join_requests(shuaq, users)
        self.invitation(shuaq, users[LEADER])
        self.school_request(district, users[OUTSIDER])
        return shuaq

    def district(self) -> District:
        # The regions come with a migration; get_or_create only guards a hand-edited database.
        region, _ = Region.objects.get_or_create(name=REGION)
        district, created = District.objects.get_or_create(
            region=region, name=DISTRICT, defaults={"kind": District.Kind.DISTRICT}
        )
        self.count("districts", int(created))
        return district

    def schools(self, district: District) -> dict[str, School]:
        schools = {}
        for spec in (*SCHOOLS, NEIGHBOUR_SCHOOL):
            school, created = School.objects.get_or_create(
                district=district, name=spec.name, defaults={"language": spec.language, "shifts": spec.shifts}
            )
            self.count("schools", int(created))
            schools[spec.name] = school
        return schools

    def users(self, schools: dict[str, School]) -> dict[str, User]:
        people = self.cast.people
        existing = set(User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True))
        # One hash for everyone: PBKDF2 is slow on purpose, and ~290 of them would take minutes.
        password = make_password(settings.ORTAQ_DEMO_PASSWORD)
        new = [
            User(
                email=p.email,
                full_name=p.full_name,
                password=password,
                language=p.language,
                school=schools[p.school.name] if p.school else None,
                position=p.position,
                category=p.category,
                is_staff=p.is_staff,
                is_superuser=p.is_superuser,
                date_joined=p.joined_at or timezone.now(),
            )
            for p in people
            if p.email not in existing
        ]
        User.objects.bulk_create(new)
        self.count("people", len(new))
        # Re-read rather than trust bulk_create to set primary keys on every backend.
        return {u.email: u for u in User.objects.filter(email__in=[p.email for p in people])}

    def subjects(self, users: dict[str, User]) -> None:
        through = User.subjects.through
        codes = dict(Subject.objects.values_list("code", "pk"))
        have = set(through.objects.filter(user__in=users.values()).values_list("user_id", "subject_id"))
        rows = [
            through(user_id=users[p.email].pk, subject_id=codes[code])
            for p in self.cast.people
            for code in p.subjects
            if code in codes and (users[p.email].pk, codes[code]) not in have
        ]
        through.objects.bulk_create(rows)
        self.count("subjects taught", len(rows))

    def certifications(self, users: dict[str, User]) -> None:
        have = set(
            Certification.objects.filter(user__in=users.values()).values_list("user_id", "kind", "level", "title")
        )
        rows = [
            Certification(user=users[p.email], kind=c.kind, level=c.level, year=c.year, title=c.title)
            for p in self.cast.people
            for c in p.certifications
            if (users[p.email].pk, c.kind, c.level, c.title) not in have
        ]
        Certification.objects.bulk_create(rows)
        self.count("certifications", len(rows))

    def network(
        self,
        name: str,
        kind: str,
        charter: dict[str, str | list[str]],
        translations: dict[str, dict[str, str | list[str]]],
        creator: User,
        *,
        is_listed: bool = True,
    ) -> Network:
        # Network names are not unique: take the oldest of that name, as a person would.
        network = Network.objects.filter(name=name).order_by("pk").first()
        if network is None:
            network = Network.objects.create(
                name=name,
                kind=kind,
                charter_language="kk",
                is_listed=is_listed,
                created_by=creator,
                translations={
                    language: {key: joined(value) for key, value in fields.items()}
                    for language, fields in translations.items()
                },
                **{key: joined(value) for key, value in charter.items()},
            )
            self.count("networks", 1)
        return network

    def network_schools(self, network: Network, links: list[tuple[School, str]]) -> None:
        have = set(network.school_links.values_list("school_id", flat=True))
        rows = [
            NetworkSchool(network=network, school=school, role=role, joined_on=founded())
            for school, role in links
            if school.pk not in have
        ]
        NetworkSchool.objects.bulk_create(rows)
        self.count("member schools", len(rows))

    def memberships(
        self,
        network: Network,
        users: dict[str, User],
        roles: dict[str, str],
        joined_at: dict[str, datetime.datetime | None],
        *,
        invited_by: User,
    ) -> None:
        have = set(network.memberships.values_list("user_id", flat=True))
        rows = [
            Membership(
                network=network,
                user=users[email],
                role=role,
                joined_at=joined_at.get(email) or at(founded()),
                invited_by=None if users[email] == invited_by else invited_by,
            )
            for email, role in roles.items()
            if users[email].pk not in have
        ]
        Membership.objects.bulk_create(rows)
        self.count("memberships", len(rows))

    def groups(self, network: Network, users: dict[str, User], plans: list[tuple[GroupSpec, str, list[str]]]) -> None:
        existing = {g.name: g for g in network.groups.all()}
        for spec, leader, _members in plans:
            if spec.name not in existing:
                existing[spec.name] = Group.objects.create(
                    network=network, name=spec.name, kind=spec.kind, description=spec.description, leader=users[leader]
                )
                self.count("groups", 1)
        groups = [existing[spec.name] for spec, _leader, _members in plans]

        have_members = set(GroupMembership.objects.filter(group__in=groups).values_list("group_id", "user_id"))
        member_rows = [
            GroupMembership(group=group, user=users[email])
            for group, (_spec, _leader, members) in zip(groups, plans, strict=True)
            for email in dict.fromkeys(members)
            if (group.pk, users[email].pk) not in have_members
        ]
        GroupMembership.objects.bulk_create(member_rows)
        self.count("group members", len(member_rows))

        have_tasks = set(GroupTask.objects.filter(group__in=groups).values_list("group_id", "title"))
        today = timezone.localdate()
        # Each task is given to a member in turn, due one after another from last week
        # on: the group's page shows one overdue, the members' own lists theirs.
        task_rows = [
            GroupTask(
                group=group,
                title=title,
                is_done=done,
                position=position,
                assignee=users[[leader, *members][position % (len(members) + 1)]],
                due_on=today + datetime.timedelta(days=14 * position - 19),
            )
            for group, (spec, leader, members) in zip(groups, plans, strict=True)
            for position, (title, done) in enumerate(spec.tasks, start=1)
            if (group.pk, title) not in have_tasks
        ]
        GroupTask.objects.bulk_create(task_rows)
        self.count("group tasks", len(task_rows))

    def join_requests(self, network: Network, users: dict[str, User]) -> None:
        for applicant in APPLICANTS:
            user = users[applicant.email]
            # Any earlier request, decided or not, means the demo already made its point:
            # a leader who approved or declined it in the demo must not see it come back.
            if network.join_requests.filter(user=user).exists() or network.memberships.filter(user=user).exists():
                continue
            JoinRequest.objects.create(network=network, user=user, message=applicant.message)
            self.count("requests to join", 1)

    def school_request(self, district: District, person: User) -> None:
        """The teacher outside every network has no school: theirs, written as people
        write it, is not in the list, and the leader finds the near name there."""
        if SchoolRequest.objects.filter(requested_by=person).exists() or person.school_id:
            return
        SchoolRequest.objects.create(name=DEMO_SCHOOL_ASKED, district=district, requested_by=person)
        self.count("schools asked for", 1)

    def invitation(self, network: Network, leader: User) -> None:
        if network.invitations.usable().filter(email="").exists():
            return
        Invitation.objects.create(network=network, role=Role.TEACHER, created_by=leader)
        self.count("invitation links", 1)


@dataclass
class Seeded:
    """What the demo command reports: the cast of people, «Шуақ», and what was added."""

    cast: Cast
    network: Network
    created: dict[str, int]


def seed() -> Seeded:
    """The schools, people, networks and groups of the seed texts; only what is missing."""
    cast = CastBuilder().build()
    with transaction.atomic():
        seeder = Seeder(cast)
        shuaq = seeder.run()
    return Seeded(cast, shuaq, seeder.created)
