"""Grading: how well one place in the agreement speaks to a rule.

Every section about a rule is graded, and so is every bare mention of its
topic in a contents list or a list of delavtaler. Grades, weakest first:
heading only, declaration of intent, restated law, dangling reference,
covered. The best grade in the set decides, as the labelling conventions
say: a set is judged as a whole. The weak kinds are those of
``spec/verdicts.md``, one vocabulary for sections, sentences and output.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from samlint.matching.analysis import Sentence
from samlint.matching.corpus import Corpus
from samlint.matching.hits import RuleHits
from samlint.matching.long_blocks import sentence_hits
from samlint.matching.restatement import LawText
from samlint.matching.sections import Section
from samlint.matching.sentences import SentenceClass
from samlint.rules import Rule


class WeakKind(StrEnum):
    """Why a verdict is weak; the names are those of ``spec/verdicts.md``."""

    HEADING = "heading"
    INTENT = "intent"
    RESTATED_LAW = "restated-law"
    DANGLING_REFERENCE = "dangling-reference"
    LEDD2_PARTIAL = "ledd2-partial"
    RECOMMENDED_TOPICS = "recommended-topics"
    STALE = "stale"


COVERED = "covered"
# Sentence classes that only name a topic: graded as a heading (verdicts.md, kind 1).
LIKE_A_HEADING = frozenset({SentenceClass.HEADING, SentenceClass.PLACEHOLDER,
                            SentenceClass.LAW_LIST})
# The grades of text, weakest first; a sentence is graded with the same names.
RANK = {WeakKind.HEADING: 1, WeakKind.INTENT: 2, WeakKind.RESTATED_LAW: 3,
        WeakKind.DANGLING_REFERENCE: 4, COVERED: 5}
OWN_HEADING = 2  # ``GradedText.strength`` of a section under a heading that names the topic


@dataclass(slots=True)
class GradedText:
    """One place in the agreement graded for one rule.

    ``seqs`` are the blocks shown as evidence; ``section`` the section they
    were graded in (None when they come from several); ``detail`` the
    document a dangling reference names; ``strength`` how directly the
    headings name the topic (``OWN_HEADING``: its own heading, 1: an enclosing one,
    0: body only).
    """

    grade: str
    seqs: list[int]
    section: Section | None
    detail: str = ""
    strength: int = 0

    @property
    def rank(self) -> int:
        return RANK[self.grade]


class GradedPlaces:
    """A rule's graded places, each graded when first asked for and then kept.

    Why: the verdict needs only the places up to the point where nothing
    later can change it (``evidence.decisive``), and a long agreement treats
    a topic in dozens of sections; grading them all was most of judging.
    Every pass runs from the first place, in the order ``source`` gives
    them, and grades only what no earlier pass reached, so whoever needs
    every place (the elements of a point, a guide's recommendations) gets
    the same places an eager list would hold.
    """

    __slots__ = ("_graded", "_source")

    def __init__(self, source: Iterator[GradedText]) -> None:
        self._source: Iterator[GradedText] | None = source
        self._graded: list[GradedText] = []

    def __iter__(self) -> Iterator[GradedText]:
        position = 0
        while True:
            if position == len(self._graded):
                place = next(self._source, None) if self._source is not None else None
                if place is None:
                    self._source = None
                    return
                self._graded.append(place)
            yield self._graded[position]
            position += 1


def sentence_grade(sentence: Sentence, rule: Rule, law: LawText) -> str | None:
    """What a sentence of a section counts as for the rule, or None if nothing.

    Guidance and, where the rule says so, the statute's own words are
    restated law; a reference to a document outside the set leaves the point
    dangling; a sentence with enough content of its own covers; a thin one is
    at least an intent, unless it is a drafting note or only points to a
    document of the set.
    """
    kind = sentence.kind
    if kind == SentenceClass.BOILERPLATE:
        return None
    if sentence.guidance:
        return WeakKind.RESTATED_LAW
    if sentence.reference:
        return WeakKind.DANGLING_REFERENCE
    if kind in LIKE_A_HEADING:
        return WeakKind.HEADING
    if kind == SentenceClass.INTENT:  # restated only when it carries the statute's words
        quotes = law.quoted_in(sentence.words) or (law.is_short and law.restates(sentence.words))
        return WeakKind.RESTATED_LAW if rule.restating_is_weak and quotes else WeakKind.INTENT
    if rule.restating_is_weak and law.restates(sentence.words):
        return WeakKind.RESTATED_LAW
    if not (sentence.thin or sentence.pointer):
        return COVERED
    if sentence.thin and not sentence.editorial:
        return WeakKind.INTENT
    return None


def focus_sentences(corpus: Corpus, seq: int, rule: Rule, boundaries: tuple[str, ...] | None,
                    on_topic: bool) -> list[Sentence]:
    """The sentences of block ``seq`` that speak to the rule: all of a short block; of a
    long one (a flattened page), those near the rule's terms (``long_blocks``)."""
    found = corpus.sentences(seq)
    if boundaries is None:
        return found
    hits = sentence_hits(corpus)
    if not hits.is_long(seq):
        return found
    return [found[position] for position in hits.about(seq, rule, boundaries, on_topic)]


def grade_section(corpus: Corpus, section: Section, focus: list[int], rule: Rule,
                  law: LawText, hits: RuleHits, boundaries: tuple[str, ...] | None = None,
                  on_topic: bool = True) -> GradedText:
    """Grade the blocks of a section that speak to the rule (``focus``).

    ``boundaries`` (the pack's other heading terms) turns on the reading of
    long blocks sentence by sentence; ``on_topic``: a heading above names the rule.
    """
    anchor = [section.heading_seq] if section.heading_seq >= 0 else []
    if not focus:
        return heading_only(corpus, section, anchor)
    if boundaries is None or not any(sentence_hits(corpus).is_long(seq) for seq in focus):
        evidence = covered_by_the_weightiest(corpus, focus, rule, law, hits)
        if evidence is not None:
            return GradedText(COVERED, evidence, section)
    substantive: list[int] = []
    substantive_count = 0
    dangling: list[int] = []
    dangling_refs: list[str] = []
    restated: list[int] = []
    said: list[int] = []  # sentences too thin to be substance, but still said
    headed: list[int] = []  # titles, placeholders, law lists: the topic only named
    procedural = False  # a substantive sentence with a concrete cue (number, action, deadline)
    for seq in focus:
        if seq in corpus.guidance:
            restated.append(seq)
            continue
        for sentence in focus_sentences(corpus, seq, rule, boundaries, on_topic):
            grade = sentence_grade(sentence, rule, law)
            if grade == WeakKind.RESTATED_LAW:
                restated.append(seq)
            elif grade == WeakKind.DANGLING_REFERENCE:
                dangling.append(seq)
                dangling_refs.append(sentence.reference)
            elif grade == COVERED:
                substantive_count += 1
                procedural = procedural or sentence.procedural
                if not substantive or substantive[-1] != seq:
                    substantive.append(seq)
            elif grade == WeakKind.INTENT:
                said.append(seq)
            elif grade == WeakKind.HEADING:
                headed.append(seq)
    if substantive_count >= rule.min_sentences and procedural:
        return GradedText(COVERED, best_evidence(substantive, hits), section)
    if dangling:
        return GradedText(WeakKind.DANGLING_REFERENCE, dangling, section, dangling_refs[0])
    if restated and not substantive:
        return GradedText(WeakKind.RESTATED_LAW, restated, section)
    if substantive:
        return GradedText(WeakKind.INTENT, substantive, section)
    if restated:
        return GradedText(WeakKind.RESTATED_LAW, restated, section)
    if said:
        return GradedText(WeakKind.INTENT, said[:1], section)
    return GradedText(WeakKind.HEADING, anchor or headed[:1], section)


def heading_only(corpus: Corpus, section: Section | None, anchor: list[int],
                 detail: str = "") -> GradedText:
    """A section with no body, or a list entry: a heading, unless it defers to a document
    outside the set ("3.2 Innleggelse i sykehus følger av delavtale 3.")."""
    if anchor:
        for sentence in corpus.sentences(anchor[0]):
            if sentence.reference and corpus.language.deferral.search(sentence.folded):
                return GradedText(WeakKind.DANGLING_REFERENCE, anchor, section,
                                  sentence.reference)
    return GradedText(WeakKind.HEADING, anchor, section, detail)


def best_evidence(seqs: list[int], hits: RuleHits) -> list[int]:
    """The two blocks that use most of the rule's terms, in reading order."""
    top = set(sorted(seqs, key=lambda seq: terms_used(hits, seq), reverse=True)[:2])
    return [seq for seq in seqs if seq in top]


def terms_used(hits: RuleHits, seq: int) -> int:
    """How many of the rule's terms a block uses: what ranks it as evidence."""
    return len(hits.body.get(seq, ()))


def covered_by_the_weightiest(corpus: Corpus, focus: list[int], rule: Rule, law: LawText,
                              hits: RuleHits) -> list[int] | None:
    """The evidence of a covered section found without reading all of it, or None.

    A covered section's evidence is its two substantive blocks that use
    the most of the rule's terms (``best_evidence``), and nothing else about
    it matters. Read in that order (most terms first, then reading order,
    as ``best_evidence`` breaks ties), the first two substantive blocks are
    that evidence, once they hold ``min_sentences`` substantive sentences:
    the blocks after them need not be split into sentences at all. None
    when that does not settle it; ``grade_section`` then reads every block.
    """
    if len(focus) < 3:  # nothing would be left unread
        return None
    order = sorted(range(len(focus)), key=lambda position: -terms_used(hits, focus[position]))
    found: list[int] = []
    count = 0
    procedural = False
    for position in order:
        seq = focus[position]
        if seq in corpus.guidance:
            continue
        graded = [sentence for sentence in corpus.sentences(seq)
                  if sentence_grade(sentence, rule, law) == COVERED]
        if graded:
            count += len(graded)
            procedural = procedural or any(sentence.procedural for sentence in graded)
            found.append(position)
            if len(found) >= 2 and count >= rule.min_sentences and procedural:
                return [focus[position] for position in sorted(found[:2])]
    return None
