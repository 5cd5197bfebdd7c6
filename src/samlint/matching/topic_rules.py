"""Topic rules (``kind: topic``): is the requirement dealt with, and how well?

Every section that is about the rule (its heading names the topic, or its
body uses enough of the rule's terms) is graded (``grading``), and so is
every bare mention of the topic in a contents list or a list of delavtaler.
The best grade in the set decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from samlint.documents.model import BlockKind
from samlint.matching.corpus import Corpus
from samlint.matching.elements import ElementGrade, lacking_element
from samlint.matching.evidence import cite, decisive, from_graded
from samlint.matching.grading import (
    COVERED,
    OWN_HEADING,
    GradedPlaces,
    GradedText,
    WeakKind,
    grade_section,
    heading_only,
    sentence_grade,
)
from samlint.matching.hits import RuleHits, Topics
from samlint.matching.long_blocks import sentence_hits
from samlint.matching.normalise import fold, words
from samlint.matching.restatement import LawText
from samlint.matching.sections import Section
from samlint.matching.sentences import SentenceClass
from samlint.matching.terms import TermIndex, parse_term
from samlint.results import RuleResult, Severity, Status
from samlint.rules import Rule

NAMES_ANOTHER_POINT = 2  # more distinct terms needed under another point's heading
# Words; a run longer than this is a flattened page, not one sentence restating the law.
RESTATEMENT_WORDS = 60


def judge_topic_rule(corpus: Corpus, rule: Rule, hits: RuleHits, others: Topics
                     ) -> tuple[RuleResult, GradedPlaces]:
    """The rule's verdict and the graded places it rests on (graded as far as the
    verdict needed; the rest when a later rule asks for them)."""
    law = LawText(rule.law, corpus.language)
    graded = GradedPlaces(graded_places(corpus, rule, hits, others, law))
    result = from_graded(corpus, rule, decisive(graded))
    if result.status == Status.COVERED and rule.elements:
        lacking = lacking_element(corpus, rule, hits, others, graded, law)
        if lacking is not None:
            weaken(corpus, rule, result, lacking)
    return result, graded


def weaken(corpus: Corpus, rule: Rule, result: RuleResult, lacking: ElementGrade) -> None:
    """A covered point with an essential element that lacks substance is weak: the
    element's own grade is the weak kind, and the message names the element."""
    result.status = Status.WEAK
    result.severity = Severity(rule.severity_weak)
    result.weak_kind = str(lacking.grade)
    if lacking.seq < 0:  # no sentence names the element
        result.message = rule.message("element_absent", element=lacking.element.title)
        return
    reason = rule.message(f"weak.{lacking.grade}",
                          reference=lacking.detail or corpus.language.unnamed_document)
    result.message = rule.message("element_lacking", element=lacking.element.title,
                                  reason=reason)
    if lacking.seq >= 0:
        shown = cite(corpus, lacking.seq)
        result.evidence = [shown, *(e for e in result.evidence if e != shown)]


def graded_places(corpus: Corpus, rule: Rule, hits: RuleHits, others: Topics,
                  law: LawText) -> Iterator[GradedText]:
    """Every section that speaks to the rule, graded, and every bare mention of its topic,
    in that order and each when asked for (``GradedPlaces``); ``others`` knows where
    every rule of the pack has its topic."""
    for section in corpus.sections_holding({*hits.heading, *hits.body}):
        focus = section_focus(corpus, section, hits, rule, others)
        if focus is not None:
            strength = heading_strength(section, hits)
            place = grade_section(corpus, section, focus, rule, law, hits,
                                  others.boundaries(rule.id), strength > 0)
            place.strength = strength
            if (place.grade == COVERED and strength > 0
                    and only_in_passing(corpus, rule, hits, focus)):
                anchor = [section.heading_seq] if section.heading_seq >= 0 else []
                place = heading_only(corpus, section, anchor or place.seqs[:1])
                place.strength = strength
            yield place
    for seq in hits.heading:
        if corpus.blocks[seq].kind != BlockKind.HEADING and corpus.bare_mention(seq):
            if seq in corpus.guidance:  # an item of the statute's list ("skal som et
                # minimum omfatte: … c) retningslinjer for innleggelse"): the law again,
                # and like any list item no section's text (None) for the point
                yield GradedText(WeakKind.RESTATED_LAW, [seq], None)
            else:
                yield heading_only(corpus, corpus.owner[seq], [seq], "list")
    yield from law_list_mentions(corpus, rule, hits)
    yield from deferrals(corpus, rule, hits, law)
    yield from restatements(corpus, rule, hits)


def only_in_passing(corpus: Corpus, rule: Rule, hits: RuleHits, focus: list[int]) -> bool:
    """Whether the text under a heading that names the point touches its topic only in
    the rule's passing mentions (``exclude``): «Praksiskonsulenten … har kontor …» under
    «Forsking, utdanning, praksis og læretid», meetings «på video» under «IKT». Such a
    section is about something else; its heading is all it has for the point. Text that
    uses none of the rule's words at all is not judged so: agreements often describe a
    point in their own words under its heading."""
    if any(seq in hits.body for seq in focus):
        return False
    return any(hit.seq in focus for phrase in rule.exclude
               for hit in corpus.index.find(parse_term(phrase)))


def restatements(corpus: Corpus, rule: Rule, hits: RuleHits) -> list[GradedText]:
    """A sentence about what an agreement shall contain that names the topic ("Avtalen skal
    etter § 6-2 blant annet inneholde …"), wherever it stands: restated law, never more.
    A law named in a list of laws stays a heading (``law_list_mentions``), and a run of a
    flattened page is no sentence to judge so."""
    found = []
    for seq in hits.body:
        if not corpus.may_guide[seq]:
            continue
        sentences = corpus.sentences(seq)
        if not any(sentence.guidance for sentence in sentences):
            continue
        terms = sentence_hits(corpus).own_terms(seq, rule)
        if any(named and sentence.guidance and sentence.kind != SentenceClass.LAW_LIST
               and len(sentence.words) <= RESTATEMENT_WORDS
               for sentence, named in zip(sentences, terms, strict=True)):
            found.append(GradedText(WeakKind.RESTATED_LAW, [seq], corpus.owner[seq]))
    return found


def deferrals(corpus: Corpus, rule: Rule, hits: RuleHits, law: LawText) -> list[GradedText]:
    """A sentence that names the topic and leaves it to a document outside the set
    ("For X gjelder delavtale 5.", "X følger av delavtale 3."), wherever it stands: a
    dangling reference, never more, even where the section it is in is about no point."""
    found = []
    deferral = corpus.language.deferral
    for seq in hits.body:
        if seq in corpus.guidance:  # the statute's own text ("… etter § 3-5") defers nothing
            continue
        if not corpus.may_refer(seq):  # no sentence of it names a document
            continue
        sentences = corpus.sentences(seq)
        if not any(sentence.reference for sentence in sentences):
            continue
        terms = sentence_hits(corpus).own_terms(seq, rule)
        for sentence, named in zip(sentences, terms, strict=True):
            if (named and sentence.reference and deferral.search(sentence.folded)
                    and sentence_grade(sentence, rule, law) == WeakKind.DANGLING_REFERENCE):
                found.append(GradedText(WeakKind.DANGLING_REFERENCE, [seq], corpus.owner[seq],
                                        sentence.reference))
                break
    return found


def law_list_mentions(corpus: Corpus, rule: Rule, hits: RuleHits) -> list[GradedText]:
    """A law named in a list of laws and sources ("Lov om helsemessig og sosial
    beredskap") names the topic only in a list: a heading, never more."""
    found = []
    for seq in hits.body:
        if not corpus.may_hold_law_list(seq):
            continue
        sentences = corpus.sentences(seq)
        if not any(sentence.may_be_law_list() and sentence.kind == SentenceClass.LAW_LIST
                   for sentence in sentences):
            continue
        terms = sentence_hits(corpus).own_terms(seq, rule)
        if any(named and sentence.kind == SentenceClass.LAW_LIST
               for sentence, named in zip(sentences, terms, strict=True)):
            found.append(GradedText(WeakKind.HEADING, [seq], corpus.owner[seq], "list"))
    return found


def section_focus(corpus: Corpus, section: Section, hits: RuleHits, rule: Rule,
                  others: Topics) -> list[int] | None:
    """The blocks of a section that speak to the rule, or None if it does not.

    A heading (own, enclosing, or the document title) that names the topic
    makes the whole section count. Otherwise only blocks that use the rule's
    terms count, and they need at least ``min_terms`` distinct terms between
    them (two more when the section's heading names another point, so that
    passing mentions inside another point's text do not count). A block that
    names the topic itself, in a section not about another point, is a
    candidate too (a one-sentence declaration of intent).
    Contents-list entries and bare list items never count here.
    """
    if section.heading_seq in hits.heading:
        if not rule.nested_counts and nested_in_another_point(section, rule, hits, others):
            return None
        # A table under the point's heading: rows whose first cell names another point
        # are about that point (a table of tasks by topic is no division of tasks).
        return [seq for seq in topic_blocks(corpus, section, rule, hits, others)
                if not (row_topics(corpus, seq, others) - {rule.id})
                or rule.id in row_topics(corpus, seq, others)]
    rows = [seq for seq in section.seqs if rule.id in row_topics(corpus, seq, others)]
    if rows:  # a table judged row by row: a row is about the point its first cell names
        return rows
    body = hits.body
    # A table row whose first cell names another point is about that point, here as under
    # the point's own heading: its coordinator for children is no point 2 text.
    relevant = [seq for seq in section.seqs if seq in body and not corpus.bare_mention(seq)
                and not row_topics(corpus, seq, others) - {rule.id}]
    if not relevant:
        return None
    if any(seq in hits.heading for seq in section.path_seqs):
        return list(section.seqs)
    other_topic = section.heading_seq >= 0 and others.names_another(section.heading_seq,
                                                                    rule.id)
    # Without a heading, the topic must be dense in a paragraph of its own:
    # terms scattered over a long section are passing mentions.
    needed = rule.min_terms + (NAMES_ANOTHER_POINT if other_topic else 0)
    long = sentence_hits(corpus)
    dense = [seq for seq in relevant if len(body[seq]) >= needed
             and (not long.is_long(seq) or long.dense(seq, rule, needed))]
    if dense:
        # Under a heading that names no other point, the whole section is
        # about this one; under another point's heading, only the dense text.
        mixed = other_topic or any(others.elsewhere(seq, rule.id) for seq in section.seqs)
        return dense if mixed else list(section.seqs)
    if not other_topic:
        # The point's own name (a heading term) opening a paragraph is strong
        # evidence: that block, and the one after it when that names no other point,
        # speak to it (two paragraphs under a generic heading). Further into a
        # sentence the name is a passing mention ("… oppgavefordeling i offentlig
        # forvaltning"), and a one-sentence block naming it is at most an intent.
        named = [seq for seq in relevant if named_first(corpus, seq, hits)]
        if named:
            return with_the_next(corpus, section, named, rule, others)
    return None


NAME_OPENS = 6  # words: the point's name this early in a block introduces it


def named_first(corpus: Corpus, seq: int, hits: RuleHits) -> bool:
    """Whether a sentence of block ``seq`` uses one of the rule's heading terms within its
    first words (an inline heading of a flattened page, too), or the block is a single
    sentence that names the topic (a declaration of intent at most)."""
    terms = hits.heading.get(seq)
    if not terms:
        return False
    if len(corpus.sentences(seq)) == 1:
        return True
    return sentence_hits(corpus).opens(seq, terms, NAME_OPENS)


def with_the_next(corpus: Corpus, section: Section, named: list[int], rule: Rule,
                  others: Topics) -> list[int]:
    """The named blocks, each with the paragraph after it (not a table row, a list
    item of another topic, or a block that names another point)."""
    out: list[int] = []
    seqs = section.seqs
    for seq in named:
        out.append(seq)
        if corpus.blocks[seq].kind == BlockKind.TABLE_ROW:
            continue
        position = seqs.index(seq) + 1
        if position < len(seqs):
            after = seqs[position]
            if (after not in out and corpus.blocks[after].kind == BlockKind.PARAGRAPH
                    and not others.elsewhere(after, rule.id)):
                out.append(after)
    return sorted(set(out))


def row_topics(corpus: Corpus, seq: int, others: Topics) -> set[str]:
    """The rules of the pack whose heading terms name a table row's first cell (none for
    other blocks); the first cell labels the row, as a heading labels a section."""
    block = corpus.blocks[seq]
    if block.kind != BlockKind.TABLE_ROW or " | " not in block.text:
        return set()
    cache: dict[int, set[str]] = corpus.extras.setdefault("row_topics", {})  # type: ignore[assignment]
    found = cache.get(seq)
    if found is None:
        index = TermIndex([words(fold(block.text.split(" | ", 1)[0]))], within=corpus.index)
        found = {rule_id for rule_id, terms in others.heading_terms.items()
                 if any(index.find(parse_term(term.lstrip("="))) for term in terms)}
        cache[seq] = found
    return found


def nested_in_another_point(section: Section, rule: Rule, hits: RuleHits,
                            others: Topics) -> bool:
    """Whether an enclosing heading names another point and none names this one: the
    division of tasks at discharge belongs to discharge (``match.nested_counts: false``)."""
    path = section.path_seqs
    return (not any(seq in hits.heading for seq in path)
            and any(others.names_another(seq, rule.id) for seq in path))


def heading_strength(section: Section, hits: RuleHits) -> int:
    """How directly the headings name the topic; the best evidence is shown first."""
    if section.heading_seq in hits.heading:
        return OWN_HEADING
    return 1 if any(seq in hits.heading for seq in section.path_seqs) else 0


def topic_blocks(corpus: Corpus, section: Section, rule: Rule, hits: RuleHits,
                 others: Topics) -> list[int]:
    """A section's own blocks and those of its subsections, except subsections
    whose heading names another point and not this one, and, under a heading
    that names other points too, subsections that name none and never use the
    rule's terms.

    A delavtale about three points has a subsection per point; the second
    point's subsection must not lend its text to the first.
    """
    seqs = list(section.seqs)
    shared = (others.names_another(section.heading_seq, rule.id)
              or lists_other_topics(corpus, section.heading_seq, rule))
    for child in section.children:
        heading = child.heading_seq
        if heading not in hits.heading and others.names_another(heading, rule.id):
            continue
        found = topic_blocks(corpus, child, rule, hits, others)
        if shared and heading not in hits.heading and not any(seq in hits.body for seq in found):
            continue  # under «Kompetanse, teknologi og forebygging», «Lære av hverandre» is
            # prevention only if it speaks of it: the heading names several points
        seqs.extend(found)
    return seqs


LISTED_TOPICS = 3  # a heading listing this many topics names each as one of several


def lists_other_topics(corpus: Corpus, seq: int, rule: Rule) -> bool:
    """Whether heading ``seq`` lists several topics, some of which use none of the rule's
    terms: it names the point as one of several, though the pack may know no rule for
    the others («Kompetanse», «teknologi»)."""
    if seq < 0:
        return False
    cache: dict[tuple[int, str], bool] = corpus.extras.setdefault(  # type: ignore[assignment]
        "lists_other_topics", {})
    found = cache.get((seq, rule.id))
    if found is None:
        language = corpus.language  # between the topics: «, », «/», «og», «eller»
        between = rf"[,;/&]|\s(?:{re.escape(language.and_word)}|{re.escape(language.or_word)})\s"
        items = [words(fold(item))
                 for item in re.split(between, corpus.blocks[seq].text, flags=re.IGNORECASE)]
        items = [item for item in items if item]
        found = False
        if len(items) >= LISTED_TOPICS:
            index = TermIndex(items, within=corpus.index)
            named = {hit.seq for text in (*rule.headings, *rule.terms)
                     for hit in index.find(parse_term(text.lstrip("=")))}
            found = len(named) < len(items)
        cache[(seq, rule.id)] = found
    return found
