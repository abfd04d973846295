"""A deterministic dataset for the benchmark, written with bulk inserts.

Everything comes from one seeded random generator and the day it is built on (the
dates follow the current academic year, so the calendar has this month's events),
so two builds on the same day are identical. Rows get explicit primary keys, which
lets every foreign key and every stored counter (a thread's ``last_number``,
``reply_count`` and ``last_post_at``, a category's ``thread_count``, a material's
``current_version``) be written right the first time, with no second pass.

Layout: schools come in networks of ten (a leading school and nine attached ones).
The *focus network*, the one the benchmark reads, holds all the content at size S
and half of it at larger sizes (the rest is spread over the other networks), so its
forum, library and calendar grow with the size: that is what the M ÷ S ratios
measure. Its forum has one thread of 5,000 posts.

The search index is written from the same data (``SearchDocument`` rows built
through ``search.index.fields_of``, then one FTS5 'rebuild'); a test checks that it
equals what ``search.index.rebuild()`` writes.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from calendars.actions import add_academic_year
from calendars.schoolyear import SchoolYear, year_starting
from events.models import Event, Participation
from forums.actions import note_first_posts
from forums.demo_content import CATEGORIES, GROUP_THREADS, THREADS
from forums.models import Category, Forum, Post, Subscription, Thread, page_start
from materials.models import Authorship, LearningObjective, Material, MaterialVersion, Tag
from networks.audiences import Visibility
from networks.demo import KAZAKH_FEMALE_NAMES, KAZAKH_MALE_NAMES, KAZAKH_SURNAMES
from networks.models import Group, GroupMembership, Membership, Network, NetworkSchool, Role
from notifications.actions import quietly
from notifications.models import Notice
from ortaq.lib.markdown import plain_text, render_markdown
from plans import actions as plan_actions
from plans.models import RubricArea, RubricStage
from schools.models import District, Region, School
from search import engine
from search.index import count_words, fields_of, write_words
from search.models import SearchDocument
from subjects.models import Subject

SEED = 20260901
BATCH = 2000
SCHOOLS_PER_NETWORK = 10
FOCUS_SHARE = 0.5  # of the content, when there is more than one network
# Events are the exception: the calendar under test shows one network's month, and a
# busy network plans about this many events a year however big the region around it
# is. Half of a region's events in one network would measure a busier page, not a
# bigger database.
FOCUS_EVENTS = 200
PASSWORD = "bench-password-not-secret"  # noqa: S105 (a throwaway database)


@dataclass(frozen=True)
class Size:
    name: str
    schools: int
    teachers: int
    threads: int
    posts: int
    materials: int
    events: int
    # 4,999 replies and the opening post: 5,000 posts, so the last page is a full page of
    # 20 like the first (with 5,000 replies it showed one post, and its cost flattered).
    big_thread_replies: int = 4999
    # The teacher questionnaire's answers the results page reads (issue 18's goal: a
    # results page over 2,000 responses).
    survey_responses: int = 2000


SIZES = {
    "S": Size("S", 10, 200, 1_000, 20_000, 2_000, 200),
    "M": Size("M", 100, 3_000, 10_000, 250_000, 20_000, 3_000),
    "L": Size("L", 1_000, 30_000, 100_000, 2_500_000, 200_000, 30_000),
}
# For the tests: every kind of row, in a fraction of a second.
TINY = Size("T", 12, 30, 8, 60, 12, 6, big_thread_replies=39, survey_responses=24)


# --- Text ----------------------------------------------------------------------------------


def _sentences() -> list[str]:
    """Kazakh sentences of the demo forum, as a pool to write posts from."""
    texts = []
    for spec in (*THREADS, *GROUP_THREADS):
        texts.append(spec.body)
        texts.extend(body for _author, body in spec.replies)
    found = []
    for text in texts:
        for line in text.replace("\n", " ").split(". "):
            line = line.strip().replace("@", "").replace("**", "").replace("*", "")
            if len(line) > 20 and not line.startswith("-"):
                found.append(line.rstrip(".") + ".")
    return list(dict.fromkeys(found))


THREAD_TITLES = [spec.title for spec in (*THREADS, *GROUP_THREADS)]
TOPICS = (
    "Бөлшектерді қосу және азайту", "Зат есімнің септелуі", "Жасушаның құрылысы", "Қазақ хандығының құрылуы",
    "Химиялық реакция түрлері", "Ньютон заңдары", "Абай Құнанбайұлының қара сөздері", "Сызықтық теңдеулер",
    "Табиғи зоналар", "Present Simple", "Алгоритм және программа", "Дыбыс және әріп", "Экожүйелер",
    "Мәтінмен жұмыс", "Геометриялық фигуралар", "Ұлы Жібек жолы", "Фотосинтез", "Электр тогы",
)  # fmt: skip
TAGS = (
    "диалогтық оқыту", "критериалды бағалау", "саралау", "инклюзия", "топтық жұмыс", "рефлексия",
    "функционалдық сауаттылық", "STEM", "кері байланыс", "жаңартылған бағдарлама",
)  # fmt: skip
EVENT_TITLES = (
    "Онлайн сұхбат: критериалды бағалау", "Ашық сабақ", "Коучинг сессиясы", "Әдістемелік семинар",
    "Диалог алаңы", "Вебинар: инклюзивті оқыту", "Тәлімгерлер кездесуі", "Lesson Study тобының отырысы",
)  # fmt: skip


@dataclass(frozen=True)
class Text:
    body: str
    html: str
    plain: str


# The library's Russian materials (one in five) are written in Russian: the demo forum
# has few Russian sentences, and search is measured on Russian forms too
# (search/evaluation.py). Written for the bench, in the words of Russian-medium
# teachers' materials.
RUSSIAN_SENTENCES = (
    "Краткосрочный план урока для 8 класса: решение квадратных уравнений через дискриминант.",
    "Ученики работают в парах и решают квадратное уравнение по алгоритму.",
    "Учитель задаёт вопросы, которые ведут учеников к выводу формулы.",
    "Критериальное оценивание на уроках математики: дескрипторы к каждому заданию.",
    "Формативное оценивание помогает учителю увидеть, что ученик уже понял.",
    "Для суммативного оценивания за четверть в программе даны спецификации.",
    "Вопросы для рефлексии в конце урока: что было трудно, что получилось?",
    "В нашей школе учителя начальных классов проводят уроки в форме диалога.",
    "Учебная программа по алгебре для 8 класса, раздел «Квадратные уравнения».",
    "На открытом уроке присутствовали учителя трёх школ района.",
    "Рабочий лист с вопросами разного уровня для учеников 7 класса.",
    "Программа внеурочной деятельности для учеников с особыми образовательными потребностями.",
    "Как организовать работу в группах, чтобы каждый ученик был занят?",
    "Учителям предметникам: примеры вопросов высокого порядка по таксономии Блума.",
    "Урок-исследование по физике: ученики проверяют закон Ома на опыте.",
    "В классе тридцать учеников, поэтому задания даются по уровням.",
    "Школа участвует в проекте по развитию функциональной грамотности учеников.",
    "Методические рекомендации по оцениванию устных ответов на уроках русского языка.",
    "Решение уравнений, сводящихся к квадратным, с проверкой корней.",
    "Обратная связь учителя ученику: что получилось и над чем работать дальше.",
    "Учебный диалог в начальной школе строится на открытых вопросах.",
    "Сборник задач: квадратный трёхчлен, неполные квадратные уравнения, теорема Виета.",
    "Программа семинара для учителей школы по критериальному оцениванию.",
    "Ученики старших классов готовят вопросы к дебатам о функциональной грамотности.",
    "Урок литературы в 9 классе: анализ стихотворения Абая в русском переводе.",
    "Как учителю вести портфолио класса и отмечать успехи каждого ученика.",
    "Рубрика оценивания проекта: критерии и дескрипторы для учеников 6 классов.",
    "В конце урока ученики заполняют лист самооценивания и отвечают на вопросы.",
)
RUSSIAN_TOPICS = (
    "Решение квадратных уравнений", "Критериальное оценивание на уроке", "Вопросы для рефлексии",
    "Функциональная грамотность учеников", "Учебный диалог в начальной школе", "Программа кружка",
    "Работа в группах в классе", "Урок-исследование",
)  # fmt: skip


def text_pool(rng: random.Random, count: int = 400, sentences: Sequence[str] | None = None) -> list[Text]:
    """Bodies of one to three sentences (the demo forum's, unless given), rendered
    once each (Markdown and sanitizing cost the same for every copy)."""
    sentences = list(sentences or _sentences())
    pool = []
    for _ in range(count):
        body = " ".join(rng.sample(sentences, rng.randint(1, 3)))
        html = render_markdown(body)
        pool.append(Text(body, html, plain_text(html)))
    return pool


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.75
    first = rng.choice(KAZAKH_FEMALE_NAMES if female else KAZAKH_MALE_NAMES)
    surname = rng.choice(KAZAKH_SURNAMES)
    return f"{surname}{'а' if female else ''} {first}"


# --- Helpers ---------------------------------------------------------------------------------


def split(total: int, parts: int, focus: int | None = None) -> list[int]:
    """``total`` things over ``parts`` networks: the focus network (the first) takes
    ``focus`` of them (by default ``FOCUS_SHARE``), the others share the rest evenly."""
    if parts == 1:
        return [total]
    focus = round(total * FOCUS_SHARE) if focus is None else min(focus, total)
    rest, extra = divmod(total - focus, parts - 1)
    return [focus] + [rest + (1 if i < extra else 0) for i in range(parts - 1)]


def batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    n = 0
    for batch in batches(rows):
        model.objects.bulk_create(batch, batch_size=BATCH)
        n += len(batch)
    return n


class Ids:
    """Primary keys handed out from each table's current maximum."""

    def __init__(self) -> None:
        self.next: dict[type[models.Model], int] = {}

    def __call__(self, model: type[models.Model]) -> int:
        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        pk = self.next[model]
        self.next[model] = pk + 1
        return pk


@dataclass
class Built:
    """What the benchmark needs to find its pages again, and the row counts."""

    size: str
    counts: dict[str, int]
    targets: dict[str, Any]


# --- The builder -----------------------------------------------------------------------------


def build(size: Size, *, today: datetime.date | None = None, log: Callable[[str], None] = lambda _m: None) -> Built:
    """Writes the dataset into the default database (which should be freshly migrated)."""
    rng = random.Random(f"{SEED}-{size.name}")
    today = today or timezone.localdate()
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
    ids = Ids()
    counts: dict[str, int] = {}
    targets: dict[str, Any] = {}
    pool = text_pool(rng)
    # Its own generator, so that everything else is drawn as before it was written.
    russian_rng = random.Random(f"{SEED}-{size.name}-ru")
    russian_pool = text_pool(russian_rng, 100, RUSSIAN_SENTENCES)
    password = make_password(PASSWORD)  # once: hashing is slow on purpose
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")  # a throwaway file: no need to survive a power cut

    with transaction.atomic():
        # Schools, in networks of ten.
        n_networks = max(1, math.ceil(size.schools / SCHOOLS_PER_NETWORK))
        region = Region.objects.create(name=f"Бенчмарк облысы {size.name}")
        districts = [District(id=ids(District), region=region, name=f"{i + 1}-аудан") for i in range(n_networks)]
        insert(District, districts)
        schools = [
            School(
                id=ids(School),
                name=f"№{i + 1} жалпы білім беретін мектеп",
                district=districts[i // SCHOOLS_PER_NETWORK],
                language=School.Language.KAZAKH if i % 4 else School.Language.MIXED,
            )
            for i in range(size.schools)
        ]
        counts["schools"] = insert(School, schools)
        networks = [
            Network(
                id=ids(Network),
                name=f"«Шуақ-{i + 1}» желілік қоғамдастығы",
                goal="Мұғалімдердің кәсіби шеберлігін бірлесіп дамыту.",
                motto="Бірлік бар жерде тірлік бар!",
                tasks="Тәжірибе алмасу\nАшық сабақтар өткізу\nЗерттеу топтарын құру",
                rules="Әркімнің пікірі құнды.\nБірін-бірі тыңдай білу.",
            )
            for i in range(n_networks)
        ]
        counts["networks"] = insert(Network, networks)
        network_of_school = [networks[i // SCHOOLS_PER_NETWORK] for i in range(size.schools)]
        insert(
            NetworkSchool,
            (
                NetworkSchool(
                    network=network_of_school[i],
                    school=school,
                    role=NetworkSchool.Role.LEADING if i % SCHOOLS_PER_NETWORK == 0 else NetworkSchool.Role.ATTACHED,
                )
                for i, school in enumerate(schools)
            ),
        )

        # People: teacher i works at school i mod n; the first at each school directs it.
        users = []
        for i in range(size.teachers):
            school = schools[i % size.schools]
            users.append(
                User(
                    id=ids(User),
                    email=f"t{i:06d}@bench.ortaq.kz",
                    full_name=person_name(rng),
                    password=password,
                    school=school,
                    position=User.Position.DIRECTOR if i < size.schools else User.Position.TEACHER,
                    category=rng.choice(User.Category.values),
                    date_joined=now - datetime.timedelta(days=400),
                )
            )
        counts["users"] = insert(User, users)
        members: dict[int, list[User]] = {n.pk: [] for n in networks}
        for i, user in enumerate(users):
            members[network_of_school[i % size.schools].pk].append(user)
        memberships = []
        leaders: dict[int, User] = {}
        coaches: dict[int, User] = {}
        for network in networks:
            for k, user in enumerate(members[network.pk]):
                if k == 0:
                    role, leaders[network.pk] = Role.LEADER, user
                elif k == 1:
                    role = Role.COORDINATOR
                elif user.position == User.Position.DIRECTOR:
                    role = Role.DIRECTOR
                elif k % 15 == 2:
                    role = Role.COACH
                    coaches.setdefault(network.pk, user)
                else:
                    role = Role.TEACHER
                memberships.append(Membership(network=network, user=user, role=role, joined_at=user.date_joined))
        counts["memberships"] = insert(Membership, memberships)
        groups = []
        for network in networks:
            leader = coaches.get(network.pk) or leaders[network.pk]
            groups.append(Group(id=ids(Group), network=network, name="Дамытушы топ", kind="developing", leader=leader))
        insert(Group, groups)
        group_of = {g.network_id: g for g in groups}
        insert(
            GroupMembership,
            (
                GroupMembership(group=group_of[network.pk], user=user)
                for network in networks
                for user in members[network.pk][2:14]
            ),
        )
        focus = networks[0]
        focus_members = members[focus.pk]
        # A plain teacher of the focus network reads the pages; others write.
        reader = next(u for u in focus_members[2:] if u.position == User.Position.TEACHER)
        writers = [u for u in focus_members if u.position == User.Position.TEACHER and u.pk != reader.pk][:20]
        targets |= {
            "network": focus.pk,
            "reader": reader.pk,
            "writers": [u.pk for u in writers],
            "person": focus_members[len(focus_members) // 2].pk,
        }
        log(f"people: {counts['users']}")

        # Forums, threads and posts.
        forums = [Forum(id=ids(Forum), network=network) for network in networks]
        insert(Forum, forums)
        categories: dict[int, list[Category]] = {}
        all_categories = []
        for forum in forums:
            categories[forum.pk] = [
                Category(id=ids(Category), forum=forum, name=name, description=description, position=k)
                for k, (name, description) in enumerate(CATEGORIES)
            ]
            all_categories.extend(categories[forum.pk])
        thread_counts = split(size.threads, n_networks)
        big = size.big_thread_replies
        if size.posts < size.threads + big:
            raise ValueError("not enough posts for one opening post per thread and the big thread")
        # Posts per thread: the big thread, one opening each, the rest at random.
        n_posts = [1] * size.threads
        n_posts[0] = big + 1
        for _ in range(size.posts - size.threads - big):
            n_posts[rng.randrange(1, size.threads)] += 1 if size.threads > 1 else 0
        if size.threads == 1:
            n_posts[0] = size.posts
        thread_rows, post_rows, subscriptions = [], [], []
        category_counts: dict[int, int] = {}
        docs: list[dict[str, Any]] = []
        t = 0
        for forum, n_threads, network in zip(forums, thread_counts, networks, strict=True):
            people = members[network.pk]
            for k in range(n_threads):
                thread_pk = ids(Thread)
                posts = n_posts[t]
                if t == 0:
                    created = now - datetime.timedelta(days=300)
                    step = datetime.timedelta(days=299) / posts
                else:
                    created = now - datetime.timedelta(days=rng.uniform(2, 365))
                    step = min(datetime.timedelta(hours=3), (now - created) / (posts + 1))
                category = None if k % 10 == 9 else categories[forum.pk][k % len(CATEGORIES)]
                author = people[rng.randrange(len(people))]
                first_post_pk = None
                last_author, last_at = author, created
                for number in range(1, posts + 1):
                    text = pool[rng.randrange(len(pool))]
                    who = author if number == 1 else people[rng.randrange(len(people))]
                    at = created + step * (number - 1)
                    pk = ids(Post)
                    first_post_pk = first_post_pk or pk
                    post_rows.append(
                        Post(
                            id=pk,
                            thread_id=thread_pk,
                            number=number,
                            author=who,
                            body=text.body,
                            body_html=text.html,
                            created_at=at,
                        )
                    )
                    last_author, last_at = who, at
                is_question = k % 5 == 1
                solved = is_question and posts > 1 and k % 10 == 1
                title = THREAD_TITLES[(t + k) % len(THREAD_TITLES)]
                thread_rows.append(
                    Thread(
                        id=thread_pk,
                        forum=forum,
                        category=category,
                        author=author,
                        title=title,
                        is_question=is_question,
                        solution_id=first_post_pk + 1 if solved else None,
                        is_pinned=k == 1,
                        last_number=posts,
                        reply_count=posts - 1,
                        last_post_at=last_at,
                        last_poster=last_author,
                        created_at=created,
                    )
                )
                subscriptions.append(Subscription(user=author, thread_id=thread_pk))
                if category is not None:
                    category_counts[category.pk] = category_counts.get(category.pk, 0) + 1
                if t == 0:
                    targets["big_thread"] = thread_pk
                    targets["big_thread_last_after"] = page_start(posts)
                t += 1
                if len(post_rows) >= BATCH * 5:
                    _flush_forum(thread_rows, post_rows, docs, pool)
        _flush_forum(thread_rows, post_rows, docs, pool)
        for category in all_categories:
            category.thread_count = category_counts.get(category.pk, 0)
        insert(Category, all_categories)
        insert(Subscription, subscriptions)
        note_first_posts()  # as the forum marks them when people write
        counts["threads"] = Thread.objects.count()
        counts["posts"] = Post.objects.count()
        targets["forum_threads"] = thread_counts[0]
        log(f"forum: {counts['threads']} threads, {counts['posts']} posts")

        # The library.
        subjects = list(Subject.objects.all())
        tags = [Tag(id=ids(Tag), name=f"{name} {size.name.lower()}") for name in TAGS]
        insert(Tag, tags)
        material_counts = split(size.materials, n_networks)
        kinds = Material.Kind.values
        material_rows, versions, authorships, objectives, tag_rows = [], [], [], [], []
        for network, n_materials in zip(networks, material_counts, strict=True):
            people = members[network.pk]
            for k in range(n_materials):
                pk, version_pk = ids(Material), ids(MaterialVersion)
                subject = subjects[rng.randrange(len(subjects))] if subjects else None
                grade = rng.randint(1, 10)
                grades = list(range(grade, grade + rng.randint(1, 2)))
                visibility = (
                    Visibility.PUBLIC if k % 10 == 0 else Visibility.GROUP if k % 20 == 5 else Visibility.NETWORK
                )
                author = people[rng.randrange(len(people))]
                coauthor = people[rng.randrange(len(people))] if k % 3 == 0 else None
                text = pool[rng.randrange(len(pool))]
                subject_name, topic = (subject.name_kk if subject else ""), TOPICS[k % len(TOPICS)]
                if k % 5 == 0:
                    text = russian_pool[russian_rng.randrange(len(russian_pool))]
                    subject_name, topic = (subject.name_ru if subject else ""), RUSSIAN_TOPICS[k % len(RUSSIAN_TOPICS)]
                created = now - datetime.timedelta(days=rng.uniform(1, 700))
                material = Material(
                    id=pk,
                    network=network,
                    title=f"{(subject_name + ': ') if subject_name else ''}{topic}",
                    description=text.body,
                    description_html=text.html,
                    kind=kinds[k % len(kinds)],
                    subject=subject,
                    language=Material.Language.KAZAKH if k % 5 else Material.Language.RUSSIAN,
                    visibility=visibility,
                    group=group_of[network.pk] if visibility == Visibility.GROUP else None,
                    school=author.school,
                    current_version_id=version_pk,
                    created_by=author,
                    created_at=created,
                )
                material.grades = grades
                material_rows.append(material)
                versions.append(
                    MaterialVersion(
                        id=version_pk,
                        material_id=pk,
                        number=1,
                        link=f"https://example.kz/bench/{pk}",
                        created_by=author,
                        created_at=created,
                    )
                )
                authors = [author] + ([coauthor] if coauthor and coauthor.pk != author.pk else [])
                authorships.extend(Authorship(material_id=pk, user=u, position=p) for p, u in enumerate(authors))
                codes = [f"{grade}.{rng.randint(1, 4)}.{rng.randint(1, 3)}.{n}" for n in (1, 2)]
                objectives.extend(LearningObjective(material_id=pk, code=code) for code in codes)
                chosen = [tags[k % len(tags)], tags[(k * 7 + 3) % len(tags)]]
                chosen = sorted(dict.fromkeys(chosen), key=lambda tag: tag.name)  # as Tag's ordering
                tag_rows.extend(Material.tags.through(material_id=pk, tag_id=tag.pk) for tag in chosen)
                docs.append(
                    {
                        "kind": "material",
                        "object_id": pk,
                        "network_id": network.pk,
                        "group_id": material.group_id if visibility == Visibility.GROUP else None,
                        "is_public": visibility == Visibility.PUBLIC,
                        "title": material.title,
                        "body": " ".join(
                            filter(
                                None, [text.plain, *codes, *(t.name for t in chosen), *(u.full_name for u in authors)]
                            )
                        ),
                        "url": material.get_absolute_url(),
                        "created_at": created,
                        "subject_id": material.subject_id,
                        "grades": grades,
                        "language": material.language,
                        "material_kind": material.kind,
                        "objective_codes": codes,
                    }
                )
                if network.pk == focus.pk and visibility == Visibility.PUBLIC and "public_material" not in targets:
                    targets["public_material"] = pk
                if network.pk == focus.pk and visibility == Visibility.NETWORK and "material" not in targets:
                    targets["material"] = pk
        counts["materials"] = insert(Material, material_rows)
        insert(MaterialVersion, versions)
        insert(Authorship, authorships)
        insert(LearningObjective, objectives)
        insert(Material.tags.through, tag_rows)
        log(f"library: {counts['materials']} materials")

        # The academic year and its events.
        # The year people mean today, as the demo has it: events on its school days.
        school_year = SchoolYear.current(today)
        add_academic_year(school_year)
        school_days = list(school_year.school_days())
        event_counts = split(size.events, n_networks, focus=FOCUS_EVENTS)
        event_kinds = [k for k in Event._meta.get_field("kind").choices]
        events, participations = [], []
        register_targets = []
        for network, n_events in zip(networks, event_counts, strict=True):
            people = members[network.pk]
            for k in range(n_events):
                pk = ids(Event)
                day = rng.choice(school_days)
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
                events.append(
                    Event(
                        id=pk,
                        network=network,
                        kind=event_kinds[k % len(event_kinds)][0],
                        title=EVENT_TITLES[k % len(EVENT_TITLES)],
                        description=pool[k % len(pool)].body,
                        location=f"№{k % SCHOOLS_PER_NETWORK + 1} мектеп, акт залы",
                        organiser=leaders[network.pk],
                        capacity=30 if k % 5 == 0 else None,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(minutes=90),
                        created_by=leaders[network.pk],
                    )
                )
                going = rng.sample(people, min(5, len(people))) if k % 2 == 0 else []
                participations.extend(
                    Participation(event_id=pk, user=u, status=Participation.Status.REGISTERED) for u in going
                )
                if network.pk == focus.pk and start > now + datetime.timedelta(days=2) and k % 5:
                    register_targets.append(pk)
        counts["events"] = insert(Event, events)
        insert(Participation, participations)
        targets["register_events"] = register_targets[:10]
        # The busiest event page of the focus network: the one with people going.
        going_to = {p.event_id for p in participations}
        targets["event"] = next(e.pk for e in events if e.network_id == focus.pk and e.pk in going_to)
        # The reader's notices: a busy half-year of them, a third unread.
        reader_pk = targets["reader"]
        notice_rows = [
            Notice(
                id=ids(Notice),
                recipient_id=reader_pk,
                kind="events.moved" if k % 3 else "awards.issued",
                actor=leaders[focus.pk],
                title=EVENT_TITLES[k % len(EVENT_TITLES)],
                url=f"/events/{events[k % len(events)].pk}/",
                network_id=focus.pk,
                created_at=now - datetime.timedelta(hours=k),
                read_at=None if k % 3 == 0 else now,
                emailed_at=now,
            )
            for k in range(300)
        ]
        insert(Notice, notice_rows)
        targets["month"] = today.strftime("%Y-%m")
        log(f"calendar: {counts['events']} events")

        # A development plan of the reader's school, and every school of the focus
        # network on the rubric this year and last.
        # The plan is written through the app's own actions, whose rows (and notices)
        # take their ids from the sequences the bulk writes above went past.
        if connection.vendor == "postgresql":
            _reset_sequences()
        targets["development_plan"], counts["rubric_placements"] = development_plan(
            focus, reader, focus_members, [e for e in events if e.network_id == focus.pk], today
        )
        log(f"plans: a plan with 20 goals, {counts['rubric_placements']} places on the rubric")
        # --- coaching (issue 20): the reader coaches 20 plans of 3 teachers each.
        targets["coaching_plan"], counts["coaching_sessions"] = coaching_plans(focus, reader, focus_members, today)
        log(f"coaching: 20 plans, {counts['coaching_sessions']} sessions")
        # --- end of coaching

        # --- lessonplans: a medium-term plan of the reader, 12 lessons of 4 stages each.
        targets["lesson_series"], targets["lesson_plan"] = lesson_series(focus, reader, today)
        counts["lesson_plans"] = 12
        log("lessonplans: a series of 12 lessons")
        # --- end of lessonplans

        # A survey of the focus network: its results over many responses, and a screen
        # answered through a public link (a parent's phone).
        school_ids = list(NetworkSchool.objects.filter(network=focus).values_list("school_id", flat=True))
        survey, link, screen = survey_answered(focus, leaders[focus.pk], school_ids, today, rng, size.survey_responses)
        targets |= {"survey": survey, "survey_link": link, "survey_screen": screen, "leader": leaders[focus.pk].pk}
        counts["survey_responses"] = size.survey_responses
        log(f"surveys: {size.survey_responses} responses to the teacher questionnaire")

        # --- mentoring and diaries (issue 20) ---
        # Sixty mentoring pairs in the focus network, each with a few meetings, the
        # reader mentored in one of them; and the reader's diary of a school year,
        # some entries shared with their mentor.
        if connection.vendor == "postgresql":
            _reset_sequences()
        targets |= mentoring_and_diary(focus, reader, focus_members, today)
        log("mentoring: 60 pairs; diary: 120 entries")
        # --- end of mentoring and diaries ---
        # --- lessonstudies: a finished Lesson Study of the reader's team (3 research
        # lessons, 3 case pupils, 6 activities each, notes, interviews, discussions).
        if connection.vendor == "postgresql":
            _reset_sequences()
        targets |= lesson_study(focus, reader, focus_members, today)
        log("lessonstudies: a cycle of 3 research lessons")
        # --- end lessonstudies

        # The search index, from the same documents the apps would give.
        SearchDocument.objects.all().delete()
        # In the order a live site writes them: the newest documents, which a search
        # for a common word reads first, are a mix of replies and materials.
        docs.sort(key=lambda doc: (doc["created_at"], doc["kind"], doc["object_id"]))
        vocabulary: dict[str, int] = {}
        with postgresql_search_indexes_built_after():
            for batch in batches(docs):
                fields = [fields_of(doc) for doc in batch]
                count_words(fields, vocabulary)
                SearchDocument.objects.bulk_create(
                    [SearchDocument(**engine.prepare(row)) for row in fields], batch_size=BATCH
                )
        engine.index_all()
        write_words(vocabulary)
        counts["search_documents"] = SearchDocument.objects.count()
        log(f"search: {counts['search_documents']} documents")

        if connection.vendor == "postgresql":
            _reset_sequences()
    return Built(size.name, counts, targets)


# --- lessonplans ------------------------------------------------------------------------------


def lesson_series(network: Network, reader: User, today: datetime.date) -> tuple[int, int]:
    """The series the benchmark reads, written through the app's own actions: twelve
    short-term plans with objective codes and four stages each; the reader is an author."""
    from lessonplans import actions as lesson_actions
    from subjects.models import Subject

    series = lesson_actions.start_series(
        network, by=reader, title="«Оқыту үшін бағалау»: тізбектелген сабақтар",
        subject=Subject.objects.order_by("pk").first(), grade=7, unit="Көпмүшелер",
        modules=["assessment", "new_approaches"], description="Бенчмарк", language="kk",
    )  # fmt: skip
    lessons = []
    for number in range(12):
        lesson = lesson_actions.add_lesson(series, topic=f"{number + 1}-сабақ: көпмүшелер", by=reader)
        stages = [
            {"part": part, "minutes": 10, "teacher_actions": "Түсіндіреді, сұрақ қояды", "pupil_actions": "Жұпта жұмыс",
             "assessment": "Бағдаршам", "resources": "Оқулық"}
            for part in ("beginning", "middle", "middle", "end")
        ]  # fmt: skip
        lesson_actions.save_lesson(
            lesson, version=None, by=reader, stages=stages, objective_codes=[f"7.2.1.{number + 1}"],
            objectives="Оқушылар көпмүшелерді көбейтеді", success_criteria="Ұқсас мүшелерді біріктіреді",
            date=today,
        )  # fmt: skip
        lessons.append(lesson)
    return series.pk, lessons[5].pk


# --- end of lessonplans
# --- lessonstudies ----------------------------------------------------------------------------


def lesson_study(network: Network, reader: User, people: list[User], today: datetime.date) -> dict[str, int]:
    """The cycle the benchmark's Lesson Study pages read, written through the app's actions."""
    import uuid

    from lessonstudies import actions as ls

    team = [reader, *[u for u in people if u.pk != reader.pk][:3]]
    with quietly():
        cycle = ls.start_cycle(
            network,
            by=reader,
            theme="Диалогтық оқыту",
            question="Диалог оқушыға қалай көмектеседі?",
            grade=7,
            team=team,
        )
        pupils = [
            ls.save_pupil(cycle, code=c, profile="Оқушы", observer=team[i % len(team)]) for i, c in enumerate("АВС")
        ]
        drafts = [ls.ActivityDraft(f"Тапсырма {n}", 5, "Сипаттама") for n in range(1, 7)]
        lesson = None
        for number in range(3):
            lesson = ls.schedule_lesson(
                cycle, by=reader, teacher=team[number], date=today - datetime.timedelta(days=21 - 7 * number)
            )
            if number == 0:
                ls.add_version(lesson, opened=0, by=reader, objectives="7.2.1.1", activities=drafts)
            plan = lesson.versions.order_by("-number").first()
            assert plan is not None
            activities = list(plan.activities.all())
            ls.save_predictions(plan, {(a.pk, p.pk): "Болжам" for a in activities for p in pupils})
            for activity in activities:
                for pupil in pupils:
                    for _ in range(2):
                        ls.add_note(lesson, observer=pupil.observer, pupil=pupil, activity=activity, text="Бақылау",
                                    client_id=uuid.uuid4())  # fmt: skip
            for pupil in pupils:
                ls.save_interview(lesson, pupil, by=reader, version=0, learned="a", helped="b", hard="c", change="d")
            ls.save_discussion(
                lesson, by=reader, version=0, decisions="Шешім",
                records={(a.pk, p.pk): ("Байқалды", "Өзгерту") for a in activities for p in pupils}, ready=True,
            )  # fmt: skip
    assert lesson is not None
    return {"lesson_study": cycle.pk, "lesson_study_lesson": lesson.pk}


# --- end lessonstudies


def development_plan(
    network: Network, reader: User, people: list[User], events: list[Event], today: datetime.date
) -> tuple[int, int]:
    """The plan the benchmark reads: 5 priorities of 4 SMART goals each (half following a
    live indicator), with criteria, a check after each quarter (those passed, made), an
    activity per goal linking three events; the places of every school of the network."""
    school = reader.school
    assert school is not None
    team = [u for u in people if u.school_id == school.pk][:4] or [reader]
    year = add_academic_year(SchoolYear.current(today))
    previous = add_academic_year(year_starting(year.starts_on.year - 1))
    with quietly():
        plan = plan_actions.start_plan(
            network, school=school, title="Оқушыларды оқуға тарту", year=year, starts_on=None, ends_on=None,
            team=team, by=team[0],
        )  # fmt: skip
        for p in range(5):
            priority = plan_actions.add_priority(plan, title=f"Басымдық {p + 1}", needs="Аудит нәтижесі", evidence=[])
            for g in range(4):
                goal = plan_actions.add_goal(
                    priority, statement=f"Мақсат {p + 1}.{g + 1}", measure="%", baseline=Decimal(30 + g),
                    target=Decimal(60 + g), due_on=plan.ends_on, methods="Сабақты бақылау",
                    indicator_source=("events.teachers_attending", "observations.done")[g % 2] if g < 2 else "",
                )  # fmt: skip
                plan_actions.add_criterion(goal, text="Оқушылар сабақта белсенді")
                for check in goal.checks.filter(due_on__lt=today):
                    plan_actions.record_check(
                        goal, check=check, on=check.due_on, value=Decimal(35 + g), note="", by=team[0]
                    )
                linked = events[(5 * p + g) * 3 : (5 * p + g) * 3 + 3]
                plan_actions.add_activity(
                    plan, by=team[0], goal=goal, title=f"Іс-шара {p + 1}.{g + 1}", owner=team[-1],
                    starts_on=plan.starts_on, due_on=plan.starts_on + datetime.timedelta(days=40 * g), events=linked,
                )  # fmt: skip
        areas = list(RubricArea.objects.all())
        stages = list(RubricStage.objects.order_by("number"))
        placed = 0
        for link in NetworkSchool.objects.filter(network=network):
            for chosen, number in ((previous, link.pk % 2), (year, 1 + link.pk % 3)):
                for area in areas:
                    placement = plan_actions.place_school(
                        network, link.school, year=chosen, area=area, stage=stages[number], evidence="Хаттама",
                        by=team[0], version=None,
                    )  # fmt: skip
                    placed += 1
                    if chosen == previous and link.school_id != school.pk:
                        plan_actions.moderate(
                            placement, agree=True, proposed_stage=None, reason="", by=team[0], version=None
                        )
    return plan.pk, placed


# --- coaching (issue 20) ---------------------------------------------------------------------


def coaching_plans(network: Network, coach: User, people: list[User], today: datetime.date) -> tuple[int, int]:
    """The coach's caseload: 20 plans of 3 teachers, each with 6 sessions (4 held with
    records, 2 ahead) and 2 lesson visits; the plan the benchmark reads is the first."""
    from coaching import actions as coaching_actions

    teachers = [u for u in people if u.pk != coach.pk][:60]
    first = 0
    sessions = 0
    with quietly():
        for n in range(20):
            group = [teachers[(3 * n + i) % len(teachers)] for i in range(3)] if teachers else [coach]
            plan = coaching_actions.start_plan(
                network, by=coach, title=f"Коучинг {n + 1}", coach=coach, teachers=group,
                starts_on=today - datetime.timedelta(days=60), ends_on=today + datetime.timedelta(days=90),
                focus="Диалогтық оқыту", planned_sessions=8,
            )  # fmt: skip
            first = first or plan.pk
            for k in range(6):
                day = today + datetime.timedelta(days=7 * (k - 4))
                session = coaching_actions.schedule_session(plan, by=coach, date=day, topic=f"Сессия {k + 1}")
                sessions += 1
                if k < 4:
                    coaching_actions.write_record(
                        session, by=coach, version=None, date=day, topic=session.topic, done="Сабақты талдадық",
                        agreements="Ашық сұрақтар", next_steps="Сабаққа қатысу", held=True,
                    )  # fmt: skip
            for k, teacher in enumerate(group[:2]):
                coaching_actions.add_visit(
                    plan, by=coach, teacher=teacher, date=today - datetime.timedelta(days=3 + k), topic="Бөлшектер",
                    grade=7,
                )  # fmt: skip
    return first, sessions


def survey_answered(
    network: Network, leader: User, school_ids: list[int], today: datetime.date, rng: random.Random, count: int
) -> tuple[int, str, int]:
    """The teacher questionnaire sent to the network by link and answered ``count``
    times (anonymously: by school, with a few written answers), and a public link
    whose draft has reached the widest screen: the survey, the link's token, the screen."""
    from surveys import actions as survey_actions
    from surveys.answering import Questionnaire
    from surveys.models import Answer, ItemKind, Response
    from surveys.shipped import load_library
    from surveys.views import screens_of

    instrument = next(i for i, _changed in load_library() if i.code == "teacher-questionnaire")
    version = instrument.latest_version()
    assert version is not None
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
    with quietly():
        survey = survey_actions.create_survey(
            network, by=leader, version=version, title="Мұғалімдер сауалнамасы", audience="link", anonymous=True,
            opens_at=now - datetime.timedelta(days=30), closes_at=now + datetime.timedelta(days=30),
        )  # fmt: skip
        survey_actions.send_survey(survey, by=leader)
    questionnaire = Questionnaire.of(survey)
    items = list(questionnaire.answerable())
    parents = {
        row.pk: matrix for matrix in questionnaire.by_code.values() for row in questionnaire.rows.get(matrix.pk, [])
    }

    def value_of(item: Any) -> Any:
        scale = item.scale or (parents[item.pk].scale if item.pk in parents else None)
        if item.kind == ItemKind.LIKERT and scale is not None:
            points = sorted(point.value for point in scale.points.all())
            return points[min(len(points) - 1, max(0, round(rng.gauss(len(points) * 0.6, 1))))]
        if item.kind == ItemKind.SCHOOL:
            return rng.choice(school_ids)
        if item.kind == ItemKind.SINGLE:
            return rng.choice(item.options)["value"]
        if item.kind in (ItemKind.MULTIPLE, ItemKind.RANKING):
            return [option["value"] for option in rng.sample(item.options, k=min(2, len(item.options)))]
        if item.kind == ItemKind.NUMBER:
            return rng.randint(1, 30)
        return rng.choice(["", "", "", "Кері байланыс көбірек болса екен.", "Бірлесіп жоспарлау пайдалы."])

    for start in range(0, count, BATCH):
        responses = Response.objects.bulk_create(
            Response(survey=survey, submitted_on=today - datetime.timedelta(days=rng.randrange(30)),
                     school_id=rng.choice(school_ids))
            for _n in range(min(BATCH, count - start))
        )  # fmt: skip
        answers = []
        for response in responses:
            for item in items:
                value = value_of(item)
                if value not in ("", []):
                    answers.append(survey_actions.answer_of(response, item, value))
        Answer.objects.bulk_create(answers, batch_size=BATCH)
    link = survey_actions.create_links(survey, count=1, single_use=True)[0]
    screens = screens_of(survey, questionnaire)
    widest = max(questionnaire.sections, key=lambda section: sum(
        len(questionnaire.rows.get(item.pk, [])) or 1 for item in questionnaire.items[section.pk]
    ))  # fmt: skip
    screen = screens.index(str(widest.pk))
    draft = survey_actions.start_draft(survey, link=link)
    survey_actions.save_draft(draft, {}, screen=screen)
    return survey.pk, link.token, screen


def _flush_forum(threads: list[Thread], posts: list[Post], docs: list[dict[str, Any]], pool: list[Text]) -> None:
    """Writes the threads and posts gathered so far (threads first: the posts point
    at them) and keeps their search documents."""
    by_html = {text.html: text.plain for text in pool}
    thread_by_pk = {thread.pk: thread for thread in threads}
    insert(Thread, threads)
    insert(Post, posts)
    for post in posts:
        thread = thread_by_pk[post.thread_id]
        url = thread.get_absolute_url()
        if post.number == 1:
            docs.append(
                {
                    "kind": "thread",
                    "object_id": thread.pk,
                    "network_id": thread.forum.network_id,
                    "group_id": None,
                    "title": thread.title,
                    "body": by_html[post.body_html],
                    "url": url,
                    "created_at": thread.created_at,
                }
            )
        else:
            docs.append(
                {
                    "kind": "post",
                    "object_id": post.pk,
                    "network_id": thread.forum.network_id,
                    "group_id": None,
                    "title": thread.title,
                    "body": by_html[post.body_html],
                    "url": thread.post_url(post.number),
                    "created_at": post.created_at,
                }
            )
    threads.clear()
    posts.clear()


@contextlib.contextmanager
def postgresql_search_indexes_built_after() -> Iterator[None]:
    """PostgreSQL: the search table's full-text and trigram indexes (whatever the
    migrations made of them) are dropped while millions of rows go in, and built
    again once at the end from their own definitions (updating them row by row made
    size L's search step take most of an hour). Nothing to do on SQLite, whose
    full-text table is rebuilt in one pass."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'"
            " AND indexdef LIKE '%%USING gin%%' ORDER BY indexname"
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # The rows' deferred foreign-key checks run now: an index cannot be built
        # on a table with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in definitions:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences() -> None:
    from django.apps import apps

    # Managed models only: django_rq's dashboard (production settings) has no table.
    models_ = [model for model in apps.get_models() if model._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- mentoring and diaries (issue 20) ---


def mentoring_and_diary(network: Network, reader: User, people: list[User], today: datetime.date) -> dict[str, Any]:
    from diaries.models import Entry, Share
    from mentoring.models import Meeting, Pair

    others = [u for u in people if u.pk != reader.pk]
    mentor = others[0]
    pairs = [
        Pair(
            network=network,
            mentor=mentor,
            mentee=reader,
            kind=Pair.Kind.NEW_TEACHER,
            started_on=today - datetime.timedelta(days=90),
            goals="ҚМЖ құру",
        )
    ]
    for k in range(59):
        pairs.append(
            Pair(
                network=network,
                mentor=others[(2 * k + 1) % len(others)],
                mentee=others[(2 * k + 2) % len(others)],
                kind=Pair.Kind.UNCERTIFIED,
                started_on=today - datetime.timedelta(days=30 + k),
                last_met_on=today - datetime.timedelta(days=k % 40) if k % 7 else None,
            )
        )
    Pair.objects.bulk_create(pairs, batch_size=BATCH)
    created = list(Pair.objects.filter(network=network).order_by("pk"))
    Meeting.objects.bulk_create(
        [
            Meeting(
                pair=pair,
                met_on=today - datetime.timedelta(days=3 * n + 1),
                discussed="Сабақ талданды",
                next_steps="Келесі сабақ",
            )
            for pair in created
            for n in range(4)
        ],
        batch_size=BATCH,
    )
    entries = Entry.objects.bulk_create(
        [
            Entry(
                author=reader,
                written_on=today - datetime.timedelta(days=2 * n),
                tried="Ашық сұрақтар",
                pupils="Оқушылар жұпта талқылады",
                next_steps="Рөлдерді бөлу",
            )
            for n in range(120)
        ],
        batch_size=BATCH,
    )
    Share.objects.bulk_create([Share(entry=e, shared_with=mentor) for e in entries[::4]], batch_size=BATCH)
    return {"mentor": mentor.pk}


# --- end of mentoring and diaries ---
