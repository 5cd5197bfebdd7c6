"""Restated law: text that only repeats the statute's wording.

Writing "Partene skal samarbeide om IKT-løsninger lokalt" meets the letter of
the law on paper and nothing else. A sentence restates the law when it is
close to the statutory text (rapidfuzz alignment) and adds almost no words of
its own beyond the parties, modal verbs and references to the statute.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from samlint.matching.normalise import fold, tokens

# Words that add nothing concrete: parties, modal verbs, references to the statute.
_FILLER = frozenset("""
og i om til for av med at som pa den det de en et ei eit skal ma bor kan vil partene partane
kommunen kommunane kommunene helseforetaket helseforetaka helseforetakene avtalen avtala denne
dette jf jfr nr ledd lov loven lova paragraf helse omsorgstjenesteloven omsorgstenestelova
hol hod sammen saman samarbeide samarbeider samarbeida ha har gi gir er vere vaere blir bli
sorge sorgje ogsa og sa seg sin sine sitt hverandre kvarandre 6 2 1 bade begge
""".split())


class LawText:
    """The statute text of one rule, prepared for comparisons."""

    def __init__(self, law: str) -> None:
        self.folded = " ".join(tokens(law))
        self.stems = {t[:5] for t in tokens(law)}

    def restates(self, sentence: str) -> bool:
        if not self.folded:
            return False
        words = tokens(sentence)
        if len(words) < 3:
            return False
        own = [w for w in words if w not in _FILLER and w[:5] not in self.stems]
        if len(own) > 3 or len(own) > 0.25 * len(words):
            return False
        return fuzz.partial_ratio(" ".join(words), self.folded) >= 70 or not own


def folded(text: str) -> str:
    return fold(text)
