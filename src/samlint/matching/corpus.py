"""The agreement set prepared once for all rules.

Every block of the set gets a sequence number (its position in
``Corpus.blocks``, documents in display order); every per-block fact (its
section, document, folded text, sentences, whether it is guidance or a bare
mention) is kept in a list under that number, and sections carry the
numbers of their blocks. Nothing is keyed by object identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from sys import intern

from samlint.documents.model import Block, BlockKind, Document
from samlint.matching.analysis import Sentence, analyse, pieces
from samlint.matching.guidance import guidance_blocks, may_hold_guidance
from samlint.matching.language import Language
from samlint.matching.normalise import fold, words
from samlint.matching.references import ReferenceResolver
from samlint.matching.sections import Section, find_sections
from samlint.matching.terms import TermIndex

BARE_MENTION_WORDS = 12  # a list item this short that ends no sentence only names a topic
ROW_SENTENCE_WORDS = 4  # a table cell after the first this long says something


@dataclass(slots=True)
class Corpus:
    """The agreement set, prepared: blocks by sequence number and what is known of each."""

    documents: list[Document]  # in display order
    sections: list[Section]
    blocks: list[Block]
    document_of: list[Document]  # per block
    owner: list[Section | None]  # per block: the section it heads or sits in
    index: TermIndex
    resolver: ReferenceResolver
    language: Language
    guidance: set[int]
    folded: list[str]  # each block's text, folded (normalise.fold)
    may_guide: list[bool]  # whether each block has a guidance cue (guidance.may_hold_guidance)
    _sentences: list[list[Sentence] | None] = field(default_factory=list)
    _bare: list[bool | None] = field(default_factory=list)
    _counts: dict[int, int] = field(default_factory=dict)
    _refers: dict[int, bool] = field(default_factory=dict)
    _law_lists: dict[int, bool] = field(default_factory=dict)
    _holders: dict[int, list[int]] | None = None
    extras: dict[str, object] = field(default_factory=dict)  # per-run helpers of later stages
    history: set[int] = field(default_factory=set)  # blocks under a document-history heading

    def sentences(self, seq: int) -> list[Sentence]:
        """Block ``seq``'s sentences, analysed once for all rules, and only when asked for."""
        found = self._sentences[seq]
        if found is None:
            block = self.blocks[seq]
            found = analyse(block.text, self.resolver, self.folded[seq], self.may_guide[seq],
                            block.kind == BlockKind.TABLE_ROW, labels=seq in self.history)
            self._sentences[seq] = found
        return found

    def sentence_count(self, seq: int) -> int:
        """How many sentences block ``seq`` has, without analysing them.

        Whether a block is long (``long_blocks``) is asked of every block a
        rule's section holds; answered from the analysis, it made every
        such block's sentences be analysed, most of which no rule grades
        (2,689 of a 200-page agreement's blocks where 1,280 are graded).
        ``analyse`` makes one sentence of each piece, so the count is the same.
        """
        found = self._sentences[seq]
        if found is not None:
            return len(found)
        count = self._counts.get(seq)
        if count is None:
            block = self.blocks[seq]
            count = self._counts[seq] = len(pieces(block.text, block.kind == BlockKind.TABLE_ROW))
        return count

    def may_refer(self, seq: int) -> bool:
        """False when no sentence of block ``seq`` can name a document (``analyse`` looks
        for references only where its resolver's cue words occur in the block): a rule
        looking for deferrals need not analyse the block."""
        found = self._refers.get(seq)
        if found is None:
            found = self._refers[seq] = self.resolver.may_refer(self.folded[seq])
        return found

    def may_hold_law_list(self, seq: int) -> bool:
        """False when no sentence of block ``seq`` can be a list of laws
        (``Sentence.may_be_law_list``, asked of the whole block: a sentence's folded
        text is its block's cut at sentence ends, and the cues' literals are words)."""
        found = self._law_lists.get(seq)
        if found is None:
            cues = self.language.sentence_cues
            folded = self.folded[seq]
            found = self._law_lists[seq] = (cues["law_list_intro"].may_match(folded)
                                            or cues["law_name"].may_match(folded))
        return found

    def bare_mention(self, seq: int) -> bool:
        """``is_bare_mention`` of block ``seq``, worked out once for all rules."""
        found = self._bare[seq]
        if found is None:
            found = is_bare_mention(self.blocks[seq], self.language.abbreviations)
            self._bare[seq] = found
        return found

    def sections_holding(self, seqs: set[int]) -> list[Section]:
        """The sections whose heading or body holds one of the blocks, in reading order.

        A rule can only speak through the sections its hits reach, and a
        long agreement has hundreds of sections a rule's terms never reach;
        this finds the few from the hits instead of asking every section.
        """
        holders = self._holders
        if holders is None:  # block -> positions of the sections it heads or sits in
            holders = {}
            for position, section in enumerate(self.sections):
                if section.heading_seq >= 0:
                    holders.setdefault(section.heading_seq, []).append(position)
                for seq in section.seqs:
                    holders.setdefault(seq, []).append(position)
            self._holders = holders
        positions = {position for seq in seqs for position in holders.get(seq, ())}
        return [self.sections[position] for position in sorted(positions)]


def prepare(documents: list[Document], language: Language | None = None) -> Corpus:
    """The agreement set ready for judging: sections, folded text, term index, guidance."""
    if language is None:
        from samlint.matching.restatement import default_language

        language = default_language()
    ordered = sorted(documents, key=lambda d: d.display)
    sections: list[Section] = []
    blocks: list[Block] = []
    document_of: list[Document] = []
    for document in ordered:
        sections.extend(find_sections(document, len(blocks)))
        blocks.extend(document.blocks)
        document_of.extend([document] * len(document.blocks))
    owner: list[Section | None] = [None] * len(blocks)
    for section in sections:
        if section.heading_seq >= 0:
            owner[section.heading_seq] = section
        for seq in section.seqs:
            owner[seq] = section
    folded = [fold(b.text) for b in blocks]
    chrome = link_lists(folded, language)
    # Each distinct word once: agreements repeat their words (the 200-page
    # benchmark has 60,762 words, 968 distinct). A list of links is read, and
    # names no topic.
    index = TermIndex([[] if seq in chrome else list(map(intern, words(text)))
                       for seq, text in enumerate(folded)])
    may_guide = [may_hold_guidance(text, b.text.lower(), language)
                 for text, b in zip(folded, blocks, strict=True)]
    corpus = Corpus(ordered, sections, blocks, document_of, owner, index,
                    ReferenceResolver(documents, language), language, set(), folded, may_guide,
                    [None] * len(blocks), [None] * len(blocks))
    for seq in chrome:
        corpus._sentences[seq] = []
    corpus.history = history_sections(sections, folded, language)
    offset = 0
    for document in ordered:
        stop = offset + len(document.blocks)
        found = guidance_blocks(document.blocks, folded[offset:stop], may_guide[offset:stop],
                                lambda i, start=offset: corpus.sentences(start + i), language)
        corpus.guidance.update(offset + i for i in found)
        offset = stop
    return corpus


LINK_WORDS = 14  # a line of a list of links: a document's or page's title, no sentence


def link_lists(folded: list[str], language: Language) -> set[int]:
    """The blocks of lists of links on a web page ("Like dokument", "Relaterte sider",
    "Se også"): the list's title and the short titles after it, up to the first block
    that says something. Web chrome: they are neither references nor headings."""
    cue = language.sentence_cues["link_list"]
    found: set[int] = set()
    inside = False
    for seq, text in enumerate(folded):
        # The list's title is as short as its entries: a paragraph is no title, and
        # need not be searched (every block of the set is asked: 15-20 ms in 200 pages).
        if text.count(" ") < LINK_WORDS and cue.may_match(text) and cue.search(text):
            found.add(seq)
            inside = True
        elif inside and len(words(text)) <= LINK_WORDS and not text.rstrip().endswith(
                (".", "!", "?", ":")):
            found.add(seq)
        else:
            inside = False
    return found


def history_sections(sections: list[Section], folded: list[str], language: Language
                     ) -> set[int]:
    """The blocks under a heading of document history («Endringslogg», «Versjonshistorikk»):
    what changed when («15.01.2023 | Nytt punkt om barn og unge lagt til») names topics
    without agreeing to anything, like a heading (``analyse``: ``labels``)."""
    cue = language.sentence_cues["history_heading"]
    return {seq for section in sections
            if section.heading_seq >= 0 and cue.search(folded[section.heading_seq])
            for seq in section.all_seqs()}


def is_bare_mention(block: Block, abbreviations: frozenset[str]) -> bool:
    """A contents-list entry or a list item that only names a topic."""
    if block.kind == BlockKind.TOC_ENTRY:
        return True
    if block.kind not in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH, BlockKind.TABLE_ROW):
        return False
    if block.kind == BlockKind.TABLE_ROW and any(
            len(cell.split()) >= ROW_SENTENCE_WORDS for cell in block.text.split(" | ")[1:]):
        return False  # a row that says something about its topic, not a list entry
    words = block.text.split(None, BARE_MENTION_WORDS)
    if len(words) > BARE_MENTION_WORDS:
        return False
    words = [w.strip("()[]«»\"") for w in words]
    return not any(w.endswith((".", "!", "?")) and len(w) > 3
                   and w.lower() not in abbreviations and not _NUMBERING.match(w)
                   for w in words[1:])


# "VIII." or "4.2." in a contents entry is numbering, not the end of a sentence.
_NUMBERING = re.compile(r"^(?:[ivxlIVXL]{1,5}|\d+(?:\.\d+)*)\.$")
