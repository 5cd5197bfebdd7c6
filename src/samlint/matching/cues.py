"""Cue patterns that are tried only where they can match.

The language data's cues are long alternations of words and phrases
(``sentence_classes`` in ``rules/language.yaml``: a hundred alternatives for
web chrome alone). Python's regex engine tries every alternative at every
position of a sentence, and a long agreement has thousands of sentences:
that was most of the time a check took. Yet nearly every alternative
contains a fixed piece of text that any match must include ("transkrip",
"last", "ned"). Those literals are read from the pattern itself, and a
sentence that holds none of them is known not to match without running the
regex: a substring test is a fast scan in C. This is the prefilter of RE2
and ripgrep, derived from the pattern, so a user's language file gets it too
and nothing about the cues is written twice.

The answer is always the regex's own: the literals only decide when it
need not be asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from samlint.matching.normalise import contains_any
from samlint.matching.pattern_literals import (
    WORD_END,
    WORD_START,
    anchored_literals,
    compiled_from,
    literals_of,
    parse_pattern,
    required_literals,
    trie_pattern,
)

REMEMBERED = 20_000  # texts whose scan is kept (a long agreement's sentences)


class Literals:
    r"""Which alternatives of a group of cues may match a text, found in one pass.

    Each alternative registers the literals it requires and gets a number.
    Nearly every literal is a piece of one word ("transkrip", "ar"), and
    such a literal occurs in a text only inside one of its runs of word
    characters. So a text is read word by word: each distinct word is
    scanned once per process (a trie-shaped regex tried at every position
    of the word through a look-ahead, which finds the longest literal
    starting there; a table maps each literal to the alternatives that any
    of its prefixes serves), and sentences share most of their words. The
    few literals with other characters ("e-post", "www.") are tested as
    substrings of the whole text. A literal that must start a word ("\bfor")
    is tried at a word's start only, and one that must be a whole word
    ("\bper\s+ar\b") is looked up. Answers are kept by text too (a sentence
    is asked again when another rule grades it), and the last text's
    answer serves a part of it (the sentence without its number), which
    can only hold what the whole holds.
    """

    __slots__ = ("_count", "_last", "_others", "_owners", "_scan", "_seen", "_served",
                 "_start_scan", "_starts", "_text", "_whole", "_words")

    def __init__(self) -> None:
        self._count = 0
        self._owners: dict[str, set[int]] = {}
        self._served: dict[str, frozenset[int]] = {}
        self._starts: dict[str, frozenset[int]] = {}
        self._whole: dict[str, frozenset[int]] = {}
        self._others: tuple[tuple[str, frozenset[int]], ...] = ()
        self._scan: re.Pattern[str] | None = None
        self._start_scan: re.Pattern[str] | None = None
        self._text: str | None = None
        self._last: frozenset[int] = frozenset()
        self._seen: dict[str, frozenset[int]] = {}  # by text: a sentence is asked again later
        self._words: dict[str, frozenset[int]] = {}  # by word: the answer for one word run

    def register(self, literals: frozenset[str]) -> int:
        """A number for an alternative that needs one of ``literals``."""
        number = self._count
        self._count += 1
        for literal in literals:
            self._owners.setdefault(literal, set()).add(number)
        self._scan, self._text = None, None
        self._seen.clear()
        self._words.clear()
        return number

    def compile(self) -> re.Pattern[str]:
        """The scans for every one-word literal registered so far (made on first use
        otherwise): one for literals anywhere in a word, one for a word's start; whole
        words are looked up."""
        if self._scan is not None:
            return self._scan
        inside: dict[str, set[int]] = {}
        starting: dict[str, set[int]] = {}
        whole: dict[str, set[int]] = {}
        others: dict[str, set[int]] = {}
        for literal, numbers in self._owners.items():
            core = literal.strip(WORD_START + WORD_END)
            if not _WORD.fullmatch(core):
                table = others  # spans words: a substring of the whole text
            elif literal.startswith(WORD_START):
                table = whole if literal.endswith(WORD_END) else starting
            else:
                table = inside
            table.setdefault(core, set()).update(numbers)
        self._served, self._starts = _served(inside), _served(starting)
        self._whole = {core: frozenset(numbers) for core, numbers in whole.items()}
        self._others = tuple((core, frozenset(numbers))
                             for core, numbers in sorted(others.items()))
        self._start_scan = (trie_pattern(sorted(starting), ahead=False) if starting
                            else re.compile(r"(?!)"))
        self._scan = trie_pattern(sorted(inside), ahead=True) if inside else re.compile(r"(?!)")
        return self._scan

    def passing(self, text: str) -> frozenset[int]:
        """The numbers of the alternatives whose literals occur in ``text``."""
        found = self._seen.get(text)
        if found is not None:
            return found
        last = self._text
        if last is not None and text in last:
            return self._last  # what occurs in a part occurs in the whole: at most a few more
        if self._scan is None:  # before any word is read: a text of only "...." has none
            self.compile()
        known = self._words
        if len(known) >= REMEMBERED:
            known.clear()
        parts = []
        for word in set(word_runs(text)):
            numbers = known.get(word)
            if numbers is None:
                numbers = known[word] = self._in_word(word)
            if numbers:
                parts.append(numbers)
        for literal, numbers in self._others:  # a plain loop: no generator to start
            if literal in text:
                parts.append(numbers)
        found = frozenset().union(*parts)
        if len(self._seen) >= REMEMBERED:
            self._seen.clear()
        self._seen[text] = found
        self._text, self._last = text, found
        return found

    def _in_word(self, word: str) -> frozenset[int]:
        """The alternatives a word alone lets pass: literals in it, at its start, or it."""
        scan = self._scan or self.compile()
        numbers = frozenset().union(*map(self._served.__getitem__, set(scan.findall(word))))
        start = self._start_scan.match(word)
        if start is not None:
            numbers |= self._starts[start.group(1)]
        return numbers | self._whole.get(word, frozenset())


def _served(owners: dict[str, set[int]]) -> dict[str, frozenset[int]]:
    """For each literal, the alternatives it or any literal that is a prefix of it
    serves: a trie scan finds the longest literal at a position."""
    served: dict[str, frozenset[int]] = {}
    for literal in sorted(owners):  # sorted: a literal's prefixes come before it
        numbers = frozenset(owners[literal])
        for end in range(len(literal) - 1, 0, -1):
            shorter = served.get(literal[:end])
            if shorter is not None:  # that one holds its own prefixes' numbers already
                numbers |= shorter
                break
        served[literal] = numbers
    return served


_WORD = re.compile(r"\w+")
# For ASCII text (nearly every folded sentence): every byte but a word character a space.
_WORD_BYTES = bytes(byte if byte < 128 and _WORD.match(chr(byte)) else 32 for byte in range(256))


def word_runs(text: str) -> list[str]:
    r"""``re.findall(r"\w+", text)``; for ASCII text by one byte translation, which is
    three times as fast (non-ASCII letters are word characters too: those texts
    take the regex)."""
    if text.isascii():
        return text.encode("ascii").translate(_WORD_BYTES).decode("ascii").split()
    return _WORD.findall(text)


class Cue:
    """An alternation of cue patterns that knows each alternative's literals.

    ``search``, ``match`` and ``fullmatch`` run only the alternatives whose
    literals occur in the text and return what the joined alternation would
    (group 0 is the same; numbered groups are the alternative's own).
    ``findall`` and ``finditer`` run the joined alternation whenever any
    alternative could match.
    Cues made together (``cues``) share one ``Literals`` scan per text.
    Patterns are compiled when first tried: a run tries few of them, and
    compiling them all took longer than judging a short agreement.
    """

    __slots__ = ("_always", "_compiled", "_joined", "_numbers", "_own", "_parsed", "_scanner",
                 "_texts")

    def __init__(self, alternatives: list[str], scanner: Literals | None = None) -> None:
        self._scanner = scanner or Literals()
        self._texts: dict[int, str] = {}  # by number, in the order given
        self._parsed: dict[int, Any] = {}  # by number: read for the literals, until compiled
        always = set()
        everything: set[str] = set()
        for text in alternatives:
            parsed = parse_pattern(text)
            literals = literals_of(parsed)
            everything |= {literal.strip(WORD_START + WORD_END) for literal in literals or ()}
            number = self._scanner.register(literals or frozenset())
            self._texts[number] = f"(?:{text})"
            if parsed is not None:  # "(?:text)" compiles to the code "text" does
                self._parsed[number] = parsed
            if literals is None:  # tried on every text, in its place among the others
                always.add(number)
        self._numbers = frozenset(self._texts)
        self._always = frozenset(always)
        self._own = None if always else tuple(sorted(everything, key=len))
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._joined: re.Pattern[str] | None = None

    def compile(self) -> None:
        """Compile every pattern now: before a process starts children, so that each child
        has them instead of compiling them again."""
        for number in self._texts:
            self._pattern(number)
        self._scanner.compile()

    def _pattern(self, number: int) -> re.Pattern[str]:
        compiled = self._compiled.get(number)
        if compiled is None:
            parsed = self._parsed.pop(number, None)
            compiled = self._compiled[number] = (
                re.compile(self._texts[number]) if parsed is None
                else compiled_from(self._texts[number], parsed))
        return compiled

    @property
    def joined(self) -> re.Pattern[str]:
        """The alternatives as one pattern."""
        if self._joined is None:
            self._joined = re.compile("|".join(self._texts.values()) or r"(?!)")
        return self._joined

    @property
    def pattern(self) -> str:
        return self.joined.pattern

    def _candidates(self, text: str) -> list[int]:
        """The alternatives that may match ``text``, in the order they were given."""
        passing = self._scanner.passing(text)
        if not self._always:
            if self._numbers.isdisjoint(passing):  # most cues, for most sentences
                return []
            chosen = self._numbers.intersection(passing)
        else:
            chosen = self._numbers.intersection(passing) | self._always
        return sorted(chosen) if len(chosen) > 1 else list(chosen)

    def possible(self, text: str) -> bool:
        """Whether some alternative's literals occur in ``text``: False means no match."""
        return bool(self._always) or not self._numbers.isdisjoint(self._scanner.passing(text))

    def may_match(self, text: str) -> bool:
        """``possible`` without the shared scan: a substring test of this cue's own
        literals, for one cue asked of texts no other cue is (whole blocks), where
        scanning for every cue's literals would cost more than the answer saves."""
        own = self._own
        return own is None or contains_any(text, own)

    def search(self, text: str) -> re.Match[str] | None:
        best: re.Match[str] | None = None
        for number in self._candidates(text):
            found = self._pattern(number).search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
                if best.start() == 0:
                    break
        return best

    def match(self, text: str) -> re.Match[str] | None:
        """At the start of ``text``: the first alternative that matches there, as in the
        joined alternation."""
        for number in self._candidates(text):
            found = self._pattern(number).match(text)
            if found is not None:
                return found
        return None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """All of ``text``: the first alternative that matches all of it."""
        for number in self._candidates(text):
            found = self._pattern(number).fullmatch(text)
            if found is not None:
                return found
        return None

    def findall(self, text: str) -> list[Any]:
        return self.joined.findall(text) if self.possible(text) else []

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.joined.finditer(text) if self.possible(text) else iter(())


def cues(families: dict[str, list[str]]) -> dict[str, Cue]:
    """One ``Cue`` per family, all sharing one scan for their literals."""
    scanner = Literals()
    return {name: Cue(alternatives, scanner) for name, alternatives in families.items()}


__all__ = ["Cue", "Literals", "anchored_literals", "compiled_from", "cues", "required_literals"]
