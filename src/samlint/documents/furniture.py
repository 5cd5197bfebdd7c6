"""Running headers, footers and page numbers ("furniture") of paginated lines, removed.

Split from ``layout``, which imports these names for the readers: a line at
the top or bottom of a page that recurs on most pages, or is a page number,
is no part of the agreement's text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

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
    keys: list[list[tuple[int, int]]] = []  # per page: (line index, cluster) for edge lines
    counts: Counter[int] = Counter()
    for page in pages:
        edges = [i for i in _edge_lines(page, edge) if len(page[i].text) <= FURNITURE_MAX_CHARS]
        page_keys = [(i, clusters.find(furniture_key(page[i].text))) for i in edges]
        keys.append(page_keys)
        counts.update({cluster for _, cluster in page_keys})
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {i for i, n in counts.items() if n >= threshold and clusters.keys[i]}
    furniture: list[str] = []
    cleaned: list[list[Line]] = []
    for page, page_keys in zip(pages, keys, strict=True):
        drop = sorted({i for i, cluster in page_keys
                       if cluster in repeated or is_page_number(page[i].text)})
        furniture.extend(page[i].text.strip() for i in drop)
        kept = page[:]  # a few edge lines go: deleted from a copy, not every line tested
        for i in reversed(drop):
            del kept[i]
        cleaned.append(kept)
    return cleaned, furniture


def furniture_key(text: str) -> str:
    """What running headers are compared by: lower case, æøå folded, digits as '#',
    letters and '#' only ('Side 3 av 7' and 'Side 4 av 7' are the same)."""
    folded = text.strip().lower()
    if _has_digit(folded):
        folded = _DIGITS.sub("#", folded)
    # Folded and filtered a byte at a time, in C: what is not Latin-1 is no letter a-z and
    # goes in the encoding; æøåäöé become a/o/e, all but '#' and a-z a space, and the
    # spaces go (a pattern's substitution cost a call per gap between words, a translation
    # that deletes builds its table on every call).
    return folded.encode("latin-1", "ignore").translate(_KEY_BYTES).replace(b" ", b"").decode(
        "ascii")


def _has_digit(text: str) -> bool:
    """Whether ``_DIGITS`` finds a digit in ``text``: most lines have none, and a pattern
    scans a line several times slower than a byte translation does. Latin-1 (and so
    ASCII) has no digit but 0-9; other text is searched."""
    raw = text.encode("latin-1", "ignore")  # dropping what is not Latin-1 (no exception)
    if len(raw) != len(text):
        return _DIGITS.search(text) is not None
    # find, not ``in``: bytes' ``in`` tries its operand as an int first, and raises inside.
    return raw.translate(_DIGITS_AS_ZERO).find(b"0") >= 0


def _edge_lines(page: list[Line], edge: int) -> list[int]:
    """Indices of the first and last ``edge`` non-blank lines of a page, in order.

    Looked for from each end, not by scanning every line of the page.
    """
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
    return sorted(set(top + bottom))


_FOLD_PAIRS = (("æ", "a"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"))
# ``furniture_key``'s folding and filtering of Latin-1 bytes: '#' and a-z stay, the folded
# letters become theirs, every other byte a space (dropped after).
_KEY_BYTES = bytes(
    b if b == ord("#") or ord("a") <= b <= ord("z")
    else ord(dict(_FOLD_PAIRS).get(chr(b), " ")) for b in range(256))
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
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
        self.recent: list[int] = []

    def find(self, key: str) -> int:
        index = self.exact.get(key)
        if index is None and 12 < len(key) <= FURNITURE_MAX_CHARS and self.recent:
            from rapidfuzz import fuzz, process

            # The most recent cluster close enough; all compared in one call.
            newest_first = self.recent[::-1]
            close = process.extract(key, [self.keys[i] for i in newest_first], scorer=fuzz.ratio,
                                    score_cutoff=88, limit=None)
            if close:
                index = newest_first[min(position for _key, _score, position in close)]
        if index is None:
            index = len(self.keys)
            self.keys.append(key)
        self.exact.setdefault(key, index)
        if index not in self.recent:  # never more than RECENT: trimmed below
            self.recent.append(index)
            del self.recent[:-self.RECENT]
        return index
