"""The fixed text every match of a pattern contains, read from re's own parse of it.

``matching.cues`` tests a text for these literals before it runs a cue's
regex (see there). The pattern is read once, by re's parser; the same
reading gives the literals and the compiled pattern (``compiled_from``).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

SMALL_CLASS = 12  # characters; a class this small ("[ae]", "\d") is a set of literals
MAX_SPELLINGS = 64  # strings a run of fixed parts may spell before it is cut
MAX_REPEATED = 8  # a fixed text repeated at least this often is spelled out as a literal
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_DIGITS = frozenset("0123456789")
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one; None if no such
    set is known (the pattern may match without any fixed text, or ignores case)."""
    anchored = anchored_literals(pattern, flags)
    return None if anchored is None else frozenset(
        literal.strip(WORD_START + WORD_END) for literal in anchored)


# How a literal says where it stands in a word: "\x02ar\x03" is the whole word "ar"
# ("\bper\s+ar\b"), "\x02for" a word's start. A short literal anywhere in a word
# ("ar" in "arbeid") passes most sentences; as a whole word it passes few.
WORD_START, WORD_END = "\x02", "\x03"
_MARK = "\x01"  # while parsing: a word boundary here (``\b``, ``^``, ``$``, ``\s+``)
_NON_WORD_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD}
_BOUNDARIES = {sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END,
               sre.AT_END_STRING}


def anchored_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """``required_literals`` that also say when a literal is a word's start
    (``WORD_START`` before it) or end (``WORD_END`` after it): a word boundary or a
    character that is no word character stands there in every match."""
    return literals_of(parse_pattern(pattern, flags), flags)


def parse_pattern(pattern: str, flags: int = 0) -> Any:
    """The pattern as re's parser reads it (None: too deeply nested to read here);
    a malformed pattern raises re.error."""
    try:
        return sre_parse.parse(pattern, flags)
    except RecursionError:
        return None


def literals_of(parsed: Any, flags: int = 0) -> frozenset[str] | None:
    """``anchored_literals`` of a pattern ``parse_pattern`` read (None: not read)."""
    if parsed is None or (flags | parsed.state.flags) & re.IGNORECASE:
        return None
    found = _sequence(parsed.data)[1]
    return None if found is None else frozenset(map(_anchored, found))


# Python versions whose re internals compiled_from was tested against (tests/test_cues.py
# compares it with re.compile on the running version; 3.11-3.13 checked by hand). A later
# one compiles the text as usual: slower to start, never a different pattern.
OWN_COMPILE = sys.version_info[:2] in {(3, 11), (3, 12), (3, 13)}


def compiled_from(text: str, parsed: Any) -> re.Pattern[str]:
    """``re.compile(text)`` made from ``parsed``, what re's parser gave for ``text``
    (``parse_pattern``): the same pattern, with its code, groups and flags, for the
    cost of compiling alone. Reading a cue is most of what compiling it costs,
    and each cue was read for its literals already. These are the steps of
    ``re._compiler.compile``, which would leave the pattern's text out.
    """
    if not OWN_COMPILE:
        return re.compile(text)
    state = parsed.state
    names: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        names[index] = name
    return _sre.compile(text, state.flags, sre_compile._code(parsed, 0), state.groups - 1,
                        state.groupdict, tuple(names))


def _anchored(literal: str) -> str:
    core = literal.replace(_MARK, "")
    start = WORD_START if literal.startswith(_MARK) and _WORD.match(core) else ""
    end = WORD_END if literal.endswith(_MARK) and _WORD.match(core[-1]) else ""
    return f"{start}{core}{end}"


def _non_word(op: Any, value: Any) -> bool:
    r"""Whether an element always consumes a character that is no word character
    (``\s+``, ``\W``, ``[ ,;]``): a word ends before it and starts after it."""
    if op in _REPEATS:
        low, _high, inner = value
        return low >= 1 and len(inner.data) == 1 and _non_word(*inner.data[0])
    if op is sre.IN:
        return all((kind is sre.CATEGORY and item in _NON_WORD_CATEGORIES)
                   or (kind is sre.LITERAL and not _WORD.match(chr(item)))
                   for kind, item in value)
    return op is sre.LITERAL and not _WORD.match(chr(value))


Strings = frozenset[str]


def _sequence(items: list[tuple[Any, Any]]) -> tuple[Strings | None, Strings | None]:
    """Of a concatenation: every string it can match, if they are few; and the best
    requirement of any one of its parts (each holds for the whole), the set whose
    shortest string is longest, so that the test is rarely passed. Neighbouring parts
    of a few fixed spellings ("e-?post", "sid[ae]") are joined into the strings they
    spell together."""
    words = _words(items)
    if not words or (len(words) == 1 and words[0][0] is _TEXT):  # half of all: a word
        text = words[0][1] if words else ""
        word = frozenset({text})
        return word, (word if text.strip(_MARK) else None)
    spelled: set[str] | None = {""}
    run: set[str] = {""}  # what the fixed parts since the last open part spell together
    best: Strings | None = None
    rank: Rank | None = None  # best's
    for op, value in words:
        if op is _TEXT:  # one spelling: the strings so far, each with the text after it
            if spelled is not None:
                spelled = {first + value for first in spelled}
            if len(run) <= MAX_SPELLINGS:
                run = {first + value for first in run}
                continue
            best, rank = _better(best, rank, run)
            run = {value}
            best, rank = _better(best, rank, run)
            continue
        exact, required = _element(op, value)
        if spelled is not None:
            spelled = _joined(spelled, exact)
        if exact is not None:
            longer = _joined(run, exact)
            if longer is not None:
                run = longer
                continue
        bounded = _non_word(op, value)
        best, rank = _better(best, rank, {text + _MARK for text in run} if bounded else run)
        run = set(exact) if exact is not None else {_MARK if bounded else ""}
        best, rank = _better(best, rank, required)
    best, rank = _better(best, rank, run)
    return (None if spelled is None else frozenset(spelled)), best


_TEXT = object()  # a run of literal characters, as one element
_LITERAL = sre.LITERAL


def _words(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The elements with each run of literal characters made one (``_TEXT``, its string)."""
    out: list[tuple[Any, Any]] = []
    chars: list[str] = []
    for op, value in items:
        if op is _LITERAL:
            chars.append(chr(value))
            continue
        if chars:
            out.append((_TEXT, "".join(chars)))
            chars = []
        out.append((op, value))
    if chars:
        out.append((_TEXT, "".join(chars)))
    return out


def _joined(before: set[str], after: Strings | None) -> set[str] | None:
    if after is None or len(before) * len(after) > MAX_SPELLINGS:
        return None
    return {first + second for first in before for second in after}


Rank = tuple[int, int, int]


def _better(best: Strings | None, rank: Rank | None,
            found: Strings | set[str] | None) -> tuple[Strings | None, Rank | None]:
    """The more selective requirement, and its rank (``_rank``)."""
    if found:
        found_rank = _rank(found)
        if found_rank is not None and (rank is None or found_rank > rank):
            return frozenset(found), found_rank
    return best, rank


def _rank(found: Strings | set[str]) -> Rank | None:
    """How selective a requirement is: longer strings, then more word boundaries, then
    fewer strings. None: a string of it is no text (only boundaries), which every
    text holds."""
    shortest = fewest = -1
    for text in found:
        marks = text.count(_MARK)
        length = len(text) - marks
        if not length:
            return None
        if shortest < 0 or length < shortest:
            shortest = length
        if fewest < 0 or marks < fewest:
            fewest = marks
    return shortest, fewest, -len(found)


def _element(op: Any, value: Any) -> tuple[Strings | None, Strings | None]:
    """Of one element of a pattern: its few spellings (or None), and its requirement."""
    if op is sre.LITERAL:
        return (frozenset(chr(value)),) * 2
    if op is sre.IN:
        return (_small_class(value),) * 2
    if op is sre.SUBPATTERN:
        return _sequence(value[-1].data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(value.data)
    if op is sre.BRANCH:
        spelled: set[str] | None = set()
        required: set[str] | None = set()
        for alternative in value[1]:
            exact, needed = _sequence(alternative.data)
            spelled = None if spelled is None or exact is None else spelled | exact
            required = None if required is None or not needed else required | needed
        if spelled is not None and len(spelled) > MAX_SPELLINGS:
            spelled = None
        return (None if spelled is None else frozenset(spelled),
                None if required is None else frozenset(required))
    if op in _REPEATS:
        low, high, inner = value
        exact, required = _sequence(inner.data)
        if exact is not None and len(exact) == 1 and 1 < low <= MAX_REPEATED:
            required = frozenset({next(iter(exact)) * low})  # "\.{4,}": four full stops at least
        if exact is None or high != 1:  # repeated: no few spellings
            return None, (required if low >= 1 else None)
        return (exact | {""} if low == 0 else exact), required
    if op is sre.AT and value in _BOUNDARIES:  # a word starts or ends here (or the text)
        return frozenset({_MARK}), None
    if op in _ZERO_WIDTH:  # consumes nothing: the strings around it stay adjacent
        return frozenset({""}), None
    return None, None  # any character, wide classes, back-references


def _small_class(members: list[tuple[Any, Any]]) -> Strings | None:
    """A character class of a few characters, as single-character strings."""
    found: set[str] = set()
    for op, value in members:
        if op is sre.LITERAL:
            found.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < SMALL_CLASS:
            found.update(chr(code) for code in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            found |= _DIGITS
        else:
            return None  # a negated class, \w, \s: no small set
        if len(found) > SMALL_CLASS:
            return None
    return frozenset(found)


_WORD = re.compile(r"\w+")


def trie_pattern(literals: list[str], *, ahead: bool) -> re.Pattern[str]:
    """A pattern whose group 1 is the longest of ``literals`` (runs of word characters)
    at a position: a trie of greedy optional tails, "a(?:b(?:c)?)?", inside a look-ahead
    (``ahead``: findall then finds one at every position) or not.

    Built as the tree re's parser reads from its text, and compiled from that
    (``compiled_from``): reading back a text of a thousand nested groups was
    three quarters of what making the scan cost. The pattern is the one
    ``re.compile`` makes of its text (a test compares them).
    """
    root: dict[str, dict] = {}
    for literal in literals:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    state = sre_parse.State()
    state.flags = sre.SRE_FLAG_UNICODE  # as the parser sets it for a str pattern
    group = state.opengroup()
    items: list[tuple[Any, Any]] = []
    text = _trie_node(root, state, items)
    body = sre_parse.SubPattern(state, items)
    state.closegroup(group, body)
    tree = [(sre.SUBPATTERN, (group, 0, 0, body))]
    if ahead:
        tree = [(sre.ASSERT, (1, sre_parse.SubPattern(state, tree)))]
    return compiled_from(f"(?=({text}))" if ahead else f"({text})",
                         sre_parse.SubPattern(state, tree))


def _trie_node(node: dict[str, dict], state: Any, out: list[tuple[Any, Any]]) -> str:
    """The regex of a trie node, as text (returned) and as the items re's parser reads
    the text as (added to ``out``); the parser reads the group of an optional part
    as the part. A word character needs no escape."""
    run = []  # nodes of one branch where no literal ends: their characters in a row
    while len(node) == 1 and "" not in node:
        [char] = node
        run.append(char)
        out.append((sre.LITERAL, ord(char)))
        node = node[char]
    text = "".join(run)
    if "" not in node:
        return text + _trie_branches(node, state, out)
    if len(node) == 1:  # a literal ends here, and none goes on
        return text
    items: list[tuple[Any, Any]] = []
    tail = _trie_branches(node, state, items)
    out.append((sre.MAX_REPEAT, (0, 1, sre_parse.SubPattern(state, items))))
    return f"{text}(?:{tail})?"


def _trie_branches(node: dict[str, dict], state: Any, out: list[tuple[Any, Any]]) -> str:
    """A trie node's branches, by their characters. They start with different
    characters, so the parser finds no common start to take out of them, and
    branches of one character each it reads as a class ("(?:a|e)" as "[ae]")."""
    chars = sorted(char for char in node if char)
    if len(chars) == 1:
        out.append((sre.LITERAL, ord(chars[0])))
        return chars[0] + _trie_node(node[chars[0]], state, out)
    alternatives = []
    texts = []
    for char in chars:
        items = [(sre.LITERAL, ord(char))]
        texts.append(char + _trie_node(node[char], state, items))
        alternatives.append(items)
    inner = ([(sre.IN, [items[0] for items in alternatives])]
             if all(len(items) == 1 for items in alternatives)
             else [(sre.BRANCH, (None, [sre_parse.SubPattern(state, items)
                                        for items in alternatives]))])
    out.append((sre.SUBPATTERN, (None, 0, 0, sre_parse.SubPattern(state, inner))))
    return f"(?:{'|'.join(texts)})"
