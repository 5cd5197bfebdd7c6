"""Headings typed as items of a numbered list ("1. Formål"), one rule for every format.

Many agreements number their sections with Word's "List Number" style or a
numbered list in LibreOffice instead of heading styles. Printed (and so in
the PDF export) such an item is a numbered heading, and the PDF reader reads
it as one. The DOCX, ODT and HTML readers see the list instead, so each hands
its blocks here, in reading order, as ``Entry`` values, and this module alone
decides which list items are headings: if each reader kept its own copy, they
would drift apart and the same agreement would get different verdicts in
different formats.

The rule, in two passes:

1. A short top-level numbered item followed by body text is a heading,
   unless it follows an item of the same list at the same level (a list).
2. In a list that has made headings in pass 1, a short top-level item is a
   heading too when what follows is another heading (a heading-like item of
   the same list, or any other heading), body text (once the item before it
   is no list item), or nothing: a section with no body, such as
   '3. Felles planlegging' right above '4. Underskrifter'.

Its limits: an item that reads as a sentence, an item right after another
item of its list, and an item with a sublist under it stay list items.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from samlint.documents.layout import heading_level_from_number, looks_like_heading
from samlint.documents.model import BlockKind


@dataclass
class Entry:
    """One block as the rule sees it; a reader copies back ``kind``, ``text``, ``level``.

    ``list`` names the list a list item belongs to (items of one numbering share
    it) and ``depth`` its level in that list (0 at the top). ``label`` is the
    number as printed ("3.") of a top-level item of a numbered list, and None for
    every block the rule may not make a heading.
    """

    kind: BlockKind
    text: str
    level: int = 0
    list: Hashable | None = None
    depth: int = 0
    label: str | None = None


def promote(entries: Sequence[Entry]) -> None:
    """Both passes, in place: what the ODT and HTML readers call."""
    before_body(entries)
    empty_sections(entries)


def before_body(entries: Sequence[Entry]) -> None:
    """Pass 1: a short top-level numbered item followed by body text is a heading.

    It must run before anything else turns body text into headings: 'followed by
    body text' means a block as written, not as promoted.
    """
    for index, entry in enumerate(entries):
        if entry.kind != BlockKind.LIST_ITEM or entry.label is None:
            continue
        before = entries[index - 1] if index else None
        after = entries[index + 1] if index + 1 < len(entries) else None
        if _same_list(before, entry) or after is None or after.kind != BlockKind.PARAGRAPH:
            continue
        _make_heading(entry)


def empty_sections(entries: Sequence[Entry]) -> None:
    """Pass 2: headings of sections with no body, in a list whose other items are headings.

    As list items, '3. Felles planlegging' and the place and date under
    '4. Underskrifter' became body text of the section above, which then counted
    as covered while the PDF export said weak.
    """
    heading_lists = {entry.list for entry in entries
                     if entry.kind == BlockKind.HEADING and entry.label is not None}
    for index, entry in enumerate(entries):
        if (entry.kind != BlockKind.LIST_ITEM or entry.label is None
                or entry.list not in heading_lists):
            continue
        before = entries[index - 1] if index else None
        after = entries[index + 1] if index + 1 < len(entries) else None
        if not looks_like_heading(_numbered(entry)) or _same_list(before, entry):
            continue
        if (after is None or after.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) or (
                after.label is not None and _same_list(after, entry)
                and looks_like_heading(_numbered(after)))):
            _make_heading(entry)


def _same_list(other: Entry | None, entry: Entry) -> bool:
    """Whether ``other`` is a list item of the same list, at the same level, as ``entry``."""
    return (other is not None and other.kind == BlockKind.LIST_ITEM
            and other.list is not None and other.list == entry.list
            and other.depth == entry.depth)


def _numbered(entry: Entry) -> str:
    return f"{entry.label} {entry.text}"


def _make_heading(entry: Entry) -> None:
    """A heading with its number in front, as printed: a numbered heading is a section."""
    text = _numbered(entry)
    if looks_like_heading(text):
        entry.text, entry.kind, entry.level = text, BlockKind.HEADING, heading_level_from_number(
            text)


def shown_number(value: int, fmt: str) -> str:
    """A list number as printed in a format named as Word names it ("upperRoman", ...);
    any other name is decimal."""
    if fmt in ("upperRoman", "lowerRoman"):
        shown = _roman(value)
        return shown if fmt == "upperRoman" else shown.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        shown = chr(ord("A") + (value - 1) % 26)
        return shown if fmt == "upperLetter" else shown.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                            (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += numeral
            value -= amount
    return out


# ODF's style:num-format and HTML's <ol type>: one character names the format.
FORMAT_LETTERS = {"1": "decimal", "I": "upperRoman", "i": "lowerRoman",
                  "A": "upperLetter", "a": "lowerLetter"}
