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

from samlint.documents import list_headings
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
    """Turn directly formatted headings into HEADING items, in place.

    Numbered list paragraphs are judged by ``list_headings``, the rule the ODT
    and HTML readers share: its first pass looks at body text as written, so it
    runs before bold or larger paragraphs become headings, and its second pass
    (sections with no body) after, as it counts those headings.
    """
    body = body_size(items)
    entries = _entries(items, numbering)
    list_headings.before_body(entries)
    _copy(entries, items)
    for item in items:
        if not item.candidate or item.kind == BlockKind.LIST_ITEM:
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
    for item, entry in zip(items, entries, strict=True):
        entry.kind, entry.level = item.kind, item.level
    list_headings.empty_sections(entries)
    _copy(entries, items)


def _entries(items: list[Item], numbering: Numbering) -> list[list_headings.Entry]:
    """The items as the list-heading rule sees them: each list paragraph's list (numId)
    and level (ilvl), and for a top-level paragraph of a numbered list that may still
    become a heading, its number as Word shows it ("1."), counted per list."""
    counters: dict[str, int] = {}
    entries: list[list_headings.Entry] = []
    for item in items:
        entry = list_headings.Entry(item.kind, item.text, item.level)
        entries.append(entry)
        if item.num is None:
            continue
        num_id, ilvl = item.num
        entry.list, entry.depth = num_id, ilvl
        if not item.candidate or item.kind != BlockKind.LIST_ITEM or ilvl != 0:
            continue
        level = numbering.level(num_id, ilvl)
        if level is None or level.fmt not in _NUMBERED_FORMATS:
            continue
        counters[num_id] = counters.get(num_id, level.start - 1) + 1
        entry.label = _label(level, counters[num_id])
    return entries


def _copy(entries: list[list_headings.Entry], items: list[Item]) -> None:
    for entry, item in zip(entries, items, strict=True):
        item.text, item.kind, item.level = entry.text, entry.kind, entry.level


def _label(level: ListLevel, value: int) -> str:
    """The number as printed: lvlText '%1.' with the value in the level's format."""
    shown = list_headings.shown_number(value, level.fmt)
    return (level.text or "%1.").replace("%1", shown).strip() or f"{shown}."
