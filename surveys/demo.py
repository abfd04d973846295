"""Demo data for surveys, placed around the day the demo is seeded (the academic year
whose September is behind, calendars/schoolyear.py):

- «Шуақ»'s needs assessment in its 10 attached schools in the first school days of the
  year (seed 001): about 200 teachers answered, each school with needs of its own — the
  school where nobody took a level course needs everything most.
- The teacher questionnaire before a change (September) and after it (May; or, earlier
  in the year, «so far»: a wave open now), with small improvements in confidence,
  collaboration and feedback, and a few teachers who made the same matching code twice.
- A grade-7 parents' survey answered through a public link (seed 002's example: the
  pupils of grade 7 are disengaged, and their parents say so); ``ortaq demo`` prints it.
- Three questions of feedback after every event that has already taken place (a later
  run asks about the events that have ended since).
- The needs ranked (surveys/needs.py) and linked to the work plan's events: criteria-based
  assessment, dialogic teaching, differentiation and Lesson Study are served by events
  ahead; the updated curriculum, ICT and inclusive teaching are not yet, so the
  network's home shows them to its leaders.

The demo's own accounts (leader@, teacher@ …) answer nothing, so whoever signs in
meets the surveys still open to them. Answers are written in bulk as the workflow
would write them: an anonymous survey's responses hold only the day, and its receipts
stand in the order of people's ids. ``seed`` writes the story once.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from calendars.schoolyear import SchoolYear, school_day
from events.demo import SEMINAR
from events.models import Event, Participation
from networks.demo import DEMO_DOMAIN, SHUAQ
from networks.models import Membership, Network, NetworkSchool
from surveys import actions, answering
from surveys.answering import Questionnaire
from surveys.models import Answer, Instrument, Link, NeedServed, Receipt, Response, Survey
from surveys.shipped import load_library

RANDOM_SEED = 2016
NEEDS_TITLE = "Бекітілген мектептердің қажеттіліктері"
PARENTS_TITLE = "7-сынып ата-аналарының пікірі"
PARENTS_LINK = "7-сынып, ата-аналар жиналысы"
AREAS = (
    "assessment",
    "dialogue",
    "inclusion",
    "curriculum",
    "ict",
    "parents",
    "mentoring",
    "research",
    "differentiation",
    "reflection",
)
# needs matrix row -> the ranking's option
RANKED = {
    "assessment": "assessment",
    "dialogue": "dialogic",
    "inclusion": "inclusive",
    "curriculum": "curriculum",
    "ict": "ict",
    "parents": "parents",
    "mentoring": "mentoring",
    "research": "research",
    "differentiation": "differentiation",
    "reflection": "reflection",
}
COMMENTS = (
    "Критериалды бағалау бойынша нақты мысалдар керек.",
    "Ашық сабақтарды жиірек өткізсек.",
    "Жас мұғалімдерге тәлімгер бекітілсе жақсы болар еді.",
    "Онлайн кездесулерді сабақтан кейін өткізуді сұраймыз.",
    "Инклюзивті оқыту бойынша семинар қажет.",
)
WILL_USE = (
    "Топтық жұмысқа критерийлер құрастыруды.",
    "«Ойлан, жұптас, бөліс» әдісін.",
    "Сабақ соңындағы рефлексия парағын.",
    "Оқушыларға ашық сұрақтар қоюды.",
    "Әріптесімнің саралау тәсілін.",
)
IMPROVE = (
    "Уақыт аз болды, талқылауға көбірек уақыт керек.",
    "Материалдарды алдын ала жіберсеңіздер.",
    "Басқа мектептерден де сабақ көрсетілсе.",
)
PARENT_IDEAS = (
    "Сабақтар қызықты болса, балам да қызығады.",
    "Үй тапсырмасы тым көп.",
    "Мұғалімдермен жиірек сөйлескім келеді.",
    "Сыныптан тыс үйірмелер көбейсе.",
)

# The work plan's events (by the start of their titles, events/demo.py) and the needs
# they serve, by the needs questionnaire's areas.
SERVED = (
    ("Вебинар: критериалды бағалау", ("assessment",)),
    ("Критериалды бағалау бойынша тренинг", ("assessment",)),
    ("Коучинг: оқыту үшін бағалау", ("assessment", "reflection")),
    ("Коучинг: диалогтық оқыту", ("dialogic",)),
    ("Диалогтық алаң", ("dialogic", "mentoring")),
    ("Коучинг: саралап оқыту", ("differentiation",)),
    ("Lesson Study нәтижелері", ("research",)),
    (SEMINAR, ("reflection",)),
)

Row = tuple[dict[str, Any], datetime.date, User | None]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def clip(value: float, low: int = 1, high: int = 4) -> int:
    return max(low, min(high, round(value)))


class SurveySeeder:
    def __init__(self, network: Network) -> None:
        self.network = network
        self.rng = random.Random(RANDOM_SEED)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.year = SchoolYear.of(self.today)
        self.start = school_day(self.year.starts_on, 0)
        self.leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
        self.library = {i.code: i for i in Instrument.objects.filter(network__isnull=True)}
        self.created: dict[str, int] = {}

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    # --- Writing ---------------------------------------------------------------------------

    def survey(
        self, code: str, title: str, opens: datetime.datetime, closes: datetime.datetime, **fields: Any
    ) -> Survey:
        instrument = self.library[code]
        version = instrument.latest_version()
        assert version is not None
        schools = fields.pop("schools", [])
        survey = actions.create_survey(
            self.network,
            by=self.leader,
            version=version,
            title=title,
            opens_at=min(opens, self.now - datetime.timedelta(minutes=5)),
            closes_at=closes,
            schools=schools,
            **fields,
        )
        if survey.is_open(self.now + datetime.timedelta(minutes=10)) or survey.opens_at > self.now:
            actions.send_survey(survey, by=self.leader)  # open now: its audience is told
        else:
            actions.freeze(survey.version)
            Survey.objects.filter(pk=survey.pk).update(sent_at=survey.opens_at)
            survey.sent_at = survey.opens_at
        self.count("surveys")
        return survey

    def answers(
        self,
        survey: Survey,
        rows: Sequence[Row],
    ) -> None:
        """Responses as ``actions.submit`` writes them, in bulk; receipts apart."""
        questionnaire = Questionnaire.of(survey)
        responses, answer_sets = [], []
        for values, day, _person in rows:
            kept = answering.kept_answers(questionnaire, values)
            response = Response(survey=survey, submitted_on=day)
            if survey.asks_match_code:
                response.match_code = answering.match_code(survey.series_salt, values)
            if str(kept.get("school", "")).isdigit():
                response.school_id = int(kept["school"])
            response.role = str(kept.get("role", ""))[:16]
            responses.append(response)
            answer_sets.append(kept)
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(
            actions.answer_of(response, questionnaire.by_code[code], value)
            for response, kept in zip(responses, answer_sets, strict=True)
            for code, value in kept.items()
        )
        people = sorted({person.pk for _values, _day, person in rows if person is not None})
        Receipt.objects.bulk_create(Receipt(survey=survey, user_id=pk) for pk in people)
        self.count("responses", len(responses))

    def days(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """The school days from first to last that are not after today."""
        found, day = [], school_day(first, 0)
        while day <= min(last, self.today):
            found.append(day)
            day = school_day(day, 1)
        return found or [self.today]

    # --- The story -------------------------------------------------------------------------

    def run(self) -> None:
        load_library()
        self.library = {i.code: i for i in Instrument.objects.filter(network__isnull=True)}
        links = NetworkSchool.objects.filter(network=self.network).select_related("school")
        attached = [link.school for link in links if not link.is_leading]
        members = (
            User.objects.filter(memberships__network=self.network, is_active=True)
            .exclude(email__endswith=f"@{DEMO_DOMAIN}", email__regex=r"^[a-z]+@")
            .select_related("school")
            .order_by("pk")
        )
        roles = dict(Membership.objects.filter(network=self.network).values_list("user_id", "role"))
        teachers = [person for person in members if person.school_id in {s.pk for s in attached}]
        self.needs(attached, teachers, roles)
        self.teacher_waves(list(members), roles)
        self.parents()
        self.event_feedback()

    def needs(self, schools: list[Any], teachers: list[User], roles: dict[int, str]) -> None:
        closes_on = school_day(self.start, 10)
        survey = self.survey(
            "needs-assessment",
            NEEDS_TITLE,
            at(self.start, 9),
            at(closes_on, 18),
            audience="schools",
            schools=schools,
            anonymous=True,
            wave=str(self.year.name),
        )
        # Each school its own needs: criteria-based assessment and the updated
        # curriculum high everywhere; the last school (no level course at all) needs all.
        profiles = {}
        for index, school in enumerate(schools):
            base = {area: 2.2 + self.rng.random() * 0.8 for area in AREAS}
            base["assessment"] += 0.8
            base["curriculum"] += 0.6
            base["reflection"] += 0.4
            if index % 3 == 0:
                base["ict"] += 0.7
            if index % 4 == 1:
                base["inclusion"] += 0.8
            if index == len(schools) - 1:
                base = {area: value + 0.7 for area, value in base.items()}
            profiles[school.pk] = base
        days = self.days(self.start, closes_on)
        rows: list[Row] = []
        for person in teachers:
            if self.rng.random() > 0.85 or person.school_id is None:
                continue
            base = profiles[person.school_id]
            needs = {f"need_{area}": clip(base[area] + self.rng.gauss(0, 0.7)) for area in AREAS}
            ranked = sorted(AREAS, key=lambda area: -(needs[f"need_{area}"] + self.rng.random()))[:3]
            barriers = [b for b in ("time", "cover", "distance", "internet") if self.rng.random() < 0.35] or ["time"]
            values: dict[str, Any] = {
                "school": str(person.school_id),
                "role": "director" if roles.get(person.pk) == "director" else "teacher",
                "experience": self.rng.choice(["0-3", "4-10", "11-20", "21+"]),
                "course": self.rng.choice(["yes", "updated", "no", "no"]),
                **needs,
                "priorities": [RANKED[area] for area in ranked],
                "formats": [
                    f for f in ("coaching", "open_lessons", "seminars", "online", "mentor") if self.rng.random() < 0.4
                ],
                "barriers": barriers,
            }
            if self.rng.random() < 0.12:
                values["comment"] = self.rng.choice(COMMENTS)
            rows.append((values, self.rng.choice(days), person))
        self.answers(survey, rows)

    def teacher_waves(self, people: list[User], roles: dict[int, str]) -> None:
        before_closes = school_day(self.start, 16)
        before = self.survey(
            "teacher-questionnaire",
            "Мұғалімнің кәсіби дамуы: өзгеріс басында",
            at(school_day(self.start, 5), 9),
            at(before_closes, 18),
            audience="network",
            anonymous=True,
            asks_match_code=True,
            wave="Қыркүйек",
        )
        may = school_day(datetime.date(self.year.first + 1, 5, 4), 0)
        if self.today >= may:
            opens, closes, wave, share = may, school_day(may, 12), "Мамыр", 1.0
        else:
            opens = max(school_day(self.today, -8), school_day(before_closes, 1))
            closes, wave, share = school_day(self.today, 10), "Қазіргі жағдай", 0.6
        after = None
        if opens <= self.today:
            after = self.survey(
                "teacher-questionnaire",
                f"Мұғалімнің кәсіби дамуы: {wave.lower()}",
                at(opens, 9),
                at(closes, 18),
                audience="network",
                anonymous=True,
                asks_match_code=True,
                wave=wave,
                repeats=before,
            )
        sample = [p for p in people if self.rng.random() < 0.55]
        traits = {
            p.pk: {
                "se": self.rng.gauss(2.8, 0.45),
                "co": self.rng.gauss(2.6, 0.6),
                "js": self.rng.gauss(3.0, 0.5),
                "fb": self.rng.gauss(2.6, 0.5),
            }
            for p in sample
        }
        codes = {
            p.pk: {
                "match_mother": self.rng.choice("АӘБГДЕЖЗКЛМНРСТ"),
                "match_day": str(self.rng.randint(1, 28)),
                "match_place": self.rng.choice("АҚКСТШ"),
            }
            for p in sample
        }
        matched = set(p.pk for p in sample[:: max(1, len(sample) // 15)])
        first_days = self.days(school_day(self.start, 5), before_closes)
        rows = [
            (self.teacher_answers(p, traits[p.pk], 0.0, codes[p.pk]), self.rng.choice(first_days), p) for p in sample
        ]
        self.answers(before, rows)
        if after is not None:
            later = [p for p in sample if p.pk in matched or self.rng.random() < share * 0.8]
            later_days = self.days(opens, closes)
            rows = []
            for p in later:
                code = codes[p.pk] if p.pk in matched else {}
                rows.append((self.teacher_answers(p, traits[p.pk], 0.15, code), self.rng.choice(later_days), p))
            self.answers(after, rows)

    def teacher_answers(
        self, person: User, trait: dict[str, float], change: float, code: dict[str, str]
    ) -> dict[str, Any]:
        noise: Callable[[], float] = lambda: self.rng.gauss(0, 0.55)  # noqa: E731
        se, co, js, fb = (
            trait["se"] + change,
            trait["co"] + change * 1.2,
            trait["js"] + change * 0.3,
            trait["fb"] + change,
        )
        values: dict[str, Any] = {"school": str(person.school_id or ""), "role": "teacher", **code}
        values["pd_kinds"] = [
            k for k in ("course", "seminar", "observation", "coaching", "network", "online") if self.rng.random() < 0.35
        ] or ["network"]
        for code_name in ("pd_changed", "pd_applied", "pd_fit"):
            values[code_name] = clip(2.7 + change + noise())
        values["pd_waste"] = clip(2.3 - change + noise())
        for code_name in ("co_plan", "co_observe", "co_network", "co_results"):
            values[code_name] = clip(co + 0.3 + noise(), 1, 5)
        for code_name in (
            "se_questions",
            "se_explain",
            "se_check",
            "se_rules",
            "se_calm",
            "se_time",
            "se_motivate",
            "se_value",
            "se_think",
        ):
            values[code_name] = clip(se + noise())
        for code_name in ("js_overall", "js_again", "js_school"):
            values[code_name] = clip(js + noise())
        for code_name in ("js_regret", "js_leave"):
            values[code_name] = clip(5 - js + noise())
        values["fb_from"] = [s for s in ("director", "colleagues", "coach", "expert") if self.rng.random() < 0.45] or [
            "nobody"
        ]
        if values["fb_from"] != ["nobody"]:
            values["fb_specific"], values["fb_changed"] = clip(fb + noise()), clip(fb + noise())
            values["fb_formality"] = clip(5 - fb + noise())
        if self.rng.random() < 0.08:
            values["wish"] = self.rng.choice(COMMENTS)
        return values

    def parents(self) -> None:
        opens = school_day(self.today, -6)
        survey = self.survey(
            "parents-engagement",
            PARENTS_TITLE,
            at(opens, 9),
            at(school_day(self.today, 10), 18),
            audience="link",
            anonymous=True,
            wave="7-сынып",
        )
        Link.objects.create(survey=survey, label=PARENTS_LINK)
        actions.create_links(survey, count=30, single_use=True, label="7-сынып, үлестірме")
        rows: list[Row] = []
        for _n in range(26):
            level = self.rng.gauss(2.3, 0.5)
            values: dict[str, Any] = {
                "grade": 7,
                "pa_glad": clip(level + self.rng.gauss(0, 0.6)),
                "pa_tells": clip(level - 0.2 + self.rng.gauss(0, 0.6)),
                "pa_homework": clip(level - 0.3 + self.rng.gauss(0, 0.6)),
                "pa_lost": clip(5 - level + self.rng.gauss(0, 0.6)),
                "pa_informed": clip(2.8 + self.rng.gauss(0, 0.6)),
                "pa_heard": clip(2.5 + self.rng.gauss(0, 0.7)),
                "meetings": clip(2.8 + self.rng.gauss(0, 0.8), 1, 5),
            }
            if self.rng.random() < 0.3:
                values["idea"] = self.rng.choice(PARENT_IDEAS)
            rows.append((values, self.rng.choice(self.days(opens, self.today)), None))
        self.answers(survey, rows)

    def event_feedback(self) -> None:
        past = Event.objects.filter(network=self.network, ends_at__lt=self.now, status=Event.Status.PLANNED).order_by(
            "starts_at"
        )
        asked = set(
            Survey.objects.filter(network=self.network, version__instrument__code=actions.FEEDBACK_CODE).values_list(
                "event_id", flat=True
            )
        )
        for event in past:
            if event.pk in asked:
                continue
            present = list(
                User.objects.filter(
                    participations__event=event, participations__attendance=Participation.Attendance.PRESENT
                ).exclude(email__regex=r"^[a-z]+@demo\.ortaq\.kz$")
            )
            if not present:
                continue
            closes_on = school_day(event.local_date, 5)
            survey = self.survey(
                "event-feedback",
                f"Кері байланыс: {event.title}"[:255],
                event.ends_at,
                at(closes_on, 18),
                audience="event",
                event=event,
                anonymous=True,
            )
            rows = []
            for person in present:
                if self.rng.random() > 0.75:
                    continue
                values: dict[str, Any] = {"useful": clip(3.3 + self.rng.gauss(0, 0.6))}
                if self.rng.random() < 0.6:
                    values["will_use"] = self.rng.choice(WILL_USE)
                if self.rng.random() < 0.25:
                    values["improve"] = self.rng.choice(IMPROVE)
                rows.append((values, self.rng.choice(self.days(event.local_date, closes_on)), person))
            self.answers(survey, rows)


def link_needs(network: Network) -> int:
    """The needs the work plan's events serve (once: a network whose events already
    say so is left as it is). Returns how many links were made."""
    if NeedServed.objects.filter(network=network).exists():
        return 0
    for prefix, keys in SERVED:
        for event in Event.objects.filter(network=network, title__startswith=prefix, series__isnull=True):
            actions.serve_needs(event, keys)
    return NeedServed.objects.filter(network=network).count()


def parents_link(network: Network) -> Link | None:
    return Link.objects.filter(survey__network=network, survey__title=PARENTS_TITLE, label=PARENTS_LINK).first()


def seed(stdout: TextIO) -> None:
    network = Network.objects.get(name=SHUAQ)
    with transaction.atomic():
        load_library()
        seeder = SurveySeeder(network)
        if Survey.objects.filter(network=network, title=NEEDS_TITLE).exists():
            # Events that have ended since the last run are asked about; the rest stays.
            seeder.event_feedback()
        else:
            seeder.run()
        linked = link_needs(network)
    if linked:
        seeder.count("needs served by events", linked)
    if seeder.created:
        stdout.write("Surveys added (" + ", ".join(f"{what}: {n}" for what, n in seeder.created.items()) + ").\n")
    else:
        stdout.write("Surveys already in place; nothing changed.\n")
