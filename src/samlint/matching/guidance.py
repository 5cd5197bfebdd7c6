"""Text about agreements rather than an agreement: guidance, recommendations, statute.

Helsedirektoratet's guide quotes the statute for every point and lists what an
agreement "bør beskrive"; none of that is an agreement between two parties.
Such sentences speak of what an agreement should contain, recommend ("bør",
"anbefales"), or address municipalities and health trusts in general
("kommuner og helseforetak") instead of the parties. They count as restated
law, never as substance. The cues are general Norwegian, not tied to a rule,
and kept as language data (``guidance`` in ``rules/language.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from samlint.documents.model import Block, BlockKind
from samlint.matching.language import Language
from samlint.matching.normalise import contains_any, fold


def is_guidance(sentence: str, folded: str | None = None,
                language: Language | None = None) -> bool:
    """Whether a sentence is about agreements rather than an agreement's own text."""
    language = _language(language)
    folded = fold(sentence) if folded is None else folded
    # Cheap substring tests first: most sentences contain none of the cues.
    if contains_any(folded, language.meta_cues) and language.meta.search(folded):
        return True
    lowered = sentence.lower()
    if (contains_any(lowered, language.recommendation_cues)
            and language.recommendation.search(lowered)):
        return True
    return (language.generic_parties_cue in folded
            and bool(language.generic_parties.search(folded)))


def may_hold_guidance(folded: str, lowered: str, language: Language | None = None) -> bool:
    """Whether any sentence of a block (folded and lower-cased whole) can be guidance.

    Never False for a block with a guidance sentence: each pattern finds in
    the whole block whatever it finds in one of its sentences. Most blocks
    of an agreement fail this at once, and are spared the sentence-by-sentence
    test.
    """
    language = _language(language)
    if contains_any(folded, language.meta_cues) and any(
            cue.search(folded) for cue in language.meta_anywhere):
        return True
    if (contains_any(lowered, language.recommendation_cues)
            and language.recommendation.search(lowered)):
        return True
    # Every generic-parties pattern names one of these in full.
    return (contains_any(folded, language.generic_parties_block_cues)
            and language.generic_parties.search(folded) is not None)


def _language(language: Language | None) -> Language:
    if language is None:
        from samlint.matching.restatement import default_language

        return default_language()
    return language


GUIDANCE_DOCUMENT_META = 3


def guidance_blocks(blocks: Sequence[Block], folded: Sequence[str], may_guide: Sequence[bool],
                    analysed: Callable[[int], list[Any]],
                    language: Language | None = None) -> set[int]:
    """Indices of blocks that are guidance rather than agreement text.

    ``folded`` holds each block's text folded (``normalise.fold``) and
    ``may_guide`` what ``may_hold_guidance`` says of it; ``analysed(i)``
    gives the sentences of block ``i``; only blocks that may hold guidance
    are split into sentences.

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
    language = _language(language)
    guide = language.guide
    meta = sum(1 for index, text in enumerate(folded)
               if language.guide_cue in text and guide.search(text)
               for part in analysed(index) if guide.search(part.folded))
    if meta >= GUIDANCE_DOCUMENT_META:
        return set(range(len(blocks)))
    found: set[int] = set()
    in_list = False
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING:
            in_list = False
            continue
        if may_guide[index]:
            parts = analysed(index)
            if parts and all(part.guidance for part in parts):
                found.add(index)
                in_list = block.text.rstrip().endswith(":")
                continue
        if in_list and len(block.text.split()) <= 40:
            found.add(index)
            continue
        in_list = False
    return found
