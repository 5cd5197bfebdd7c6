"""A verdict in words and with its evidence: the rule's message templates filled
in, and the blocks it rests on cited by their own file, page, line and heading."""

from __future__ import annotations

from collections.abc import Iterable

from samlint.matching.corpus import Corpus
from samlint.matching.grading import COVERED, OWN_HEADING, GradedText
from samlint.matching.sections import Section
from samlint.matching.sentences import SentenceClass
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


def decisive(places: Iterable[GradedText]) -> list[GradedText]:
    """The first places, as far as ``from_graded`` needs them: it gives the same verdict
    and evidence for them as for all.

    The verdict is the best grade; its evidence is the first ``EVIDENCE_GRADED``
    places of that grade under the most direct heading. Once that many places
    are covered under their own heading, no later place can change either, and
    the rest need not be graded (``GradedPlaces``).
    """
    taken: list[GradedText] = []
    settled = 0
    for place in places:
        taken.append(place)
        if place.grade == COVERED and place.strength >= OWN_HEADING:
            settled += 1
            if settled == EVIDENCE_GRADED:
                break
    return taken


def from_graded(corpus: Corpus, rule: Rule, graded: list[GradedText]) -> RuleResult:
    """The verdict of the best graded places; missing when there are none."""
    if not graded:
        return missing(rule)
    best_rank = max(g.rank for g in graded)
    best = sorted((g for g in graded if g.rank == best_rank), key=lambda g: -g.strength)
    top = best[0]
    cited: list[tuple[int, Evidence]] = []
    for place in best[:EVIDENCE_GRADED]:
        for seq in place.seqs[:EVIDENCE_BLOCKS]:
            if all(seq != earlier for earlier, _ in cited):  # one block is cited once
                cited.append((seq, cite(corpus, seq, place.section)))
    if top.grade == COVERED:
        # The first piece of evidence is the one a reader checks: a block that
        # agrees to something (procedural substance) before a purpose clause or
        # a lead-in the same section opens with.
        cited.sort(key=lambda pair: not _agrees(corpus, pair[0]))
    evidence = [item for _, item in cited]
    if top.grade == COVERED:
        return RuleResult(rule.id, rule.title, Status.COVERED, None, rule.message("covered"),
                          evidence)
    message = rule.message(f"weak.{top.grade}",
                           reference=top.detail or corpus.language.unnamed_document)
    return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak), message,
                      evidence, weak_kind=str(top.grade))


def cite(corpus: Corpus, seq: int, section: Section | None = None) -> Evidence:
    """Block ``seq`` as evidence: its own file, page and line, and the heading it
    stands under — the nearest one, so that a block of «3. Kommunens tilbud» in a
    delavtale graded as a whole is cited under «3. …», not under the delavtale's
    title. ``section``: the graded section, used only when the block has none."""
    section = corpus.owner[seq] or section
    block = corpus.blocks[seq]
    heading = section.heading.text if section is not None and section.heading else None
    excerpt = " ".join(block.text.split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    return Evidence(file=corpus.document_of[seq].display, line=block.line, excerpt=excerpt,
                    page=block.page, heading=heading, ocr=block.ocr)


def _agrees(corpus: Corpus, seq: int) -> bool:
    """Whether block ``seq`` has a sentence of procedural substance (``sentences``)."""
    return any(sentence.kind == SentenceClass.SUBSTANCE and sentence.procedural
               for sentence in corpus.sentences(seq))
