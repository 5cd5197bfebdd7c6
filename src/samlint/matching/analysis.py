"""What each sentence of the agreement is, worked out once per run.

Every rule grades the sentences of its sections; whether a sentence is
guidance, a reference, a pointer to another document in the set or too thin
to count does not depend on the rule, so it is computed once and shared.
"""

from __future__ import annotations

from typing import NamedTuple

from samlint.matching.guidance import is_guidance, may_hold_guidance
from samlint.matching.normalise import fold, sentences, words
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import has_content_words
from samlint.matching.sentences import SentenceClass, classify, is_procedural

MIN_CONTENT_WORDS = 2  # "Partene vil samarbeide om dette." says nothing
POINTER_WORDS = 16  # a sentence this short that names a document in the set only points to it


class Sentence(NamedTuple):
    """One sentence and what it is, apart from any rule.

    ``reference`` names a document outside the set that the sentence defers
    to ('' if none); ``pointer``: it only points to a document in the set;
    ``thin``: too few content words, or a drafting note in brackets. A named
    tuple rather than a frozen dataclass: a long agreement has thousands of
    sentences, and a tuple is made several times as fast.
    """

    text: str
    words: tuple[str, ...]
    folded: str
    guidance: bool
    reference: str
    pointer: bool
    thin: bool
    editorial: bool
    kind: SentenceClass  # its class (``matching.sentences``)
    procedural: bool  # it has a cue of concrete content (number, deadline, action)


def analyse(text: str, resolver: ReferenceResolver, folded_block: str | None = None,
            guidance_possible: bool | None = None, cells: bool = False) -> list[Sentence]:
    """The sentences of a block's ``text``, judged with the resolver's language data.

    ``folded_block`` is that text folded, and ``guidance_possible`` what
    ``may_hold_guidance`` says of it, when the caller has them already. The
    cue tests that most blocks fail are run once on the whole block: a block
    with no guidance cue and no document name has no sentence that is
    guidance or a reference, whatever its length. ``cells``: the text is a
    table row (cells joined by " | "), judged cell by cell; a short cell
    without a full stop is a label, like a heading.
    """
    language = resolver.language
    folded_block = fold(text) if folded_block is None else folded_block
    if guidance_possible is None:
        guidance_possible = may_hold_guidance(folded_block, text.lower(), language)
    references_possible = resolver.may_refer(folded_block)
    out = []
    for sentence in _pieces(text, cells):
        folded = fold(sentence)
        tokens = tuple(words(folded))
        editorial = is_editorial_note(sentence)
        kind = classify(sentence, folded, tokens, language)
        if cells and len(tokens) <= LABEL_WORDS and not sentence.rstrip().endswith(
                (".", "!", "?")) and kind == SentenceClass.SUBSTANCE:
            kind = SentenceClass.HEADING
        out.append(Sentence(  # by position: keywords make a named tuple at half the speed
            sentence,  # text
            tokens,  # words
            folded,
            guidance_possible and is_guidance(sentence, folded, language),  # guidance
            (resolver.unresolved_reference(sentence, folded)
             if references_possible else ""),  # reference
            (references_possible and len(tokens) <= POINTER_WORDS
             and resolver.resolved_reference(sentence, folded)),  # pointer
            not has_content_words(tokens, MIN_CONTENT_WORDS, language.filler)
            or editorial,  # thin
            editorial,
            kind,
            is_procedural(folded, language),  # procedural
        ))
    return out


CELL = " | "  # how the readers join a table row's cells
LABEL_WORDS = 5  # a table cell this short without a full stop labels its row


def _pieces(text: str, cells: bool) -> list[str]:
    """The sentences of a block; of a table row, the sentences of each cell."""
    if not cells or CELL not in text:
        return sentences(text)
    return [sentence for cell in text.split(CELL) for sentence in sentences(cell)]


def is_editorial_note(sentence: str) -> bool:
    """A drafting comment in brackets ('[Kommentar: ...]') is not agreement text."""
    stripped = sentence.strip()
    return stripped.startswith("[") and stripped.rstrip(".").endswith("]")


__all__ = ["Sentence", "analyse", "fold", "is_editorial_note"]
