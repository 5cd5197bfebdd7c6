"""Where a rule's terms occur, and where each rule of a pack has its topic.

A rule's heading terms mark sections about it; its body terms show that it
is dealt with. Which blocks name or densely treat *another* rule's topic is
decided within the rule's own pack, so adding a pack never changes the
verdicts of another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from samlint.documents.model import BlockKind
from samlint.matching.corpus import Corpus
from samlint.matching.terms import Hit, parse_term
from samlint.rules import Rule

_ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii".split())
_NUMBERING = re.compile(r"[a-z]?\d{1,3}[a-z]?")  # «C3 Digitale løsninger», «4a Ansvar»


@dataclass(slots=True)
class RuleHits:
    """Where a rule's heading terms and body terms occur, per block sequence number."""

    heading: dict[int, set[str]]
    body: dict[int, set[str]]


@dataclass(slots=True)
class Topics:
    """Where each rule of a pack has its topic named (headings) or dense (body)."""

    headings: dict[str, dict[int, set[str]]]
    dense: dict[str, set[int]]
    heading_terms: dict[str, tuple[str, ...]]
    _boundaries: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def boundaries(self, rule_id: str) -> tuple[str, ...]:
        """The heading terms of the pack's other rules: where another point's text begins
        (asked for every section graded, so made once per rule). A '=term' names a point
        only as a heading of its own, so in running text it begins nothing («ansvar»,
        «kven som gjer kva» in a sentence)."""
        found = self._boundaries.get(rule_id)
        if found is None:
            found = self._boundaries[rule_id] = tuple(
                term for other, terms in self.heading_terms.items() if other != rule_id
                for term in terms if not term.startswith("="))
        return found

    def elsewhere(self, seq: int, rule_id: str) -> bool:
        """Whether the block names, or densely treats, another rule's topic."""
        return any(seq in self.headings[other] or seq in self.dense[other]
                   for other in self.headings if other != rule_id)

    def names_another(self, seq: int, rule_id: str) -> bool:
        """Whether the block (a heading) names another rule's topic."""
        return any(seq in found for other, found in self.headings.items() if other != rule_id)


def pack_topics(rules: list[Rule], hits: dict[str, RuleHits]) -> dict[str, Topics]:
    """Per pack: where each of its rules' topics is named or densely dealt with."""
    packs: dict[str, Topics] = {}
    for pack in {rule.pack for rule in rules}:
        members = [rule for rule in rules if rule.pack == pack]
        packs[pack] = Topics(
            {r.id: hits[r.id].heading for r in members},
            {r.id: {seq for seq, terms in hits[r.id].body.items() if len(terms) >= r.min_terms}
             for r in members},
            {r.id: r.headings for r in members})
    return packs


def rule_hits(corpus: Corpus, rule: Rule) -> RuleHits:
    """Every block where the rule's terms occur, minus excluded phrases."""
    excluded: dict[int, list[tuple[int, int]]] = {}
    for phrase in rule.exclude:
        for hit in corpus.index.find(parse_term(phrase)):
            excluded.setdefault(hit.seq, []).append((hit.start, hit.end))

    counted: dict[str, list[Hit]] = {}  # per term, its hits that count (headings are met twice)

    def counting(text: str) -> list[Hit]:
        found = counted.get(text)
        if found is None:
            whole = text.startswith("=")
            found = corpus.index.find(parse_term(text.lstrip("=")))
            if excluded or whole:  # else every hit counts: the index's own list, unchanged
                found = [hit for hit in found
                         if not (hit.seq in excluded and _inside(hit, excluded[hit.seq]))
                         and not (whole and not _is_whole_heading(corpus, hit))]
            counted[text] = found
        return found

    def collect(terms: tuple[str, ...]) -> dict[int, set[str]]:
        # Tens of thousands of hits in a long agreement: unpacked, not read by
        # attribute, and a list made only for a block's first span.
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for text in terms:
            for _term, seq, start, end in counting(text):
                here = spans.get(seq)
                if here is None:
                    spans[seq] = [(start, end, text)]
                else:
                    here.append((start, end, text))
        return {seq: _distinct_terms(found) for seq, found in spans.items()}

    return RuleHits(collect(rule.headings), collect(rule.terms + rule.headings))


def _distinct_terms(spans: list[tuple[int, int, str]]) -> set[str]:
    """The terms found in a block, one per stretch of text.

    Overlapping terms ("døgnopphold for øyeblikkelig hjelp", "øyeblikkelig
    hjelp") are one mention, named by the longest term, so a single phrase
    cannot pass for several.
    """
    if len(spans) == 1:  # most blocks: nothing to overlap
        return {spans[0][2]}
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    found: set[str] = set()
    end = -1
    current = ""
    for start, stop, text in spans:
        if start >= end:
            if current:
                found.add(current)
            current, end = text, stop
        elif stop > end:
            end = stop
    if current:
        found.add(current)
    return found


def _is_whole_heading(corpus: Corpus, hit: Hit) -> bool:
    """A '=term' matches only a heading that says nothing else (numbering aside)."""
    if corpus.blocks[hit.seq].kind != BlockKind.HEADING:
        return False
    words = corpus.index.sequences[hit.seq]
    rest = [w for i, w in enumerate(words) if not hit.start <= i < hit.end]
    return all(w.isdigit() or w in _ROMAN_NUMERALS or len(w) == 1 or _NUMBERING.fullmatch(w)
               for w in rest)


def _inside(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    return any(start < hit.end and hit.start < end for start, end in spans)
