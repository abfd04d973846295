from django.db import migrations

# The school development rubric, «Мектептің даму бағыттары» (seed 002, appendix 2): the
# Kazakh is the seed's own text; Russian and English are our translations. The seed's
# table is headed «Оқу мен оқыту» (teaching and learning): it names that as the rubric's
# subject, not as a row with descriptors of its own, so the areas are its three rows.

STAGES = [
    (1, "Дамудың басталуы", "Начало развития", "Beginning of development"),
    (2, "Кейінгі даму", "Дальнейшее развитие", "Further development"),
    (3, "Жергілікті жердегі табысты тәжірибелер", "Успешные практики на местах", "Local successful practice"),
    (4, "Көшбасшылықты дамыту", "Лидерство в развитии других", "Leading the development of others"),
]

AREAS = [
    ("leadership", "Көшбасшылық", "Лидерство", "Leadership"),
    (
        "professional-development",
        "Оқыту тәжірибесін жетілдіру үшін мұғалімнің біліктілігін арттыру",
        "Повышение квалификации учителей для совершенствования практики преподавания",
        "Teachers' professional development to improve teaching practice",
    ),
    ("community", "Қоғамдастық", "Сообщество", "Community"),
]

# (area, stage): (kk, ru, en)
DESCRIPTORS = {
    ("leadership", 1): (
        "Көшбасшылық негізінен тиісті курстарға жіберілген аға және орта көшбасшылар арасында бөлінеді. "
        "Қызметкерлер арасында дарынды анықтау ерте кезеңде жүргізіледі және мектеп басшыларының аға "
        "көшбасшылармен сұхбаттасуы негізінде жүреді.\n"
        "Директор мен аға көшбасшылар тақырып ауқымында озат мұғалімдердің деңгейін біледі, бірақ ондай "
        "мәлімет бір жерге жиналмаған және жүйелі негізде қайта қарастырылып отырмайды.\n"
        "Анықталған адамдарға тиісті сыртқы курстардан өтуге мүмкіндік беріледі.\n"
        "Директор кәсіби дамудың барлық мәселелері бойынша жауапкершілікті директордың орынбасарына немесе "
        "көмекшісіне жүктеген.",
        "Лидерство в основном распределено между старшими и средними руководителями, направленными на "
        "соответствующие курсы. Выявление талантов среди сотрудников проводится на раннем этапе и строится на "
        "беседах руководителей школы со старшими руководителями.\n"
        "Директор и старшие руководители знают уровень лучших учителей в своей области, но эти сведения не "
        "собраны в одном месте и не пересматриваются систематически.\n"
        "Выявленным сотрудникам дают возможность пройти соответствующие внешние курсы.\n"
        "Директор возложил ответственность за все вопросы профессионального развития на заместителя или "
        "помощника.",
        "Leadership is mostly shared among senior and middle leaders sent on the relevant courses. Talent "
        "among the staff is spotted early, through the school leaders' conversations with senior leaders.\n"
        "The director and senior leaders know the level of the best teachers in their field, but this "
        "knowledge is not gathered in one place and is not reviewed systematically.\n"
        "The people spotted are given the chance to take the relevant external courses.\n"
        "The director has delegated responsibility for all matters of professional development to a deputy "
        "or an assistant.",
    ),
    ("leadership", 2): (
        "Көшбасшылық ету мүмкіндігі барлық қызметкерлерге берілген.\n"
        "Дарынды анықтау оқыту тәжірибесімен байланысты тұрақты пікірлердің негізінде жүйелі негізде "
        "жүргізіледі.\n"
        "Директор мен басқарушы персонал өз қызметкерлерінің білімдерін, соның ішінде әріптестерімен бірлесіп "
        "жақсы жұмыс істеу қабілеттерін зерделеп салыстырады.\n"
        "Бұл тәлімгерлер мен коучтерді анықтауда және орналастыруда қолданылады.",
        "Возможность лидерства дана всем сотрудникам.\n"
        "Таланты выявляются систематически, на основе регулярных отзывов о практике преподавания.\n"
        "Директор и управленческий персонал изучают и сопоставляют знания своих сотрудников, в том числе "
        "умение хорошо работать вместе с коллегами.\n"
        "Это используется при выборе и расстановке наставников и коучей.",
        "Every member of staff is given the opportunity to lead.\n"
        "Talent is identified systematically, from regular feedback on teaching practice.\n"
        "The director and the management study and compare their staff's knowledge, including their ability "
        "to work well together with colleagues.\n"
        "This is used to choose and place mentors and coaches.",
    ),
    ("leadership", 3): (
        "Көшбасшылық кәсіби қызметпен және коучинг пен тәлімгерлік арқылы тығыз қарым-қатынасты дамытумен "
        "байланысты және сол арқылы бөлінеді.\n"
        "Оқушылардың көшбасшылығы көтермеленеді.\n"
        "Қызметкерлер туралы деректер кәсіби даму мен көшбасшылықты дамыту үшін және коучтер мен "
        "тәлімгерлерді анықтау үшін қолданылады. Бүкіл қызметкерлер коучтер мен тәлімгерлердің тәжірибесін "
        "жетілдіруге қолдау көрсетулері керек деп көзделеді.",
        "Лидерство связано с профессиональной деятельностью и с развитием тесных отношений через коучинг и "
        "наставничество и распределяется через них.\n"
        "Лидерство учеников поощряется.\n"
        "Данные о сотрудниках используются для профессионального развития и развития лидерства, а также для "
        "выбора коучей и наставников. Предполагается, что все сотрудники поддерживают совершенствование "
        "практики коучей и наставников.",
        "Leadership is tied to professional work and to close relationships built through coaching and "
        "mentoring, and is shared through them.\n"
        "Pupils' leadership is encouraged.\n"
        "Data on the staff is used for professional development and leadership development, and to choose "
        "coaches and mentors. All staff are expected to support the improvement of the coaches' and mentors' "
        "practice.",
    ),
    ("leadership", 4): (
        "Көшбасшылықты дамыту бүкіл қызметкерлердің кәсіби дамуын қамтиды.\n"
        "Оқушылардың көшбасшылығын дамыту жетілдірілуде.\n"
        "Тәжірибелі қызметкерлер өздерінің көшбасшылық туралы курстарда, сондай-ақ серіктес мектептерде "
        "жинақтаған тәжірибелерімен бөліседі.\n"
        "Мектептің дарындарды анықтап, көшбасшылықты дамытуда бірталай тәжірибесі бар.\n"
        "Қызметкерлер туралы деректер тәжірибе алмасуды толығымен пайдалану тәсілдерін зерделейтін әріптестер "
        "арасында құпиялықты бұзбай және тұлғаның жеке бостандығына нұқсан келтірмей таратылады. Әр пән "
        "бойынша озат мұғалімдер анықталған, сондай-ақ олардың әлеуеті барлық қызметкерлерді кәсіби дамытуда "
        "қолданылады.",
        "Развитие лидерства охватывает профессиональное развитие всех сотрудников.\n"
        "Развитие лидерства учеников совершенствуется.\n"
        "Опытные сотрудники делятся опытом, накопленным на курсах лидерства и в школах-партнёрах.\n"
        "У школы есть значительный опыт выявления талантов и развития лидерства.\n"
        "Данные о сотрудниках распространяются среди коллег, изучающих, как в полной мере использовать обмен "
        "опытом, без нарушения конфиденциальности и личной свободы. По каждому предмету определены лучшие "
        "учителя, и их потенциал используется в профессиональном развитии всех сотрудников.",
        "Leadership development covers the professional development of all staff.\n"
        "The development of pupils' leadership is being refined.\n"
        "Experienced staff share what they gained on leadership courses and in partner schools.\n"
        "The school has considerable experience of identifying talent and developing leadership.\n"
        "Data on the staff is shared among colleagues who study how to make full use of the exchange of "
        "practice, without breaching confidentiality or personal freedom. The best teachers of each subject "
        "are known, and their potential is used in the professional development of all staff.",
    ),
    ("professional-development", 1): (
        "Мектеп қызметкерлерінің тәжірибе алмасқанын, сонымен бірге мұғалімдердің сыртқы курстарға "
        "қатысқанын құптайды.",
        "Школа одобряет обмен опытом между сотрудниками, а также участие учителей во внешних курсах.",
        "The school welcomes its staff sharing practice, and teachers taking part in external courses.",
    ),
    ("professional-development", 2): (
        "Мектеп әріптестер арасында бір-бірінің сабақтарын бақылауды енгізді.\n"
        "Қызметкерлер арасында коучинг және тәлімгерлік жүргізіледі, алайда ол тұрақты және жүйелі негізде "
        "емес және де оны энтузиасттар жүргізеді.",
        "Школа ввела взаимное наблюдение уроков коллегами.\n"
        "Среди сотрудников ведутся коучинг и наставничество, но не постоянно и не систематически, и ведут их "
        "энтузиасты.",
        "The school has introduced colleagues observing each other's lessons.\n"
        "Coaching and mentoring happen among the staff, but not regularly or systematically, and enthusiasts "
        "lead them.",
    ),
    ("professional-development", 3): (
        "Мектеп өзінің күнделікті жұмысының бөлігі ретінде коучинг пен тәлімгерлік жүргізуді, оқушылар "
        "тарапынан кері байланыс ала отырып, бір бірінің сабақтарына баруды, Lesson Study-ді қоса алғанда "
        "өзінің Мұғалімдердің біліктілігін арттыру жүйесін дамытады.\n"
        "Тәлімгерлік пен коучинг және тренинг өткізу мектептегі кәсіби даму моделінің бір бөлігі болып "
        "табылады. Тәлімгер мен коуч арасындағы айырмашылық рөлдерді бөлуден көрінеді.\n"
        "Оқушылар арасында тәлімгерлік және коучинг, әсіресе тікелей тьюторлық дамыған.",
        "Школа развивает свою систему повышения квалификации учителей как часть повседневной работы: "
        "коучинг и наставничество, взаимное посещение уроков с обратной связью от учеников, включая Lesson "
        "Study.\n"
        "Наставничество, коучинг и тренинги — часть школьной модели профессионального развития. Различие "
        "между наставником и коучем видно в распределении ролей.\n"
        "Среди учеников развиты наставничество и коучинг, особенно непосредственное тьюторство.",
        "As part of its everyday work the school develops its own system of teachers' professional "
        "development: coaching and mentoring, visiting each other's lessons with feedback from pupils, Lesson "
        "Study included.\n"
        "Mentoring, coaching and training are part of the school's model of professional development. The "
        "difference between a mentor and a coach shows in how the roles are shared.\n"
        "Mentoring and coaching among pupils, especially direct tutoring, are well developed.",
    ),
    ("professional-development", 4): (
        "Мектепте кәсіби дамудың өте күрделі моделі – Үздіксіз кәсіби даму жүйесі қалыптасқан, ол Деңгейлі "
        "бағдарламаның үшінші, екінші және бірінші деңгейлерін біртұтас және сабақтас жоспарлау "
        "бағдарламасына біріктіреді.\n"
        "Үшінші деңгей бағдарламасы бойынша оқыған мұғалімдер сыныпта оқытуды жетілдіруде көшбасшы болып "
        "табылады. Екінші деңгей бағдарламасы бойынша оқыған мұғалімдер әріптестерін оқытады. Бірінші деңгей "
        "бағдарламасы бойынша оқыған мұғалімдер мектеп директорымен бірлесіп, мектепті стратегиялық дамыту "
        "бағытында жұмыс істейді.\n"
        "Мектеп тәлімгерлік пен коучинг бойынша сыртқы курстарды ұйымдастырады.\n"
        "Қызметкерлер жобалау және инновацияларды басқару саласында маманданған, ал мектеп инновация "
        "орталығы ретінде қызмет көрсетеді. Әріптес мектептермен бірлесіп жасалатын жаңа әзірлемелер кәсіби "
        "даму жөніндегі курстарда ынтымақтастықта жасалады.",
        "В школе сложилась очень развитая модель профессионального развития — система непрерывного "
        "профессионального развития, объединяющая третий, второй и первый уровни Уровневой программы в единую "
        "и преемственную программу планирования.\n"
        "Учителя, прошедшие программу третьего уровня, — лидеры в совершенствовании обучения в классе. "
        "Учителя, прошедшие программу второго уровня, обучают коллег. Учителя, прошедшие программу первого "
        "уровня, вместе с директором работают над стратегическим развитием школы.\n"
        "Школа организует внешние курсы по наставничеству и коучингу.\n"
        "Сотрудники специализируются в проектировании и управлении инновациями, а школа служит центром "
        "инноваций. Новые разработки со школами-партнёрами создаются сообща на курсах профессионального "
        "развития.",
        "The school has a highly developed model of professional development — a system of continuous "
        "professional development that joins the third, second and first levels of the Level Programme into "
        "one continuous plan.\n"
        "Teachers trained at the third level lead the improvement of teaching in the classroom. Teachers "
        "trained at the second level teach their colleagues. Teachers trained at the first level work with "
        "the director on the school's strategic development.\n"
        "The school runs external courses on mentoring and coaching.\n"
        "Staff specialise in designing and managing innovation, and the school serves as a centre of "
        "innovation. New work with partner schools is developed together on professional development "
        "courses.",
    ),
    ("community", 1): (
        "Бірқатар облыстарда директорлар мен тәжірибелі көшбасшылар деңгейінде мектептер арасында сенім "
        "қалыптастырудың шектеулі тәжірибесі бар.\n"
        "Барлық тараптан пейілділік танытылуда, бірақ жеткілікті дәрежеде ашық және шынайы емес.",
        "В ряде областей есть ограниченный опыт формирования доверия между школами на уровне директоров и "
        "опытных руководителей.\n"
        "Все стороны проявляют доброжелательность, но недостаточно открыто и искренне.",
        "In some regions there is limited experience of building trust between schools at the level of "
        "directors and experienced leaders.\n"
        "Every side shows goodwill, but not openly and sincerely enough.",
    ),
    ("community", 2): (
        "Тәжірибелі көшбасшылар арасында ашықтық пен шынайылыққа негізделген сенім орнаған және қазіргі таңда "
        "мектептің барлық қызметкерлері арасында таратылуда.\n"
        "Барлық серіктес мектептердің тәжірибелі көшбасшылары әр серіктестің ұсына алатын құнды ұсынысы бар "
        "деп санайды.\n"
        "Әр серіктес немесе әр қызметкер өзге(лер)ге ұсына алатын және өзге(лер)ден алуға болатын нәрселерді "
        "анықтау шаралары жүргізілуде.",
        "Между опытными руководителями установилось доверие, основанное на открытости и искренности, и сейчас "
        "оно распространяется на всех сотрудников школы.\n"
        "Опытные руководители всех школ-партнёров считают, что каждому партнёру есть что ценного предложить.\n"
        "Проводится работа, чтобы определить, что каждый партнёр или сотрудник может предложить другим и что "
        "может получить от них.",
        "Trust based on openness and sincerity has been established among experienced leaders and is now "
        "spreading to all the school's staff.\n"
        "The experienced leaders of all partner schools believe that every partner has something of value to "
        "offer.\n"
        "Work is under way to find out what each partner or member of staff can offer others and receive from "
        "them.",
    ),
    ("community", 3): (
        "Қызметкерлер арасында өзара сенім жақсы дамыған және мектеп кеңесі, мұғалімдер мен ата-аналар "
        "арасында дамып жатыр.\n"
        "Мезгіл-мезгіл өзара сенім дәрежесі тексеріліп тұрады.\n"
        "Мектептерде оқушылар арасында сенім қалыптастыру шаралары қабылдануда.\n"
        "Барлық деңгейлерде соның ішінде өзара қажеттіліктері жоғары деңгейде қанағаттандырылған оқушылар "
        "арасында өзара әрекеттестік орнаған.",
        "Взаимное доверие среди сотрудников хорошо развито и развивается между школьным советом, учителями и "
        "родителями.\n"
        "Уровень взаимного доверия периодически проверяется.\n"
        "В школах принимаются меры по формированию доверия среди учеников.\n"
        "На всех уровнях, в том числе среди учеников, чьи взаимные потребности удовлетворены в высокой "
        "степени, установилось взаимодействие.",
        "Mutual trust among the staff is well developed and is growing between the school council, teachers "
        "and parents.\n"
        "The level of mutual trust is checked from time to time.\n"
        "The schools are taking steps to build trust among pupils.\n"
        "Cooperation is established at every level, including among pupils whose mutual needs are met to a "
        "high degree.",
    ),
    ("community", 4): (
        "Қазіргі кезде жоғары деңгейлі сенім орнаған және әрбір деңгейде сенім орнату және қолдау саласында "
        "басқа серіктестерге кеңес беру және қолдау көрсету үшін жеткілікті сенім мен тәжірибе жинақталған.\n"
        "Өзара әрекеттердің тиімділігі тексеріліп тұрады, ал сапасына сырттан кепілдік беріледі.\n"
        "Қызметкерлердің оқу мен оқытуды жетілдіру үшін өзара әрекеттестік қағидатын орнату және оны "
        "тәжірибеде басқару бойынша өзге мектептерге қолдау көрсетуде тәжірибесі бар.",
        "Сейчас установлено высокое доверие, и на каждом уровне накоплено достаточно доверия и опыта, чтобы "
        "консультировать и поддерживать других партнёров в установлении и поддержании доверия.\n"
        "Эффективность взаимодействия регулярно проверяется, а его качество подтверждается извне.\n"
        "У сотрудников есть опыт поддержки других школ в установлении принципа взаимодействия ради "
        "совершенствования обучения и преподавания и в управлении им на практике.",
        "A high level of trust is now established, and at every level enough trust and experience has "
        "been gathered to advise and support other partners in building and keeping trust.\n"
        "The effectiveness of the cooperation is checked regularly, and its quality is assured from outside.\n"
        "The staff have experience of supporting other schools in setting up cooperation to improve learning "
        "and teaching, and in managing it in practice.",
    ),
}


def add_rubric(apps, schema_editor):
    """Writes the rubric, or brings it back to the seed's text: running it twice
    changes nothing."""
    RubricStage = apps.get_model("plans", "RubricStage")
    RubricArea = apps.get_model("plans", "RubricArea")
    Descriptor = apps.get_model("plans", "Descriptor")
    stages = {}
    for number, kk, ru, en in STAGES:
        stages[number], _ = RubricStage.objects.update_or_create(
            number=number, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )
    areas = {}
    for position, (code, kk, ru, en) in enumerate(AREAS):
        areas[code], _ = RubricArea.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position}
        )
    for (code, number), (kk, ru, en) in DESCRIPTORS.items():
        Descriptor.objects.update_or_create(
            area=areas[code], stage=stages[number], defaults={"text_kk": kk, "text_ru": ru, "text_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_rubric, migrations.RunPython.noop)]
