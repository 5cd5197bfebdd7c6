"""The prepared agreement (matching.corpus) and its sections (matching.sections):
every block has one sequence number, one document and one section, and the
numbers sections carry are those of their own blocks."""

from __future__ import annotations

from pathlib import Path

from samlint.documents.model import Block, BlockKind, Document
from samlint.matching.corpus import is_bare_mention, prepare
from samlint.matching.restatement import default_language


def _document(name: str, texts: list[str]) -> Document:
    blocks = []
    for line, text in enumerate(texts, 1):
        level = text.count("#")
        kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
        blocks.append(Block(text.lstrip("# "), kind, line, None, level))
    return Document(Path(name), name, blocks)


B = _document("b.txt", ["# Delavtale 2", "Innledning.", "# 1 Formål", "Tekst en.",
                        "## 1.1 Under", "Tekst to.", "# 2 Neste", "Tekst tre."])
A = _document("a.txt", ["Fritt avsnitt uten overskrift.", "# 1 Parter", "Partene er to."])


def test_documents_are_in_display_order_and_blocks_numbered_through_the_set() -> None:
    corpus = prepare([B, A])
    assert [d.display for d in corpus.documents] == ["a.txt", "b.txt"]
    assert corpus.blocks == [*A.blocks, *B.blocks]
    assert [d.display for d in corpus.document_of] == ["a.txt"] * 3 + ["b.txt"] * 8


def test_every_block_has_the_section_that_holds_it() -> None:
    corpus = prepare([B, A])
    for seq, section in enumerate(corpus.owner):
        assert section is not None
        assert seq == section.heading_seq or seq in section.seqs
        assert corpus.blocks[seq] in ([section.heading] if seq == section.heading_seq
                                      else section.blocks)
    seen = [seq for section in corpus.sections for seq in section.seqs]
    assert len(seen) == len(set(seen))  # a body block sits in one section only


def test_section_numbers_are_those_of_their_headings_and_ancestors() -> None:
    corpus = prepare([B, A])
    by_heading = {s.heading.text: s for s in corpus.sections if s.heading is not None}
    under = by_heading["1.1 Under"]
    assert corpus.blocks[under.heading_seq].text == "1.1 Under"
    assert [corpus.blocks[seq].text for seq in under.path_seqs] == ["Delavtale 2", "1 Formål"]
    assert [h.text for h in under.path] == ["Delavtale 2", "1 Formål"]
    formal = by_heading["1 Formål"]
    assert [corpus.blocks[seq].text for seq in formal.all_seqs()] == ["Tekst en.", "Tekst to."]


def test_sentences_are_analysed_once_and_kept() -> None:
    corpus = prepare([A])
    first = corpus.sentences(0)
    assert corpus.sentences(0) is first
    assert [s.text for s in first] == ["Fritt avsnitt uten overskrift."]


def test_bare_mentions_are_short_items_that_end_no_sentence() -> None:
    abbreviations = default_language().abbreviations
    item = Block("Delavtale 5 om jordmortjenester", BlockKind.LIST_ITEM, 1)
    sentence = Block("Kommunen varsler helseforetaket samme dag.", BlockKind.LIST_ITEM, 1)
    long_item = Block(" ".join(["ord"] * 13), BlockKind.LIST_ITEM, 1)
    abbreviated = Block("Se pkt. 4 om jordmor", BlockKind.LIST_ITEM, 1)
    assert is_bare_mention(item, abbreviations)
    assert not is_bare_mention(sentence, abbreviations)
    assert not is_bare_mention(long_item, abbreviations)
    assert is_bare_mention(abbreviated, abbreviations)
    assert is_bare_mention(Block("Innhold 3", BlockKind.TOC_ENTRY, 1), abbreviations)
    assert not is_bare_mention(Block("Jordmor", BlockKind.HEADING, 1), abbreviations)
