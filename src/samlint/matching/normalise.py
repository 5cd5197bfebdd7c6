"""Text normalisation: one form for bokmål, nynorsk and OCR-damaged text.

Verdicts must not change with the spelling of a letter. We fold æ/ø/å to
ASCII (OCR reads them as ae/a/ee, o/e/g, a), undo the common OCR glyph
confusions, and split into word tokens; fuzzy term matching
(``matching.terms``) absorbs what folding cannot (ø read as g or e).
"""

from __future__ import annotations

import re
import unicodedata

_FOLD_PAIRS = tuple({
    "æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e",
    "ê": "e", "ó": "o", "ò": "o", "ô": "o", "á": "a", "à": "a", "ç": "c", "ß": "ss",
}.items())
# Every byte but a-z and 0-9 made a space: a token is a run of those (a non-ASCII
# character is one "?" once encoded, so it separates tokens too).
_TOKEN_BYTES = bytes(byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32
                     for byte in range(256))
# OCR reads "I" at a word start as "|", and the infinitive marker "å" as "&" or "4".
_OCR_PIPE = re.compile(r"(?<![^\s(])\|(?=[a-zæøå])", re.IGNORECASE)
# The "&" or "4" first, the space before it looked back at: a pattern that starts with
# a character class is scanned for it in C, where a leading look-behind is tried at
# every position (2.4 us a sentence with a "24" in it, for nothing).
_OCR_AA = re.compile(r"[&4](?<=\s[&4])(?=\s+[a-zæøå])")
_SOFT_CHARACTERS = "\u00ad\ufffe\u200b\u200c\u200d\ufeff"
_SOFT = re.compile(f"[{_SOFT_CHARACTERS}]")


def fold(text: str) -> str:
    """Lower-case, compatibility-normalised, diacritics folded to ASCII.

    Each step runs only when the text can need it: this is the hottest
    function of a run, called for every block and sentence.
    """
    if not text.isascii():  # ASCII is normalised and holds no soft character
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        # Substring tests first: the regex tries its character class at every
        # position, a test for a character the text cannot hold returns at once.
        for soft in _SOFT_CHARACTERS:
            if soft in text:
                text = _SOFT.sub("", text)
                break
    if "|" in text:
        text = _OCR_PIPE.sub("i", text)
    if "&" in text or "4" in text:
        text = _OCR_AA.sub("a", text)
    return fold_letters(text.lower())


def fold_letters(lowered: str) -> str:
    """æ → ae, ø → o, å → a and so on.

    Chained ``str.replace`` of the few letters that occur is ten times faster
    than ``str.translate`` with a mapping, and most text is mostly ASCII.
    """
    if lowered.isascii():
        return lowered
    for letter, replacement in _FOLD_PAIRS:
        if letter in lowered:
            lowered = lowered.replace(letter, replacement)
    return lowered


def words(folded: str) -> list[str]:
    """Word tokens of text that is already folded: its runs of a-z and 0-9.

    Every block and sentence is split so, and the byte translation below is
    three times as fast as ``re.findall(r"[a-z0-9]+", ...)``, with the same tokens.
    """
    return folded.encode("ascii", "replace").translate(_TOKEN_BYTES).decode("ascii").split()


def contains_any(text: str, cues: tuple[str, ...]) -> bool:
    """Whether any cue is a substring of ``text``.

    A plain loop: asked of every sentence, and cheaper than ``any()`` over a
    generator or a regex alternation, which is tried at every position.
    """
    for cue in cues:  # noqa: SIM110 - see the docstring
        if cue in text:
            return True
    return False


def tokens(text: str) -> list[str]:
    """Word tokens of folded text; hyphenated compounds split at the hyphen."""
    return words(fold(text))


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"«(]?[A-ZÆØÅ0-9|])")
_ABBREVIATION = re.compile(r"\b(?:jf|nr|bl\.a|f\.eks|ca|dvs|evt|mv|m\.m|kap|pkt|t\.d|osv)\.$",
                           re.IGNORECASE)


_ORDINAL_END = re.compile(r"\b\d{1,2}\.$")  # "den 1." is not a sentence end
_END_WINDOW = 12  # characters from the end where those two patterns can start (with room)


def sentences(text: str) -> list[str]:
    """Split a block into sentences, not breaking after common abbreviations."""
    parts = _SENTENCE_SPLIT.split(text.strip())
    if len(parts) == 1:  # most blocks: one sentence, the text stripped
        return parts if parts[0] else []
    # Pieces of each sentence, joined once at the end: a text where every part
    # ends short ("se punkt 5." over and over) would otherwise be copied
    # again with every part added, quadratic in its length.
    merged: list[list[str]] = []
    for part in parts:
        if merged and _ends_short(merged[-1][-1]):
            merged[-1].append(part)
        else:
            merged.append([part])
    return [s for s in (" ".join(pieces).strip() for pieces in merged) if s]


def _ends_short(part: str) -> bool:
    """Whether a part ends in an abbreviation or an ordinal, so no sentence ends there.

    Both patterns end the text and are at most six letters long, so they are
    looked for near the end only (word boundaries still see the letters
    before); searching from the start costs time in every part.
    """
    start = max(0, len(part) - _END_WINDOW)
    return bool(_ABBREVIATION.search(part, start) or _ORDINAL_END.search(part, start))
