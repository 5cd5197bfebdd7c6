"""Parts rules (``kind: parts``): a requirement whose parts must all be clarified,
such as responsibility, organisation and financing of joint measures.

Parts are looked for in the sections about the rule and next to every
mention of a measure (the rule's ``scope``), never in sentences that
restate the law, give guidance, or defer to a document outside the set. All
parts present: covered; some: weak; none, with a measure named: missing.
When no part is present, a weaker grade (heading, restated law, dangling
reference) still decides, since that is what the text does.
"""

from __future__ import annotations

from bisect import bisect_left

from samlint.documents.model import BlockKind
from samlint.matching.analysis import Sentence
from samlint.matching.corpus import Corpus
from samlint.matching.evidence import cite, from_graded, missing
from samlint.matching.grading import COVERED, OWN_HEADING, GradedText, WeakKind
from samlint.matching.hits import RuleHits, Topics
from samlint.matching.language import Language
from samlint.matching.normalise import words
from samlint.matching.restatement import LawText
from samlint.matching.sections import Section
from samlint.matching.sentences import SentenceClass
from samlint.matching.terms import TermIndex, parse_term
from samlint.matching.topic_rules import graded_places
from samlint.results import RuleResult, Severity, Status
from samlint.rules import Rule

# Sentences that agree to nothing: a law's title ("forskrift om … organisering av
# legevakt"), a heading, a placeholder, page furniture.
NOT_AGREED = frozenset({SentenceClass.LAW_LIST, SentenceClass.HEADING,
                        SentenceClass.PLACEHOLDER, SentenceClass.BOILERPLATE})
SCOPE_BLOCKS = 3  # a measure's block and the two after it may clarify its parts


def judge_parts_rule(corpus: Corpus, rule: Rule, hits: RuleHits, others: Topics
                     ) -> tuple[RuleResult, list[GradedText]]:
    """The rule's verdict and the graded places about it."""
    law = LawText(rule.law, corpus.language)
    graded = list(graded_places(corpus, rule, hits, others, law))
    return _verdict(corpus, rule, graded, law, set(hits.heading)), graded


def _verdict(corpus: Corpus, rule: Rule, graded: list[GradedText], law: LawText,
             rule_headings: set[int]) -> RuleResult:
    """``rule_headings``: the blocks that use the rule's own heading terms."""
    present, required = parts_present(corpus, rule, graded, law, rule_headings)
    partial = incomplete_measure(corpus, rule, graded, law, rule_headings)
    if partial is not None and len(present) == len(rule.parts):
        seq, parts = partial
        present = {part_id: seq for part_id in parts}
    if present:
        # The parts may come from several documents of the set: each block is
        # cited in its own file, and outside the first one's section, under
        # its own heading.
        seqs = [present[part.id] for part in rule.parts if part.id in present]
        result = from_graded(corpus, rule,
                             [GradedText(COVERED, seqs, corpus.owner[seqs[0]])])
        if len(present) == len(rule.parts):
            return result
        language = corpus.language
        found = [p.title.lower() for p in rule.parts if p.id in present]
        lacking = [p.title.lower() for p in rule.parts if p.id not in present]
        result.status = Status.WEAK
        result.severity = Severity(rule.severity_weak)
        result.weak_kind = str(WeakKind.LEDD2_PARTIAL)
        result.message = rule.message(f"weak.{WeakKind.LEDD2_PARTIAL}",
                                      found=language.join(found),
                                      lacking=language.join(lacking, language.or_word))
        return result
    # A measure named in a sentence with none of the parts is "none of a/b/c":
    # missing, not a declaration of intent.
    weaker = [g for g in graded if g.grade not in (COVERED, WeakKind.INTENT)]
    if required:  # the parts named only as still to be settled: the law's requirement again
        weaker.append(GradedText(WeakKind.RESTATED_LAW, required[:1], corpus.owner[required[0]]))
    if weaker:
        return from_graded(corpus, rule, weaker)
    named = [g for g in graded if g.grade in (COVERED, WeakKind.INTENT)]
    if not named:
        return missing(rule)
    language = corpus.language
    titles = [p.title.lower() for p in rule.parts]
    result = missing(rule, rule.message("missing_named",
                                        parts=language.join(titles, language.or_word)))
    result.evidence = [cite(corpus, named[0].seqs[0], named[0].section)]
    return result


def parts_present(corpus: Corpus, rule: Rule, graded: list[GradedText], law: LawText,
                  rule_headings: set[int]) -> tuple[dict[str, int], list[int]]:
    """For each part found, the first block that clarifies it; and the blocks that name a
    part only as something still to be settled (``unsettled``)."""
    seqs: list[int] = []
    for place in graded:
        if place.section is not None and place.grade != WeakKind.HEADING:
            seqs.extend(place.section.seqs)
    near_a_measure: set[int] = set()
    for text in rule.scope:
        for hit in corpus.index.find(parse_term(text)):
            section = corpus.owner[hit.seq]
            if section is None:
                continue
            if hit.seq == section.heading_seq:
                if measure_heading(section, rule_headings):
                    described = section.all_seqs()
                    seqs.extend(described)
                    near_a_measure.update(described)
                continue
            position = bisect_left(section.seqs, hit.seq)  # ascending: reading order
            seqs.extend(section.seqs[position:position + SCOPE_BLOCKS])
            near_a_measure.update(section.seqs[position:position + SCOPE_BLOCKS])
    present: dict[str, int] = {}
    required: list[int] = []
    seen: set[int] = set()
    for seq in seqs:
        if seq in seen:
            continue
        seen.add(seq)
        # Next to a named measure, a block describes it; elsewhere in a section about
        # the rule, it must speak of something done together.
        settled, unsettled = parts_named(corpus, rule, seq, law, seq not in near_a_measure)
        for part_id in settled:
            present.setdefault(part_id, seq)
        if unsettled:
            required.append(seq)
    return present, required


def block_parts(corpus: Corpus, rule: Rule, seq: int, law: LawText,
                joint_needed: bool = True) -> set[str]:
    """The parts a block clarifies in agreement text (not guidance, law or references)."""
    return parts_named(corpus, rule, seq, law, joint_needed)[0]


def parts_named(corpus: Corpus, rule: Rule, seq: int, law: LawText,
                joint_needed: bool = True) -> tuple[set[str], set[str]]:
    """The parts a block clarifies in agreement text, and those it names only in a clause
    that leaves them to be settled ("…, skal det avklares ansvar …": ``unsettled``).

    A part counts only when one of its terms sits inside one sentence, so the
    block's hits are taken from the agreement's index and kept to the
    sentence they fall in. Guidance, law, references and sentences that only
    restate the statute name no part at all.
    """
    if seq in corpus.guidance or corpus.bare_mention(seq):
        return set(), set()
    if joint_needed and rule.scope and not about_a_joint_measure(corpus, rule, seq):
        return set(), set()
    sentences = corpus.sentences(seq)
    spans = sentence_spans(corpus.index.sequences[seq], sentences)
    found: set[str] = set()
    unsettled: set[str] = set()
    for sentence, (first, stop) in zip(sentences, spans, strict=True):
        if (sentence.guidance or sentence.reference or sentence.kind in NOT_AGREED
                or law.restates(sentence.words)):
            continue
        cut = settled_words(sentence, corpus.language)
        local = TermIndex([sentence.words], within=corpus.index) if first < 0 else None
        for part in rule.parts:
            if part.id in found:
                continue
            for text in part.terms:
                term = parse_term(text)
                if local is not None:
                    starts = [hit.start for hit in local.find(term)]
                else:
                    starts = [h.start - first for h in corpus.index.find_in(term, seq)
                              if first <= h.start and h.end <= stop]
                if any(start < cut for start in starts):
                    found.add(part.id)
                    break
                if starts:
                    unsettled.add(part.id)
    return found, unsettled - found


def settled_words(sentence: Sentence, language: Language) -> int:
    """How many of the sentence's words come before a clause that leaves something to be
    settled later; all of them when it has none. The clause starts after the last comma,
    semicolon or colon before the cue, so "Kommunen er arbeidsgiver, og det skal avtales
    hvordan stillingen finansieres" settles the employer and not the financing."""
    cue = language.sentence_cues["unsettled"]
    folded = sentence.folded
    if not cue.may_match(folded):
        return len(sentence.words)
    match = cue.search(folded)
    if match is None:
        return len(sentence.words)
    start = max(folded.rfind(mark, 0, match.start()) for mark in ",;:") + 1
    return len(words(folded[:start]))


def measure_heading(section: Section, rule_headings: set[int]) -> bool:
    """Whether a section whose heading names a measure (the rule's ``scope``) describes that
    measure: the text under it, subsections too ("2 Felles team / 2.2 Arbeidsgiveransvar"),
    is the measure's, and is checked as one. A heading with the rule's own heading terms
    ("14 Samarbeidstiltak", "Særavtale om felles tiltak") names the topic, not a measure:
    its text must still speak of something done together."""
    return section.heading_seq not in rule_headings


def about_a_joint_measure(corpus: Corpus, rule: Rule, seq: int) -> bool:
    """Whether block ``seq`` speaks of something the parties do together: it names a
    measure (the rule's ``scope``) or uses a cue of joint action (language data,
    ``sentence_classes.joint``). A party's own steering group is not a joint measure."""
    joint = corpus.language.sentence_cues["joint"]
    if joint.may_match(corpus.folded[seq]) and joint.search(corpus.folded[seq]):
        return True
    return any(corpus.index.find_in(parse_term(text), seq) for text in rule.scope)


def sentence_spans(block_tokens: list[str] | tuple[str, ...],
                   sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Each sentence's token range within its block; (-1, -1) for all when they
    do not line up (a letter folded differently at a sentence start), so the
    caller matches those sentences on their own."""
    spans = []
    position = 0
    for sentence in sentences:
        stop = position + len(sentence.words)
        if tuple(block_tokens[position:stop]) != sentence.words:
            return [(-1, -1)] * len(sentences)
        spans.append((position, stop))
        position = stop
    return spans


def incomplete_measure(corpus: Corpus, rule: Rule, graded: list[GradedText], law: LawText,
                       rule_headings: set[int]) -> tuple[int, set[str]] | None:
    """A measure described under the rule's own heading with only some parts.

    Each described measure is checked: one well-settled measure does not
    settle a second described beside it. A general clause (all parts, no
    particular measure) settles the rest, as agreements often say "for
    other joint activities, each party employs and pays its own staff".
    """
    scope = {hit.seq for text in rule.scope for hit in corpus.index.find(parse_term(text))}
    measures: list[tuple[int, set[str]]] = []
    for seq in sorted(scope):
        section = corpus.owner[seq]
        if section is not None and seq == section.heading_seq and measure_heading(
                section, rule_headings):
            parts = set().union(*(block_parts(corpus, rule, under, law, False)
                                  for under in section.all_seqs()))
            if parts:  # a heading over text that settles nothing describes no measure
                measures.append((seq, parts))
    general = False
    for place in graded:
        if place.section is None or place.strength < OWN_HEADING or place.grade == WeakKind.HEADING:
            continue
        seqs = place.section.seqs
        for position, seq in enumerate(seqs):
            parts = block_parts(corpus, rule, seq, law)
            if seq in scope and parts:
                # A measure described over a few blocks (a list of its arrangements):
                # its parts are those of its block and the next ones up to another measure.
                # (A table row is one measure of its own.)
                for after in seqs[position + 1:position + SCOPE_BLOCKS]:
                    if BlockKind.TABLE_ROW in (corpus.blocks[seq].kind,
                                               corpus.blocks[after].kind):
                        break
                    parts = parts | block_parts(corpus, rule, after, law, False)
                measures.append((seq, parts))
            elif len(parts) == len(rule.parts):
                general = True
    if general:
        return None
    return next(((s, p) for s, p in measures if len(p) < len(rule.parts)), None)
