"""What each sentence of the agreement is, worked out once per run.

Every rule grades the sentences of its sections; whether a sentence is
guidance, a reference, a pointer to another document in the set or too thin
to count does not depend on the rule, so it is computed once and shared.
"""

from __future__ import annotations

from samlint.matching.guidance import is_guidance, may_hold_guidance
from samlint.matching.language import Language
from samlint.matching.normalise import fold, sentences, words
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import has_content_words
from samlint.matching.sentences import SentenceClass, classify, is_procedural

MIN_CONTENT_WORDS = 2  # "Partene vil samarbeide om dette." says nothing
POINTER_WORDS = 16  # a sentence this short that names a document in the set only points to it


class Sentence:
    """One sentence and what it is, apart from any rule.

    ``reference`` names a document outside the set that the sentence defers
    to ('' if none); ``pointer``: it only points to a document in the set;
    ``thin``: too few content words, or a drafting note in brackets.
    ``kind`` (its class, ``matching.sentences``) and ``procedural`` (a cue of
    concrete content: number, deadline, action) are worked out when first
    asked, each on its own: the cue tests are most of the cost of a
    sentence, most sentences of a long agreement are never graded, and
    ``procedural`` is asked only of substance, and then only until a
    section has one such sentence.
    """

    __slots__ = ("_cells", "_kind", "_language", "_procedural", "editorial", "folded",
                 "guidance", "pointer", "reference", "text", "thin", "words")

    def __init__(self, text: str, words: tuple[str, ...], folded: str, guidance: bool,
                 reference: str, pointer: bool, thin: bool, editorial: bool,
                 language: Language, cells: bool = False,
                 kind: SentenceClass | None = None) -> None:
        self.text, self.words, self.folded = text, words, folded
        self.guidance, self.reference, self.pointer = guidance, reference, pointer
        self.thin, self.editorial = thin, editorial
        self._language, self._cells = language, cells
        self._kind: SentenceClass | None = kind
        self._procedural: bool | None = None

    @property
    def kind(self) -> SentenceClass:
        """The sentence's class; a short table cell without a full stop labels its row."""
        if self._kind is None:
            self._classify()
        return self._kind  # type: ignore[return-value]

    @property
    def procedural(self) -> bool:
        """Whether it has a cue of concrete content (number, deadline, action)."""
        if self._procedural is None:
            self._procedural = is_procedural(self.folded, self._language)
        return self._procedural

    def _classify(self) -> None:
        kind = classify(self.text, self.folded, self.words, self._language)
        if (self._cells and len(self.words) <= LABEL_WORDS and kind == SentenceClass.SUBSTANCE
                and not self.text.rstrip().endswith((".", "!", "?"))):
            kind = SentenceClass.HEADING
        self._kind = kind

    def may_be_law_list(self) -> bool:
        """False when no literal of a law-list cue occurs in it, so ``kind`` cannot be one
        (a few substring tests; most sentences of a long agreement are never classified)."""
        if self._kind is not None:
            return self._kind == SentenceClass.LAW_LIST
        cues = self._language.sentence_cues
        return cues["law_list_intro"].may_match(self.folded) or cues["law_name"].may_match(
            self.folded)

    def _fields(self) -> tuple[object, ...]:
        return (self.text, self.words, self.folded, self.guidance, self.reference, self.pointer,
                self.thin, self.editorial, self.kind, self.procedural)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sentence) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Sentence({self.text!r}, kind={self.kind})"


def analyse(text: str, resolver: ReferenceResolver, folded_block: str | None = None,
            guidance_possible: bool | None = None, cells: bool = False,
            labels: bool = False) -> list[Sentence]:
    """The sentences of a block's ``text``, judged with the resolver's language data.

    ``folded_block`` is that text folded, and ``guidance_possible`` what
    ``may_hold_guidance`` says of it, when the caller has them already. The
    cue tests that most blocks fail are run once on the whole block: a block
    with no guidance cue and no document name has no sentence that is
    guidance or a reference, whatever its length. ``cells``: the text is a
    table row (cells joined by " | "), judged cell by cell; a short cell
    without a full stop is a label, like a heading; a row with a status cell
    is a planned measure (``planned``), every sentence an intent. ``labels``:
    every sentence only names its topic, like a heading (a row of a change log).
    """
    language = resolver.language
    folded_block = fold(text) if folded_block is None else folded_block
    if guidance_possible is None:
        guidance_possible = may_hold_guidance(folded_block, text.lower(), language)
    references_possible = resolver.may_refer(folded_block)
    kind = (SentenceClass.HEADING if labels
            else SentenceClass.INTENT if cells and planned(text, language) else None)
    out = []
    for sentence in pieces(text, cells):
        folded = fold(sentence)
        tokens = tuple(words(folded))
        editorial = is_editorial_note(sentence)
        out.append(Sentence(
            sentence,
            tokens,
            folded,
            guidance_possible and is_guidance(sentence, folded, language),
            (resolver.unresolved_reference(sentence, folded)
             if references_possible else ""),
            bool(references_possible and len(tokens) <= POINTER_WORDS
                 and resolver.resolved_reference(sentence, folded)),
            not has_content_words(tokens, MIN_CONTENT_WORDS, language.filler)
            or editorial,
            editorial,
            language,
            cells,
            kind,
        ))
    return out


CELL = " | "  # how the readers join a table row's cells
LABEL_WORDS = 5  # a table cell this short without a full stop labels its row


def planned(row: str, language: Language) -> bool:
    """Whether a table row is a measure of a plan: one of its cells is only a status
    («Pågår», «Ikkje starta»), which no agreement's table has."""
    status = language.sentence_cues["plan_status"]
    return CELL in row and any(status.fullmatch(fold(cell).strip(" .")) is not None
                               for cell in row.split(CELL))


def pieces(text: str, cells: bool) -> list[str]:
    """The sentences of a block; of a table row, the sentences of each cell."""
    if not cells or CELL not in text:
        return sentences(text)
    return [sentence for cell in text.split(CELL) for sentence in sentences(cell)]


def is_editorial_note(sentence: str) -> bool:
    """A drafting comment in brackets ('[Kommentar: ...]') is not agreement text."""
    stripped = sentence.strip()
    return stripped.startswith("[") and stripped.rstrip(".").endswith("]")


__all__ = ["Sentence", "analyse", "fold", "is_editorial_note"]
