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
_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_WRITTEN = re.compile(r"\b(\d{1,2})\.?\s+([a-z]{3,9})\.?\s+((?:19|20)\d{2})\b")
SIGNATURE_TAIL = 12  # blocks at the end of a document where signature dates stand


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date and where it stands."""

    value: date
    block: Block
    labelled: bool


def dates_in(text: str) -> list[date]:
    """Every valid date written in the text, in order of appearance."""
    folded = fold(text)
    found: list[tuple[int, date]] = []
    for match in _NUMERIC.finditer(folded):
        _add(found, match.start(), int(match.group(3)), int(match.group(2)), int(match.group(1)))
    for match in _ISO.finditer(folded):
        _add(found, match.start(), int(match.group(1)), int(match.group(2)), int(match.group(3)))
    for match in _WRITTEN.finditer(folded):
        month = MONTHS.get(match.group(2))
        if month:
            _add(found, match.start(), int(match.group(3)), month, int(match.group(1)))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


def _add(found: list[tuple[int, date]], position: int, year: int, month: int, day: int) -> None:
    with contextlib.suppress(ValueError):  # 31.02.2024 is not a date
        found.append((position, date(year, month, day)))


def agreement_dates(blocks_by_document: list[list[Block]],
                    labels: tuple[str, ...]) -> list[FoundDate]:
    """The dates that belong to the agreement itself.

    Labelled dates anywhere; unlabelled dates only in the last blocks of a
    document (signatures). Dates in the middle of the text ("innen 1. januar
    2016") are deadlines, not the agreement's date, unless labelled.
    """
    folded_labels = [fold(label) for label in labels]
    found: list[FoundDate] = []
    for blocks in blocks_by_document:
        tail = {id(b) for b in blocks[-SIGNATURE_TAIL:]}
        head = {id(b) for b in blocks[:3]}
        for block in blocks:
            values = dates_in(block.text)
            if not values:
                continue
            folded = fold(block.text)
            labelled = any(label in folded for label in folded_labels)
            if labelled or id(block) in tail or id(block) in head:
                found.extend(FoundDate(value, block, labelled) for value in values)
    return found


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (
        1 if later.day < earlier.day else 0)
