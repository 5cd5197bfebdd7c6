"""Headings made by direct formatting in Word: bold or larger text, numbered lists.

Many agreements are typed without Word's heading styles: a section title is a
short paragraph set in bold or in a larger font, or a top-level item of a
numbered list ("1. Formål") followed by body text. The PDF exported from such
a file gets its headings from ``samlint.documents.layout`` (font size, bold,
numbering), so the same rules are applied here, through the same functions,
for a DOCX and its PDF export to give the same verdicts.
"""

from __future__ import annotations

from collections import Counter

from samlint.documents.docx_story import Item
from samlint.documents.docx_styles import ListLevel, Numbering
from samlint.documents.layout import HEADING_NUMBER, heading_level_from_number, looks_like_heading
from samlint.documents.model import BlockKind

# layout.lines_to_blocks calls a line larger than body text from 0.4 pt up and
# gives it level 1 from 4 pt up; Word sizes are in half-points.
_LARGER = 0.8
_TOP_LEVEL = 8
# The PDF reader only counts a line's boldness below this many characters.
_BOLD_MAX_CHARS = 80
_NUMBERED_FORMATS = frozenset({"decimal", "decimalZero", "upperRoman", "lowerRoman",
                               "upperLetter", "lowerLetter"})


def body_size(items: list[Item]) -> int:
    """The most common size, weighted by text length, among paragraphs and list items."""
    sizes: Counter[int] = Counter()
    for item in items:
        if item.candidate:
            for size, length in item.chars.items():
                sizes[size] += length
    return sizes.most_common(1)[0][0] if sizes else 0


def promote(items: list[Item], numbering: Numbering) -> None:
    """Turn directly formatted headings into HEADING items, in place."""
    body = body_size(items)
    counters: dict[str, int] = {}
    labels: dict[int, str] = {}
    for index, item in enumerate(items):
        if not item.candidate:
            continue
        if item.kind == BlockKind.LIST_ITEM:
            if item.num is not None:
                _numbered(items, index, numbering, counters, labels)
            continue
        larger = bool(body and item.size and item.size > body + _LARGER)
        if not (larger or item.bold):
            continue
        text = item.text
        if looks_like_heading(text, larger_font=larger,
                              bold=item.bold and len(text) < _BOLD_MAX_CHARS):
            if larger and item.size >= body + _TOP_LEVEL:
                level = 1
            elif not larger and not HEADING_NUMBER.match(text) and item.bold:
                level = 9  # unnumbered: a subsection of whatever precedes it, as in PDFs
            else:
                level = heading_level_from_number(text)
            item.kind, item.level = BlockKind.HEADING, level
    _empty_sections(items, labels)


def _numbered(items: list[Item], index: int, numbering: Numbering,
              counters: dict[str, int], labels: dict[int, str]) -> None:
    """A short top-level numbered list paragraph followed by body text is a heading.

    Its number is put in front of the text as Word shows it ("1. Formål"): the
    PDF export prints it, and a numbered heading is a section, not a title.
    A list paragraph right after another item of the same list is a list
    (until ``_empty_sections`` finds its list is one of headings). ``labels``
    receives the printed number of each top-level numbered paragraph, by index.
    """
    item = items[index]
    assert item.num is not None
    num_id, ilvl = item.num
    level = numbering.level(num_id, ilvl)
    if ilvl != 0 or level is None or level.fmt not in _NUMBERED_FORMATS:
        return
    counters[num_id] = counters.get(num_id, level.start - 1) + 1
    number = _label(level, counters[num_id])
    labels[index] = number
    before = items[index - 1] if index else None
    after = items[index + 1] if index + 1 < len(items) else None
    if before is not None and before.kind == BlockKind.LIST_ITEM and before.num == item.num:
        return
    if after is None or after.kind != BlockKind.PARAGRAPH:
        return
    text = f"{number} {item.text}"
    if looks_like_heading(text):
        item.text, item.kind, item.level = text, BlockKind.HEADING, heading_level_from_number(text)


def _empty_sections(items: list[Item], labels: dict[int, str]) -> None:
    """Headings of sections with no body, in a list whose other items are headings.

    Printed, '3. Felles planlegging' right above '4. Underskrifter' is a heading
    like its siblings, and the PDF reader reads it as one; as a list item, it
    and the place and date under the next one became body text of the section
    above, which then counted as covered. So in a numbered list that has made
    headings, a short top-level item is a heading too when what follows is
    another heading (such an item of the list, or a styled heading), body text
    (once the item before it is no list item: a heading now), or nothing.
    """
    heading_lists = {item.num[0] for index in labels
                     if (item := items[index]).kind == BlockKind.HEADING and item.num}
    for index in sorted(labels):
        item = items[index]
        if item.kind != BlockKind.LIST_ITEM or not item.num or item.num[0] not in heading_lists:
            continue
        text = f"{labels[index]} {item.text}"
        before = items[index - 1] if index else None
        after = items[index + 1] if index + 1 < len(items) else None
        if not looks_like_heading(text) or (
                before is not None and before.kind == BlockKind.LIST_ITEM
                and before.num == item.num):
            continue
        if (after is None or after.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) or (
                index + 1 in labels and after.kind == BlockKind.LIST_ITEM
                and after.num == item.num
                and looks_like_heading(f"{labels[index + 1]} {after.text}"))):
            item.text, item.kind, item.level = text, BlockKind.HEADING, heading_level_from_number(
                text)


def _label(level: ListLevel, value: int) -> str:
    """The number as printed: lvlText '%1.' with the value in the level's format."""
    if level.fmt in ("upperRoman", "lowerRoman"):
        shown = _roman(value)
        shown = shown if level.fmt == "upperRoman" else shown.lower()
    elif level.fmt in ("upperLetter", "lowerLetter"):
        shown = chr(ord("A") + (value - 1) % 26)
        shown = shown if level.fmt == "upperLetter" else shown.lower()
    else:
        shown = str(value)
    return (level.text or "%1.").replace("%1", shown).strip() or f"{shown}."


def _roman(value: int) -> str:
    out = ""
    for amount, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                            (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += numeral
            value -= amount
    return out
