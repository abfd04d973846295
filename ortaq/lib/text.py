"""Plain-text helpers the domains share."""

from __future__ import annotations


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


class TypedQuery:
    """What someone typed to find a thing by its words, compared as people expect:
    whatever the case (Python's casefold knows «Ә» and «І»; SQLite's LIKE folds ASCII
    only), in any order of the words, each a part of a word. Typed without Kazakh
    letters (a Russian keyboard, a phone without the layout), «али» finds «Әлиева»
    too; typed with them, «әли» does not find «Алиев»."""

    def __init__(self, text: str, *, max_terms: int = 5) -> None:
        folded = " ".join(text.split())[:100].casefold()
        self.loose = not any(letter in folded for letter in KAZAKH_LETTERS)
        self.terms = [self.fold(term) for term in folded.split()[:max_terms]]

    def __len__(self) -> int:
        """How many letters and digits were typed."""
        return sum(ch.isalnum() for term in self.terms for ch in term)

    def fold(self, text: str) -> str:
        folded = text.casefold()
        return folded.translate(WITHOUT_KAZAKH_LETTERS) if self.loose else folded.replace("ё", "е")

    def found_in(self, *texts: str) -> bool:
        """Every word typed is part of one of the texts."""
        folded = " ".join(self.fold(text) for text in texts if text)
        return bool(self.terms) and all(term in folded for term in self.terms)

    def starts_words_of(self, text: str) -> bool:
        """Every word typed begins a word of the text («әли» in «Әлиева Гүлназ»)."""
        words = self.fold(text).split()
        return bool(self.terms) and all(any(word.startswith(term) for word in words) for term in self.terms)
