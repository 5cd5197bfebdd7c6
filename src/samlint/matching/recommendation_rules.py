"""Recommendation rules (``kind: recommendation``): which topics a guide recommends
for a point (the rule's ``applies_to``) the text about that point leaves out.

Only the places the parent rule was judged on are searched: a topic named
somewhere else in the agreement is not part of that point's text.
"""

from __future__ import annotations

from samlint.documents.model import BlockKind
from samlint.matching.corpus import Corpus
from samlint.matching.evidence import cite, missing
from samlint.matching.grading import GradedText, WeakKind
from samlint.matching.normalise import tokens
from samlint.matching.sections import Section
from samlint.matching.terms import TermIndex, parse_term
from samlint.results import Evidence, RuleResult, Severity, Status
from samlint.rules import Rule

EVIDENCE_ITEMS = 3
TOPIC_SEPARATOR = "; "


def judge_recommendation_rule(corpus: Corpus, rule: Rule, parent: RuleResult | None,
                              parent_graded: list[GradedText]) -> RuleResult:
    """The recommended topics found in the parent rule's text, and those lacking."""
    titles = [topic.title for topic in rule.topics]
    if parent is None or parent.status is Status.MISSING or not parent_graded:
        return missing(rule, rule.message("missing", topics=TOPIC_SEPARATOR.join(titles)))
    seqs: list[int] = []
    seen: set[int] = set()
    for place in parent_graded:
        if place.grade == WeakKind.HEADING:
            continue
        candidates = [*place.seqs]
        if place.section is not None:
            candidates += _with_headings(place.section)
        for seq in candidates:
            # A list item naming a delavtale is about that delavtale's point.
            if seq not in seen and not (corpus.blocks[seq].kind != BlockKind.HEADING
                                        and corpus.bare_mention(seq)):
                seen.add(seq)
                seqs.append(seq)
    local = TermIndex([tokens(corpus.blocks[seq].text) for seq in seqs], within=corpus.index)
    found: dict[str, int] = {}
    for topic in rule.topics:
        for term in topic.terms:
            hits = local.find(parse_term(term))
            if hits:
                found[topic.id] = seqs[hits[0].seq]
                break
    lacking = [topic.title for topic in rule.topics if topic.id not in found]
    evidence: list[Evidence] = []
    for seq in found.values():
        shown = cite(corpus, seq)
        if shown not in evidence and len(evidence) < EVIDENCE_ITEMS:
            evidence.append(shown)
    evidence = evidence or parent.evidence[:1]
    if not lacking:
        return RuleResult(rule.id, rule.title, Status.COVERED, None, rule.message("covered"),
                          evidence)
    kind = WeakKind.RECOMMENDED_TOPICS
    return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak),
                      rule.message(f"weak.{kind}", lacking=TOPIC_SEPARATOR.join(lacking)),
                      evidence, weak_kind=str(kind))


def _with_headings(section: Section) -> list[int]:
    """A section's text with the headings of its subsections ("3.2 Målgrupper")."""
    seqs = list(section.seqs)
    for child in section.children:
        if child.heading_seq >= 0:
            seqs.append(child.heading_seq)
        seqs.extend(_with_headings(child))
    return seqs
