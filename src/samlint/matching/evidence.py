"""A verdict in words and with its evidence: the rule's message templates filled
in, and the blocks it rests on cited by their own file, page, line and heading."""

from __future__ import annotations

from samlint.matching.corpus import Corpus
from samlint.matching.grading import COVERED, GradedText
from samlint.matching.sections import Section
from samlint.results import Evidence, RuleResult, Severity, Status
from samlint.rules import Rule

EXCERPT_CHARS = 240
EVIDENCE_GRADED = 2  # best graded places shown
EVIDENCE_BLOCKS = 3  # blocks shown of each


def missing(rule: Rule, message: str | None = None) -> RuleResult:
    """The rule's verdict when nothing in the agreement addresses it."""
    if message is None:
        message = rule.message("missing")
    return RuleResult(rule.id, rule.title, Status.MISSING, Severity(rule.severity_missing),
                      message, [])


def from_graded(corpus: Corpus, rule: Rule, graded: list[GradedText]) -> RuleResult:
    """The verdict of the best graded places; missing when there are none."""
    if not graded:
        return missing(rule)
    best_rank = max(g.rank for g in graded)
    best = sorted((g for g in graded if g.rank == best_rank), key=lambda g: -g.strength)
    top = best[0]
    evidence: list[Evidence] = []
    for place in best[:EVIDENCE_GRADED]:
        for seq in place.seqs[:EVIDENCE_BLOCKS]:
            item = cite(corpus, seq, place.section)
            if item not in evidence:
                evidence.append(item)
    if top.grade == COVERED:
        return RuleResult(rule.id, rule.title, Status.COVERED, None, rule.message("covered"),
                          evidence)
    message = rule.message(f"weak.{top.grade}",
                           reference=top.detail or corpus.language.unnamed_document)
    return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak), message,
                      evidence, weak_kind=str(top.grade))


def cite(corpus: Corpus, seq: int, section: Section | None = None) -> Evidence:
    """Block ``seq`` as evidence: its own file, page and line, and the heading of
    ``section`` when the block is part of it (a section graded as a whole is
    cited under its heading), otherwise of the section the block stands in."""
    if section is None or (seq != section.heading_seq and seq not in section.all_seqs()):
        section = corpus.owner[seq]
    block = corpus.blocks[seq]
    heading = section.heading.text if section is not None and section.heading else None
    excerpt = " ".join(block.text.split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    return Evidence(file=corpus.document_of[seq].display, line=block.line, excerpt=excerpt,
                    page=block.page, heading=heading, ocr=block.ocr)
