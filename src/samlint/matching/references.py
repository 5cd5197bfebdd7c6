"""References to other documents, and whether the agreement set contains them.

"Se delavtale 5" is fine when delavtale 5 is among the checked files; when it
is not, the content the text defers to cannot be verified (a dangling
reference). The words here are general Norwegian document vocabulary, not
knowledge about any one requirement.
"""

from __future__ import annotations

import re

from samlint.documents.model import BlockKind, Document
from samlint.matching.normalise import fold

# Document nouns that can be numbered ("delavtale 5", "vedlegg 2", "tenesteavtale nr. 3").
_NUMBERED_DOC = re.compile(
    r"\b(?P<kind>delavtal\w*|tjenesteavtal\w*|tenesteavtal\w*|underavtal\w*|vedlegg\w*|bilag\w*)"
    r"\s*(?:nr\.?\s*)?(?P<num>\d{1,2}|[ivx]{1,4})\b"
)
# A sentence that defers its content to another document.
_DEFERRAL = re.compile(
    r"\b(?:se|jf\.?|jfr\.?|viser?\s+til|vises\s+til|visast\s+til|syner\s+til|folg\w*\s+(?:av|i)"
    r"|folger|fylgjer|reguler\w*\s+i|beskrev\w*\s+i|skildr\w*\s+i|omtal\w*\s+i|framg\w*\s+av"
    r"|fremg\w*\s+av|gar\s+fram\s+av|etter|i\s+trad\s+med|i\s+samsvar\s+med|gjeld(?:er)?)\b"
)
_EXTERNAL_DOC = re.compile(
    r"\b(?:egen|eget|egne|eigen|eige|eigne|separat\w*|saerskilt\w*|sarskilt\w*)\s+"
    r"(?:\w+\s+){0,2}?(?:avtal\w*|retningslin\w*|prosedyr\w*|rutine\w*|plan\w*|veileder\w*"
    r"|rettleiar\w*|praksisavtal\w*|dokument\w*)"
    r"|\b(?:retningslin\w*|veileder\w*|rettleiar\w*|tilvisingsrettleiar\w*|henvisningsveileder\w*"
    r"|prosedyr\w*)\b(?:\s+\w+){0,4}?\s+(?:i|til|fra|fra|hos|for)\s+\w+"
    r"|\b\w*(?:beredskapsplan\w*|praksisavtal\w*)\b"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14}


# Cheap first tests: the expensive patterns only run where a cue word occurs.
# Plain substring tests, spelled out: a regex alternation of words is tried
# at every position of the text, and any() over a generator costs more than
# the tests themselves; both are asked of every sentence.
def _may_number(folded: str) -> bool:
    return ("avtale" in folded or "delavtal" in folded or "vedlegg" in folded
            or "bilag" in folded)


def _may_external(folded: str) -> bool:
    return ("avtal" in folded or "retningsl" in folded or "prosedyr" in folded
            or "rutine" in folded or "plan" in folded or "veileder" in folded
            or "rettleiar" in folded or "dokument" in folded)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else _ROMAN.get(text)


def _kind(word: str) -> str:
    """'delavtalen' → 'avtale', 'vedlegg' → 'vedlegg': the family a number belongs to."""
    return "vedlegg" if word.startswith(("vedlegg", "bilag")) else "avtale"


class ReferenceResolver:
    """Knows which numbered documents the agreement set contains."""

    def __init__(self, documents: list[Document]) -> None:
        self.present: set[tuple[str, int]] = set()
        for document in documents:
            names = [document.path.stem.replace("_", " ").replace("-", " ")]
            names += [b.text for b in document.blocks[:3] if b.kind == BlockKind.HEADING]
            for name in names:
                self.present.update(_numbered_docs(fold(name), ranges=True))

    @staticmethod
    def may_refer(folded: str) -> bool:
        """Whether text (a block, folded) can name a document at all: the cue words
        both reference tests need before they look further."""
        return _may_number(folded) or _may_external(folded)

    def unresolved_reference(self, sentence: str, folded: str | None = None) -> str:
        """The referenced document if the sentence defers to one not in the set, else ''."""
        folded = fold(sentence) if folded is None else folded
        numbered = list(_NUMBERED_DOC.finditer(folded)) if _may_number(folded) else []
        if numbered:
            for match in numbered:
                number = _number(match.group("num"))
                if number is not None and (_kind(match.group("kind")), number) not in self.present:
                    return sentence_fragment(sentence, match.start(), match.end())
            return ""
        match = _EXTERNAL_DOC.search(folded) if _may_external(folded) else None
        if match and _DEFERRAL.search(folded):
            return sentence_fragment(sentence, match.start(), match.end())
        return ""

    def resolved_reference(self, sentence: str, folded: str | None = None) -> bool:
        """Whether the sentence names numbered documents that are all in the set.

        Such a sentence ("Retningslinjene står i delavtale 3.") is a pointer:
        the content is judged where it is, not here.
        """
        folded = fold(sentence) if folded is None else folded
        if not _may_number(folded):
            return False
        named = _NUMBERED_DOC.search(folded)
        return bool(named) and not self.unresolved_reference(sentence, folded)


def _numbered_docs(text: str, *, ranges: bool) -> set[tuple[str, int]]:
    """Numbered documents named in a title or file name ('tenesteavtale 01-04' is 1 to 4)."""
    found: set[tuple[str, int]] = set()
    pattern = re.compile(
        r"\b(?P<kind>delavtal\w*|tjenesteavtal\w*|tenesteavtal\w*|underavtal\w*|vedlegg\w*"
        r"|bilag\w*)\s*(?:nr\.?\s*)?(?P<a>\d{1,2})(?:\s*(?:-|–|til|og)\s*(?P<b>\d{1,2}))?"
    )
    for match in pattern.finditer(text):
        start = int(match.group("a"))
        end = int(match.group("b")) if ranges and match.group("b") else start
        for number in range(start, max(start, end) + 1):
            found.add((_kind(match.group("kind")), number))
    return found


def sentence_fragment(sentence: str, start: int, end: int) -> str:
    """The referenced name as written (folding keeps character positions for ASCII text)."""
    fragment = sentence[start:end] if len(sentence) >= end else sentence
    return f"«{fragment.strip()}»"
