"""Turn a stream of printed lines into blocks: headings, list items, paragraphs.

PDF and plain-text readers both see lines without structure. Agreements are
written to a small set of conventions (numbered headings, bullets, running
headers, "Side 3 av 7"), so structure can be recovered from the lines alone,
helped by font size where the PDF gives it. Running headers and page numbers
are removed by ``furniture`` (imported here, where the readers find them).
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from samlint.documents import model

# Running headers and page numbers (``furniture``) are found here too, for the readers.
from samlint.documents.furniture import (  # noqa: F401
    FURNITURE_MAX_CHARS,
    PAGE_NUMBER,
    _edge_lines,
    furniture_key,
    is_page_number,
    strip_furniture,
)
from samlint.documents.model import Block, BlockKind

BULLET = re.compile(r"^\s*(?:[•●▪◦·\-–—*]|e(?=\s)|\(?[0-9]{1,2}[.)]|\(?[a-zæøå][.)])\s+")
# The first characters a stripped line that ``BULLET`` matches can start with; after a
# letter, only 'e ' (a bullet drawn as the letter e), 'a.' or 'a)' can follow.
_BULLET_FIRST = frozenset("•●▪◦·-–—*(0123456789abcdefghijklmnopqrstuvwxyzæøå")
_BULLET_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzæøå")
_AFTER_LETTER = (".", ")")
# A bullet drawn in a symbol font (Symbol's U+F0B7, Wingdings' U+F0A7 ...): Word and
# LibreOffice write the glyph's code in Unicode's private use area, and a PDF or text
# copied from one gives it as the line's first character. It is no letter of the text:
# it goes, and the line starts a list item, as the DOCX reader reads the same list.
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SYMBOL_BULLET = re.compile("(?:^|(?<=\\s))[\ue000-\uf8ff]\\s+")
# "4", "4.2", "4.2.1", "§ 4", "IV.", "Del 3", "Punkt 5", "Delavtale 2", "A." etc.
HEADING_NUMBER = re.compile(
    r"^\s*(?:(?P<dotted>\d{1,2}(?:\.\d{1,2}){0,3})\.?"
    r"|§+\s*\d{1,3}[a-z]?\.?"
    r"|(?P<roman>[IVXL]{1,6})\."
    r"|[A-H]\."
    r"|(?P<lettered>[A-H]\d{1,2}(?:\.\d{1,2})?)\.?"
    r"|(?:Del|Punkt|Kapittel|Kap\.|Artikkel|Delavtale|Tjenesteavtale|Tenesteavtale|Vedlegg)"
    r"\s+[0-9A-Z]{1,3}[.:]?)"
    r"\s+(?=\S)"
)
NUMBER_ONLY = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]+|[A-H])\.$")
UNDERLINE = re.compile(r"^\s*([-=_~*])\1{2,}\s*$")
UNDERLINE_CHARACTERS = "-=_~*"  # what a stripped underline line starts with
# What a sentence (or a lead-in to a list) ends with; tested on stripped lines, and
# single characters (``lines_to_blocks`` looks up a line's last one).
SENTENCE_ENDINGS = (".", "!", "?", ":", ";")
_SENTENCE_END = frozenset(SENTENCE_ENDINGS)
WORD_CHAR = re.compile(r"\w")
_ASCII_LOWER = re.compile("[a-z]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
_WORD_HYPHEN_END = re.compile(r"[A-Za-zÆØÅæøå]{2}-$")
# A hyphen, or any character ``str.strip`` strips (``str.isspace``; a test holds the two
# equal): what a line that ends in a hyphen once stripped can end with.
_HYPHEN_OR_SPACE = frozenset(
    "-\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# A contents-list line: a title, dot leaders (or a tab) and a page number. The same
# shape the DOCX reader knows; never a heading, though it starts like a numbered one.
_TOC_LINE = re.compile(
    r"\S.{0,150}?(?:\t\s*|\.{4,}\s*|…{2,}\s*)(?:\d{1,3}|[ivx]{1,5}|[IVX]{1,5})"
)
_TOC_LINE_MAX = 160
# A paragraph ends where the space to the next line is this much more than the
# usual distance between lines (word processors add space after a paragraph).
PARAGRAPH_SPACING = 1.3
# A line of a text file this long is a page or a paragraph flattened onto one line (a
# text export, a web transcript; a hard-wrapped text breaks at 80 or so): a block of
# its own, never run on into the short lines around it.
LONG_LINE = 160
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


@dataclass(slots=True)
class Line:
    """A printed line before it becomes part of a block."""

    text: str
    number: int
    page: int | None = None
    font_size: float = 0.0
    bold: bool = False
    # PDF only: how far (points) this line's baseline sits below the previous
    # printed line's on the same page, 0 when unknown; and whether the line is
    # a table row with its cells joined by " | " (``pdf_order``).
    gap: float = 0.0
    table: bool = False


_OCR_PIPE = re.compile(r"(?<![^\s(])\|(?=[A-Za-zÆØÅæøå])|(?<=[IVXL])\|")


def ocr_repaired(text: str) -> str:
    """Undo the commonest OCR misreading in structure: 'I' read as '|' ('|V.', '|nnleggelse')."""
    return _OCR_PIPE.sub("I", text) if "|" in text else text


def heading_level_from_number(text: str) -> int:
    """Level of a numbered heading: '4' → 1, '4.2' → 2; other kinds of number → 1."""
    match = HEADING_NUMBER.match(ocr_repaired(text))
    if match and match.group("dotted"):
        return match.group("dotted").count(".") + 1
    if match and match.group("lettered"):
        return match.group("lettered").count(".") + 2  # 'B4' sits under 'Del B'
    return 1


def looks_like_heading(text: str, *, larger_font: bool = False, bold: bool = False) -> bool:
    """A line that names a section rather than says something.

    Headings are short, do not end like a sentence, and are numbered, set in a
    larger or bold font, or written in capitals. Anything long is body text.
    """
    return _heading_like(ocr_repaired(text.strip()), larger_font, bold)


def _heading_like(stripped: str, larger_font: bool, bold: bool) -> bool:
    """``looks_like_heading`` of a line already stripped and OCR-repaired: what
    ``lines_to_blocks`` asks of most printed lines, without the keywords."""
    if not stripped or len(stripped) > 110:
        return False
    # The ending first: it rules out most body lines, without a pattern.
    end = stripped[-1]
    if end in ",;" or (end == "." and not NUMBER_ONLY.match(stripped)):
        return False
    if not WORD_CHAR.search(stripped):
        return False
    words = stripped.split()
    if larger_font or bold:
        return len(words) <= 16
    if len(words) > 12:  # too long for either kind below: no pattern tried (most lines)
        return False
    number = HEADING_NUMBER.match(stripped)
    if not number and BULLET.match(stripped):
        return False
    if number:
        rest = stripped[number.end():].lstrip("–—-:· ")
        return (
            len(words) <= 12
            and rest[:1].isupper()
            and not stripped.endswith(SENTENCE_ENDINGS)
            and not _SENTENCE_BREAK.search(rest)
        )
    if len(words) > 10:  # before the letters are listed one by one: most lines end here
        return False
    # A letter a-z is a letter not in capitals: no need to list them (most lines).
    if _ASCII_LOWER.search(stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def join_hyphenated(lines: Sequence[Line]) -> list[Line]:
    """Join words split across lines ('sam-' + 'handling' → 'samhandling').

    A hyphen before 'og'/'eller' is an elided compound ('helse- og
    omsorgstjenester') and stays; so does a hyphen before a capital letter.
    """
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        if pending is not None:
            head = line.text.lstrip()
            first = head.split(" ", 1)[0] if head else ""
            if first and first[0].islower() and first.rstrip(",.;:") not in {"og", "eller", "el"}:
                joined = pending.text.rstrip()[:-1] + head
                line = Line(joined, pending.number, pending.page, pending.font_size, pending.bold,
                            pending.gap)
            else:
                out.append(pending)
            pending = None
        # Only a line whose last character is a hyphen or a space can end in a hyphen once
        # stripped: nearly every line goes straight out, unstripped. Then the ending
        # first: the pattern ends the line, and a search scans all of it.
        if line.text[-1:] in _HYPHEN_OR_SPACE:
            stripped = line.text.rstrip()
            if (stripped[-1:] == "-" and stripped[-2:] != "--"
                    and _WORD_HYPHEN_END.search(stripped)):
                pending = line
                continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def body_font_size(lines: Iterable[Line]) -> float:
    """The most common font size, weighted by text length: that is body text.

    Summed per exact size first: a document has a handful of sizes and
    thousands of lines, so rounding once per size, not per line, is what
    keeps this cheap. Sizes are met in the same order either way, so a tie
    goes to the same size.
    """
    by_size: dict[float, int] = {}
    # Lines come in runs of one size (a paragraph): summed per run, then per size.
    run_size, run_length = 0.0, 0
    for line in lines:
        size = line.font_size
        if size != run_size:  # a new run (NaN, never equal, always starts one)
            if run_size:
                by_size[run_size] = by_size.get(run_size, 0) + run_length
            run_size, run_length = size, 0
        run_length += len(line.text)
    if run_size:
        by_size[run_size] = by_size.get(run_size, 0) + run_length
    sizes: Counter[float] = Counter()
    for size, length in by_size.items():
        sizes[round(size, 1)] += length
    return sizes.most_common(1)[0][0] if sizes else 0.0


# The kinds ``lines_to_blocks`` gives, as module names: an enum's attribute costs a look-up
# through its class on every line.
_HEADING, _PARAGRAPH, _LIST_ITEM = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM
_TABLE_ROW, _TOC_ENTRY = BlockKind.TABLE_ROW, BlockKind.TOC_ENTRY


def lines_to_blocks(lines: Sequence[Line], *, body_size: float = 0.0) -> list[Block]:
    """Group lines into blocks; a block keeps the number and page of its first line.

    A paragraph continues while the previous line did not end a sentence or
    the current one does not start a list item or heading; blank lines always
    end a block.

    Runs once per printed line (7,000 in a 200-page agreement), so each line
    is stripped once (its text, and the following line's, come from one
    list), a block's texts are kept as they are added, and patterns are
    tried only where a line's first or last character allows a match.
    """
    blocks: list[Block] = []
    current: list[Line] = []
    parts: list[str] = []  # the stripped text of each line in ``current``
    current_kind = _PARAGRAPH

    def flush() -> None:  # emptied in place: no new lists (and no garbage) per block
        if current:
            text = " ".join(parts).strip()
            if text:
                first = current[0]
                blocks.append(Block(text, current_kind, first.number, first.page))
            current.clear()
            parts.clear()

    lines = list(lines)
    texts = [line.text.strip() for line in lines]
    texts.append("")  # what follows the last line
    # A contents line has a tab or dot leaders: most documents have neither anywhere
    # (looked for once in all lines joined; no leader runs across the line break).
    joined = "\n".join(texts)
    leaders = "\t" in joined or "...." in joined or "……" in joined
    # Lines starting with a bullet in a symbol font, which goes (looked for once, too).
    symbol_items = _symbol_bullets(texts) if PRIVATE_USE.search(joined) else _NONE
    longest = max((len(line.text.rstrip()) for line in lines[:200] if not line.table), default=0)
    # Read once per call, not per line (the loop runs for every printed line). A line
    # shorter than ``short`` ends before the right margin: a paragraph ended there.
    max_blocks, short = model.MAX_BLOCKS, 0.8 * longest
    spacing = PARAGRAPH_SPACING * _usual_line_distance(lines[:400])
    # Larger than body text from here up (never, without a body size).
    larger_from = body_size + 0.4 if body_size else math.inf
    for index, line in enumerate(lines):
        if len(blocks) > max_blocks:  # stop now, not after a million lines
            raise model.too_many_blocks()
        text = texts[index]
        if not text:
            if current:
                flush()
            continue
        first = text[0]
        if first in UNDERLINE_CHARACTERS and UNDERLINE.match(text):
            # Markdown/plain-text underline: the previous one-line block is a heading.
            if len(current) == 1:
                head = current[0]
                current.clear()
                parts.clear()
                blocks.append(Block(head.text.strip(), _HEADING, head.number, head.page,
                                    heading_level_from_number(head.text)))
            continue
        if line.table or (leaders and text[-1].isalnum() and len(text) <= _TOC_LINE_MAX
                           and ("...." in text or "\t" in text or "……" in text)
                           and _TOC_LINE.fullmatch(text)):
            flush()
            kind = _TABLE_ROW if line.table else _TOC_ENTRY
            blocks.append(Block(text, kind, line.number, line.page))
            current_kind = kind
            continue
        font_size = line.font_size
        if first == "#" and (markdown := _MARKDOWN_HEADING.match(text)):
            flush()
            blocks.append(Block(markdown.group(2).strip(), _HEADING, line.number,
                                line.page, len(markdown.group(1))))
            continue
        # The following line's text, stripped: only whether it is empty and its first
        # letter are asked, which its stripping at the end does not change.
        standalone = (not font_size and _blank_before(lines, index) and not texts[index + 1]
                      and _is_title_line(text))
        # A heading is a title line standing alone, or a line that does not end in a comma
        # or semicolon, or in a full stop after a space (so it is no bare number): most body
        # lines are ruled out by that before anything else is asked.
        end = text[-1]
        if index not in symbol_items and (
                standalone or (end not in ",;" and (end != "." or " " not in text))):
            larger = font_size > larger_from if font_size else False
            # A line continued in lower case is body text, unless the continuation is
            # set in the same large font: then it is a heading wrapped onto two lines.
            if not (texts[index + 1][:1].islower() and not (
                    larger and index + 1 < len(lines)
                    and abs(lines[index + 1].font_size - font_size) < 0.2)) and (
                    standalone or _heading_like(
                        _OCR_PIPE.sub("I", text) if "|" in text else text,  # ocr_repaired
                        larger, line.bold and len(text) < 80)):
                flush()
                previous = lines[index - 1] if index else None
                wrapped = (
                    larger
                    and previous is not None
                    and blocks
                    and blocks[-1].kind is _HEADING
                    and previous.number == line.number - 1
                    and abs(previous.font_size - line.font_size) < 0.2
                    and not HEADING_NUMBER.match(text)
                )
                if wrapped:
                    # A heading wrapped onto a second line in the same large font.
                    last = blocks.pop()
                    blocks.append(Block(f"{last.text} {text}", _HEADING, last.line,
                                        last.page, last.level))
                else:
                    level = heading_level_from_number(text)
                    if larger and line.font_size >= body_size + 4:
                        level = 1
                    elif (not larger and not HEADING_NUMBER.match(text)
                          and (line.bold or standalone)):
                        level = 9  # unnumbered heading: a subsection of whatever precedes it
                    blocks.append(Block(text, _HEADING, line.number, line.page, level))
                current_kind = _HEADING
                continue
        if not font_size and line.page is None and len(text) > LONG_LINE:
            flush()  # a page or paragraph of a text file flattened onto one line: alone
            kind = _LIST_ITEM if BULLET.match(text) or index in symbol_items else _PARAGRAPH
            blocks.append(Block(text, kind, line.number, line.page))
            current_kind = kind
            continue
        # ``_may_be_bullet``, written out: this runs for every line.
        starts_item = (first in _BULLET_FIRST and (
            first not in _BULLET_LETTERS or text[1:2] in _AFTER_LETTER
            or (first == "e" and text[1:2].isspace())) and BULLET.match(text) is not None
        ) or index in symbol_items
        if current and current_kind is not _HEADING:
            # The previous line ended a sentence: its last character (the same stripped
            # or not: ``parts`` holds it stripped, never empty), looked up in a set.
            prev_ended = parts[-1][-1] in _SENTENCE_END
            # A paragraph ended before the margin: the ending asked first, and the length
            # (of the previous line, stripped at its end only) only after it.
            if starts_item or (
                    (prev_ended or (current_kind is _LIST_ITEM and first.isupper()))
                    and len(current[-1].text.rstrip()) < short) or (
                    spacing and line.gap > spacing and (prev_ended or not first.islower())):
                flush()
        if not current:
            current_kind = _LIST_ITEM if starts_item else _PARAGRAPH
        current.append(line)
        parts.append(text)
    flush()
    return blocks


_NONE: frozenset[int] = frozenset()


def _symbol_bullets(texts: list[str]) -> set[int]:
    """Take bullets drawn in a symbol font out of the stripped ``texts`` (in place), and
    give the index of each line that starts a list item so.

    A bullet starts the line, or a cell of a table row (`` | ``), or stands alone on a line
    of its own (then its item is the next line's text). A private-use character inside a
    word (an icon font's letter) is left as it is.
    """
    items: set[int] = set()
    for index, text in enumerate(texts):
        if not text or not PRIVATE_USE.search(text):
            continue
        if len(text) == 1:
            texts[index] = ""
            items.add(index + 1)
            continue
        bare = _SYMBOL_BULLET.sub("", text)
        if bare != text:
            if _SYMBOL_BULLET.match(text):
                items.add(index)
            texts[index] = bare.strip()
    return items


def _may_be_bullet(text: str) -> bool:
    """Whether ``BULLET`` can match this stripped, non-empty line, from its first two
    characters: most lines (a capital, or a lower-case word running on) are ruled out
    without trying the pattern."""
    first = text[0]
    return first in _BULLET_FIRST and (
        first not in _BULLET_LETTERS or text[1:2] in _AFTER_LETTER
        or (first == "e" and text[1:2].isspace()))


def _usual_line_distance(lines: Sequence[Line]) -> float:
    """The commonest distance between the baselines of neighbouring lines (PDF only), 0 if
    none is known: the spacing inside a paragraph, which a paragraph break exceeds."""
    # Counted per exact distance first, then rounded once per distance: a document has a
    # handful of distances, and ``round`` for each of 400 lines was most of the cost. The
    # distances are met in the same order either way, so a tie goes to the same one.
    gaps: Counter[int] = Counter()
    for gap, count in Counter(filter(None, map(_GAP, lines))).items():
        gaps[round(gap * 2)] += count
    return gaps.most_common(1)[0][0] / 2 if gaps else 0.0


_GAP = operator.attrgetter("gap")


def _blank_before(lines: Sequence[Line], index: int) -> bool:
    return index == 0 or not lines[index - 1].text.strip()


def _is_title_line(text: str) -> bool:
    """A short line alone between blank lines that reads like a title.

    Plain-text agreements often set headings on a line of their own without
    numbers ("Innleggelse i sykehus"); a line that ends like a sentence, a
    list item or a lower-case fragment is not one.
    """
    stripped = ocr_repaired(text.strip())
    words = stripped.split()
    return (
        0 < len(words) <= 8
        and len(stripped) <= 70
        and stripped[:1].isupper()
        and not stripped.endswith((".", ",", ";", ":", "!", "?"))
        and not BULLET.match(stripped)
        and sum(c.isalpha() for c in stripped) >= 0.7 * len(stripped.replace(" ", ""))
    )
