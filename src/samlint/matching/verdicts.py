"""Verdicts: for each rule, the strongest treatment anywhere in the agreement set.

Every section that is about a rule (its heading names the topic, or its body
uses enough of the rule's terms) is graded, and so is every bare mention of
the topic in a contents list or a list of delavtaler. Grades, weakest first:
heading only, declaration of intent, restated law, dangling reference,
covered. The best grade in the set decides, as the labelling conventions say:
a set is judged as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from sys import intern

from samlint.documents.model import Block, BlockKind, Document
from samlint.matching.analysis import Sentence, analyse
from samlint.matching.dates import agreement_dates, months_between
from samlint.matching.guidance import guidance_blocks, may_hold_guidance
from samlint.matching.normalise import fold, tokens, words
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import LawText
from samlint.matching.sections import Section, find_sections
from samlint.matching.terms import Hit, TermIndex, parse_term
from samlint.results import Evidence, RuleResult, Severity, Status
from samlint.rules import Rule

GRADE_MISSING = 0
GRADES = {"heading": 1, "intent": 2, "restated-law": 3, "dangling-reference": 4, "covered": 5}
EXCERPT_CHARS = 240


@dataclass(slots=True)
class Finding:
    """One graded place in the agreement for one rule."""

    grade: str
    blocks: list[Block]
    document: Document
    section: Section | None
    detail: str = ""
    strength: int = 0  # 2: own heading names the topic, 1: enclosing heading, 0: body only

    @property
    def rank(self) -> int:
        return GRADES[self.grade]


@dataclass(slots=True)
class Corpus:
    """The agreement set prepared once for all rules."""

    documents: list[Document]
    sections: list[Section]
    blocks: list[Block]
    block_ids: dict[int, int]
    index: TermIndex
    resolver: ReferenceResolver
    owner: dict[int, Section]
    guidance: set[int]
    folded: list[str]  # each block's text, folded (normalise.fold)
    may_guide: list[bool]  # whether each block has a guidance cue (guidance.may_hold_guidance)
    _sentences: dict[int, list[Sentence]] = field(default_factory=dict)
    _section_indices: dict[int, list[int]] = field(default_factory=dict)
    _bare: dict[int, bool] = field(default_factory=dict)
    _holders: dict[int, list[int]] | None = None

    def sections_hit(self, hits: RuleHits) -> list[Section]:
        """The sections whose heading or body has a hit of the rule, in reading order.

        Only they can speak to the rule (``section_focus`` gives None for the
        rest), and a long agreement has hundreds of sections that a rule's
        terms never reach; this finds the few from the hits instead of
        asking every section.
        """
        holders = self._holders
        if holders is None:  # block index -> positions of the sections it heads or sits in
            holders = {}
            for position, section in enumerate(self.sections):
                if section.heading is not None:
                    holders.setdefault(self.block_ids[id(section.heading)], []).append(position)
                for index in self.indices(section):
                    holders.setdefault(index, []).append(position)
            self._holders = holders
        positions = {position for index in (*hits.heading, *hits.body)
                     for position in holders.get(index, ())}
        return [self.sections[position] for position in sorted(positions)]

    def indices(self, section: Section) -> list[int]:
        """The block indices of a section's body, worked out once for all rules."""
        key = id(section)
        found = self._section_indices.get(key)
        if found is None:
            found = [self.block_ids[id(block)] for block in section.blocks]
            self._section_indices[key] = found
        return found

    def bare_mention(self, index: int) -> bool:
        """``is_bare_mention`` of block ``index``, worked out once for all rules."""
        found = self._bare.get(index)
        if found is None:
            found = is_bare_mention(self.blocks[index])
            self._bare[index] = found
        return found

    def sentences(self, block: Block) -> list[Sentence]:
        """The block's sentences, analysed once for all rules, and only when asked for."""
        key = id(block)
        found = self._sentences.get(key)
        if found is None:
            index = self.block_ids[key]
            found = analyse(block.text, self.resolver, self.folded[index], self.may_guide[index])
            self._sentences[key] = found
        return found


def prepare(documents: list[Document]) -> Corpus:
    sections: list[Section] = []
    for document in sorted(documents, key=lambda d: d.display):
        sections.extend(find_sections(document))
    blocks = [b for d in sorted(documents, key=lambda d: d.display) for b in d.blocks]
    block_ids = {id(b): i for i, b in enumerate(blocks)}
    owner: dict[int, Section] = {}
    for section in sections:
        if section.heading is not None:
            owner[id(section.heading)] = section
        for block in section.blocks:
            owner[id(block)] = section
    folded = [fold(b.text) for b in blocks]
    # Each distinct word once: agreements repeat their words (the 200-page
    # benchmark has 60,762 words, 968 distinct), so some 3 MB less to
    # allocate here, and fewer pages for the judging partner, a fork, to copy
    # as it touches them.
    index = TermIndex([list(map(intern, words(text))) for text in folded])
    may_guide = [may_hold_guidance(text, b.text.lower()) for text, b in zip(folded, blocks,
                                                                          strict=True)]
    corpus = Corpus(documents, sections, blocks, block_ids, index,
                    ReferenceResolver(documents), owner, set(), folded, may_guide)
    offset = 0
    for document in sorted(documents, key=lambda d: d.display):
        stop = offset + len(document.blocks)
        found = guidance_blocks(document.blocks, folded[offset:stop], may_guide[offset:stop],
                                corpus.sentences)
        corpus.guidance.update(offset + i for i in found)
        offset += len(document.blocks)
    return corpus


def prepare_rules(rules: list[Rule]) -> None:
    """Parse every term of the rules now (``parse_term`` remembers them).

    Called while the first file is still being read, so that the matcher
    starts on the text at once.
    """
    for rule in rules:
        parts = (*rule.parts, *rule.topics)
        for text in (*rule.headings, *rule.terms, *rule.exclude, *rule.scope,
                     *(term for part in parts for term in part.terms)):
            parse_term(text.lstrip("="))




def judge_agreement(documents: list[Document], rules: list[Rule],
                    as_of: date | None = None, workers: int = 1) -> list[RuleResult]:
    """Every rule's verdict, in rule order.

    Text rules first; then recommendation rules, which look inside the text
    their parent rule found; then date rules, which may add a note to the
    rules an amendment introduced. Which sections a rule sees as "another
    point's" is decided within its own rule pack, so adding a pack never
    changes the verdicts of another. ``workers`` is ignored (kept for callers).
    """
    return _judge(documents, rules, as_of, workers)


def _judge(documents: list[Document], rules: list[Rule], as_of: date | None,
           workers: int) -> list[RuleResult]:
    corpus = prepare(documents)
    text_rules = [r for r in rules if not r.applies_to and r.dates is None]
    parents = {rule.applies_to for rule in rules if rule.applies_to}
    results, findings = _judge_text_rules(corpus, text_rules, parents, workers)
    for rule in rules:
        if rule.applies_to:
            parent = results.get(rule.applies_to)
            results[rule.id] = judge_topics(corpus, rule, parent,
                                            findings.get(rule.applies_to, []))
        elif rule.dates is not None:
            results[rule.id] = judge_dates(corpus, rule, results, as_of or date.today())
    return [results[rule.id] for rule in rules]


def _judge_text_rules(corpus: Corpus, rules: list[Rule], parents: set[str], workers: int
                      ) -> tuple[dict[str, RuleResult], dict[str, list[Finding]]]:
    """Each text rule's result, and the findings of the rules others build on.

    Always in this process (``workers`` is ignored): the two-process judging
    went away; the engine judges the whole agreement in a child (samlint.runner).
    """
    hits = {rule.id: rule_hits(corpus, rule) for rule in rules}
    return _judged_here(corpus, rules, hits, _topics(rules, hits))


def _judged_here(corpus: Corpus, rules: list[Rule], hits: dict[str, RuleHits],
                 packs: dict[str, Topics]
                 ) -> tuple[dict[str, RuleResult], dict[str, list[Finding]]]:
    """Results and findings of ``rules``, judged in this process."""
    results: dict[str, RuleResult] = {}
    findings: dict[str, list[Finding]] = {}
    for rule in rules:
        results[rule.id], findings[rule.id] = judge_rule(corpus, rule, hits[rule.id],
                                                         packs[rule.pack])
    return results, findings


def _topics(rules: list[Rule], hits: dict[str, RuleHits]) -> dict[str, Topics]:
    """Per pack: where each of its rules' topics is named or densely dealt with."""
    packs: dict[str, Topics] = {}
    for pack in {rule.pack for rule in rules}:
        members = [rule for rule in rules if rule.pack == pack]
        packs[pack] = Topics({r.id: hits[r.id].heading for r in members},
                             {r.id: _dense_blocks(hits[r.id], r.min_terms) for r in members})
    return packs


@dataclass(slots=True)
class Topics:
    """Where each rule's topic is named (headings) or dealt with densely (body)."""

    headings: dict[str, dict[int, set[str]]]
    dense: dict[str, set[int]]

    def elsewhere(self, block_index: int, rule_id: str) -> bool:
        """Whether the block names, or densely treats, another rule's topic."""
        return any(
            block_index in self.headings[other] or block_index in self.dense[other]
            for other in self.headings if other != rule_id
        )


def _dense_blocks(hits: RuleHits, min_terms: int) -> set[int]:
    return {index for index, terms in hits.body.items() if len(terms) >= min_terms}


# --------------------------------------------------------------------------- hits


@dataclass(slots=True)
class RuleHits:
    """Where a rule's heading terms and body terms occur, per block index."""

    heading: dict[int, set[str]]
    body: dict[int, set[str]]


def rule_hits(corpus: Corpus, rule: Rule) -> RuleHits:
    excluded: dict[int, list[tuple[int, int]]] = {}
    for phrase in rule.exclude:
        for hit in corpus.index.find(parse_term(phrase)):
            excluded.setdefault(hit.seq, []).append((hit.start, hit.end))

    counted: dict[str, list[Hit]] = {}  # per term, its hits that count (headings are met twice)

    def counting(text: str) -> list[Hit]:
        found = counted.get(text)
        if found is None:
            whole = text.startswith("=")
            found = []
            for hit in corpus.index.find(parse_term(text.lstrip("="))):
                excluded_here = excluded.get(hit.seq)
                if excluded_here and _inside(hit, excluded_here):
                    continue
                if whole and not _is_whole_heading(corpus, hit):
                    continue
                found.append(hit)
            counted[text] = found
        return found

    def collect(terms: tuple[str, ...]) -> dict[int, set[str]]:
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for text in terms:
            for hit in counting(text):
                spans.setdefault(hit.seq, []).append((hit.start, hit.end, text))
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
    block = corpus.blocks[hit.seq]
    if block.kind != BlockKind.HEADING:
        return False
    words = corpus.index.sequences[hit.seq]
    rest = [w for i, w in enumerate(words) if not hit.start <= i < hit.end]
    return all(w.isdigit() or w in _ROMAN_NUMERALS or len(w) == 1 for w in rest)


_ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii".split())


def _inside(hit: Hit, spans) -> bool:  # type: ignore[no-untyped-def]
    return any(start < hit.end and hit.start < end for start, end in spans)


# --------------------------------------------------------------------- sections


def is_bare_mention(block: Block) -> bool:
    """A contents-list entry or a list item that only names a topic."""
    if block.kind == BlockKind.TOC_ENTRY:
        return True
    words = [w.strip("()[]«»\"") for w in block.text.split()]
    return (
        block.kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH, BlockKind.TABLE_ROW)
        and len(words) <= 12
        and not any(w.endswith((".", "!", "?")) and len(w) > 3
                    and w.lower() not in _ABBREVIATIONS for w in words[1:])
    )


_ABBREVIATIONS = frozenset({"nr.", "jf.", "jfr.", "pkt.", "kap.", "ca.", "mfl.", "bl.a.", "evt.",
                            "f.eks.", "m.m.", "osv.", "dvs.", "iht.", "mht."})


def section_focus(corpus: Corpus, section: Section, hits: RuleHits, rule: Rule,
                  others: Topics) -> list[Block] | None:
    """The blocks of a section that speak to the rule, or None if it does not.

    A heading (own, enclosing, or the document title) that names the topic
    makes the whole section count. Otherwise only blocks that use the rule's
    terms count, and they need at least ``min_terms`` distinct terms between
    them (two more when the section's heading names another point, so that
    passing mentions inside another point's text do not count). A block that
    names the topic itself, in a section not about another point, is a
    candidate too ("Partene skal samarbeide om jordmortjenester.").
    Contents-list entries and bare list items never count here.
    """
    ids = corpus.block_ids
    if section.heading is not None and ids[id(section.heading)] in hits.heading:
        return topic_blocks(corpus, section, rule, hits, others)
    body = hits.body
    relevant = [b for b, index in zip(section.blocks, corpus.indices(section), strict=True)
                if index in body and not corpus.bare_mention(index)]
    if not relevant:
        return None
    if any(ids[id(h)] in hits.heading for h in section.path):
        return section.blocks
    other_topic = section.heading is not None and any(
        ids[id(section.heading)] in heading_hits
        for rule_id, heading_hits in others.headings.items() if rule_id != rule.id
    )
    # Without a heading, the topic must be dense in a paragraph of its own:
    # terms scattered over a long section are passing mentions.
    needed = rule.min_terms + (2 if other_topic else 0)
    dense = [b for b in relevant if len(hits.body[ids[id(b)]]) >= needed]
    if dense:
        # Under a heading that names no other point, the whole section is
        # about this one; under another point's heading, only the dense text.
        mixed = other_topic or any(
            others.elsewhere(ids[id(b)], rule.id) for b in section.blocks
        )
        return dense if mixed else section.blocks
    if not other_topic:
        # A one-sentence block that names the topic: at most a declaration of intent.
        named = [b for b in relevant
                 if ids[id(b)] in hits.heading and len(corpus.sentences(b)) == 1]
        if named:
            return named
    return None


def best_evidence(corpus: Corpus, blocks: list[Block], hits: RuleHits) -> list[Block]:
    """The blocks that use most of the rule's terms, in reading order."""
    top = sorted(blocks, key=lambda block: terms_used(corpus, hits, block), reverse=True)[:2]
    return [b for b in blocks if any(b is t for t in top)]


def terms_used(corpus: Corpus, hits: RuleHits, block: Block) -> int:
    """How many of the rule's terms a block uses: what ranks it as evidence."""
    return len(hits.body.get(corpus.block_ids[id(block)], ()))


def heading_strength(corpus: Corpus, section: Section, hits: RuleHits) -> int:
    """How directly the headings name the topic; the best evidence is shown first."""
    ids = corpus.block_ids
    if section.heading is not None and ids[id(section.heading)] in hits.heading:
        return 2
    return 1 if any(ids[id(h)] in hits.heading for h in section.path) else 0


def topic_blocks(corpus: Corpus, section: Section, rule: Rule, hits: RuleHits,
                 others: Topics) -> list[Block]:
    """A section's own blocks and those of its subsections, except subsections
    whose heading names another point and not this one.

    A delavtale titled "Jordmor, IKT og forebygging" has a subsection per
    topic; the IKT subsection must not lend its text to midwifery.
    """
    blocks = list(section.blocks)
    for child in section.children:
        heading = corpus.block_ids[id(child.heading)] if child.heading is not None else -1
        elsewhere = heading not in hits.heading and any(
            heading in heading_hits for rule_id, heading_hits in others.headings.items()
            if rule_id != rule.id
        )
        if not elsewhere:
            blocks.extend(topic_blocks(corpus, child, rule, hits, others))
    return blocks


def grade_section(corpus: Corpus, section: Section, focus: list[Block], rule: Rule,
                  law: LawText, hits: RuleHits) -> Finding:
    """Grade the blocks of a section that speak to the rule (see the module docstring)."""
    document = section.document
    anchor = [section.heading] if section.heading is not None else []
    if not focus:
        return Finding("heading", anchor, document, section)
    evidence = _covered_by_the_weightiest(corpus, focus, rule, law, hits)
    if evidence is not None:
        return Finding("covered", evidence, document, section)
    substantive: list[Block] = []
    substantive_count = 0
    dangling: list[Block] = []
    dangling_refs: list[str] = []
    restated: list[Block] = []
    said: list[Block] = []  # sentences too thin to be substance, but still said
    for block in focus:
        if corpus.block_ids[id(block)] in corpus.guidance:
            restated.append(block)
            continue
        for sentence in corpus.sentences(block):
            kind = sentence_kind(sentence, rule, law)
            if kind == RESTATED:
                restated.append(block)
            elif kind == DANGLING:
                dangling.append(block)
                dangling_refs.append(sentence.reference)
            elif kind == SUBSTANTIVE:
                substantive_count += 1
                if not substantive or substantive[-1] is not block:
                    substantive.append(block)
            elif kind == SAID:
                said.append(block)
    if substantive_count >= rule.min_sentences:
        return Finding("covered", best_evidence(corpus, substantive, hits), document, section)
    if dangling:
        return Finding("dangling-reference", dangling, document, section, dangling_refs[0])
    if restated and not substantive:
        return Finding("restated-law", restated, document, section)
    if substantive:
        return Finding("intent", substantive, document, section)
    if restated:
        return Finding("restated-law", restated, document, section)
    if said:
        return Finding("intent", said[:1], document, section)
    return Finding("heading", anchor, document, section)


RESTATED, DANGLING, SUBSTANTIVE, SAID, NOT_COUNTED = (
    "restated", "dangling", "substantive", "said", "not-counted")


def sentence_kind(sentence: Sentence, rule: Rule, law: LawText) -> str:
    """What a sentence of a section counts as for the rule, in ``grade_section``'s terms.

    Guidance and, where the rule says so, the statute's own words are
    restated law; a reference to a document outside the set leaves the point
    dangling; a sentence with enough content of its own is substance; a thin
    one is at least said, unless it is a drafting note.
    """
    if sentence.guidance:
        return RESTATED
    if sentence.reference:
        return DANGLING
    if rule.restating_is_weak and law.restates(sentence.words):
        return RESTATED
    if not (sentence.thin or sentence.pointer):
        return SUBSTANTIVE
    if sentence.thin and not sentence.editorial:
        return SAID
    return NOT_COUNTED


def _covered_by_the_weightiest(corpus: Corpus, focus: list[Block], rule: Rule, law: LawText,
                               hits: RuleHits) -> list[Block] | None:
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
    order = sorted(range(len(focus)),
                   key=lambda position: -terms_used(corpus, hits, focus[position]))
    found: list[int] = []
    count = 0
    for position in order:
        block = focus[position]
        if corpus.block_ids[id(block)] in corpus.guidance:
            continue
        here = sum(1 for sentence in corpus.sentences(block)
                   if sentence_kind(sentence, rule, law) == SUBSTANTIVE)
        if here:
            count += here
            found.append(position)
            if len(found) >= 2 and count >= rule.min_sentences:
                return [focus[position] for position in sorted(found[:2])]
    return None


# ------------------------------------------------------------------------ rules


def judge_rule(corpus: Corpus, rule: Rule, hits: RuleHits,
               others: Topics) -> tuple[RuleResult, list[Finding]]:
    """One rule's verdict and the places it was based on; ``others`` knows where
    every rule of the pack has its topic."""
    law = LawText(rule.law)
    findings: list[Finding] = []
    for section in corpus.sections_hit(hits):
        focus = section_focus(corpus, section, hits, rule, others)
        if focus is not None:
            finding = grade_section(corpus, section, focus, rule, law, hits)
            finding.strength = heading_strength(corpus, section, hits)
            findings.append(finding)
    for block_index in hits.heading:
        block = corpus.blocks[block_index]
        if block.kind != BlockKind.HEADING and corpus.bare_mention(block_index):
            section = corpus.owner.get(id(block))
            document = section.document if section else corpus.documents[0]
            findings.append(Finding("heading", [block], document, section, "list"))
    if rule.parts:
        return judge_parts(corpus, rule, findings, law), findings
    return to_result(rule, findings), findings


def judge_topics(corpus: Corpus, rule: Rule, parent: RuleResult | None,
                 parent_findings: list[Finding]) -> RuleResult:
    """Which recommended topics the text about the parent rule leaves out.

    Only the sections the parent rule was judged on are searched: a topic
    named somewhere else in the agreement is not part of that point's text.
    """
    titles = [topic.title for topic in rule.topics]
    severity_weak, severity_missing = Severity(rule.severity_weak), Severity(rule.severity_missing)
    if parent is None or parent.status is Status.MISSING or not parent_findings:
        return RuleResult(rule.id, rule.title, Status.MISSING, severity_missing,
                          "Avtalen omtaler ikke punktet; veilederen anbefaler at den beskriver: "
                          + "; ".join(titles) + ".")
    blocks: list[Block] = []
    seen: set[int] = set()
    for finding in parent_findings:
        if finding.grade == "heading":
            continue
        candidates = [*finding.blocks]
        if finding.section is not None:
            candidates += _with_headings(finding.section)
        for block in candidates:
            # A list item naming a delavtale is about that delavtale's point.
            if id(block) not in seen and not (block.kind != BlockKind.HEADING
                                              and is_bare_mention(block)):
                seen.add(id(block))
                blocks.append(block)
    local = TermIndex([tokens(block.text) for block in blocks])
    found: dict[str, Block] = {}
    for topic in rule.topics:
        for term in topic.terms:
            hits = local.find(parse_term(term))
            if hits:
                found[topic.id] = blocks[hits[0].seq]
                break
    lacking = [topic.title for topic in rule.topics if topic.id not in found]
    evidence: list[Evidence] = []
    for block in found.values():
        shown = to_evidence(block, _document_of(corpus, block), corpus.owner.get(id(block)))
        if shown not in evidence and len(evidence) < 3:
            evidence.append(shown)
    evidence = evidence or parent.evidence[:1]
    if not lacking:
        return RuleResult(rule.id, rule.title, Status.COVERED, None,
                          "Alle temaene veilederen anbefaler, er omtalt.", evidence)
    return RuleResult(rule.id, rule.title, Status.WEAK, severity_weak,
                      "Veilederen anbefaler også at avtalen beskriver: " + "; ".join(lacking)
                      + ".", evidence, weak_kind="recommended-topics")


def _with_headings(section: Section) -> list[Block]:
    """A section's text with the headings of its subsections ("3.2 Målgrupper")."""
    blocks = list(section.blocks)
    for child in section.children:
        if child.heading is not None:
            blocks.append(child.heading)
        blocks.extend(_with_headings(child))
    return blocks


def judge_dates(corpus: Corpus, rule: Rule, results: dict[str, RuleResult],
                as_of: date) -> RuleResult:
    """The agreement's latest date against the yearly review, and amendments it predates."""
    check = rule.dates
    assert check is not None
    by_document = [list(document.blocks)
                   for document in sorted(corpus.documents, key=lambda d: d.display)]
    found = agreement_dates(by_document, check.labels)
    if not found:
        return RuleResult(rule.id, rule.title, Status.MISSING, Severity(rule.severity_missing),
                          "Fant ingen dato for vedtak, revisjon eller signering i avtalen. "
                          "Skriv når avtalen ble vedtatt og sist revidert.")
    # A labelled date ("vedtatt", "revidert") says when the agreement was made;
    # an unlabelled one (a signature line) counts only when there is none.
    candidates = [f for f in found if f.labelled] or found
    latest = max(candidates, key=lambda f: f.value)
    evidence: list[Evidence] = []
    for item in sorted(candidates, key=lambda f: f.value, reverse=True):
        shown = to_evidence(item.block, _document_of(corpus, item.block),
                            corpus.owner.get(id(item.block)))
        if shown not in evidence and len(evidence) < 3:
            evidence.append(shown)
    if check.in_force is not None and latest.value < check.in_force:
        for rule_id in check.amended_rules:
            amended = results.get(rule_id)
            if amended is not None and amended.status is not Status.COVERED:
                amended.message = f"{amended.message} {check.note}".strip()
    age = months_between(latest.value, as_of)
    shown = latest.value.strftime("%d.%m.%Y")
    if age > check.review_months:
        return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak),
                          f"Siste dato i avtalen er {shown}, {age} måneder før "
                          f"{as_of.strftime('%d.%m.%Y')}. Den årlige gjennomgangen (§ 6-5) "
                          "ser ut til å være forsinket.", evidence, weak_kind="stale")
    return RuleResult(rule.id, rule.title, Status.COVERED, None,
                      f"Siste dato i avtalen er {shown}.", evidence)


def judge_parts(corpus: Corpus, rule: Rule, findings: list[Finding],
                law: LawText) -> RuleResult:
    """Rules whose parts must all be clarified (e.g. responsibility, organisation
    and financing of joint measures).

    Parts are looked for in the sections about the rule and next to every
    mention of a joint measure (``scope``), never in sentences that restate
    the law, give guidance, or defer to a document outside the set. All parts
    present: covered; some: weak; none, with a measure named: missing. When
    no part is present, a weaker finding (heading, restated law, dangling
    reference) still decides, since that is what the text does.
    """
    present = parts_present(corpus, rule, findings, law)
    partial = incomplete_measure(corpus, rule, findings, law)
    if partial is not None and len(present) == len(rule.parts):
        block, parts = partial
        present = {part_id: block for part_id in parts}
    if len(present) == len(rule.parts):
        blocks = [present[part.id] for part in rule.parts]
        return to_result(rule, [Finding("covered", blocks, _document_of(corpus, blocks[0]),
                                        corpus.owner.get(id(blocks[0])))])
    if present:
        blocks = [present[part.id] for part in rule.parts if part.id in present]
        result = to_result(rule, [Finding("covered", blocks, _document_of(corpus, blocks[0]),
                                          corpus.owner.get(id(blocks[0])))])
        found = [p.title.lower() for p in rule.parts if p.id in present]
        lacking = [p.title.lower() for p in rule.parts if p.id not in present]
        result.status = Status.WEAK
        result.severity = Severity(rule.severity_weak)
        result.weak_kind = "partial"
        result.message = (f"Bare delvis oppfylt: {_join(found)} er avklart, men ikke "
                          f"{_join(lacking, 'eller')}. Avklar dette for hvert samarbeidstiltak.")
        return result
    # A measure named in a sentence with none of the parts is "none of a/b/c":
    # missing, not a declaration of intent.
    weaker = [f for f in findings if f.grade not in ("covered", "intent")]
    if weaker:
        return to_result(rule, weaker)
    result = to_result(rule, [])
    named = [f for f in findings if f.grade in ("covered", "intent")]
    if named:
        block = named[0].blocks[0]
        result.message = ("Samarbeidstiltak er nevnt, men verken "
                          + _join([p.title.lower() for p in rule.parts], "eller")
                          + " er avklart.")
        result.evidence = [to_evidence(block, named[0].document, named[0].section)]
    return result


def parts_present(corpus: Corpus, rule: Rule, findings: list[Finding],
                  law: LawText) -> dict[str, Block]:
    """For each part found, the first block that clarifies it."""
    blocks: list[Block] = []
    for finding in findings:
        if finding.section is not None and finding.grade != "heading":
            blocks.extend(finding.section.blocks)
    for text in rule.scope:
        for hit in corpus.index.find(parse_term(text)):
            block = corpus.blocks[hit.seq]
            section = corpus.owner.get(id(block))
            if section is None or block not in section.blocks:
                continue
            position = section.blocks.index(block)
            blocks.extend(section.blocks[position:position + 3])
    present: dict[str, Block] = {}
    seen: set[int] = set()
    for block in blocks:
        if id(block) in seen:
            continue
        seen.add(id(block))
        for part_id in block_parts(corpus, rule, block, law):
            present.setdefault(part_id, block)
    return present


def block_parts(corpus: Corpus, rule: Rule, block: Block, law: LawText) -> set[str]:
    """The parts a block clarifies in agreement text (not guidance, law or references).

    A part counts only when one of its terms sits inside one sentence, so the
    block's hits are taken from the agreement's index and kept to the
    sentence they fall in.
    """
    seq = corpus.block_ids[id(block)]
    if seq in corpus.guidance or corpus.bare_mention(seq):
        return set()
    sentences = corpus.sentences(block)
    spans = _sentence_spans(corpus.index.sequences[seq], sentences)
    found: set[str] = set()
    for sentence, (first, stop) in zip(sentences, spans, strict=True):
        if sentence.guidance or sentence.reference or law.restates(sentence.words):
            continue
        local = TermIndex([sentence.words]) if first < 0 else None
        for part in rule.parts:
            if part.id in found:
                continue
            for text in part.terms:
                term = parse_term(text)
                if local is not None:
                    hit = bool(local.find(term))
                else:
                    hit = any(first <= h.start and h.end <= stop
                              for h in corpus.index.find_in(term, seq))
                if hit:
                    found.add(part.id)
                    break
    return found


def _sentence_spans(block_tokens: list[str] | tuple[str, ...],
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


def incomplete_measure(corpus: Corpus, rule: Rule, findings: list[Finding],
                       law: LawText) -> tuple[Block, set[str]] | None:
    """A joint measure described under the rule's own heading with only some parts.

    Each described measure is checked: one well-settled team does not settle
    a second measure described beside it. A general clause (all parts, no
    particular measure) settles the rest, as agreements often say "for
    other joint activities, each party employs and pays its own staff".
    """
    scope = {hit.seq for text in rule.scope for hit in corpus.index.find(parse_term(text))}
    measures: list[tuple[Block, set[str]]] = []
    general = False
    for finding in findings:
        if finding.section is None or finding.strength < 2 or finding.grade == "heading":
            continue
        for block in finding.section.blocks:
            parts = block_parts(corpus, rule, block, law)
            if corpus.block_ids[id(block)] in scope and parts:
                measures.append((block, parts))
            elif len(parts) == len(rule.parts):
                general = True
    if general:
        return None
    return next(((b, p) for b, p in measures if len(p) < len(rule.parts)), None)


def _join(items: list[str], last: str = "og") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _document_of(corpus: Corpus, block: Block) -> Document:
    section = corpus.owner.get(id(block))
    return section.document if section is not None else corpus.documents[0]


# ---------------------------------------------------------------------- results

MESSAGES = {
    "covered": "Dekket: avtalen beskriver konkret hvordan kravet følges opp.",
    "heading": "Temaet står bare som overskrift, i innholdsfortegnelsen eller i en liste "
               "over delavtaler – uten innhold. Beskriv hvem som gjør hva og hvordan.",
    "intent": "Bare en intensjonserklæring (én setning) uten rutiner, ansvar eller innhold. "
              "Beskriv hvem som gjør hva, hvordan og når.",
    "restated-law": "Teksten gjentar bare lovteksten i § 6-2 uten å si noe konkret. "
                    "Beskriv hvordan partene faktisk samarbeider om dette.",
    "dangling-reference": "Teksten viser til {ref}, som ikke er med i avtalesettet, så "
                          "innholdet kan ikke kontrolleres. Legg ved dokumentet eller "
                          "beskriv innholdet i avtalen.",
    "missing": "Ingen tekst i avtalen omhandler «{title}» ({source}). Legg til et avsnitt "
               "eller en delavtale som beskriver det konkret.",
}


def to_result(rule: Rule, findings: list[Finding]) -> RuleResult:
    if not findings:
        message = MESSAGES["missing"].format(title=rule.title, source=rule.source or rule.id)
        return RuleResult(rule.id, rule.title, Status.MISSING, Severity(rule.severity_missing),
                          message, [])
    best_rank = max(f.rank for f in findings)
    best = sorted((f for f in findings if f.rank == best_rank), key=lambda f: -f.strength)
    top = best[0]
    evidence: list[Evidence] = []
    for finding in best[:2]:
        for block in finding.blocks[:3]:
            item = to_evidence(block, finding.document, finding.section)
            if item not in evidence:
                evidence.append(item)
    if top.grade == "covered":
        return RuleResult(rule.id, rule.title, Status.COVERED, None, MESSAGES["covered"], evidence)
    message = MESSAGES[top.grade]
    if top.grade == "dangling-reference":
        message = message.format(ref=top.detail or "et dokument")
    return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak), message,
                      evidence, weak_kind=top.grade)


def to_evidence(block: Block, document: Document, section: Section | None) -> Evidence:
    heading = None
    if section is not None and section.heading is not None:
        heading = section.heading.text
    excerpt = " ".join(block.text.split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    return Evidence(file=document.display, line=block.line, excerpt=excerpt, page=block.page,
                    heading=heading)
