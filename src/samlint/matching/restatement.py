"""Restated law: text that only repeats the statute's wording.

Writing "Partene skal samarbeide om IKT-løsninger lokalt" meets the letter of
the law on paper and nothing else. A sentence restates the law when it is
close to the statutory text (rapidfuzz alignment) and adds almost no words of
its own beyond the parties, modal verbs and references to the statute (the
filler words of the language data, ``rules/language.yaml``).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from samlint.matching.language import Language
from samlint.matching.normalise import tokens

PIECE_OF_LAW = 4  # statute words a sentence of nothing else must share to restate it
QUOTED_SHARE = 0.75  # of the point's content words, for a quote inside a longer sentence
SHORT_LAW = 3  # content words; a point this short is named, not restated, by a sentence


def is_content_word(word: str, filler: frozenset[str] | None = None) -> bool:
    """A word that carries content: not a party, modal verb or function word
    (``filler``, from the language data)."""
    filler = default_language().filler if filler is None else filler
    return len(word) > 2 and word not in filler


def has_content_words(words: tuple[str, ...] | list[str], count: int,
                      filler: frozenset[str] | None = None) -> bool:
    """Whether at least ``count`` of ``words`` carry content; stops as soon as they do.

    Asked of every sentence of the agreement, and most say something
    within their first few words.
    """
    if count <= 0:
        return True
    filler = default_language().filler if filler is None else filler
    for word in words:
        if len(word) > 2 and word not in filler:
            count -= 1
            if count == 0:
                return True
    return False


class LawText:
    """The statute text of one rule, prepared for comparisons."""

    def __init__(self, law: str, language: Language | None = None) -> None:
        self.language = language = default_language() if language is None else language
        self.folded = " ".join(tokens(law))
        self.stems = {t[:5] for t in tokens(law)}
        self.content = {t[:5] for t in tokens(law) if t not in language.filler}

    def restates(self, words: tuple[str, ...] | list[str]) -> bool:
        """Whether the sentence is the statute's wording and (almost) nothing else.

        For a point of two or three words ("samarbeid om jordmortjenester") a
        sentence that uses them is a declaration of intent unless it cites
        the statute; a longer point must be reproduced in good part.
        """
        if not self.folded or len(words) < 3:
            return False
        filler, law_stems = self.language.filler, self.stems
        own = 0  # words of its own; more than three already decide, so counting stops there
        for w in words:
            if w not in filler and w[:5] not in law_stems:
                own += 1
                if own > 3:
                    return False
        if own > 0.25 * len(words):
            return False
        stems = {w[:5] for w in words if w not in filler}
        shared = len(self.content & stems)
        if not own and len((self.content & stems) - self.language.generic_stems) >= PIECE_OF_LAW:
            return True  # every word is the statute's (or filler): a paraphrase in pieces
        share = shared / len(self.content) if self.content else 0.0
        if len(self.content) < SHORT_LAW:
            return share >= 0.6 and bool(
                self.language.statute_citation.search(" ".join(words)))
        return share >= 0.5 and fuzz.partial_ratio(" ".join(words), self.folded) >= 70


    @property
    def is_short(self) -> bool:
        """A point of one or two content words ("samarbeid om jordmortjenester")."""
        return len(self.content) < SHORT_LAW

    def quoted_in(self, words: tuple[str, ...] | list[str]) -> bool:
        """Whether a sentence of purpose or intent carries the statute's wording for the point.

        "Formålet er … at partene har omforente beredskapsplaner og planer for
        den akuttmedisinske kjeden" quotes point 11 inside a longer sentence:
        the point's content words are nearly all there, in the statute's order.
        """
        if len(self.content) < SHORT_LAW:  # a short point is named, not quoted
            return False
        stems = {w[:5] for w in words if w not in self.language.filler}
        share = len(self.content & stems) / len(self.content)
        return share >= QUOTED_SHARE and fuzz.partial_ratio(self.folded, " ".join(words)) >= 80


def default_language() -> Language:
    """The built-in language data (``rules/language.yaml``)."""
    from samlint.rules import builtin_language

    return builtin_language()
