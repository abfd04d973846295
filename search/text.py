"""Words of a query and of a document, as the index sees them, and the highlighted
snippets shown with the results. No database here.

Reading a text
--------------
The index reads text the way SQLite's ``unicode61`` tokenizer does: a word is a run
of Unicode letters and digits; case is folded for every alphabet (Kazakh «Ә» is «ә»);
letters keep their marks, so «ә» is never «а» and «й» is never «и». «ё» is read as
«е», because Russian writers drop the dots as often as not.

One normalisation, for the texts indexed and the queries alike (``normalise``):
Latin letters that look Cyrillic, inside a word that is otherwise Cyrillic, become
the Cyrillic letters they look like — a Kazakh text pasted from Word often has a
Latin «ə», «a», «c», «o» or «i» in it: «мəселе» is «мәселе», «бiлiм» is «білім».
The text is stored so (the letters look the same), and found by its right spelling.

What a word is found by
-----------------------
A document's word is found, in the order that ranks it:

1. by its beginning, as written: «мұғалім» finds «мұғалімдердің», and «сабақ»
   finds «сабағы» (a final «қ», «к», «п» is also looked for voiced);
2. by its stem (search/stemming.py): «мектебі», «мектептерде» and «мектеп» share
   the stem «мектеп», «халқы» and «халық» the stem «халық», Russian «школе» and
   «школа» the stem «школ»;
3. by its keyboard skeleton: the word as typed on a Russian keyboard, where «ә»
   is «а», «ғ» «г», «қ» «к», «ң» «н», «ө» «о», «ұ» and «ү» «у», «һ» «х», «і» «и»
   (``skeleton``), stemmed by the same stemmer in those letters: «мугалимдерге» and
   «мұғалімдер» share «мугалим». A query word with a Kazakh letter in it was typed
   on a Kazakh keyboard and is not looked for so; one without is (it may be either).

Stems and skeletons are the document's *keys* (``document_keys``): two more
columns of the index, searched for whole keys, not beginnings. A document whose
word matches the query as written also matches its stem and skeleton, so it ranks
above one found by the skeleton alone. Russian stems are marked (``RUSSIAN``) so
that a Kazakh word and a Russian one with the same letters do not meet: «бала»
(child) has the Russian stem «бал» (a ball), which a Kazakh «балы» must not find.

Which stemmer: a word with a Kazakh letter is Kazakh, one with «ъ», «ь» or «щ»
Russian («э» is no sign: Kazakh writes «электр», «эссе»); any other Cyrillic word
goes by its sentence, or where the sentence does not show it by the document (the
language a material says it is in, else ``language_of``: the script most of its
words show), and in a query gets both. A query word with a Kazakh ending on a stem
both languages write alike — a loanword: «диалогты», «дескрипторлары» — is also
looked for by the Russian stem of that stem («диалог»), which a Russian text's
«диалога» has (``shared_stems``). A Kazakh word is not looked for by its Russian
translation: «мектептің» does not find «школа».

Latin script
------------
A Latin query word is also looked for as Kazakh (``spellings``), in the alphabet
its letters show: the 2021 alphabet («mūğalım», «oquşy»: «ä ğ ı ñ ö ş ū ü»), the
2017 apostrophes («mug'alim», «o'qushy») and 2018 accents («mǵ», «á»), and
informal ASCII («mugalim», «mektebi», «sabaq», «sh», «ch», «zh»). ASCII spellings
lose the difference between «і» and «и», «ұ» and «у», so they are read into the
skeleton's letters and found through the skeleton. search/query.py leaves a plain
ASCII word alone when the index knows it as a Latin word («Lesson», «INSERT»).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.stemming import WORDS_REMEMBERED, kazakh_stems, russian_stem

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 64
SNIPPET_WORDS = 30

WORD = re.compile(r"[^\W_]+")
# A learning objective code as written in the curriculum: «7.2.1.1», or a part of one: «7.2».
CODE = re.compile(r"\d+(?:\.\d+)+")
# A Latin word may hold apostrophes (the 2017 alphabet: «o'qushy»).
APOSTROPHES = "'’ʼ`"
LATIN_WORD = re.compile(rf"[a-zA-Z\u00c0-\u024f]+(?:[{APOSTROPHES}][a-zA-Z\u00c0-\u024f]*)+")
QUERY_TOKEN = re.compile(rf"{CODE.pattern}|{LATIN_WORD.pattern}|{WORD.pattern}")
VOICED = {"қ": "ғ", "к": "г", "п": "б"}
# Shorter skeletons are looked for whole only: as beginnings they would match too much.
MIN_SKELETON_PREFIX = 4
# FTS5's operators, when someone types them in capitals; every other word is just a word.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
RUSSIAN_LETTERS = frozenset("ъьщ")
# Short words of Russian texts that Kazakh has not.
RUSSIAN_WORDS = frozenset(
    [
        "и",
        "в",
        "на",
        "с",
        "что",
        "как",
        "для",
        "это",
        "по",
        "из",
        "от",
        "при",
        "или",
        "к",
        "о",
        "у",
        "же",
        "все",
        "мы",
        "вы",
        "они",
        "она",
        "так",
        "только",
    ]
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
# Latin letters that look like Cyrillic ones, and those letters.
LOOK_ALIKES = str.maketrans("aceopxyiəɵhkABCEHKMOPTXYIƏƟ", "асеорхуіәөһкАВСЕНКМОРТХУІӘӨ")
LOOKS_CYRILLIC = frozenset("aceopxyiəɵhkABCEHKMOPTXYIƏƟ")
# The keyboard skeleton: the Kazakh letters a Russian keyboard lacks, as people type them.
SKELETON = str.maketrans("әғқңөұүһіё", "агкноуухие")
# Russian stems are keys of their own: this mark (a private-use character, which no
# one types and unicode61 keeps in a word) before them.
RUSSIAN = "\ue000"


def normalise(text: str) -> str:
    """The text with the look-alike Latin letters of its Cyrillic words made
    Cyrillic; otherwise as it was (the same length, case and punctuation)."""
    return WORD.sub(_cyrillic_word, text)


def _cyrillic_word(match: re.Match[str]) -> str:
    word = match.group()
    if CYRILLIC.search(word) and LATIN.search(word) and all(ch in LOOKS_CYRILLIC for ch in LATIN.findall(word)):
        return word.translate(LOOK_ALIKES)
    return word


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The folded words of a (normalised) text, as the index stores them."""
    return WORD.findall(fold(text))


def code_token(code: str) -> str:
    """«7.2.1.1» is stored as the single word «7x2x1x1»: the tokenizer would split it at
    the dots into «7», «2», «1», «1», which also occur in any text with numbers."""
    return code.replace(".", "x")


def skeleton(word: str) -> str:
    """A folded word as a Russian keyboard types it: «мұғалімге» → «мугалимге»."""
    return word.translate(SKELETON)


def script_of(word: str) -> str:
    """«kk» for a word with a Kazakh letter, «ru» for one with a letter only Russian
    has, «cyrillic» for any other Cyrillic word, «latin», or «» (digits, others)."""
    letters = set(word)
    if letters & KAZAKH_LETTERS:
        return "kk"
    if letters & RUSSIAN_LETTERS:
        return "ru"
    if CYRILLIC.search(word):
        return "cyrillic"
    if LATIN.search(word):
        return "latin"
    return ""


def language_of(folded_words: list[str], hint: str = "") -> str:
    """«kk» or «ru» for a text whose words show one of them more (a Kazakh letter, or
    a Russian one or a short Russian word), else the hint (a material's language),
    else «» (both stemmers for its other words)."""
    kazakh = russian = 0
    for word in set(folded_words):
        script = script_of(word)
        kazakh += script == "kk"
        russian += script == "ru" or word in RUSSIAN_WORDS
    if kazakh or russian:
        return "kk" if kazakh >= russian else "ru"
    return hint if hint in ("kk", "ru") else ""


@lru_cache(maxsize=WORDS_REMEMBERED)
def word_keys(word: str, language: str = "") -> frozenset[str]:
    """A document word's keys: its stems and its skeleton's stems (see the module's
    docstring). ``language`` is the document's, for a word either language could have."""
    if len(word) < 2 or word.isdigit():
        return frozenset()
    script = script_of(word)
    keys: set[str] = set()
    if script == "kk" or (script == "cyrillic" and language != "ru"):
        keys.update(kazakh_stems(word))
        keys.update(kazakh_stems(skeleton(word), loose=True))
    if script == "ru" or (script == "cyrillic" and language != "kk"):
        keys.add(RUSSIAN + russian_stem(word))
    return frozenset(keys)


# A Russian stem this long is looked for as a beginning too («программ»: «программа»);
# shorter ones begin other words («школ»: «школьник»).
MIN_RUSSIAN_PREFIX = 6
# Shorter Russian stems of a Kazakh stem are other words as often as not: «балалар»
# (children) has the stem «бала», whose Russian stem «бал» is a ball.
MIN_SHARED_STEM = 4


def shared_stems(word: str) -> frozenset[str]:
    """The Russian keys of a Kazakh query word whose ending comes off a stem without
    Kazakh letters, as typed: «диалогты» → «диалог», «дескрипторлары» → «дескриптор»
    (a Russian text's «диалога», «дескрипторы»)."""
    keys = set()
    for stem in kazakh_stems(word):
        typed = word[: len(stem)]
        if len(stem) < len(word) and script_of(typed) == "cyrillic":
            russian = russian_stem(typed)
            if len(russian) >= MIN_SHARED_STEM:
                keys.add(RUSSIAN + russian)
    return frozenset(keys)


# Where a sentence ends: its stop and the spaces after it, or a line break.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def document_keys(title: str, body: str, hint: str = "") -> tuple[str, str]:
    """The keys of a document's title and of its text, each a space-separated list
    of distinct keys (sorted, so that the same text always gives the same string).
    The language of a word either language could have is its sentence's, and the
    document's where the sentence does not show it: a Kazakh post quoting a Russian
    sentence («В нашей школе…»), a Russian material with Kazakh tags and authors. A
    document's language is the one it says it is in (a material's), else the one its
    words show."""
    language = hint if hint in ("kk", "ru") else language_of(words(title) + words(body))

    def keys(text: str) -> str:
        found: set[str] = set()
        for sentence in SENTENCE_END.split(text):
            sentence_words = set(words(sentence))
            in_language = language_of(list(sentence_words), language)
            found.update(key for word in sentence_words for key in word_keys(word, in_language))
        return " ".join(sorted(found))

    return keys(title), keys(body)


# --- Latin script --------------------------------------------------------------------

MARKS_2021 = frozenset("äğıñöşūü")
MARKS_2018 = frozenset("áǵńóúýí")
# Letter by letter, after the two-letter groups; what is not here stays as it is.
ASCII_LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", "абцдефгхижклмнопқрстувухыз", strict=True))
LATIN_2021 = {**ASCII_LETTERS, "ä": "ә", "ğ": "ғ", "ı": "і", "ñ": "ң", "ö": "ө", "ş": "ш", "ū": "ұ", "ü": "ү"}
LATIN_2017 = {**ASCII_LETTERS, "i": "і", "u": "ұ", "h": "һ"}
LATIN_2018 = {**LATIN_2017, "á": "ә", "ǵ": "ғ", "ń": "ң", "ó": "ө", "ú": "ү", "ý": "у", "í": "и"}
APOSTROPHE_2017 = {"a": "ә", "g": "ғ", "n": "ң", "o": "ө", "u": "ү", "y": "у", "i": "и", "s": "ш", "c": "ч"}
INFORMAL_GROUPS = {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "gh": "ғ", "ya": "я", "yu": "ю"}
CYRILLIC_VOWELS = frozenset("аәеоөұүыіиуэюя")


@lru_cache(maxsize=10_000)
def spellings(word: str) -> tuple[str, ...]:
    """The Cyrillic spelling of a folded Latin word read as Kazakh, by the alphabet
    its letters show: «mūğalım» → «мұғалім», «o'qushy» → «өқұшы», «mektebi» →
    «мектеби» (ASCII is read into the skeleton's letters). Empty for a word too
    short to tell, or with letters of no such alphabet."""
    word = word.replace("\u0307", "")  # «İ» folds to «i» and a combining dot
    letters = set(word)
    if len(word) < 3:
        return ()
    if letters & MARKS_2021:
        table, groups, apostrophes = LATIN_2021, {"ch": "ч"}, False
    elif letters & set(APOSTROPHES):
        table, groups, apostrophes = LATIN_2017, {"sh": "ш", "ch": "ч"}, True
    elif letters & MARKS_2018:
        table, groups, apostrophes = LATIN_2018, {"sh": "ш", "ch": "ч"}, False
    else:
        table, groups, apostrophes = ASCII_LETTERS, INFORMAL_GROUPS, False
    out: list[str] = []
    position = 0
    while position < len(word):
        pair, letter = word[position : position + 2], word[position]
        if apostrophes and len(pair) == 2 and pair[1] in APOSTROPHES:
            out.append(APOSTROPHE_2017.get(letter, table.get(letter, "")))
            position += 2
            continue
        if letter in APOSTROPHES:
            position += 1
            continue
        if pair in groups:
            out.append(groups[pair])
            position += 2
            continue
        if letter in ("i", "y") and out and out[-1][-1:] in CYRILLIC_VOWELS and table is not LATIN_2017:
            # «aitu», «aytu», «oiyn»: after a vowel these are «й» (the 2021 alphabet, and as people type)
            out.append("й")
        elif letter not in table:
            return ()
        else:
            out.append(table[letter])
        position += 1
    return ("".join(out),)


def is_plain_latin(word: str) -> bool:
    """An ASCII word, which may be English (or another language the index holds)
    as well as Kazakh typed without its letters."""
    return word.isascii() and word.isalpha()


# --- Queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word of a query: a prefix («мұғалім» for «мұғалімдердің»), an exact word
    (numbers and single letters, which as prefixes would match half the library), or
    a learning objective code (matches the code, the codes under it, and the same
    numbers written in the text). ``spellings``: a Latin word's Cyrillic spellings."""

    text: str
    prefix: bool = True
    is_code: bool = False
    spellings: tuple[str, ...] = ()

    @property
    def parts(self) -> list[str]:
        return self.text.split(".")

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """The beginnings to look for: «сабақ» and «сабағ»; a Latin word and its
        Cyrillic spellings; a Russian word's stem, where it is long enough not to
        begin other words, so that «программы» finds a Kazakh text's «программасы»
        (which has Kazakh stems only)."""
        if not self.prefix:
            return (self.text,)
        forms = []
        for text in (self.text, *self.spellings):
            forms.append(text)
            if len(text) > 2 and text[-1] in VOICED:
                forms.append(text[:-1] + VOICED[text[-1]])
        if script_of(self.text) in ("ru", "cyrillic"):
            stem = russian_stem(self.text)
            if len(stem) >= MIN_RUSSIAN_PREFIX:
                forms.append(stem)
        return tuple(dict.fromkeys(forms))

    @cached_property
    def keys(self) -> frozenset[str]:
        """The stems and skeletons to look for (whole)."""
        if not self.prefix or self.is_code:
            return frozenset()
        keys: set[str] = set()
        script = script_of(self.text)
        if script == "kk":
            keys.update(kazakh_stems(self.text))
        elif script == "ru":
            keys.add(RUSSIAN + russian_stem(self.text))
        elif script == "cyrillic":
            keys.update(word_keys(self.text))
        if script in ("kk", "cyrillic"):
            keys.update(shared_stems(self.text))
        for spelling in self.spellings:
            # Read as Kazakh; and a spelling without Kazakh letters as Russian too («refleksiya»).
            keys.update(word_keys(spelling) if script_of(spelling) == "cyrillic" else kazakh_stems(spelling))
            keys.update(kazakh_stems(skeleton(spelling), loose=True))
            keys.update(shared_stems(spelling))
        return frozenset(keys)

    @cached_property
    def skeletons(self) -> tuple[str, ...]:
        """Beginnings of keys to look for: the skeleton of a word that may have been
        typed on a Russian keyboard, or in Latin letters, as a beginning, so that
        «талимгер» finds «тәлімгерлік» as «тәлімгер» does."""
        if not self.prefix or self.is_code:
            return ()
        texts = [self.text] if script_of(self.text) == "cyrillic" else []
        texts.extend(self.spellings)
        return tuple(dict.fromkeys(skeleton(text) for text in texts if len(text) >= MIN_SKELETON_PREFIX))

    @cached_property
    def _initials(self) -> frozenset[str]:
        return frozenset(skeleton(key.lstrip(RUSSIAN)[:1]) for key in self.keys)

    def matches(self, word: str) -> bool:
        """Whether a folded word of a document matches this (non-code) term."""
        if not self.prefix:
            return word == self.text
        if any(word.startswith(form) for form in self.forms):
            return True
        if self.skeletons and script_of(word) in ("kk", "cyrillic"):
            folded = skeleton(word)
            if any(folded.startswith(text) for text in self.skeletons):
                return True
        # A stem begins as its word does, or as its word's skeleton: a cheap test first.
        return skeleton(word[:1]) in self._initials and bool(self.keys & word_keys(word))


def parse_query(query: str) -> list[Term]:
    """The user's words, with everything that could be query syntax left out: only
    letters, digits and the dots inside a code survive, so no input can break the
    full-text query of either database. Every term must match (AND)."""
    terms: list[Term] = []
    for token in QUERY_TOKEN.findall(normalise((query or "")[:MAX_QUERY_CHARS])):
        if token in OPERATORS:
            continue
        if CODE.fullmatch(token):
            term = Term(token, prefix=False, is_code=True)
        else:
            folded = fold(token)[:MAX_TERM_CHARS]
            text = "".join(WORD.findall(folded))
            if not text:
                continue
            prefix = len(text) > 1 and not text.isdigit()
            latin = prefix and script_of(text) == "latin"
            term = Term(text, prefix=prefix, spellings=spellings(folded) if latin else ())
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _code_pattern(term: Term) -> re.Pattern[str]:
    # The code as written in a text (dots, spaces or dashes between the numbers),
    # never as part of a longer number or code.
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term.parts)) + r"(?![^\W_])")


@lru_cache(maxsize=WORDS_REMEMBERED)
def _marks(terms: tuple[Term, ...], word: str) -> bool:
    """Whether a word of a text, as written, matches one of the (non-code) terms:
    a page marks the same words in every result."""
    folded = fold(word)
    return any(term.matches(folded) for term in terms)


def _spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    plain = tuple(term for term in terms if not term.is_code)
    spans = []
    if plain:
        spans = [match.span() for match in WORD.finditer(text) if _marks(plain, match.group())]
    for term in terms:
        if term.is_code:
            spans.extend(match.span() for match in _code_pattern(term).finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] escaped, with the spans wrapped in <mark>: escaping comes first,
    so nothing a document contains can become markup."""
    out = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def matches(text: str, terms: list[Term]) -> bool:
    """Whether every term of a query matches the text, as the index would match it: for
    a few texts read in memory rather than kept in the index (a survey's written
    answers, which only the survey's leaders may search)."""
    text = normalise(text)
    folded = set(words(text))
    for term in terms:
        if term.is_code:
            if not _code_pattern(term).search(text):
                return False
        elif not any(term.matches(word) for word in folded):
            return False
    return bool(terms)


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The whole text, escaped, with the matching words marked."""
    return mark_safe(_marked(text, _spans(text, terms), 0, len(text)))  # noqa: S308 (escaped in _marked)


def snippet(text: str, terms: list[Term], *, length: int = SNIPPET_WORDS) -> SafeString:
    """About ``length`` words of the text around the place with the most matches,
    escaped, with the matching words marked; the beginning of the text when no word
    matches (the document was found by its title)."""
    tokens = [match.span() for match in WORD.finditer(text)]
    if not tokens:
        return mark_safe("")
    spans = _spans(text, terms)
    first = 0
    if spans:
        starts = [start for start, _end in tokens]
        # The window [i - 3, i - 3 + length) around the match that has the most matches in it.
        positions = [max(bisect_right(starts, start) - 1, 0) for start, _end in spans[:200]]
        best = max(
            positions,
            key=lambda i: (sum(1 for p in positions if i - 3 <= p < i - 3 + length), -i),
        )
        first = max(min(best - 3, len(tokens) - length), 0)
    last = min(first + length, len(tokens))
    start = tokens[first][0] if first > 0 else 0
    end = tokens[last - 1][1] if last < len(tokens) else len(text)
    html = _marked(text, spans, start, end)
    if first > 0:
        html = "… " + html
    if last < len(tokens):
        html += " …"
    return mark_safe(html)  # noqa: S308 (escaped in _marked)
