"""Reading order of a PDF page whose stored order is not the order a person reads.

PDFium gives a page's text in the order the file draws it. That is the
reading order for nearly every agreement, and the reader trusts it; this
module is asked only about pages that may differ (``pdf.py`` decides, with
one cheap check each):

- a page shown turned (``/Rotate 90`` or ``270``, a landscape page) is read
  top to bottom as it is displayed, whatever order the file draws its lines;
- a page in two columns stored row by row (each stored line holds a line of
  the left column, then one of the right) is split at the gutter, so the
  left column is read whole before the right;
- a table stored with its cells on one baseline keeps each row on one line,
  cells joined by `` | `` as the DOCX reader writes them, and is marked as a
  table row (never a heading, never run into a paragraph); so is a table
  stored cell by cell with no line shared by two cells (``_stacked_rows``);
- the values of filled form fields join the line they sit on.

Positions are display coordinates in points: ``x`` grows to the right and
``y`` downwards on the page as shown, whatever its rotation.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from samlint.documents.layout import SENTENCE_ENDINGS, Line
from samlint.documents.pdf_rows import visual_rows

# Text runs further apart than this many times the font size are separate
# cells or columns, not words: word spaces (justified ones too) stay below it.
WIDE_GAP = 1.8
# Positions that differ by less than this (points) are the same column edge.
ALIGN = 3.0


@dataclass(slots=True)
class Placed:
    """A printed line with where it sits: its first character's baseline origin, its right
    end, and ``cuts``: (offset in the text, x, font size, bold) where a run of text begins
    after a wide gap."""

    line: Line
    x: float
    y: float
    right: float
    cuts: list[tuple[int, float, float, bool]] = field(default_factory=list)


def to_display(rotation: int, x: float, y: float) -> tuple[float, float]:
    """A point in PDF page space as it is shown: x to the right, y downwards.

    Only differences are used, so the origin does not matter.
    """
    if rotation == 90:
        return y, x
    if rotation == 180:
        return -x, y
    if rotation == 270:
        return -y, -x
    return x, -y


def box_to_display(rotation: int, box: tuple[float, float, float, float]
                   ) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in page space → (x0, y0, x1, y1) as shown."""
    left, top, right, bottom = box
    ax, ay = to_display(rotation, left, top)
    bx, by = to_display(rotation, right, bottom)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def with_fields(placed: list[Placed], fields: list[tuple[str, tuple[float, float, float, float]]],
                rotation: int, page: int) -> list[Placed]:
    """The page's lines with each form field's value on the line it sits on.

    A value beside its label ('Kommune: ___') ends the label's line; a value
    on a row of its own becomes a line there.
    """
    out = list(placed)
    for value, box in fields:
        text = " ".join(value.split())
        x0, y0, x1, y1 = box_to_display(rotation, box)
        label = next((p for p in out if y0 - 2 <= p.y <= y1 + 2 and p.right <= x0 + 2), None)
        if label is not None:
            label.line = replace(label.line, text=f"{label.line.text.rstrip()} {text}")
            label.right = x1
            continue
        baseline = y1 - 0.25 * (y1 - y0)
        at = next((i for i, p in enumerate(out) if p.y > baseline + 2), len(out))
        out.insert(at, Placed(Line(text, 0, page), x0, baseline, x1))
    return out


def arrange(placed: list[Placed], *, rotated: bool) -> list[Line]:
    """The page's lines in reading order.

    Each line is numbered by the printed row it starts on (``pdf_rows``), as a
    reader counts the lines of the page, whatever order they are read in: the
    two halves of a row of two columns share a number, a table row has the
    number of its first printed row, and a form field's value on a row of its
    own (``with_fields``: the page's text does not hold it) the number of that
    row, not of the printed one above it.
    """
    # Numbered before rows and columns are joined: a table row's later printed rows count.
    for item, number in zip(placed, visual_rows([p.y for p in placed]), strict=True):
        item.line = replace(item.line, number=number)
    if rotated:
        placed = _display_order(placed)
    gutter = _gutter(placed)
    placed = _columns(placed, gutter) if gutter is not None else _stacked_rows(
        _table_rows(placed))
    lines: list[Line] = []
    previous: float | None = None
    for item in placed:
        gap = item.y - previous if previous is not None and item.y > previous else 0.0
        previous = item.y
        lines.append(replace(item.line, gap=gap))
    return lines


def _display_order(placed: list[Placed]) -> list[Placed]:
    """Top to bottom as shown; lines on one baseline left to right."""
    ordered = sorted(placed, key=lambda p: p.y)
    rows: list[list[Placed]] = []
    for item in ordered:
        if rows and abs(item.y - rows[-1][0].y) < 2:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [item for row in rows for item in sorted(row, key=lambda p: p.x)]


def _gutter(placed: list[Placed]) -> float | None:
    """Where the right column starts, if the page is two columns stored row by row.

    Two columns: at least six lines are cut once at the same place, no line
    more than once, and the text runs on from line to line within a column
    (a line that does not end a sentence, then one that starts in lower
    case) – which is what tells columns of prose from a two-column table,
    whose rows are separate items.
    """
    cut = [p for p in placed if p.cuts]
    if len(cut) < 6 or any(len(p.cuts) > 1 for p in cut):
        return None
    edge, count = max(_edges([p.cuts[0][1] for p in cut]), key=lambda pair: pair[1])
    if count < 0.75 * len(cut):
        return None
    split = [_split(p) for p in cut]
    flowing = 0
    for (left, right), (next_left, next_right) in itertools.pairwise(split):
        flowing += _runs_on(left, next_left) + _runs_on(right, next_right)
    if flowing < max(3, len(cut) // 3):
        return None
    return edge


def _edges(xs: list[float]) -> list[tuple[float, int]]:
    """Positions within ``ALIGN`` of each other as one edge: (leftmost, how many)."""
    out: list[tuple[float, int]] = []
    for x in sorted(xs):
        if out and x - out[-1][0] <= ALIGN:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((x, 1))
    return out


def _runs_on(text: str, following: str) -> bool:
    text, following = text.strip(), following.strip()
    return bool(text and following and not text.endswith(SENTENCE_ENDINGS)
                and following[0].islower())


def _split(item: Placed) -> tuple[str, str]:
    offset = item.cuts[0][0]
    return item.line.text[:offset], item.line.text[offset:]


def _columns(placed: list[Placed], gutter: float) -> list[Placed]:
    """Left column, then right column, between lines that cross the gutter."""
    out: list[Placed] = []
    left: list[Placed] = []
    right: list[Placed] = []
    for item in placed:
        if item.cuts and abs(item.cuts[0][1] - gutter) <= ALIGN:
            offset, x, size, bold = item.cuts[0]
            text = item.line.text
            left.append(Placed(replace(item.line, text=text[:offset].rstrip()), item.x, item.y,
                               x))
            right.append(Placed(replace(item.line, text=text[offset:].strip(), font_size=size,
                                        bold=bold), x, item.y, item.right))
        elif item.x >= gutter - ALIGN:
            right.append(item)
        elif item.right <= gutter:
            left.append(item)
        else:  # across the gutter: a title or a footer over both columns
            out += left + right + [item]
            left, right = [], []
    return out + left + right


def _table_rows(placed: list[Placed]) -> list[Placed]:
    """Lines cut at cell edges shared with another line become one table row each.

    A cell that wraps onto lines of its own (as word processors store a
    table cell by cell) is added to its row: a line starting at a column's
    edge below a row belongs to it, and a line at the row's first column
    starts the next row only when cells to its right follow.
    """
    cut_at = [x for p in placed for _, x, _, _ in p.cuts]
    if not cut_at:
        return placed
    # An edge where a cell starts on two lines, or where a cell that wrapped goes on.
    known = cut_at + [p.x for p in placed if p.cuts]
    columns = [edge for edge, n in _edges(cut_at + [p.x for p in placed]) if n >= 2
               and any(abs(x - edge) <= ALIGN for x in known)]
    out: list[Placed] = []
    index = 0
    while index < len(placed):
        item = placed[index]
        first = item.x
        if not any(_column(x, columns, first) for _, x, _, _ in item.cuts):
            out.append(item)
            index += 1
            continue
        cells: dict[int, list[str]] = {}
        last = _add_cells(cells, item, columns, first)
        index += 1
        while index < len(placed):
            following = placed[index]
            if not following.line.text.strip():  # a blank line ends the table
                break
            column = _column(following.x, columns, first)
            if column is None and abs(following.x - first) <= ALIGN and not following.cuts and (
                    last == 0 or _row_follows(placed, index, first, columns)):
                if last != 0:  # a new row: first-column lines, then its other cells
                    out.append(_row(item, cells))
                    item, cells = following, {}
                column = 0
            if column is None:
                break
            last = _add_cells(cells, following, columns, first, column)
            index += 1
        out.append(_row(item, cells))
    return out


def _column(x: float, columns: list[float], first: float) -> int | None:
    """1-based index of the column right of the row's first whose edge is at ``x``."""
    return next((i for i, edge in enumerate(columns, 1)
                 if edge > first + ALIGN and abs(x - edge) <= ALIGN), None)


def _add_cells(cells: dict[int, list[str]], item: Placed, columns: list[float], first: float,
               column: int = 0) -> int:
    """Add the line's pieces to their cells: the text before its first cut to ``column``
    (0, the first), each piece after a cut to the column at the cut; the last column."""
    text = item.line.text
    shared = [(offset, _column(x, columns, first)) for offset, x, _, _ in item.cuts]
    shared = [(offset, number) for offset, number in shared if number is not None]
    bounds = [0, *(offset for offset, _ in shared), len(text)]
    numbers = [column, *(number for _, number in shared)]
    for number, start, stop in zip(numbers, bounds, bounds[1:], strict=False):
        piece = text[start:stop].strip()
        if piece:
            cells.setdefault(number, []).append(piece)
    return numbers[-1]


def _row_follows(placed: list[Placed], index: int, first: float,
                 columns: list[float]) -> bool:
    """Whether the first-column lines from ``index`` (a cell wraps onto three at most) are
    followed by a cell to their right."""
    stop = min(len(placed), index + 4)
    while index < stop and not placed[index].cuts and abs(placed[index].x - first) <= ALIGN:
        index += 1
    return index < len(placed) and _column(placed[index].x, columns, first) is not None


def _row(item: Placed, cells: dict[int, list[str]]) -> Placed:
    text = " | ".join(" ".join(cells[number]) for number in sorted(cells))
    return Placed(replace(item.line, text=text, table=True, bold=False), item.x, item.y,
                  item.right)


def _stacked_rows(placed: list[Placed]) -> list[Placed]:
    """Table rows stored cell by cell, each cell's lines one below the other, the next
    cell's from the row's top again, and no line holding two cells: each row one line.

    Word and LibreOffice store every table so; most rows share a baseline that PDFium
    gives as one line (``_table_rows`` cuts it, and takes the rows that follow along),
    but on a page where no line of a table does (every cell wraps in narrow columns,
    after the table's head on the page before) nothing else finds the rows. Such a row is
    taken for one only where the page holds two alike (the same cell edges) or one of
    three cells or more, and no cell's text runs on into the next one's (a sentence
    left open, then lower case): so two columns of prose stored one after the other,
    which read right as they are, stay as they are.
    """
    if not any(after.y < before.y - ALIGN and after.x > before.x + ALIGN
               for before, after in itertools.pairwise(placed)):
        return placed  # no line starts above the one before it, to its right: no cells
    out: list[Placed] = []
    index = 0
    while index < len(placed):
        rows: list[list[list[Placed]]] = []
        end = index
        while (row := _stacked_row(placed, end)) is not None and (
                not rows or _same_edges(rows[0], row[0])):
            rows.append(row[0])
            end = row[1]
        if len(rows) >= 2 or (rows and len(rows[0]) >= 3):
            out += [_row(cells[0][0], {n: [p.line.text.strip() for p in cell]
                                       for n, cell in enumerate(cells)}) for cells in rows]
            index = end
        else:
            out.append(placed[index])
            index += 1
    return out


def _stacked_row(placed: list[Placed], index: int) -> tuple[list[list[Placed]], int] | None:
    """The cells of a row stored cell by cell from ``index``, and the index after it; None
    unless two cells or more start at one height, each right of the one before."""
    if index >= len(placed):
        return None
    cells: list[list[Placed]] = []
    top = placed[index].y
    while index < len(placed):
        start = placed[index]
        if not start.line.text.strip() or start.cuts or start.line.table:
            break
        if cells and (abs(start.y - top) > ALIGN
                      or start.x < max(p.right for p in cells[-1]) - ALIGN
                      or _runs_on(cells[-1][-1].line.text, start.line.text)):
            break
        cell = [start]
        index += 1
        spacing = 2.5 * (start.line.font_size or 10.0)  # further down: not this cell
        while index < len(placed):
            line = placed[index]
            if (not line.line.text.strip() or line.cuts or line.line.table
                    or abs(line.x - start.x) > ALIGN
                    or not 0 < line.y - cell[-1].y <= spacing):
                break
            cell.append(line)
            index += 1
        cells.append(cell)
    return (cells, index) if len(cells) >= 2 else None


def _same_edges(row: list[list[Placed]], other: list[list[Placed]]) -> bool:
    """Whether two rows' cells start at the same places, left to right."""
    return len(row) == len(other) and all(
        abs(cell[0].x - cell_other[0].x) <= ALIGN for cell, cell_other in zip(row, other,
                                                                                strict=True))
