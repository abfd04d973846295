"""Plain-text helpers the domains share."""

from __future__ import annotations

import re


def lines(text: str) -> list[str]:
    """The items of a list typed one per line, without the bullets people type
    («·», «•», «-», «–», «—», «*»)."""
    return [line.strip().lstrip("·•-–—*").strip() for line in text.splitlines() if line.strip()]


# Cyrillic capitals that look like Latin ones: a code copied by eye from a printed
# document on a Kazakh or Russian keyboard comes out in them.
LOOK_ALIKES = str.maketrans("АВЕКМНОРСТХУЗ", "ABEKMHOPCTXY3")


def plain_code(text: str) -> str:
    """A code as typed, made comparable: capitals, Latin, without the spaces, dashes and
    dots people put between its groups."""
    kept = "".join(ch for ch in text.upper() if ch.isalnum())
    return kept.translate(LOOK_ALIKES)


# The letters of Kazakh a Russian keyboard lacks, as people type them without it.
KAZAKH_LETTERS = "әғқңөұүһі"
WITHOUT_KAZAKH_LETTERS = str.maketrans({**dict(zip(KAZAKH_LETTERS, "агкноуухи", strict=True)), "ё": "е"})
WORD = re.compile(r"\w+")


class TypedQuery:
    """What someone typed to find a person, compared as people expect: whatever the
    case (Python's casefold knows «Ә» and «І»; SQLite's LIKE folds ASCII only), the
    words in any order, each part of the name or the beginning of a word of the
    other texts (a school, a role, a subject: «гимназия» finds «мектеп-гимназия»,
    «али» does not find «мұғалім»). Typed without Kazakh letters (a Russian keyboard,
    a phone without the layout), «али» finds «Әлиева» too; typed with them, «әли»
    does not find «Алиев»."""

    def __init__(self, text: str, *, max_terms: int = 5) -> None:
        folded = text[:100].casefold()
        self.loose = not any(letter in folded for letter in KAZAKH_LETTERS)
        self.terms = WORD.findall(self.fold(folded))[:max_terms]

    def __len__(self) -> int:
        """How many letters and digits were typed."""
        return sum(len(term) for term in self.terms)

    def fold(self, text: str) -> str:
        folded = text.casefold()
        return folded.translate(WITHOUT_KAZAKH_LETTERS) if self.loose else folded.replace("ё", "е")

    def words(self, *texts: str) -> list[str]:
        return [word for text in texts for word in WORD.findall(self.fold(text))]

    def begins_words_of(self, *texts: str) -> bool:
        """Every word typed begins a word of the texts («әли» in «Әлиева Гүлназ»)."""
        words = self.words(*texts)
        return bool(self.terms) and all(any(word.startswith(term) for word in words) for term in self.terms)

    def matches(self, name: str, *others: str) -> bool:
        """Every word typed is part of the name or begins a word of the others."""
        folded = self.fold(name)
        words = self.words(*others)
        return bool(self.terms) and all(
            term in folded or any(word.startswith(term) for word in words) for term in self.terms
        )
