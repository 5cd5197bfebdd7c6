"""Section finding: which body text sits under which heading.

Agreements are organised by heading, and a requirement is usually met (or
only named) in one section. A section is a heading plus the blocks up to the
next heading; its ``path`` holds the headings above it, including the
document's title, because a delavtale's subject is often only in its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from samlint.documents.model import Block, BlockKind, Document

_NUMBERED = re.compile(r"^\s*(?:\d|§|[IVX]+\.|[A-H]\.)")


@dataclass(slots=True)
class Section:
    """A heading and its own body blocks (not those of its subsections)."""

    document: Document
    heading: Block | None
    path: tuple[Block, ...]  # ancestor headings, outermost first (title included)
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    # Where these blocks stand in the agreement's sequence of blocks
    # (``Corpus.blocks``): what every per-block fact is looked up by.
    heading_seq: int = -1
    path_seqs: tuple[int, ...] = ()
    seqs: list[int] = field(default_factory=list)

    def has_content(self) -> bool:
        """Body text here or in any subsection."""
        return bool(self.blocks) or any(child.has_content() for child in self.children)

    def all_blocks(self) -> list[Block]:
        """Body blocks here and in every subsection, in reading order."""
        out = list(self.blocks)
        for child in self.children:
            out.extend(child.all_blocks())
        return out

    def all_seqs(self) -> list[int]:
        """``all_blocks`` as sequence numbers."""
        out = list(self.seqs)
        for child in self.children:
            out.extend(child.all_seqs())
        return out

    @property
    def anchor(self) -> Block | None:
        return self.heading or (self.blocks[0] if self.blocks else None)


def document_title(document: Document) -> Block | None:
    """The document's title: an unnumbered heading before any body text.

    Numbered headings ('1 Parter') are sections, not titles.
    """
    for block in document.blocks[:3]:
        if block.kind == BlockKind.HEADING:
            return None if _NUMBERED.match(block.text) else block
        if len(block.text) > 200:
            return None
    return None


def find_sections(document: Document, first_seq: int = 0) -> list[Section]:
    """All sections of a document in reading order (the title is a section too).

    ``first_seq`` is the sequence number of the document's first block in
    the agreement set.
    """
    title = document_title(document)
    root = Section(document, None, ())
    sections = [root]
    stack: list[tuple[int, Section]] = []
    title_seq = -1
    for seq, block in enumerate(document.blocks, first_seq):
        if block.kind != BlockKind.HEADING:
            holder = stack[-1][1] if stack else root
            holder.blocks.append(block)
            holder.seqs.append(seq)
            continue
        if block is title:
            title_seq = seq
            section = Section(document, block, (), heading_seq=seq)
            sections.append(section)
            stack = [(0, section)]
            continue
        level = max(block.level, 1)
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        path = ((title,) if title is not None and not stack else ()) + (
            tuple(s.heading for _, s in stack if s.heading is not None) if stack else ()
        )
        path_seqs = ((title_seq,) if title is not None and not stack else ()) + tuple(
            s.heading_seq for _, s in stack if s.heading is not None)
        section = Section(document, block, path, heading_seq=seq, path_seqs=path_seqs)
        if parent is not None:
            parent.children.append(section)
        sections.append(section)
        stack.append((level, section))
    return [s for s in sections if s.heading is not None or s.blocks]

