"""How well search finds what a teacher means: a set of queries, each with the
documents it should find, written by hand — the forms of a word are described by a
pattern of their Kazakh (or Russian) spelling, not by the stemmer under test —, in
groups: the dictionary form, an inflected form (stacked endings too:
«әріптесімнің», «оқушыларымыздың»), the word typed on a Russian keyboard, in Latin
letters (the 2021 alphabet, 2017 apostrophes, informal ASCII), and Russian inflected
forms. Measured on the demo (search/tests/test_evaluation.py) and on the bench's
data at every size (bench/run.py writes it into the report).

Measured per group, over the results (a thread with its replies is one): recall, the
share of the expected results found — on a large index, those the query's words
match (``engine.matching``), of which a page ranks the newest ``engine.RANKED``;
and, for the spellings a Kazakh keyboard types (dictionary and inflected forms), the
precision of the first page and whether a look-alike — a result not expected, found
through a stem, a skeleton or a transliteration rather than a word that begins as
typed — ranks above an expected one (they must not bury the right answer). A pattern
leaves out the words that only begin alike and mean something else («әдістемелік» is
not a form of «әдіс»), which a beginning typed finds too: that is what the precision
counts.

Not a miss, so not asked: a Kazakh word finding its Russian translation («мектептің»,
the school's, and «школа»). A Kazakh form of a word Russian writes alike is asked
(«дескрипторлардың» finds a Russian text's «дескрипторы»: search/text.py ``shared_stems``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accounts.models import User
from search import engine
from search.models import SearchDocument
from search.query import search
from search.text import fold, parse_query

# A word: (the pattern of its forms' beginnings, [(group, query), …]).
QUERIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "мұғалім": (
        r"мұғалім",
        [
            ("stem", "мұғалім"), ("inflected", "мұғалімдерге"), ("keyboard", "мугалим"), ("keyboard", "мугалимдерге"),
            ("latin", "mugalim"), ("latin", "mūğalım"),
        ],
    ),
    "мектеп": (
        r"мекте[пб]",
        [
            ("stem", "мектеп"), ("inflected", "мектебінде"), ("inflected", "мектебіміздегі"), ("keyboard", "мектеби"),
            ("latin", "mektebi"),
        ],
    ),
    "сабақ": (
        r"саба[қғ]",
        [
            ("stem", "сабақ"), ("inflected", "сабағы"), ("keyboard", "сабак"), ("keyboard", "сабагы"),
            ("latin", "sabaq"), ("latin", "sabak"),
        ],
    ),
    "оқушы": (
        r"оқушы",
        [
            ("stem", "оқушы"), ("inflected", "оқушыларға"), ("inflected", "оқушыларымыздың"), ("keyboard", "окушы"),
            ("latin", "oqushy"),
            ("latin", "o'qushy"), ("latin", "oquşy"),
        ],
    ),
    "бағалау": (
        r"бағалау(?!шы)",  # «бағалаушы», the one who assesses, is a word of its own
        [
            ("stem", "бағалау"), ("inflected", "бағалаудың"), ("keyboard", "багалау"), ("latin", "bagalau"),
            ("latin", "bağalau"),
        ],
    ),
    "жұмыс": (r"жұмыс", [("stem", "жұмыс"), ("inflected", "жұмысы"), ("keyboard", "жумыс"), ("latin", "jumys")]),
    "сынып": (r"сыны[пб]", [("stem", "сынып"), ("inflected", "сыныбы"), ("latin", "synyp")]),
    "тапсырма": (
        r"тапсырма",
        [
            ("stem", "тапсырма"), ("inflected", "тапсырмасын"), ("inflected", "тапсырмаларымызды"),
            ("latin", "tapsyrma"),
        ],
    ),
    "жоспар": (
        r"жоспар(?!ла(?!р))",  # not the verb «жоспарлау» (to plan); its plural «жоспарлар» is
        [("stem", "жоспар"), ("inflected", "жоспарлары"), ("latin", "jospar")],
    ),
    "сұрақ": (r"сұра[қғ]", [("stem", "сұрақ"), ("inflected", "сұрағы"), ("keyboard", "сурак"), ("latin", "suraq")]),
    # Not «жауапкершілік» (responsibility), another word that begins alike.
    "жауап": (r"жауа[пб](?!кер)", [("stem", "жауап"), ("inflected", "жауабы"), ("latin", "jauap")]),
    "нәтиже": (
        r"нәтиже",
        [
            ("stem", "нәтиже"), ("inflected", "нәтижесі"), ("keyboard", "натиже"), ("latin", "natije"),
            ("latin", "nätije"),
        ],
    ),
    "тәжірибе": (
        r"тәжірибе",
        [
            ("stem", "тәжірибе"), ("inflected", "тәжірибесі"), ("keyboard", "тажирибе"), ("latin", "tajiribe"),
        ],
    ),
    "байланыс": (r"байланыс", [("stem", "байланыс"), ("inflected", "байланысы"), ("latin", "bailanys")]),
    "дескриптор": (
        r"дескриптор",
        [
            ("stem", "дескриптор"), ("inflected", "дескрипторлары"), ("inflected", "дескрипторлардың"),
            ("latin", "deskriptor"),
        ],
    ),
    "қоғамдастық": (
        r"қоғамдаст",
        [
            ("stem", "қоғамдастық"), ("inflected", "қоғамдастығы"), ("keyboard", "когамдастык"),
            ("latin", "qoğamdastyq"),
        ],
    ),
    "әдіс": (r"әдіс(?!теме)", [("stem", "әдіс"), ("inflected", "әдісі"), ("keyboard", "адис"), ("latin", "adis")]),
    "білім": (r"білім", [("stem", "білім"), ("inflected", "білімі"), ("keyboard", "билим"), ("latin", "bilim")]),
    "пікір": (
        r"пікір(?!талас)",
        [
            ("stem", "пікір"), ("inflected", "пікірі"), ("keyboard", "пикир"), ("latin", "pikir"),
        ],
    ),
    "тәлімгер": (r"тәлімгер", [("stem", "тәлімгер"), ("keyboard", "талимгер"), ("latin", "talimger")]),
    "кәсіби": (r"кәсіби", [("stem", "кәсіби"), ("keyboard", "касиби"), ("latin", "kasibi")]),
    "мақсат": (r"мақсат", [("stem", "мақсат"), ("inflected", "мақсаты"), ("keyboard", "максат"), ("latin", "maqsat")]),
    "әріптес": (
        r"әріптес",
        [
            ("stem", "әріптес"), ("inflected", "әріптестерге"), ("inflected", "әріптесімнің"), ("keyboard", "ариптес"),
            ("latin", "ariptes"),
        ],
    ),
    "диалог": (
        r"диалог",
        [("stem", "диалог"), ("inflected", "диалогты"), ("latin", "dialog")],
    ),
    "рефлексия": (r"рефлекси", [("stem", "рефлексия"), ("inflected", "рефлексиясы"), ("latin", "refleksiya")]),
    "школ": (r"школ", [("russian", "школа"), ("russian", "школы")]),
    "урок": (r"урок", [("russian", "урок"), ("russian", "уроки")]),
    "учител": (r"учител", [("russian", "учителей"), ("russian", "учитель")]),
    "оценивани": (r"оценивани", [("russian", "оценивания"), ("russian", "оцениванию")]),
    "уравнени": (r"уравнени", [("russian", "уравнения"), ("russian", "уравнение")]),
    "квадратн": (r"квадратн", [("russian", "квадратные"), ("russian", "квадратное")]),
    "программ": (r"программ", [("russian", "программа"), ("russian", "программы")]),
    "ученик": (r"ученик", [("russian", "ученики"), ("russian", "ученикам")]),
    "класс": (r"класс", [("russian", "классы"), ("russian", "классе")]),
    "вопрос": (r"вопрос", [("russian", "вопросы"), ("russian", "вопрос")]),
}  # fmt: skip
EXACT = ("stem", "inflected")
MIN_RECALL = 0.95
MIN_PRECISION = 0.9
PAGE = 20
# How many results of a search are read for the look-alikes above an expected one.
LISTED = 100


@dataclass
class Figures:
    pairs: int = 0
    expected: int = 0
    found: int = 0
    precisions: list[float] = field(default_factory=list)
    buried: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return sum(self.precisions) / len(self.precisions) if self.precisions else 0.0

    def holds(self, group: str) -> bool:
        """Whether the group meets the goals."""
        if self.recall < MIN_RECALL:
            return False
        return group not in EXACT or (self.precision >= MIN_PRECISION and not self.buried)


def page_of(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def page_texts(documents: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each result page's folded words, as a search finds them: a reply by its own
    text, a thread or material by its title and text."""
    texts: dict[str, list[str]] = {}
    for doc in documents:
        parts = texts.setdefault(doc["page"], [])
        parts.append(fold(doc["body"]))
        if doc["kind"] != "post":
            parts.append(fold(doc["title"]))
    return {page: " ".join(parts) for page, parts in texts.items()}


def evaluate(user: User) -> dict[str, Figures]:
    """The figures of each group over the index as it is, searched as ``user`` (who
    should see everything: a superuser). A word none of whose forms the index holds
    is left out (the bench's smallest data has not every word)."""
    texts = page_texts(SearchDocument.objects.values("kind", "title", "body", "page").iterator())
    visible = SearchDocument.objects.visible_to(user)
    figures: dict[str, Figures] = {}
    for pattern, queries in QUERIES.values():
        forms = re.compile(r"(?<![^\W_])" + pattern)
        expected = {page for page, text in texts.items() if forms.search(text)}
        if not expected:
            continue
        for group, query in queries:
            found = [page_of(hit.url) for hit in search(user, query, limit=LISTED)]
            matched = set(engine.matching(visible, parse_query(query)).values_list("page", flat=True))
            counted = figures.setdefault(group, Figures())
            counted.pairs += 1
            counted.expected += len(expected)
            hits = len(expected & (matched | set(found)))
            counted.found += hits
            if hits < len(expected):
                counted.missed.append(query)
            first = found[:PAGE]
            counted.precisions.append(sum(page in expected for page in first) / len(first) if first else 0.0)
            # A look-alike: found, not expected, and without a word that begins as the query
            # (a beginning typed finds «әдістемелік» for «әдіс» by design, and the title first).
            typed = re.compile(r"(?<![^\W_])" + re.escape(fold(query)))
            last = max((n for n, page in enumerate(found) if page in expected), default=-1)
            if any(page not in expected and not typed.search(texts.get(page, "")) for page in found[:last]):
                counted.buried.append(query)
    return figures
