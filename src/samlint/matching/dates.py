"""Dates in an agreement: when it was adopted, revised or signed.

The law wants the agreement reviewed every year (§ 6-5), and points 12 and 13
only exist since 1 August 2022, so an agreement's dates say a lot. Dates are
written "12.03.2024", "2024-03-12" or "12. mars 2024" (bokmål and nynorsk
month names are the same but for OCR damage); a date counts as the
agreement's own when a label such as "vedtatt" or "revidert" stands in the
same sentence, or when it is in a signature line near the end.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from samlint.documents.model import Block
from samlint.matching.normalise import fold

MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "des": 12,
}
_DIGIT = "[0-9oOlI|]"  # OCR reads 0 as O, 1 as l, I or |
_YEAR = f"(?:19|2[0oO]){_DIGIT}{{2}}"
_NUMERIC = re.compile(rf"\b({_DIGIT}{{1,2}})\.\s?({_DIGIT}{{1,2}})\.\s?({_YEAR})\b")
_ISO = re.compile(rf"\b({_YEAR})-({_DIGIT}{{2}})-({_DIGIT}{{2}})\b")
_WRITTEN = re.compile(rf"\b({_DIGIT}{{1,2}})\.?\s+([a-z1|]{{3,10}})\.?\s+({_YEAR})\b")
_OCR_DIGITS = str.maketrans("oOlI|", "00111")
SIGNATURE_WORDS = 10  # a signature line: place and date, a name, a title
SIGNATURE_TAIL = 12  # blocks at the end of a document where signature dates stand
HEAD = 3  # blocks at the start of a document where its date may stand


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date and where it stands."""

    value: date
    seq: int  # the block's sequence number in the agreement set (documents in order)
    labelled: bool


def dates_in(text: str) -> list[date]:
    """Every valid date written in the text, in order of appearance."""
    folded = fold(text)
    found: list[tuple[int, date]] = []
    for match in _NUMERIC.finditer(folded):
        _add(found, match.start(), _int(match.group(3)), _int(match.group(2)), _int(match.group(1)))
    for match in _ISO.finditer(folded):
        _add(found, match.start(), _int(match.group(1)), _int(match.group(2)), _int(match.group(3)))
    for match in _WRITTEN.finditer(folded):
        month = month_number(match.group(2))
        if month:
            _add(found, match.start(), _int(match.group(3)), month, _int(match.group(1)))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


def _int(digits: str) -> int:
    return int(digits.translate(_OCR_DIGITS))


def month_number(word: str) -> int | None:
    """A month name, also as OCR reads it ('rnars', 'desernber', 'ju1i')."""
    word = word.replace("rn", "m").replace("1", "l").replace("|", "l")
    if word in MONTHS:
        return MONTHS[word]
    if len(word) >= 5:
        from rapidfuzz.distance import Levenshtein

        close = [n for name, n in MONTHS.items()
                 if len(name) >= 5 and Levenshtein.distance(word, name) <= 1]
        return close[0] if len(set(close)) == 1 else None
    return None


def _add(found: list[tuple[int, date]], position: int, year: int, month: int, day: int) -> None:
    with contextlib.suppress(ValueError):  # 31.02.2024 is not a date
        found.append((position, date(year, month, day)))


def agreement_dates(blocks_by_document: Sequence[Sequence[Block]],
                    labels: tuple[str, ...]) -> list[FoundDate]:
    """The dates that belong to the agreement itself.

    Labelled dates anywhere; unlabelled dates only in short lines at the
    start or end of a document (a date line under the title, signatures).
    Dates in sentences ("evaluert innen 1. januar 2026") are deadlines, not
    the agreement's date, unless labelled.
    """
    folded_labels = [fold(label) for label in labels]
    found: list[FoundDate] = []
    offset = 0
    for blocks in blocks_by_document:
        for position, block in enumerate(blocks):
            values = dates_in(block.text)
            if not values:
                continue
            folded = fold(block.text)
            labelled = any(label in folded for label in folded_labels)
            short = len(block.text.split(None, SIGNATURE_WORDS)) <= SIGNATURE_WORDS
            near_end = position < HEAD or position >= len(blocks) - SIGNATURE_TAIL
            if labelled or (short and near_end):
                found.extend(FoundDate(value, offset + position, labelled) for value in values)
        offset += len(blocks)
    return found


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (
        1 if later.day < earlier.day else 0)
