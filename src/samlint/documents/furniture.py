"""Running headers, footers and page numbers ("furniture") of paginated lines, removed.

Split from ``layout``, which imports these names for the readers: a line at
the top or bottom of a page that recurs on most pages, or is a page number,
is no part of the agreement's text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samlint.documents.layout import Line

PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:side|s\.|page)\s*\d+\s*(?:(?:av|of|/)\s*\d+)?|\d+\s*(?:/|av)\s*\d+|-?\s*\d{1,4}\s*-?)\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def is_page_number(text: str) -> bool:
    """'Side 3 av 7', '- 3 -', '3/7' and the like.

    Page numbers are short; the length check comes first because the pattern's
    runs of optional spaces backtrack quadratically on a long line of spaces.
    """
    return len(text) <= 80 and bool(PAGE_NUMBER.match(text))


def strip_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str]]:
    """Remove running headers, footers and page numbers from paginated lines.

    A line in the top or bottom three lines of a page is furniture when it is a
    page number or when, with its digits masked, it recurs on at least half of
    the pages (and on at least two). Lines longer than ``FURNITURE_MAX_CHARS``
    are body text by definition: a running header is never a paragraph, and
    comparing long lines fuzzily costs time quadratic in their length (a
    fuzzed 2.6 MB line took half a minute).
    """
    if not pages:
        return pages, []

    edge = 3
    clusters = _Clusters()
    find = clusters.find
    keys: list[list[tuple[int, int]]] = []  # per page: (line index, cluster) for edge lines
    seen: list[int] = []  # the clusters on each page, once a page: counted at the end
    # A running header is the same text on page after page: keyed once (the key is a
    # function of the text alone).
    key_of: dict[str, str] = {}
    for page in pages:
        page_keys = []
        for i in _edge_lines(page, edge):
            text = page[i].text
            if len(text) <= FURNITURE_MAX_CHARS:
                key = key_of.get(text)
                if key is None:
                    key = key_of[text] = furniture_key(text)
                page_keys.append((i, find(key)))
        keys.append(page_keys)
        seen.extend({cluster for _, cluster in page_keys})
    counts = Counter(seen)
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {i for i, n in counts.items() if n >= threshold and clusters.keys[i]}
    furniture: list[str] = []
    cleaned: list[list[Line]] = []
    for page, page_keys in zip(pages, keys, strict=True):
        drop = [i for i, cluster in page_keys
                if cluster in repeated or is_page_number(page[i].text)]
        if not drop:  # most pages of a document without furniture: copied whole
            cleaned.append(page[:])
            continue
        # Edge lines come in order, each once (``_edge_lines``): no sorting needed.
        furniture.extend(page[i].text.strip() for i in drop)
        kept = page[:]  # a few edge lines go: deleted from a copy, not every line tested
        for i in reversed(drop):
            del kept[i]
        cleaned.append(kept)
    return cleaned, furniture


def furniture_key(text: str) -> str:
    """What running headers are compared by: lower case, æøå folded, digits as '#',
    letters and '#' only ('Side 3 av 7' and 'Side 4 av 7' are the same).

    Made a byte at a time, in C, for a line in Latin-1 (Latin-1 lower-cases
    one character to one, within itself, and has no digits but 0-9): one
    translation of its encoding lower-cases and folds, turns digits into '0'
    and all but '#' and a-z into spaces; each run of '0' becomes one '#',
    and the spaces go. Dashes and quotes beyond Latin-1 (as in 'Avtale –
    Helse Nord') stand in no key and part no digits differently from a
    space, so they become spaces first; other lines go step by step.
    """
    raw = text.encode("latin-1", "ignore")  # what is not Latin-1 dropped (no exception)
    if len(raw) != len(text):
        for mark in _MARKS:
            if mark in text:
                text = text.replace(mark, " ")
        raw = text.encode("latin-1", "ignore")
        if len(raw) != len(text):
            folded = _DIGITS.sub("#", text.strip().lower())
            return folded.encode("latin-1", "ignore").translate(_KEY_BYTES).replace(
                b" ", b"").decode("ascii")
    key = raw.translate(_KEY_BYTES)
    if key.find(b"0") >= 0:  # find, not ``in``: bytes' ``in`` tries an int first
        # Each run of '0' becomes one '0' (halved per round: one or two rounds for the
        # numbers of a line; a pattern's substitution cost several times that), then '#'.
        while key.find(b"00") >= 0:
            key = key.replace(b"00", b"0")
        key = key.replace(b"0", b"#")
    return key.replace(b" ", b"").decode("ascii")


def _edge_lines(page: list[Line], edge: int) -> list[int]:
    """Indices of the first and last ``edge`` non-blank lines of a page, in order.

    Looked for from each end, not by scanning every line of the page; on most pages the
    first and last ``edge`` lines are all printed, and that is all that is asked.
    """
    count = len(page)
    if count >= 2 * edge:
        ends = [*range(edge), *range(count - edge, count)]
        for index in ends:
            if not page[index].text.strip():
                break
        else:
            return ends
    top: list[int] = []
    for index, line in enumerate(page):
        if len(top) == edge:
            break
        if line.text.strip():
            top.append(index)
    bottom: list[int] = []
    for index in range(len(page) - 1, -1, -1):
        if len(bottom) == edge:
            break
        if page[index].text.strip():
            bottom.append(index)
    if top and bottom and top[-1] < bottom[-1]:  # apart, as on any page of six lines or more
        return top + bottom[::-1]
    return sorted(set(top + bottom))


_FOLD_PAIRS = (("æ", "a"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"))


def _key_byte(byte: int) -> int:
    """What ``furniture_key`` makes of a Latin-1 byte: lower case, folded, '#' and a-z as
    they are, digits as '0', anything else a space."""
    letter = chr(byte).lower()
    letter = dict(_FOLD_PAIRS).get(letter, letter)
    if letter == "#" or "a" <= letter <= "z":
        return ord(letter)
    return ord("0") if "0" <= letter <= "9" else ord(" ")


_KEY_BYTES = bytes(_key_byte(byte) for byte in range(256))
# Beyond Latin-1, common in running headers, and in no key: no letter (nor lower-cased
# into one), no digit.
_MARKS = "–—‘’‚“”„•…"
# Running headers and footers are short; the longest seen (a full agreement
# title with both parties) is about 150 characters.
FURNITURE_MAX_CHARS = 250


class _Clusters:
    """Groups near-identical lines: OCR spells a running header differently on
    each page ('Brattøy', 'Brattoy', 'Brattgy'), so equality is not enough.

    Exact repeats are a dictionary look-up; a fuzzy comparison is made only
    against the clusters of the last few pages, since a running header
    recurs page after page. That keeps a 1,000-page document linear.
    """

    RECENT = 24

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.exact: dict[str, int] = {}
        # The clusters of the last few pages, each with its first key, oldest first: a
        # cluster joins when it is found and is not here, and the oldest goes beyond RECENT.
        self.recent: dict[int, str] = {}

    def find(self, key: str) -> int:
        index = self.exact.get(key)
        recent = self.recent
        if index is None:  # not seen before (a key seen keeps its cluster)
            if 12 < len(key) <= FURNITURE_MAX_CHARS and recent:
                extract, ratio = _FUZZY or _fuzzy()
                # The most recent cluster close enough; all compared in one call.
                close = extract(key, list(reversed(recent.values())), scorer=ratio,
                                score_cutoff=88, limit=None)
                if close:
                    index = list(reversed(recent))[min([found[2] for found in close])]
            if index is None:
                index = len(self.keys)
                self.keys.append(key)
            self.exact[key] = index
        if index not in recent:  # never more than RECENT: the oldest goes
            recent[index] = self.keys[index]
            if len(recent) > self.RECENT:
                del recent[next(iter(recent))]
        return index


_FUZZY: tuple[Any, Any] | None = None


def _fuzzy() -> tuple[Any, Any]:
    """rapidfuzz's ``process.extract`` and ``fuzz.ratio``, imported on first use (a file
    without page furniture to compare never loads rapidfuzz), then kept: an import
    statement run for every new edge line was a tenth of finding a PDF's furniture."""
    global _FUZZY
    if _FUZZY is None:
        from rapidfuzz import fuzz, process

        _FUZZY = process.extract, fuzz.ratio
    return _FUZZY
