"""Restated law: text that only repeats the statute's wording.

Writing "Partene skal samarbeide om IKT-løsninger lokalt" meets the letter of
the law on paper and nothing else. A sentence restates the law when it is
close to the statutory text (rapidfuzz alignment) and adds almost no words of
its own beyond the parties, modal verbs and references to the statute.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from samlint.matching.normalise import tokens

# Words that add nothing concrete: parties, modal verbs, references to the statute.
_FILLER = frozenset("""
og i om til for av med at som pa den det de en et ei eit skal ma bor kan vil partene partane
kommunen kommunane kommunene helseforetaket helseforetaka helseforetakene avtalen avtala denne
dette jf jfr nr ledd lov loven lova paragraf helse omsorgstjenesteloven omsorgstenestelova
hol hod sammen saman samarbeide samarbeider samarbeida ha har gi gir er vere vaere blir bli
sorge sorgje ogsa og sa seg sin sine sitt hverandre kvarandre 6 2 1 bade begge
vil ville dette desse disse dei der her ved nar kan kunne godt god gode eit ein mellom
""".split())


# Stems every point's statute shares; they do not make a sentence a restatement.
_GENERIC_STEMS = frozenset({"samar", "tjene", "tenes", "omsor", "helse"})
PIECE_OF_LAW = 4  # statute words a sentence of nothing else must share to restate it
SHORT_LAW = 4  # content words; a point this short is named, not restated, by a sentence
# On folded tokens joined by spaces: "§ 6-2" is "6 2".
_CITES_STATUTE = re.compile(r"\b6 2\b|\blov(?:en|a)?\b|\blovkrav|\bomsorgstjenesteloven\b"
                            r"|\bomsorgstenestelova\b")


def is_content_word(word: str) -> bool:
    """A word that carries content: not a party, modal verb or function word."""
    return len(word) > 2 and word not in _FILLER


def has_content_words(words: tuple[str, ...] | list[str], count: int) -> bool:
    """Whether at least ``count`` of ``words`` carry content; stops as soon as they do.

    Asked of every sentence of the agreement, and most say something
    within their first few words.
    """
    if count <= 0:
        return True
    for word in words:
        if is_content_word(word):
            count -= 1
            if count == 0:
                return True
    return False


class LawText:
    """The statute text of one rule, prepared for comparisons."""

    def __init__(self, law: str) -> None:
        self.folded = " ".join(tokens(law))
        self.stems = {t[:5] for t in tokens(law)}
        self.content = {t[:5] for t in tokens(law) if t not in _FILLER}

    def restates(self, words: tuple[str, ...] | list[str]) -> bool:
        """Whether the sentence is the statute's wording and (almost) nothing else.

        For a point of two or three words ("samarbeid om jordmortjenester") a
        sentence that uses them is a declaration of intent unless it cites
        the statute; a longer point must be reproduced in good part.
        """
        if not self.folded or len(words) < 3:
            return False
        own = [w for w in words if w not in _FILLER and w[:5] not in self.stems]
        if len(own) > 3 or len(own) > 0.25 * len(words):
            return False
        stems = {w[:5] for w in words if w not in _FILLER}
        shared = len(self.content & stems)
        if not own and len((self.content & stems) - _GENERIC_STEMS) >= PIECE_OF_LAW:
            return True  # every word is the statute's (or filler): a paraphrase in pieces
        share = shared / len(self.content) if self.content else 0.0
        if len(self.content) < SHORT_LAW:
            return share >= 0.6 and bool(_CITES_STATUTE.search(" ".join(words)))
        return share >= 0.5 and fuzz.partial_ratio(" ".join(words), self.folded) >= 70
