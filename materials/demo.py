"""A lived-in library for the demo network «Шуақ» (made by ``ortaq demo``).

Forty-odd materials in Kazakh and a few in Russian, in the spirit of the seed texts:
the six open lessons of seed 004 (mathematics 9 «Квадрат теңдеулерді шешу»,
geography 7, English 6 «Holidays», Kazakh literature 10, informatics 5, primary 3),
medium-term plans and sequenced lessons, criteria-based summative assessment tasks
(БЖБ/ТЖБ), guides on dialogic teaching, criteria-based assessment, Lesson Study and
inclusive education, and the seeds' own articles. A few are for one working group,
one is public. The coach has assembled collections; colleagues have commented and
marked materials useful.

The files are made here, small and valid: a one-page PDF and a PNG drawn with
Pillow, no downloads and no binaries in the repository. Running ``seed`` again adds
only what is missing (materials and collections are found by their titles).
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import quote_plus

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from materials import actions
from materials.models import Collection, Comment, Material, UsefulMark
from networks.audiences import Visibility
from networks.models import Group, Network
from ortaq.lib.pdf import tiny_pdf
from subjects.models import Subject

NETWORK = "Шуақ"
DOMAIN = "demo.ortaq.kz"
COACH = f"coach@{DOMAIN}"
TEACHER = f"teacher@{DOMAIN}"
LEADER = f"leader@{DOMAIN}"
DIRECTOR = f"director@{DOMAIN}"
RANDOM_SEED = 2016

K = Material.Kind


# --- Small valid files -----------------------------------------------------------------------


def tiny_png(seed: int, *, width: int = 360, height: int = 240) -> bytes:
    """A small picture: a worksheet's grid with a few coloured cards on it."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 24):
        draw.line([(x, 0), (x, height)], fill=(220, 228, 236))
    for y in range(0, height, 24):
        draw.line([(0, y), (width, y)], fill=(220, 228, 236))
    palette = [(11, 110, 138), (242, 183, 5), (31, 122, 61), (179, 38, 30)]
    for _ in range(5):
        x, y = rng.randrange(0, width - 80), rng.randrange(0, height - 50)
        draw.rectangle([x, y, x + 72, y + 44], fill=rng.choice(palette), outline=(29, 38, 48))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- What the library holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    title: str
    kind: str
    subject: str | None
    grades: tuple[int, ...]
    codes: tuple[str, ...]
    tags: tuple[str, ...]
    description: str
    days_ago: int
    language: str = "kk"
    visibility: str = Visibility.NETWORK
    group: str | None = None  # the name of a «Шуақ» group, for group materials
    author: str | None = None  # an e-mail; otherwise a member teaching the subject
    picture: bool = False
    link: str = ""
    pdf: bool = True
    versions: tuple[str, ...] = ()  # notes of later versions
    comments: tuple[tuple[str, str], ...] = ()  # (e-mail or "", text); "" = a member of the network
    licence: str = Material.Licence.CC_BY


def video(query: str) -> str:
    return f"https://www.youtube.com/results?search_query={quote_plus(query)}"


ALL_GRADES = tuple(range(1, 12))
EXPERTS = "Диалогтық оқыту бойынша сарапшылар тобы"
RESEARCH = "Lesson Study зерттеу тобы"
DEVELOPING = "Дамытушы топ"

SPECS: tuple[Spec, ...] = (
    # The six open lessons of seed 004.
    Spec(
        "Квадрат теңдеулерді шешу",
        K.LESSON_PLAN,
        "mathematics",
        (9,),
        ("9.2.2.1", "9.2.2.2"),
        ("ашық сабақ", "топтық жұмыс", "проблемалық оқыту"),
        "**Сабақтың мақсаты:** мәтінді есептерді бір айнымалысы бар квадрат теңдеу құру арқылы шешу.\n\n"
        "**Сабақ барысы**\n\n"
        "1. Ой шақыру: «Теңдеудің түбірін тап» жылдам сұрақтары.\n"
        "2. Топтық жұмыс: мәтінді есепке теңдеу құру, дискриминант арқылы шешу.\n"
        "3. Кері байланыс: «Бағдаршам».\n\n"
        "Ашық сабақта бір оқушы есепті екі айнымалысы бар теңдеулер жүйесімен шешіп, сыныпта пікірталас "
        "туды. Екі тәсілмен де шешуді тапсырдық — үш топ та орындап, мәселені өздері шешті. Сабақ осы "
        "сәтімен құнды болды.",
        days_ago=610,
        visibility=Visibility.PUBLIC,
        comments=(
            ("", "Екі тәсілмен шешу идеясы өте ұнады, 8-сыныпта да қолданып көремін."),
            (COACH, "Пікірталас туған сәтті бейнежазбадан талдап, коучингте көрсетуге болады."),
        ),
    ),
    Spec(
        "Атлант мұхиты. Тынық мұхиты",
        K.LESSON_PLAN,
        "geography",
        (7,),
        ("7.3.2.1", "7.3.2.2"),
        ("ашық сабақ", "картамен жұмыс"),
        "Мұхиттардың географиялық орнын, жағалау сызығын және табиғат ерекшеліктерін салыстыру.\n\n"
        "- Контур картамен жұмыс\n- «Венн диаграммасы»: екі мұхитты салыстыру\n- Өзін-өзі бағалау парағы",
        days_ago=605,
        picture=True,
    ),
    Spec(
        "Holidays",
        K.LESSON_PLAN,
        "english",
        (6,),
        ("6.L3", "6.S3", "6.UE1"),
        ("ашық сабақ", "суретпен жұмыс", "өзара бағалау"),
        "Оқушылар сабақтың негізгі бөлімінде суретке қарап сөйлем құрады, қорытынды кезеңде топтар бір-бірінің "
        "тест жұмыстарын тексереді.\n\n*Learning objectives:* understand the main points of short talks "
        "about holidays; give an opinion at sentence level.",
        days_ago=600,
        language="en",
        comments=(("", "Топтардың бір-бірінің тестін тексеруі уақытты үнемдейді екен, 5-сыныпта қолданып көрдім."),),
    ),
    Spec(
        "Майлықожа Сұлтанқожаұлы. Өмірі мен шығармашылығы",
        K.LESSON_PLAN,
        "kazakh-literature",
        (10,),
        ("10.1.2.1", "10.2.3.1"),
        ("ашық сабақ", "терме", "«Ең үздік шебер сынып»"),
        "Майлықожаның термесін тыңдау арқылы қазақ халқының болмысын, салт-дәстүрін, әдет-ғұрпын талдау.\n\n"
        "Сабақ «Ең үздік шебер сынып» номинациясы бойынша мадақтамаға ие болды.",
        days_ago=598,
    ),
    Spec(
        "Компьютер құрылымы",
        K.LESSON_PLAN,
        "informatics",
        (5,),
        ("5.1.1.1", "5.1.1.2"),
        ("ашық сабақ", "робот", "АКТ"),
        "Оқушылар робот тапсырмаларын орындайды. Қорытынды бөлімде басқа мектептердің информатика "
        "мұғалімдері бейнесұрақтар қойып, оқушылар жауап береді.",
        days_ago=596,
        comments=(
            ("", "Бейнесұрақтар идеясы керемет! Біздің мектеп те келесі жолы қосыла ала ма?"),
            (COACH, "Әрине, онлайн сұхбат кестесіне енгіземіз."),
        ),
    ),
    Spec(
        "Шегіртке мен құмырсқа",
        K.LESSON_PLAN,
        "primary",
        (3,),
        ("3.1.2.1", "3.2.1.1"),
        ("ашық сабақ", "сахналау"),
        "Ұйымдастыру кезеңінде Тәуелсіздік туралы әңгіме, рәміздер арқылы топқа бөлу. Жаңа тақырыпты "
        "сахналау, ойша жалғастыру, сипаттау және сурет салу арқылы меңгеру.",
        days_ago=594,
        picture=True,
        comments=(("", "Сахналау кезеңінде ұялшақ балалар да белсене қатысты — рахмет!"),),
    ),
    # Mathematics 9: the topic grows into plans, assessment and worksheets.
    Spec(
        "Квадрат теңдеулер: тізбектелген сабақтар топтамасы",
        K.LESSON_SERIES,
        "mathematics",
        (9,),
        ("9.2.2.1", "9.2.2.2", "9.2.2.3", "9.2.2.4"),
        ("тізбектелген сабақтар", "ОМЖ"),
        "Бес сабақтан тұратын топтама: толымсыз квадрат теңдеулер, дискриминант, Виет теоремасы, "
        "мәтінді есептер, қорытынды сабақ. Әр сабақтың табыс критерийлері берілген.",
        days_ago=560,
        versions=("Бағалау критерийлері нақтыланды, 4-сабаққа саралау тапсырмалары қосылды.",),
    ),
    Spec(
        "«Квадрат теңдеулер» бөлімі бойынша жиынтық бағалау (БЖБ)",
        K.ASSESSMENT,
        "mathematics",
        (9,),
        ("9.2.2.1", "9.2.2.2", "9.2.2.3"),
        ("критериалды бағалау", "дескриптор", "БЖБ"),
        "Бөлім бойынша жиынтық бағалаудың тапсырмалары, бағалау критерийлері, ойлау дағдыларының деңгейлері "
        "және дескрипторлары. Балл қою кестесі қоса берілген.",
        days_ago=520,
        comments=(("", "3-тапсырманың дескрипторын екі бөлікке бөлген жөн сияқты: шешу және тексеру."),),
    ),
    Spec(
        "Квадрат теңдеу: деңгейлік жұмыс парағы",
        K.WORKSHEET,
        "mathematics",
        (9,),
        ("9.2.2.2",),
        ("саралау", "жұмыс парағы"),
        "Үш деңгейлі тапсырмалар: A — үлгі бойынша, B — дискриминант арқылы, C — мәтінді есеп.",
        days_ago=515,
        picture=True,
    ),
    Spec(
        "Решение квадратных уравнений",
        K.LESSON_PLAN,
        "mathematics",
        (8, 9),
        ("9.2.2.1",),
        ("групповая работа", "дискриминант"),
        "Краткосрочный план урока для классов с русским языком обучения: решение квадратных уравнений "
        "через дискриминант, работа в парах, взаимооценивание по критериям.",
        days_ago=480,
        language="ru",
    ),
    Spec(
        "Жай бөлшектер: орта мерзімді жоспар",
        K.MEDIUM_TERM_PLAN,
        "mathematics",
        (5,),
        ("5.1.2.1", "5.1.2.2", "5.1.2.5"),
        ("ОМЖ", "бөлшектер"),
        "5-сыныпқа арналған орта мерзімді жоспар: бөлім мақсаттары, сағат бөлінісі, ресурстар.",
        days_ago=450,
    ),
    # Geography, English, literature, informatics, primary: the other open lessons' follow-ups.
    Spec(
        "Дүниежүзілік мұхит: презентация",
        K.PRESENTATION,
        "geography",
        (7,),
        ("7.3.2.1",),
        ("презентация", "картамен жұмыс"),
        "Сабаққа арналған слайдтар: мұхиттардың картасы, ағыстар, мұхит ресурстары.",
        days_ago=590,
        picture=True,
    ),
    Spec(
        "География, 7-сынып: 2-тоқсан бойынша жиынтық бағалау (ТЖБ)",
        K.ASSESSMENT,
        "geography",
        (7,),
        ("7.3.2.1", "7.3.2.2", "7.3.3.1"),
        ("критериалды бағалау", "ТЖБ"),
        "Тоқсандық жиынтық бағалаудың спецификациясы, тапсырмалары және балл қою кестесі.",
        days_ago=380,
    ),
    Spec(
        "Holidays: picture cards",
        K.WORKSHEET,
        "english",
        (6,),
        ("6.S3",),
        ("суретпен жұмыс", "жұбымен жұмыс"),
        "Сөйлем құрауға арналған сурет карточкалары: топқа бір жинақ басып шығаруға болады.",
        days_ago=585,
        language="en",
        picture=True,
        pdf=False,
    ),
    Spec(
        "Summative assessment for the unit «Holidays and travel»",
        K.ASSESSMENT,
        "english",
        (6,),
        ("6.L3", "6.R2", "6.W3"),
        ("критериалды бағалау", "БЖБ"),
        "Listening, reading and writing tasks with assessment criteria and descriptors.",
        days_ago=420,
        language="en",
    ),
    Spec(
        "Майлықожа термелері: талдау кестесі",
        K.WORKSHEET,
        "kazakh-literature",
        (10,),
        ("10.2.3.1",),
        ("терме", "жұмыс парағы"),
        "Термені тыңдап, тақырыбын, идеясын, көркемдегіш құралдарын кестеге толтыру.",
        days_ago=580,
    ),
    Spec(
        "Компьютер құрылымы: бейнесабақ",
        K.VIDEO_LESSON,
        "informatics",
        (5,),
        ("5.1.1.1",),
        ("бейнесабақ", "АКТ"),
        "Ашық сабақтың бейнежазбасы: робот тапсырмалары және басқа мектептердің бейнесұрақтары.",
        days_ago=575,
        link=video("Компьютер құрылымы 5 сынып информатика"),
        pdf=False,
    ),
    Spec(
        "Әдебиеттік оқу, 3-сынып: «Ертегілер әлемі» бөлімі бойынша БЖБ",
        K.ASSESSMENT,
        "literary-reading",
        (3,),
        ("3.1.2.1", "3.2.1.1"),
        ("критериалды бағалау", "БЖБ", "бастауыш сынып"),
        "Мәтінді түсіну, кейіпкерге баға беру, ертегіні жалғастыру тапсырмалары; дескрипторлар.",
        days_ago=360,
    ),
    # Dialogic teaching, assessment, inclusion, Lesson Study: the network's methods.
    Spec(
        "Диалогтық оқыту: сабақта ашық сұрақтар қою",
        K.GUIDE,
        None,
        ALL_GRADES,
        (),
        ("диалогтық оқыту", "сұрақ қою", "Блум таксономиясы"),
        "Сарапшылар тобының әдістемелік нұсқаулығы: жабық және ашық сұрақтар, «күту уақыты», "
        "оқушылардың бір-бірінің жауабын дамытуы. Сабақты бақылау парағы қоса берілген.",
        days_ago=540,
        visibility=Visibility.GROUP,
        group=EXPERTS,
        author=COACH,
    ),
    Spec(
        "Диалогтық оқыту бойынша коучинг сессиясының жоспары",
        K.GUIDE,
        None,
        ALL_GRADES,
        (),
        ("коучинг", "диалогтық оқыту"),
        "Мұғалімдерге арналған 90 минуттық коучинг: мақсаты, күтілетін нәтиже, «Ойлан — жұптас — бөліс», рефлексия.",
        days_ago=530,
        author=COACH,
        comments=(("", "Осы жоспармен мектебімізде коучинг өткіздік, рефлексия бөлімі әсіресе пайдалы болды."),),
    ),
    Spec(
        "«Ойлау дағдыларын дамыту» тренингінің материалдары",
        K.PRESENTATION,
        None,
        ALL_GRADES,
        (),
        ("тренинг", "сыни тұрғыдан ойлау"),
        "Мектеп тренерінің слайдтары мен үлестірме материалдары.",
        days_ago=500,
        author=COACH,
        picture=True,
    ),
    Spec(
        "Критериалды бағалау: дескрипторларды құрастыру",
        K.GUIDE,
        None,
        tuple(range(5, 12)),
        (),
        ("критериалды бағалау", "дескриптор", "кері байланыс"),
        "Бағалау критерийінен дескрипторға: үлгілер, жиі жіберілетін қателер, тексеру парағы.",
        days_ago=470,
        author=LEADER,
        comments=(
            ("", "Дескрипторлардың үлгілері нақты, рахмет! Бастауыш сыныпқа арналған нұсқасы бола ма?"),
            (LEADER, "Бастауышқа арналған нұсқаны келесі айда жариялаймыз."),
        ),
    ),
    Spec(
        "Қалыптастырушы бағалау: 20 тәсіл",
        K.GUIDE,
        None,
        ALL_GRADES,
        (),
        ("қалыптастырушы бағалау", "кері байланыс"),
        "«Бағдаршам», «Екі жұлдыз, бір тілек», «Шығу парағы» және басқа тәсілдер: қашан, қалай қолдану.",
        days_ago=455,
    ),
    Spec(
        "Инклюзивті білім беру: тапсырмаларды бейімдеу",
        K.GUIDE,
        "special-education",
        tuple(range(1, 10)),
        (),
        ("инклюзивті білім беру", "саралау", "ерекше білім беру қажеттілігі"),
        "Ерекше білім беру қажеттілігі бар оқушыларға тапсырманы бейімдеу: көрнекілік, қадамдарға бөлу, "
        "уақыт, бағалау. Мысалдар математика мен қазақ тілі сабақтарынан.",
        days_ago=410,
        comments=(("", "Психологпен бірге талқыладық, жеке бағдарлама құруда көп көмектесті."),),
    ),
    Spec(
        "Жеке білім беру бағдарламасының үлгісі",
        K.OTHER,
        "special-education",
        tuple(range(1, 5)),
        (),
        ("инклюзивті білім беру",),
        "Бастауыш сынып оқушысына арналған жеке білім беру бағдарламасының толтырылған үлгісі.",
        days_ago=400,
        licence=Material.Licence.CC_BY_NC,
    ),
    Spec(
        "Lesson Study: зерттеу сабағын бақылау парағы",
        K.GUIDE,
        None,
        ALL_GRADES,
        (),
        ("Lesson Study", "сабақты бақылау"),
        "Зерттеу сабағын жоспарлау, үш «зерттелетін оқушыны» бақылау, сабақтан кейінгі сұхбат сұрақтары.",
        days_ago=445,
        visibility=Visibility.GROUP,
        group=RESEARCH,
    ),
    Spec(
        "Lesson Study нәтижелері: 7-сынып оқушыларының белсенділігі",
        K.ARTICLE,
        None,
        (7,),
        (),
        ("Lesson Study", "мектептің даму жоспары"),
        "Өзін-өзі бағалау 7-сынып оқушыларының сабаққа қызығушылығы төмен екенін көрсетті, ата-аналар "
        "сауалнамасы растады. Өзгеріс енгізу тобы SMART мақсаттар қойып, коучинг жоспарын құрды; екі "
        "цикл Lesson Study нәтижесінде оқушылардың сабақтағы белсенділігі артты.",
        days_ago=300,
        comments=((LEADER, "Осы мысалды мектептің даму жоспарын талқылағанда көрсетейік."),),
    ),
    Spec(
        "Сыни тұрғыдан ойлау: INSERT және Венн диаграммасы",
        K.GUIDE,
        None,
        tuple(range(5, 12)),
        (),
        ("сыни тұрғыдан ойлау", "стратегиялар"),
        "Дамытушы топтың жинағы: стратегияның мақсаты, сабақта қолдану реті, оқушы жұмыстарының үлгілері.",
        days_ago=280,
        visibility=Visibility.GROUP,
        group=DEVELOPING,
        author=COACH,
    ),
    # The seeds' own texts.
    Spec(
        "Желілік қоғамдастық — нәтижеге бағытталған іс-әрекет",
        K.ARTICLE,
        None,
        (),
        (),
        ("семинар", "ашық сабақ", "желілік қоғамдастық"),
        "Семинар туралы есеп: алты мұғалімнің ашық сабақтары, ПШО тренерлерінің пікірі, марапаттар.",
        days_ago=590,
        author=LEADER,
    ),
    Spec(
        "Жетекші мектеп: мәселе, ізденіс, келешек",
        K.ARTICLE,
        None,
        (),
        (),
        ("жетекші мектеп", "желілік қоғамдастық"),
        "Жетекші мектептің алғашқы жеті айы: 10 бекітілген мектеп, 280 педагог, көшбасшы ұстаздар тобы, "
        "курстан өтпеген мұғалімдерге тәлімгерлік.",
        days_ago=560,
        author=DIRECTOR,
    ),
    Spec(
        "Мектептегі кәсіби қоғамдастық және тәлімгерлік",
        K.ARTICLE,
        None,
        (),
        (),
        ("тәлімгерлік", "кәсіби қоғамдастық"),
        "Деңгейлік курстардан өткен мұғалімдердің кәсіби қоғамдастығы: мақсаты, міндеттері, тәлімгерлік жұмыс.",
        days_ago=350,
        author=DIRECTOR,
    ),
    # Other subjects, so the filters have something to find.
    Spec(
        "Жылу құбылыстары: орта мерзімді жоспар",
        K.MEDIUM_TERM_PLAN,
        "physics",
        (8,),
        ("8.3.1.1", "8.3.1.2", "8.3.2.1"),
        ("ОМЖ", "зертханалық жұмыс"),
        "Бөлім бойынша орта мерзімді жоспар: зертханалық жұмыстар, демонстрациялар, бағалау.",
        days_ago=330,
    ),
    Spec(
        "Суммативное оценивание за раздел «Тепловые явления», 8 класс",
        K.ASSESSMENT,
        "physics",
        (8,),
        ("8.3.1.1", "8.3.2.1"),
        ("критериальное оценивание", "СОР"),
        "Задания, критерии оценивания и дескрипторы суммативного оценивания за раздел.",
        days_ago=320,
        language="ru",
    ),
    Spec(
        "Жасуша құрылысы",
        K.LESSON_PLAN,
        "biology",
        (7,),
        ("7.1.2.1",),
        ("микроскоппен жұмыс",),
        "Өсімдік және жануар жасушаларын микроскоппен салыстыру, сызба салу, өзара бағалау.",
        days_ago=260,
        picture=True,
    ),
    Spec(
        "«Атом құрылысы» бөлімі бойынша БЖБ",
        K.ASSESSMENT,
        "chemistry",
        (8,),
        ("8.1.1.1", "8.1.1.2"),
        ("критериалды бағалау", "БЖБ"),
        "Бөлім бойынша жиынтық бағалау тапсырмалары мен балл қою кестесі.",
        days_ago=240,
    ),
    Spec(
        "Зат есім",
        K.LESSON_PLAN,
        "kazakh-language",
        (5,),
        ("5.4.1.1",),
        ("грамматика", "топтық жұмыс"),
        "Зат есімнің мағынасы мен сұрақтары: мәтінмен жұмыс, «Кім жылдам?» ойыны, шығу парағы.",
        days_ago=200,
    ),
    Spec(
        "Имя прилагательное",
        K.LESSON_PLAN,
        "russian-language",
        (6,),
        ("6.3.3.1",),
        ("грамматика",),
        "Краткосрочный план: разряды прилагательных, работа с текстом, дифференцированные задания.",
        days_ago=190,
        language="ru",
    ),
    Spec(
        "Қазақ хандығының құрылуы",
        K.PRESENTATION,
        "history-kazakhstan",
        (7,),
        ("7.3.1.1",),
        ("презентация", "тарихи карта"),
        "Керей мен Жәнібек, хандықтың құрылуының алғышарттары: слайдтар мен картамен жұмыс.",
        days_ago=170,
        picture=True,
    ),
    Spec(
        "Менің отбасым",
        K.WORKSHEET,
        "world-around",
        (2,),
        ("2.1.1.1",),
        ("бастауыш сынып", "жұмыс парағы"),
        "Отбасы ағашын толтыру, отбасы мүшелерінің міндеттері туралы сұрақтар.",
        days_ago=150,
        picture=True,
        pdf=False,
    ),
    Spec(
        "Достық",
        K.LESSON_PLAN,
        "self-knowledge",
        (4,),
        (),
        ("құндылықтар", "бастауыш сынып"),
        "Позитивті ой, дәйексөз, әңгіме, шығармашылық жұмыс, топтық ән: өзін-өзі тану сабағының құрылымы.",
        days_ago=120,
    ),
    Spec(
        "Алгоритм деген не?",
        K.VIDEO_LESSON,
        "digital-literacy",
        (3,),
        ("3.2.1.1",),
        ("бейнесабақ", "алгоритм"),
        "Бейнесабақ: күнделікті өмірдегі алгоритмдер, «Роботты жүргіз» ойыны.",
        days_ago=90,
        link=video("Алгоритм деген не 3 сынып цифрлық сауаттылық"),
        pdf=False,
    ),
    Spec(
        "Критериальное оценивание: как составить рубрику",
        K.GUIDE,
        None,
        tuple(range(5, 12)),
        (),
        ("критериальное оценивание", "рубрика"),
        "Методическое пособие: от цели обучения к критериям и рубрике, примеры по предметам.",
        days_ago=60,
        language="ru",
    ),
    Spec(
        "Онлайн сұхбатқа дайындық: мұғалімнің рефлексиялық күнделігі",
        K.GUIDE,
        None,
        ALL_GRADES,
        (),
        ("рефлексия", "онлайн сұхбат"),
        "Айына бір рет өтетін онлайн сұхбатқа дейін толтырылатын рефлексиялық күнделік үлгісі.",
        days_ago=20,
        author=TEACHER,
    ),
)


@dataclass(frozen=True)
class CollectionSpec:
    title: str
    description: str
    materials: tuple[str, ...]
    visibility: str = Visibility.NETWORK
    notes: dict[str, str] = field(default_factory=dict)


COLLECTIONS = (
    CollectionSpec(
        "Семинар: желілік қоғамдастық — нәтижеге бағытталған іс-әрекет",
        "Семинардағы алты ашық сабақ — математикадан бастауыш сыныпқа дейін — және семинар туралы есеп. "
        "Әр сабақты талдап, өз сыныбыңызға бейімдеңіз.",
        (
            "Желілік қоғамдастық — нәтижеге бағытталған іс-әрекет",
            "Квадрат теңдеулерді шешу",
            "Атлант мұхиты. Тынық мұхиты",
            "Holidays",
            "Майлықожа Сұлтанқожаұлы. Өмірі мен шығармашылығы",
            "Компьютер құрылымы",
            "Шегіртке мен құмырсқа",
        ),
        notes={"Квадрат теңдеулерді шешу": "Пікірталас туған сәтке назар аударыңыз."},
    ),
    CollectionSpec(
        "Диалогтық оқыту және критериалды бағалау: коучингке арналған топтама",
        "Коучинг сессияларына дайындалатын материалдар, пайдалану ретімен.",
        (
            "Диалогтық оқыту бойынша коучинг сессиясының жоспары",
            "Диалогтық оқыту: сабақта ашық сұрақтар қою",
            "Сыни тұрғыдан ойлау: INSERT және Венн диаграммасы",
            "Критериалды бағалау: дескрипторларды құрастыру",
            "Қалыптастырушы бағалау: 20 тәсіл",
        ),
    ),
    CollectionSpec(
        "Квадрат теңдеулер: бөлімге арналған материалдар",
        "Бөлімді жоспарлаудан жиынтық бағалауға дейін.",
        (
            "Квадрат теңдеулер: тізбектелген сабақтар топтамасы",
            "Квадрат теңдеулерді шешу",
            "Квадрат теңдеу: деңгейлік жұмыс парағы",
            "Решение квадратных уравнений",
            "«Квадрат теңдеулер» бөлімі бойынша жиынтық бағалау (БЖБ)",
        ),
        visibility=Visibility.PUBLIC,
    ),
)

USEFUL_MARKS = 140


# --- Seeding -------------------------------------------------------------------------------


class LibrarySeeder:
    def __init__(self, network: Network) -> None:
        self.network = network
        self.rng = random.Random(RANDOM_SEED)
        self.now = timezone.now()
        self.members = list(
            User.objects.filter(memberships__network=network, is_active=True).select_related("school").order_by("email")
        )
        self.by_email = {user.email: user for user in self.members}
        teaching = User.subjects.through.objects.filter(user__in=self.members).values_list("subject__code", "user_id")
        self.teachers: dict[str, list[int]] = {}
        for code, user_id in teaching.order_by("user_id"):
            self.teachers.setdefault(code, []).append(user_id)
        self.users = {user.pk: user for user in self.members}
        self.groups = {group.name: group for group in Group.objects.filter(network=network)}
        self.subjects = {subject.code: subject for subject in Subject.objects.all()}
        self.added: dict[str, int] = {}

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.added[what] = self.added.get(what, 0) + n

    def author_for(self, spec: Spec, index: int) -> User:
        if spec.author and spec.author in self.by_email:
            return self.by_email[spec.author]
        candidates = self.teachers.get(spec.subject or "", [])
        if candidates:
            return self.users[candidates[index % len(candidates)]]
        return self.by_email.get(TEACHER) or self.members[index % len(self.members)]

    def files(self, spec: Spec, index: int, version: int = 1) -> list[actions.Upload]:
        raw: list[ContentFile] = []
        if spec.pdf:
            lines = [f"Material {index + 1}, version {version}", "Generated for the Ortaq demo."]
            raw.append(ContentFile(tiny_pdf(spec.title, lines), name=f"{spec.title[:60]}.pdf"))
        if spec.picture:
            raw.append(ContentFile(tiny_png(index * 10 + version), name=f"{spec.title[:60]}.png"))
        return actions.validate_files(raw)

    def material(self, spec: Spec, index: int) -> Material | None:
        existing = Material.objects.filter(network=self.network, title=spec.title).first()
        if existing is not None:
            return None
        author = self.author_for(spec, index)
        created_at = self.now - datetime.timedelta(days=spec.days_ago, hours=self.rng.randrange(8, 17))
        coauthors = []
        if index % 7 == 3:  # now and then a colleague wrote it too
            others = [u for u in self.members if u.pk != author.pk and u.school_id == author.school_id]
            if others:
                coauthors.append(self.rng.choice(others))
        group = self.groups.get(spec.group or "")
        visibility = spec.visibility if group or spec.visibility != Visibility.GROUP else Visibility.NETWORK
        material = actions.publish_material(
            self.network,
            by=author,
            files=self.files(spec, index),
            link=spec.link,
            coauthors=coauthors,
            grades=spec.grades,
            objective_codes=list(spec.codes),
            tags=list(spec.tags),
            title=spec.title,
            description=spec.description,
            kind=spec.kind,
            subject=self.subjects.get(spec.subject or ""),
            language=spec.language,
            visibility=visibility,
            group=group,
            licence=spec.licence,
            school=author.school,
            created_at=created_at,
        )
        material.versions.update(created_at=created_at)
        self.count("materials")
        for number, note in enumerate(spec.versions, start=2):
            version = actions.add_version(material, by=author, files=self.files(spec, index, number), note=note)
            version.created_at = created_at + datetime.timedelta(days=30 * (number - 1))
            version.save(update_fields=["created_at"])
            self.count("versions")
        for position, (email, text) in enumerate(spec.comments):
            writer = self.by_email.get(email) if email else self.rng.choice(self.members)
            if writer is None:
                continue
            comment = actions.comment(material, author=writer, body=text)
            Comment.objects.filter(pk=comment.pk).update(
                created_at=created_at + datetime.timedelta(days=2 + position * 3, hours=position)
            )
            self.count("comments")
        return material

    def useful_marks(self, materials: list[Material]) -> None:
        have = set(UsefulMark.objects.filter(material__network=self.network).values_list("material_id", "user_id"))
        wanted = set()
        # Older materials have had more time to be found useful.
        weights = [1 + (self.now - m.created_at).days / 100 for m in materials]
        for _ in range(USEFUL_MARKS):
            material = self.rng.choices(materials, weights=weights)[0]
            wanted.add((material.pk, self.rng.choice(self.members).pk))
        new = [UsefulMark(material_id=m, user_id=u) for m, u in sorted(wanted - have)]
        UsefulMark.objects.bulk_create(new, ignore_conflicts=True)
        self.count("«useful» marks", len(new))
        if new:
            counts = dict(
                UsefulMark.objects.filter(material__network=self.network)
                .values("material")
                .annotate(n=Count("pk"))
                .values_list("material", "n")
            )
            for material in materials:
                Material.objects.filter(pk=material.pk).update(useful_count=counts.get(material.pk, 0))

    def collections(self, coach: User) -> None:
        by_title = {m.title: m for m in Material.objects.filter(network=self.network)}
        for number, spec in enumerate(COLLECTIONS):
            if Collection.objects.filter(network=self.network, title=spec.title).exists():
                continue
            collection = actions.create_collection(
                self.network, by=coach, title=spec.title, description=spec.description, visibility=spec.visibility
            )
            Collection.objects.filter(pk=collection.pk).update(
                created_at=self.now - datetime.timedelta(days=200 - 60 * number)
            )
            for title in spec.materials:
                if title in by_title:
                    actions.add_to_collection(collection, by_title[title], by=coach, note=spec.notes.get(title, ""))
            self.count("collections")

    def run(self) -> None:
        for index, spec in enumerate(SPECS):
            self.material(spec, index)
        materials = list(Material.objects.filter(network=self.network, title__in=[s.title for s in SPECS]))
        if materials and not UsefulMark.objects.filter(material__network=self.network).exists():
            self.useful_marks(materials)
        coach = self.by_email.get(COACH) or self.members[0]
        self.collections(coach)


def seed(stdout: IO[str]) -> None:
    """Fills the library of «Шуақ»; changes nothing when it is already there."""
    network = Network.objects.filter(name=NETWORK).first()
    if network is None or not network.memberships.exists():
        stdout.write(f"Library: no «{NETWORK}» network yet; run the demo command first.\n")
        return
    with transaction.atomic():
        seeder = LibrarySeeder(network)
        seeder.run()
    if seeder.added:
        stdout.write("Library added (" + ", ".join(f"{what}: {n}" for what, n in seeder.added.items()) + ").\n")
    else:
        stdout.write("Library already in place; nothing changed.\n")
