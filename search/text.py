"""Words of a query and of a document, as the index sees them, and the highlighted
snippets shown with the results. No database here.

The index reads text the way SQLite's ``unicode61`` tokenizer does: a word is a run
of Unicode letters and digits; case is folded for every alphabet (Kazakh «Ә» is «ә»);
letters keep their marks (``remove_diacritics 0``), so «ә» is never «а» and «й» is
never «и». One exception, in both databases: «ё» is read as «е», because Russian
writers drop the dots as often as not. Kazakh has no stemmer, so every word of a
query is a prefix: «мұғалім» finds «мұғалімдердің» and «МҰҒАЛІМДЕРГЕ»; and as
Kazakh voices a final «қ», «к», «п» before a vowel («сабақ» → «сабағы», «кітап» →
«кітабы»), a word ending so is also looked for with the voiced letter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 64
SNIPPET_WORDS = 30

WORD = re.compile(r"[^\W_]+")
# A learning objective code as written in the curriculum: «7.2.1.1», or a part of one: «7.2».
CODE = re.compile(r"\d+(?:\.\d+)+")
QUERY_TOKEN = re.compile(rf"{CODE.pattern}|{WORD.pattern}")
VOICED = {"қ": "ғ", "к": "г", "п": "б"}
# FTS5's operators, when someone types them in capitals; every other word is just a word.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The folded words of a text, as the index stores them."""
    return WORD.findall(fold(text))


def code_token(code: str) -> str:
    """«7.2.1.1» is stored as the single word «7x2x1x1»: the tokenizer would split it at
    the dots into «7», «2», «1», «1», which also occur in any text with numbers."""
    return code.replace(".", "x")


@dataclass(frozen=True)
class Term:
    """One word of a query: a prefix («мұғалім» for «мұғалімдердің»), an exact word
    (numbers and single letters, which as prefixes would match half the library), or
    a learning objective code (matches the code, the codes under it, and the same
    numbers written in the text)."""

    text: str
    prefix: bool = True
    is_code: bool = False

    @property
    def parts(self) -> list[str]:
        return self.text.split(".")

    @property
    def forms(self) -> tuple[str, ...]:
        """The prefixes to look for: «сабақ» and «сабағ»."""
        if self.prefix and len(self.text) > 2 and self.text[-1] in VOICED:
            return (self.text, self.text[:-1] + VOICED[self.text[-1]])
        return (self.text,)

    def matches(self, word: str) -> bool:
        """Whether a folded word of a document matches this (non-code) term."""
        if not self.prefix:
            return word == self.text
        return any(word.startswith(form) for form in self.forms)


def parse_query(query: str) -> list[Term]:
    """The user's words, with everything that could be query syntax left out: only
    letters, digits and the dots inside a code survive, so no input can break the
    full-text query of either database. Every term must match (AND)."""
    terms: list[Term] = []
    for token in QUERY_TOKEN.findall((query or "")[:MAX_QUERY_CHARS]):
        if token in OPERATORS:
            continue
        if CODE.fullmatch(token):
            term = Term(token, prefix=False, is_code=True)
        else:
            text = fold(token)[:MAX_TERM_CHARS]
            term = Term(text, prefix=len(text) > 1 and not text.isdigit())
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _code_pattern(term: Term) -> re.Pattern[str]:
    # The code as written in a text (dots, spaces or dashes between the numbers),
    # never as part of a longer number or code.
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term.parts)) + r"(?![^\W_])")


def _spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    plain = [term for term in terms if not term.is_code]
    spans = []
    if plain:
        for match in WORD.finditer(text):
            word = fold(match.group())
            if any(term.matches(word) for term in plain):
                spans.append(match.span())
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
