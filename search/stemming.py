"""Stems: the part of a word that its forms share, so that «мектебі», «мектепте» and
«мектептеріміздің» are found by one another. No database here; search/text.py
decides which stemmer a word gets.

Kazakh (``kazakh_stems``): a light stemmer of our own. Kazakh adds endings to a word
in a fixed order — root, plural, possessive, case — and each ending has a few shapes,
chosen by the vowels of the word (back «а о ұ ы» or front «ә ө е ү і») and by its
last sound («-лар» after a vowel, «-дар» after «м», «-тар» after «п»). The stemmer
takes endings off from the right, one slot at a time, and takes an ending off only
in the shape that its word would have chosen, which keeps it from cutting «-тар» off
«қатар» (after a vowel the plural is «-лар»). What it knows:

- the plural «-лар/-лер/-дар/-дер/-тар/-тер»;
- the possessive: «-ы/-і/-сы/-сі» (its), «-ымыз/-іміз/-мыз/-міз» (our),
  «-ыңыз/-іңіз/-ңыз/-ңіз» (your, polite), and «-ым/-ің…» (my, your): certainly
  after a consonant they voiced («кітабым») or after the plural («оқушыларым»);
  after another consonant as likely the word's own, so both stems («әріптесім»:
  «әріптес», «әріптесім»), except in the nouns listed whole («білім», «мұғалім»);
  after a vowel never («балам» would meet «қалам» and «қала»);
- the cases, after all of these («әріптесімнің», «оқушыларымыздың»,
  «тапсырмаларымызды»): genitive «-ның/-дың/-тың», accusative «-ны/-ды/-ты/-н», dative
  «-ға/-қа/-на», locative «-да/-та/-нда», ablative «-дан/-тан/-нан»,
  instrumental «-мен/-бен/-пен», and «-дағы/-тағы/-ндағы» («мектептегі»);
- the adjective ending «-лы/-лі» («сапалы» → «сапа»), which looks like the accusative;
- the consonant a vowel voiced, both ways: a stem is always written with «п», «к»,
  «қ» («кітабы» → «кітап», «сабағы» → «сабақ»; «педагог» → «педагок» too, so
  that its forms agree);
- the words that lose a vowel before an ending («халық» → «халқы», «орын» →
  «орнына», «ерін» → «ерні»): ``DROPPED_VOWEL``.

Where an ending cannot be told from the end of the word itself, both stems are
given: «күні» is «күн» + «і» or «кү» + «ні», «жұмысы» is «жұмыс» + «ы» or «жұмы»
+ «сы», «тесті» is «тест» + «і» or «тес» + «ті». A search matches a word when
they share a stem, so «күн» finds «күні»; the other stem is a string no real word
has, or seldom. Words that look inflected but are not («ойын», «үшін», «туралы»)
are listed in ``WHOLE``. It does not stem verbs: «бағалау» (assessment) is a stem
of its own, as are derived words («оқулық», «оқушы», «оқу» are three things).

``loose=True`` stems a word typed on a Russian keyboard, in the letters
search/text.py ``skeleton`` leaves («мугалимдерге» → «мугалим»): the same endings
in those letters, with vowel harmony not checked (the skeleton has lost it).

Russian (``russian_stem``): the Snowball stemmer, from ``snowballstemmer``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

BACK_VOWELS = frozenset("аоұыяёю")
FRONT_VOWELS = frozenset("әөеүіэ")
VOWELS = frozenset("аәеоөұүыіиуэюяё")

# How the skeleton (search/text.py) writes the letters of the Kazakh alphabet that a
# Russian keyboard lacks; repeated there.
SKELETON = str.maketrans("әғқңөұүһі", "агкноуухи")

# The classes of the sound before an ending, which choose its shape.
V = "vowel"  # а е о ы … (and «и», «у», which are also glides)
G = "glide"  # р й у и: plural «-лар», genitive «-дың»
Z = "voiced"  # л з ж: plural «-дар», genitive «-дың»
N = "nasal"  # м н ң: plural «-дар», genitive «-ның», ablative «-нан»
L = "л"  # takes the instrumental «-мен», where «з», «ж» take «-бен»
K = "voiceless"  # к қ п с т ф х ц ч ш щ, and б в г д at the end of a loanword
POSS3 = "after its"  # right after the possessive «-ы/-і/-сы/-сі» («кітабы|на»)


def sound(letter: str) -> frozenset[str]:
    if letter in "иу":
        return frozenset({V, G})
    if letter in VOWELS:
        return frozenset({V})
    if letter in "рй":
        return frozenset({G})
    if letter == "л":
        return frozenset({Z, L})
    if letter in "зж":
        return frozenset({Z})
    if letter in "мнң":
        return frozenset({N})
    return frozenset({K})


@dataclass(frozen=True)
class Ending:
    text: str
    after: frozenset[str]

    def own_consonant(self, rest: str) -> bool:
        """Whether the ending's consonant may be the word's own, with only «-ы/-і»
        (its) after it: «күн|і» beside «кү|ні», «жұмыс|ы» beside «жұмы|сы», «тест|і»
        beside «тес|ті»."""
        if len(self.text) != 2 or self.text[1] not in "ыіи" or not rest:
            return False
        return (self.text[0] in "нлс" and rest[-1] in VOWELS) or (self.text[0] == "т" and rest[-1] in "ск")


def _endings(spec: list[tuple[str, set[str]]]) -> tuple[Ending, ...]:
    """Each shape given with back vowels («-лар») comes with its front twin
    («-лер»), longest first."""
    front = str.maketrans("аыұоқғ", "еіүөкг")
    endings: list[Ending] = []
    for text, after in spec:
        endings.extend(Ending(shape, frozenset(after)) for shape in dict.fromkeys([text, text.translate(front)]))
    return tuple(sorted(endings, key=lambda ending: -len(ending.text)))


PLURAL = _endings([("лар", {V, G}), ("дар", {Z, N}), ("тар", {K})])
ATTRIBUTIVE = _endings([("дағы", {V, Z, N, G}), ("тағы", {K}), ("ндағы", {POSS3})])
CASE = (
    *ATTRIBUTIVE,
    *_endings(
        [
            # genitive
            ("ның", {V, N}),
            ("дың", {Z, G}),
            ("тың", {K}),
            # accusative, and the adjective «-лы» («сапалы»), which has the shapes of the plural
            ("ны", {V}),
            ("ды", {Z, N, G}),
            ("ты", {K}),
            ("лы", {V, G}),
            ("н", {POSS3}),
            # dative; «-а/-е» only after «my» and «your» (below)
            ("ға", {V, Z, N, G}),
            ("қа", {K}),
            ("на", {POSS3}),
            # locative
            ("да", {V, Z, N, G}),
            ("та", {K}),
            ("нда", {POSS3}),
            # ablative
            ("дан", {V, Z, G}),
            ("нан", {N, POSS3}),
            ("тан", {K}),
        ]
    ),
)
# The instrumental has one vowel whatever the word's.
INSTRUMENTAL = (
    Ending("мен", frozenset({V, N, G, L, POSS3})),
    Ending("бен", frozenset({Z})),
    Ending("пен", frozenset({K})),
)
POSSESSIVE = _endings(
    [
        ("ымыз", {Z, N, G, K}),
        ("мыз", {V}),
        ("ыңыз", {Z, N, G, K}),
        ("ңыз", {V}),
        ("сы", {V}),
        ("ы", {Z, N, G, K}),
    ]
)
# «my» and «your» (familiar), with the dative and locative after them: only where the
# consonant before them was voiced by them («кітабыма», «сабағымда»).
FIRST_PERSONS = _endings([("ыма", set()), ("ыңа", set()), ("ымда", set()), ("ым", set()), ("ың", set())])
VOICED_BY_ENDING = frozenset("бгғ")

# Words that lose their last vowel before an ending that starts with one.
DROPPED_VOWEL = {
    "халқ": "халық",
    "орн": "орын",
    "ерн": "ерін",
    "мұрн": "мұрын",
    "ауз": "ауыз",
    "мойн": "мойын",
    "қойн": "қойын",
    "қарн": "қарын",
    "ерк": "ерік",
    "көрк": "көрік",
    "бөрк": "бөрік",
    "әрп": "әріп",
    "қалп": "қалып",
    "нарқ": "нарық",
    "парқ": "парық",
    "даус": "дауыс",
    "ұрқ": "ұрық",
    "ырқ": "ырық",
    "зауқ": "зауық",
    "көңл": "көңіл",
}
# Words whose ends look like endings but are their own, common in teachers' texts:
# taken as they are, inflected or not («ойындар» → «ойын», not «ой»).
WHOLE = frozenset(
    [
        "ойын",
        "орын",
        "жиын",
        "бұрын",
        "кейін",
        "қиын",
        "үшін",
        "бүгін",
        "түйін",
        "сайын",
        "ағын",
        "жауын",
        "дайын",
        "жақын",
        "шағын",
        "тұрғын",
        "келін",
        "мойын",
        "қойын",
        "ерін",
        "мұрын",
        "қарын",
        "мүмкін",
        "тағы",
        "әрі",
        "бері",
        "ары",
        "басқа",
        "туралы",
        "арқылы",
        "тақта",
        "тамыз",
        "маңыз",
        "теңіз",
        "қымыз",
        "дәптер",
        "мастер",
        # Nouns whose own «-ым/-ім» (made from a verb: «біл-ім», «құры-лым») or «-ың»
        # would otherwise also be read as «my», «your» (search the verb's forms by them).
        "білім",
        "бөлім",
        "шешім",
        "сенім",
        "өнім",
        "ілім",
        "тәлім",
        "мұғалім",
        "ғалым",
        "ұғым",
        "ұйым",
        "құрылым",
        "үлгерім",
        "мерзім",
        "келісім",
        "өтінім",
        "қатысым",
        "тыңдалым",
        "айтылым",
        "оқылым",
        "жазылым",
        "әркім",
        "қарым",
        "қарапайым",
        "қалың",
    ]
)
MIN_STEM = 2
# «-ы/-і» (its) after a consonant.
ITS = Ending("ы", frozenset({Z, N, G, K}))

# Shapes of the endings in the skeleton's letters (search/text.py), for ``loose``.
VOICELESS_STEM_END = {"б": "п", "г": "к", "ғ": "қ"}


def _harmony(stem: str) -> str | None:
    for letter in reversed(stem):
        if letter in BACK_VOWELS:
            return "back"
        if letter in FRONT_VOWELS:
            return "front"
    return None


def _fits(stem: str, ending: Ending, *, loose: bool) -> bool:
    if len(stem) < MIN_STEM or not any(letter in VOWELS for letter in stem):
        return False
    if not loose and ending.text not in ("мен", "бен", "пен"):
        vowels = [letter for letter in ending.text if letter in VOWELS]
        harmony = _harmony(stem)
        if vowels and harmony is not None and (vowels[-1] in BACK_VOWELS) != (harmony == "back"):
            return False
    last = stem[-1]
    classes = set(sound(last))
    after_consonant = stem[-2:-1] not in VOWELS or stem[-2:-1] in ("у", "и")
    if (last in "ыіи" and len(stem) > MIN_STEM + 1 and after_consonant) or stem[-2:] in ("сы", "сі", "си"):
        classes.add(POSS3)
    return bool(classes & ending.after)


@dataclass(frozen=True)
class Shapes:
    """The endings of one alphabet: Kazakh, or the skeleton of a Russian keyboard."""

    case: tuple[Ending, ...]
    possessive: tuple[Ending, ...]
    first_persons: tuple[Ending, ...]
    plural: tuple[Ending, ...]
    attributive: tuple[Ending, ...]
    whole: frozenset[str]
    dropped_vowel: dict[str, str]
    voiced_by_ending: frozenset[str]


def _skeleton_endings(endings: tuple[Ending, ...]) -> tuple[Ending, ...]:
    seen: dict[str, Ending] = {}
    for ending in endings:
        text = ending.text.translate(SKELETON)
        if text not in seen:
            seen[text] = Ending(text, ending.after)
    return tuple(sorted(seen.values(), key=lambda ending: -len(ending.text)))


KAZAKH = Shapes(
    case=(*CASE, *INSTRUMENTAL),
    possessive=POSSESSIVE,
    first_persons=FIRST_PERSONS,
    plural=PLURAL,
    attributive=ATTRIBUTIVE,
    whole=WHOLE,
    dropped_vowel=DROPPED_VOWEL,
    voiced_by_ending=VOICED_BY_ENDING,
)
LOOSE = Shapes(
    case=_skeleton_endings((*CASE, *INSTRUMENTAL)),
    possessive=_skeleton_endings(POSSESSIVE),
    first_persons=_skeleton_endings(FIRST_PERSONS),
    plural=_skeleton_endings(PLURAL),
    attributive=_skeleton_endings(ATTRIBUTIVE),
    whole=frozenset(word.translate(SKELETON) for word in WHOLE),
    dropped_vowel={short.translate(SKELETON): full.translate(SKELETON) for short, full in DROPPED_VOWEL.items()},
    voiced_by_ending=frozenset("бг"),
)
MAX_STEMS = 3
# Words whose stems a process keeps: a text repeats its words, and an index rebuild
# meets the same ones in every document (about 20 MB for this many, measured).
WORDS_REMEMBERED = 20_000
SKELETON_GENITIVES = frozenset(("нын", "нин", "дын", "дин", "тын", "тин"))


def _strip(
    stems: list[tuple[str, bool]], endings: tuple[Ending, ...], shapes: Shapes, *, loose: bool, slot: str
) -> list[tuple[str, bool]]:
    """Each (stem, whether it may still have a possessive) with one of ``endings``
    taken off (the longest that fits), or as it was; for an ambiguous ending, also
    the reading in which its consonant is the word's own and only «-ы/-і» (its) an
    ending. An accusative or adjective ending («-ны», «-лы», …) never follows a
    possessive, so a stem that lost one keeps its last vowel («тәсілі» is «тәсіл» +
    «і» or «тәсі» + «лі», never «тә» + «сі» + «лі»)."""
    out: list[tuple[str, bool]] = []
    for stem, possessive in stems:
        if stem in shapes.whole or (slot == "possessive" and not possessive):
            out.append((stem, possessive))
            continue
        for ending in endings:
            if not stem.endswith(ending.text):
                continue
            rest = stem[: -len(ending.text)]
            if rest in shapes.whole or _fits(rest, ending, loose=loose):
                own = stem[:-1]
                if ending.own_consonant(rest) and own in shapes.whole:
                    out.append((own, False))  # «ойын|ы», not «ойы|ны»
                    break
                ends_in_its = len(ending.text) == 2 and ending.text[1] in "ыіи"
                # …but «-ды/-ді» does follow «my», «your» and «our» («кітабымды», «жұмысыңызды»).
                after_persons = ending.text in ("ды", "ді", "ди") and rest[-1] in "мңнз"
                out.append((rest, possessive and not (slot == "case" and ends_in_its and not after_persons)))
                its = Ending(stem[-1], ITS.after)
                if ending.own_consonant(rest) and _fits(own, its, loose=loose):
                    out.append((own, False))
                elif ending.text == "н":
                    # «кітабы|н», or a word of its own that ends so: «мәтін», «түйін»
                    out.append((stem, False))
                elif loose and ending.text in SKELETON_GENITIVES and _fits(stem[:-2], ITS, loose=True):
                    # On a Russian keyboard «күн|ін» and «кү|нің» are both «кунин».
                    out.append((stem[:-2], False))
                break
        else:
            out.append((stem, possessive))
    return list(dict.fromkeys(out))[:MAX_STEMS]


def _strip_first_persons(stems: list[tuple[str, bool]], shapes: Shapes, *, loose: bool) -> list[tuple[str, bool]]:
    """«my» and «your» after a consonant: certainly an ending after a consonant that
    it voiced («кітабым») or after the plural («оқушыларым»); after any other
    consonant both readings («әріптесім» is «әріптес» + «ім», «білім» a word of its
    own), as for «күні». After a vowel («балам», «қалам») it is left alone: «қала» and
    «қалам», «сана» and «санам» would meet."""
    out = []
    for stem, possessive in stems:
        for ending in shapes.first_persons if possessive else ():
            rest = stem[: -len(ending.text)]
            if not stem.endswith(ending.text) or len(rest) <= MIN_STEM or rest[-1] in VOWELS or stem in shapes.whole:
                continue
            if rest in shapes.whole:
                stem, possessive = rest, False  # «білім|ім»
                break
            if rest[-1] in shapes.voiced_by_ending or _after_plural(rest, shapes, loose=loose):
                stem, possessive = rest, False
            elif rest[-1] != "д" and any(letter in VOWELS for letter in rest):
                # (not the past tense «-дым/-дім»: «көрдім»)
                out.append((stem, False))
                stem, possessive = rest, False
            break
        out.append((stem, possessive))
    return list(dict.fromkeys(out))[:MAX_STEMS]


def _after_plural(stem: str, shapes: Shapes, *, loose: bool) -> bool:
    return any(
        stem.endswith(ending.text) and _fits(stem[: -len(ending.text)], ending, loose=loose) for ending in shapes.plural
    )


def _canonical(stem: str, shapes: Shapes) -> str:
    """The one spelling of a stem: its own «-ы/-і» after a consonant dropped
    («оқушы» → «оқуш», so that «оқушылары» and «оқушыны» agree with it), the vowel a
    word loses put back, and a voiced last consonant made voiceless."""
    if stem in shapes.whole:
        return stem
    if stem[-1:] in "ыіи" and len(stem) > MIN_STEM and stem[-2] not in VOWELS and any(v in VOWELS for v in stem[:-1]):
        stem = stem[:-1]
    stem = shapes.dropped_vowel.get(stem, stem)
    if stem[-1:] in VOICELESS_STEM_END:
        stem = stem[:-1] + VOICELESS_STEM_END[stem[-1]]
    return shapes.dropped_vowel.get(stem, stem)


@lru_cache(maxsize=WORDS_REMEMBERED)
def kazakh_stems(word: str, *, loose: bool = False) -> tuple[str, ...]:
    """The stems of a folded Kazakh word (small letters, «ё» as «е»): one, or two or
    three where its ending is ambiguous. ``loose``: a word in the skeleton's letters."""
    shapes = LOOSE if loose else KAZAKH
    stems = [(word, True)]
    stems = _strip(stems, shapes.case, shapes, loose=loose, slot="case")
    stems = _strip_first_persons(stems, shapes, loose=loose)
    stems = _strip(stems, shapes.possessive, shapes, loose=loose, slot="possessive")
    stems = _strip(stems, shapes.plural, shapes, loose=loose, slot="plural")
    stems = _strip(stems, shapes.attributive, shapes, loose=loose, slot="attributive")
    return tuple(dict.fromkeys(_canonical(stem, shapes) for stem, _possessive in stems))


_russian = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=WORDS_REMEMBERED)
def russian_stem(word: str) -> str:
    """The Snowball stem of a folded Russian word: «учителей» → «учител»."""
    return str(_russian.stemWord(word))
