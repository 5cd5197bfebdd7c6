"""References to other documents, and whether the agreement set contains them.

"Se delavtale 5" is fine when delavtale 5 is among the checked files; when it
is not, the content the text defers to cannot be verified (a dangling
reference). What each file of the set is comes from its detected role and
number (``samlint.roles``), not from how the file happens to be named. The
words are general Norwegian document vocabulary, kept as language data in
``rules/language.yaml``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from samlint.documents.model import Document
from samlint.matching.language import Language
from samlint.matching.normalise import contains_any, fold
from samlint.roles import profile, role_family

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14}


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else _ROMAN.get(text)


def _kind(word: str, attachments: tuple[str, ...]) -> str:
    """The family a number belongs to: an attachment ('vedlegg 2') or an
    agreement ('delavtalen 2'); each family is numbered on its own."""
    return "attachment" if word.startswith(attachments) else "agreement"


class ReferenceResolver:
    """Knows which numbered documents the agreement set contains.

    The document nouns, cue words and patterns come from the language data
    (``documents`` in ``rules/language.yaml``). Cheap first tests: the
    expensive patterns only run where a cue word occurs, as plain substring
    tests (a regex alternation of words is tried at every position of the
    text); both are asked of every sentence.
    """

    def __init__(self, documents: list[Document], language: Language | None = None) -> None:
        if language is None:
            from samlint.matching.restatement import default_language

            language = default_language()
        self.language = language
        self.present: set[tuple[str, int]] = set()
        for document in documents:
            self.present.update(present_numbers(document))

    def _may_number(self, folded: str) -> bool:
        return contains_any(folded, self.language.numbered_cues)

    def _may_external(self, folded: str) -> bool:
        return contains_any(folded, self.language.external_cues)

    def may_refer(self, folded: str) -> bool:
        """Whether text (a block, folded) can name a document at all: the cue words
        both reference tests need before they look further."""
        return self._may_number(folded) or self._may_external(folded)

    def unresolved_reference(self, sentence: str, folded: str | None = None) -> str:
        """The referenced document if the sentence defers to one not in the set, else ''."""
        folded = fold(sentence) if folded is None else folded
        language = self.language
        numbered = (list(language.numbered_document.finditer(folded))
                    if self._may_number(folded) else [])
        if numbered:
            for match in numbered:
                number = _number(match.group("num"))
                kind = _kind(match.group("kind"), language.attachments)
                if number is not None and (kind, number) not in self.present:
                    return sentence_fragment(sentence, match.start(), match.end())
            return ""
        match = language.external.search(folded) if self._may_external(folded) else None
        if match and language.deferral.search(folded):
            return sentence_fragment(sentence, match.start(), match.end())
        return ""

    def resolved_reference(self, sentence: str, folded: str | None = None) -> bool:
        """Whether the sentence names numbered documents that are all in the set.

        Such a sentence ("Retningslinjene står i delavtale 3.") is a pointer:
        the content is judged where it is, not here.
        """
        folded = fold(sentence) if folded is None else folded
        if not self._may_number(folded):
            return False
        named = self.language.numbered_document.search(folded)
        return bool(named) and not self.unresolved_reference(sentence, folded)


def present_numbers(document: Document) -> set[tuple[str, int]]:
    """The numbered documents a document of the set is, by its detected role
    (``samlint.roles``: its title, the file name only when the title names no
    role): delavtale 5 is ('agreement', 5), and tjenesteavtale 5 names it too."""
    found = profile(document).role
    family = role_family(found.role)
    return {(family, number) for number in found.numbers} if family is not None else set()


def sentence_fragment(sentence: str, start: int, end: int) -> str:
    """The referenced name as written, from its place (``start``, ``end``) in the folded text.

    Folding changes lengths (æ → ae, a soft hyphen dropped), so the folded
    positions are mapped back by folding the sentence one character at a time:
    «delavtale 6» after a «æ» is not cut to «elavtale 6».
    """
    positions = list(accumulate(map(_folded_length, sentence), initial=0))
    first = bisect_right(positions, start) - 1
    last = bisect_left(positions, end)
    fragment = sentence[max(first, 0):last]
    return f"«{fragment.strip().strip('«»')}»"  # a name quoted in the text is quoted once


@lru_cache(maxsize=1024)
def _folded_length(character: str) -> int:
    """How long one character is folded (``fold``): an ASCII character stays one."""
    return 1 if character.isascii() else len(fold(character))
