"""Text about agreements rather than an agreement: guidance, recommendations, statute.

Helsedirektoratet's guide quotes the statute for every point and lists what an
agreement "bør beskrive"; none of that is an agreement between two parties.
Such sentences speak of what an agreement should contain, recommend ("bør",
"anbefales"), or address municipalities and health trusts in general
("kommuner og helseforetak") instead of the parties. They count as restated
law, never as substance. The cues are general Norwegian, not tied to a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from samlint.documents.model import Block, BlockKind
from samlint.matching.normalise import fold

_META_ALTERNATIVES = (
    r"\b(?:samarbeids)?avtal\w*\s+(?:skal|bor|ma|kan)\s+(?:ogsa\s+|og\s+)?"
    r"(?:beskrive|omfatte|inneholde|innehalde|klargjore|klargjere|gi\s+en|gi\s+ei|regulere"
    r"|avklare|omtale|skildre)\b",
    r"\b(?:ma|skal|bor)\s+(?:\w+\s+){0,3}?(?:beskrives|beskrivast|klargjores|klargjerast"
    r"|avtales|avtalast|fremga|framga|innarbeides|omtales)\s+i\s+(?:samarbeids)?avtal",
    r"\bkilde:\s*lovdata",
    r"\blovdata\.no\b",
    r"\bhelse-\s*og\s+omsorgstjenesteloven\)\s*§",
    r"§\s*6-2\s+(?:forste|andre|1\.|2\.)\s*ledd",
    r"\blov\s+om\s+kommunale\s+helse-\s*og\s+omsorgstjenester\b",
)
_META = re.compile("|".join(_META_ALTERNATIVES)
                   + r"|^\W*(?:denne\s+)?avtalen\s+omfatter\b")  # "Avtalen omfatter …" opens
# The same cues anywhere in a block, for a quick test of whole blocks (it
# matches a little more, never less): a block where none is found has no
# guidance sentence, and its sentences need not be looked at one by one.
# Each cue is searched on its own, without the word boundary and the
# optional "samarbeids" before it: neither decides whether a match exists
# somewhere, and a pattern that starts with a fixed word is found by the
# regex engine's fast scan, where an alternation is tried at every position.
_META_ANYWHERE = tuple(
    re.compile(alternative.removeprefix(r"\b").removeprefix("(?:samarbeids)?"))
    for alternative in (*_META_ALTERNATIVES, r"avtalen\s+omfatter\b")
)
# What only a guide says: what an agreement should ("bør") contain.
_GUIDE = re.compile(
    r"\b(?:samarbeids)?avtal\w*\s+bor\s+(?:ogsa\s+)?(?:beskrive|omfatte|inneholde|innehalde"
    r"|klargjore|regulere|avklare|omtale|skildre)\b"
    r"|\bma\s+(?:\w+\s+){0,3}?(?:beskrives|klargjores|avtales)\s+i\s+samarbeidsavtal"
)
_RECOMMENDATION = re.compile(r"\b(?:bør|bgr|anbefal\w*|tilrå\w*)\b")
_GENERIC_PARTIES = re.compile(
    r"\bkommuner(?:\s+og|\s*/)\s*(?:regionale\s+)?helseforetak\b(?!\w)"
    r"|\bkommunar\s+og\s+helseforetak\b(?!\w)|\bhelseforetak\s+og\s+kommuner\b"
)


def is_guidance(sentence: str, folded: str | None = None) -> bool:
    folded = fold(sentence) if folded is None else folded
    # Cheap substring tests first: most sentences contain none of the cues.
    if any(cue in folded for cue in _META_CUES) and _META.search(folded):
        return True
    lowered = sentence.lower()
    if any(cue in lowered for cue in _RECOMMENDATION_CUES) and _RECOMMENDATION.search(lowered):
        return True
    return "kommun" in folded and bool(_GENERIC_PARTIES.search(folded))


_META_CUES = ("avtal", "lov", "6-2", "6 2")
_RECOMMENDATION_CUES = ("bør", "bgr", "anbefal", "tilrå")


def may_hold_guidance(folded: str, lowered: str) -> bool:
    """Whether any sentence of a block (folded and lower-cased whole) can be guidance.

    Never False for a block with a guidance sentence: each pattern finds in
    the whole block whatever it finds in one of its sentences. Most blocks
    of an agreement fail this at once, and are spared the sentence-by-sentence
    test.
    """
    if any(cue in folded for cue in _META_CUES) and any(
            cue.search(folded) for cue in _META_ANYWHERE):
        return True
    if any(cue in lowered for cue in _RECOMMENDATION_CUES) and _RECOMMENDATION.search(lowered):
        return True
    # Every generic-parties pattern names "kommuner" or "kommunar" in full.
    return (("kommuner" in folded or "kommunar" in folded)
            and _GENERIC_PARTIES.search(folded) is not None)


GUIDANCE_DOCUMENT_META = 3


def guidance_blocks(blocks: list[Block], folded: Sequence[str], may_guide: Sequence[bool],
                    analysed: Callable[[Block], list[Any]]) -> set[int]:
    """Indices of blocks that are guidance rather than agreement text.

    ``folded`` holds each block's text folded (``normalise.fold``) and
    ``may_guide`` what ``may_hold_guidance`` says of it; only blocks that
    may hold guidance are split into sentences.

    A document that says three times or more what an agreement should
    contain ("Samarbeidsavtalen bør beskrive") is a guide to agreements, not
    an agreement, and none of it is substance. An agreement restating the
    statute ("Avtalen skal gi en konkret beskrivelse …") is not a guide.

    A block is guidance when every sentence in it is; the short items of a
    list introduced by a guidance sentence ending in a colon ("Samarbeidsavtalen
    bør beskrive:") are guidance too, up to the next heading or long paragraph.
    """
    # A guide sentence never spans a sentence end (its patterns hold no
    # punctuation), so a block without a match has no such sentence; and
    # every guide pattern names an "avtal…", a quicker test to run first.
    meta = sum(1 for block, text in zip(blocks, folded, strict=True)
               if "avtal" in text and _GUIDE.search(text)
               for part in analysed(block) if _GUIDE.search(part.folded))
    if meta >= GUIDANCE_DOCUMENT_META:
        return set(range(len(blocks)))
    found: set[int] = set()
    in_list = False
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING:
            in_list = False
            continue
        if may_guide[index]:
            parts = analysed(block)
            if parts and all(part.guidance for part in parts):
                found.add(index)
                in_list = block.text.rstrip().endswith(":")
                continue
        if in_list and len(block.text.split()) <= 40:
            found.add(index)
            continue
        in_list = False
    return found
