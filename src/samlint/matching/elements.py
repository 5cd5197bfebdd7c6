"""Elements of a point: covered needs substance on every essential element.

A pack may declare the distinct things a statutory point names
(``samlint.rule_elements``). Once the point's text is graded covered, each
essential element is looked for in that text: a sentence names the element
when it uses one of the element's terms, or stands under a heading that
does. The element has substance when such a sentence is procedural substance
(``sentences``: a concrete cue, or no modal verb);
otherwise the strongest grade of the sentences that name it says why it
is weak (a placeholder or a title is a heading, an intent an intent, a
deferral a dangling reference), and an element no sentence names at all
is only named by the point's heading, so a heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from samlint.matching.corpus import Corpus
from samlint.matching.grading import COVERED, RANK, GradedText, WeakKind, sentence_grade
from samlint.matching.hits import RuleHits, Topics
from samlint.matching.long_blocks import SentenceView, sentence_hits
from samlint.matching.restatement import LawText
from samlint.matching.sentences import is_procedural_action
from samlint.matching.terms import parse_term
from samlint.rule_elements import RuleElement
from samlint.rules import Rule


@dataclass(slots=True)
class ElementGrade:
    """How well one element is met: its grade, the block that shows it, a reference named."""

    element: RuleElement
    grade: str
    seq: int = -1
    detail: str = ""


def lacking_element(corpus: Corpus, rule: Rule, hits: RuleHits, others: Topics,
                    graded: Iterable[GradedText], law: LawText) -> ElementGrade | None:
    """The first essential element without substance in the text graded for the rule, or None."""
    essential = [element for element in rule.elements if element.essential]
    if not essential:
        return None
    best = {element.id: ElementGrade(element, "") for element in essential}
    # Elements whose terms occur nowhere keep no grade whatever is read: once the
    # others are covered, the places after need no reading.
    unnamed = {element.id for element in essential if not _blocks_naming(corpus, element)}
    boundaries = others.boundaries(rule.id)
    for place, seq in _graded_blocks(corpus, rule, hits, others, graded):
        under = _headings_name(corpus, seq, essential)
        sentences = corpus.sentences(seq)
        named = _named(corpus, seq, rule, essential)
        keep = (range(len(sentences)) if not sentence_hits(corpus).is_long(seq)
                else sentence_hits(corpus).about(seq, rule, boundaries, place.strength > 0))
        for position in keep:
            sentence = sentences[position]
            grade = sentence_grade(sentence, rule, law)
            if grade is None:
                continue
            if grade == WeakKind.DANGLING_REFERENCE and is_procedural_action(
                    sentence.folded, corpus.language):
                # "a joint preparedness plan, revised every other year" names a
                # plan and says what is done with it: substance, not a deferral
                grade = COVERED
            if grade == COVERED and not sentence.procedural:
                grade = WeakKind.INTENT  # "skal samordnast": a commitment, no content
            for element in essential:
                if element.id not in under and element.id not in named[position]:
                    continue
                current = best[element.id]
                if not current.grade or RANK[grade] > RANK[current.grade]:
                    best[element.id] = ElementGrade(element, grade, seq, sentence.reference)
        if all(found.grade == COVERED or element_id in unnamed
               for element_id, found in best.items()):
            break  # nothing can outrank covered, nor name what no block names
    for element in essential:
        found = best[element.id]
        if found.grade != COVERED:
            return found if found.grade else ElementGrade(element, WeakKind.HEADING)
    return None


def _graded_blocks(corpus: Corpus, rule: Rule, hits: RuleHits, others: Topics,
                   graded: Iterable[GradedText]) -> Iterator[tuple[GradedText, int]]:
    """Each block of the rule's text once, with the place it was graded in: the focus
    of every section graded above a heading, in the order the places come (and asked
    of them only as far as the caller reads)."""
    from samlint.matching.topic_rules import section_focus

    seen: set[int] = set()
    for place in graded:
        section = place.section
        if section is None or place.grade == WeakKind.HEADING:
            continue
        for seq in section_focus(corpus, section, hits, rule, others) or []:
            if seq not in seen and seq not in corpus.guidance:
                seen.add(seq)
                yield place, seq


def _named(corpus: Corpus, seq: int, rule: Rule, elements: list[RuleElement]) -> list[set[str]]:
    """Per sentence of block ``seq``: the ids of the elements whose terms it uses.

    The corpus-wide index says first which elements' terms occur in the block
    at all (found once per term for the whole agreement); only a block that
    holds one is searched sentence by sentence, with the block's sentence index
    built once for all rules. Searching every block afresh made the elements
    the slowest part of judging a 200-page agreement.
    """
    sentences = corpus.sentences(seq)
    found: list[set[str]] = [set() for _ in sentences]
    elements = [element for element in elements if seq in _blocks_naming(corpus, element)]
    if not elements:
        return found
    long = sentence_hits(corpus)
    index = long.index(seq)
    # Hits cut from the block's: only the terms the block holds need looking for.
    narrow = long.present if isinstance(index, SentenceView) else lambda terms, _seq: terms
    excluded: dict[int, list[tuple[int, int]]] = {}
    for phrase in narrow(rule.exclude, seq):
        for hit in index.find(parse_term(phrase)):
            excluded.setdefault(hit.seq, []).append((hit.start, hit.end))
    for element in elements:
        for text in narrow(element.terms, seq):
            for hit in index.find(parse_term(text)):
                spans = excluded.get(hit.seq, ())
                if not any(start < hit.end and hit.start < end for start, end in spans):
                    found[hit.seq].add(element.id)
    return found


def _blocks_naming(corpus: Corpus, element: RuleElement) -> set[int]:
    """The blocks where one of the element's terms occurs, found once per run."""
    cache: dict[tuple[str, ...], set[int]] = corpus.extras.setdefault(  # type: ignore[assignment]
        "element_blocks", {})
    found = cache.get(element.terms)
    if found is None:
        found = cache[element.terms] = {hit.seq for text in element.terms
                                        for hit in corpus.index.find(parse_term(text))}
    return found


def _headings_name(corpus: Corpus, seq: int, elements: list[RuleElement]) -> set[str]:
    """The element named by the heading of the section block ``seq`` stands in, when the
    heading names one element only (not the headings above it: a delavtale's title
    names the whole point, and "Beredskap og akuttmedisinsk kjede" names both)."""
    section = corpus.owner[seq]
    if section is None or section.heading_seq < 0:
        return set()
    named = {element.id for element in elements
             if section.heading_seq in _blocks_naming(corpus, element)}
    return named if len(named) == 1 else set()
