"""Fuzzy term matching over a set of token sequences.

A rule term is a phrase of word stems. Each stem matches a text token that
starts with it, allowing one edit (two for long stems) so that OCR damage
(ø read as g or e) and nynorsk spelling ('tenester' for 'tjenester',
'utskriving' for 'utskrivning') still match. A leading ``*`` lets a stem match
inside a compound ('*beredskap' in 'helseberedskap').

Matching is done once per distinct token of the agreement (its vocabulary),
not once per occurrence, and the edit-distance scan runs in rapidfuzz's C
code; that keeps a 1,000-page agreement fast. A process that judges many
agreements compares a stem with each token once (``SeenTokens``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from samlint.matching.normalise import tokens

MIN_FUZZY = 6
MIN_FUZZY_2 = 11


@dataclass(frozen=True, slots=True)
class Term:
    """A parsed rule term.

    ``stems`` are the folded word stems; ``variants`` holds, per stem, the
    spellings OCR makes of its æ, ø and å (so 'gjør' also matches 'gjgr',
    which no edit-distance rule could allow for a four-letter word).
    ``infix``: the first stem may sit inside a compound.
    """

    text: str
    stems: tuple[str, ...]
    infix: bool = False
    variants: tuple[frozenset[str], ...] = ()
    segments: tuple[Term, ...] = ()  # for "a … b": the phrases on each side of a gap


# What OCR reads æ, ø and å as (after folding, see normalise.fold).
_OCR_READINGS = {"ø": ("o", "g", "e"), "å": ("a", "d"), "æ": ("ae", "a", "ee", "e")}
_OCR_LETTERS = frozenset(_OCR_READINGS)
# A word cut at those letters, each kept as a piece: a run between them has one spelling,
# so the product takes it at once, not a letter at a time (the same spellings, in order).
_OCR_PIECES = re.compile(f"([{''.join(_OCR_READINGS)}])")
_MAX_VARIANTS = 32
_CHAR_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "ê": "e",
                            "ó": "o", "ò": "o", "ô": "o", "á": "a", "à": "a"})


GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
MAX_GAP = 3  # words a "…" in a term may stand for ("vedtatt av … kommunestyre")


@lru_cache(maxsize=8192)
def parse_term(text: str) -> Term:
    if "…" in text or "..." in text:  # GAP.search(text), whose spaces may be none
        pieces = [piece for piece in GAP.split(text) if piece.strip()]
        segments = tuple(parse_term(piece) for piece in pieces)
        return Term(text, tuple(s for seg in segments for s in seg.stems), False,
                    tuple(v for seg in segments for v in seg.variants), segments)
    infix = text.startswith("*")
    body = text.lstrip("*")
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", body).lower())
    variants = tuple(frozenset(ocr_variants(word)) for word in words)
    stems = tuple(tokens(body))
    if len(variants) != len(stems):  # a character folding splits differently: no variants
        variants = tuple(frozenset((stem,)) for stem in stems)
    return Term(text, stems, infix, variants)


def ocr_variants(word: str) -> set[str]:
    """The folded spellings of a word when OCR misreads its æ, ø and å.

    Most words have none of those letters, and then their one spelling is
    the word folded as a whole: the same string the letter-by-letter
    product below builds, for a fraction of the cost (every term of every
    rule is parsed before the first page is read).
    """
    if word.isascii():  # nothing to fold: the word itself
        return {word} if word else set()
    if _OCR_LETTERS.isdisjoint(word):
        folded = word.translate(_CHAR_FOLD)
        return {folded} if folded else set()
    spellings = [""]
    for piece in _OCR_PIECES.split(word):  # the letters, and the runs between them whole
        if piece:
            readings = _OCR_READINGS.get(piece) or (piece.translate(_CHAR_FOLD),)
            spellings = [s + r for s in spellings for r in readings][:_MAX_VARIANTS]
    return {s for s in spellings if s}


class Hit(NamedTuple):
    """A term found in a token sequence: which sequence, and the token span.

    A named tuple, not a frozen dataclass: a long agreement makes tens of
    thousands of hits, and a tuple is made three times as fast.
    """

    term: str
    seq: int
    start: int
    end: int


_IN_TEXT_ORDER = attrgetter("seq", "start")


class Vocabulary:
    """Distinct tokens in sorted order, and which of them a stem matches.

    Whether a token matches a stem depends on that token alone, so the
    answer for a set of tokens is the union of the answers for its parts:
    ``SeenTokens`` relies on that to ask about each token once per process.
    """

    __slots__ = ("_candidate_lists", "_prefixes", "tokens")

    def __init__(self, tokens: Iterable[str]) -> None:
        self.tokens = sorted(tokens)  # distinct already: a dictionary's keys or a set
        self._prefixes: dict[tuple[str, int], tuple[list[str], list[list[int]]]] = {}
        self._candidate_lists: dict[tuple[str, int], tuple[list[str], list[list[int]]]] = {}

    def matching(self, stem: str, infix: bool = False,
                 variants: frozenset[str] = frozenset()) -> set[str]:
        """The tokens that ``stem`` (or one of its OCR spellings) matches."""
        found: set[str] = set()
        spellings = variants | {stem}
        if infix:
            found.update(t for t in self.tokens if any(v in t for v in spellings))
            return found
        fuzzy = len(stem) >= MIN_FUZZY
        for spelling in spellings:
            # The fuzzy search finds the tokens that start with the stem
            # itself (at distance 0); only its other spellings need a look.
            if not (fuzzy and spelling == stem):
                found.update(self._exact_prefix(spelling))
        if fuzzy:
            found.update(self._fuzzy_prefix(stem))
        return found

    def _exact_prefix(self, stem: str) -> list[str]:
        """The tokens that start with ``stem``: one slice of the sorted list."""
        start, stop = self._prefix_range(stem)
        return self.tokens[start:stop]

    def _fuzzy_prefix(self, stem: str) -> set[str]:
        limit = 2 if len(stem) >= MIN_FUZZY_2 else 1
        # The first letter must agree: OCR and nynorsk change letters inside
        # words far more often than the first, and a different first letter
        # is usually a different word. The tokens are sorted, so those
        # sharing the stem's first letter are one slice, and only that slice
        # is compared.
        prefixes, owners = self._candidates(stem[:1], len(stem))
        if not prefixes:
            return set()
        found: set[str] = set()
        tokens = self.tokens
        for prefix, _score, index in process.extract(
            stem, prefixes, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
        ):
            if plausible_variant(stem, prefix):
                found.update(tokens[position] for position in owners[index])
        return found

    def _prefix_range(self, prefix: str) -> tuple[int, int]:
        """Where the tokens starting with ``prefix`` sit in the sorted list
        (tokens are ASCII, so every one of them sorts before prefix + U+10FFFF)."""
        start = bisect_left(self.tokens, prefix)
        stop = bisect_left(self.tokens, prefix + "\U0010ffff", start)
        return start, stop

    def _candidates(self, initial: str, length: int) -> tuple[list[str], list[list[int]]]:
        """The prefixes a stem of ``length`` letters starting with ``initial`` is compared
        with: those of ``length`` - 1, ``length`` and ``length`` + 1 letters, as one list
        for one search (its fixed cost is several times that of comparing a few words)."""
        key = (initial, length)
        cached = self._candidate_lists.get(key)
        if cached is None:
            prefixes: list[str] = []
            owners: list[list[int]] = []
            for cut in (length - 1, length, length + 1):
                more, their_owners = self._prefix_list(initial, cut)
                prefixes += more
                owners += their_owners
            cached = self._candidate_lists[key] = (prefixes, owners)
        return cached

    def _prefix_list(self, initial: str, length: int) -> tuple[list[str], list[list[int]]]:
        """The distinct prefixes of ``length`` letters of the tokens starting with ``initial``,
        and for each the positions of its tokens (shorter tokens have none): many tokens
        share a prefix, and each prefix is compared with a stem once."""
        key = (initial, length)
        cached = self._prefixes.get(key)
        if cached is None:
            start, stop = self._prefix_range(initial)
            positions: dict[str, list[int]] = {}
            tokens = self.tokens
            for position in range(start, stop):
                token = tokens[position]
                if len(token) >= length:
                    positions.setdefault(token[:length], []).append(position)
            cached = self._prefixes[key] = (list(positions), list(positions.values()))
        return cached


StemKey = tuple[str, bool, frozenset[str]]
MAX_CHUNKS = 8  # vocabularies kept apart before they are merged into one
MAX_SEEN = 100_000  # tokens remembered; past this, the process starts afresh


class SeenTokens:
    """The tokens of every agreement this process has indexed, and which of them each
    stem matches.

    A national run judges hundreds of agreements in each worker, and they
    share most of their words. A token's match with a stem depends on the
    token alone, so each stem is compared with each distinct token once per
    process rather than once per agreement: an agreement's index adds its
    new tokens as a chunk, and a stem's answer grows by the chunks added
    since it was last asked. Chunks are merged when there are many, and all
    is forgotten past ``MAX_SEEN`` tokens, so the memory stays bounded.
    """

    def __init__(self) -> None:
        self._generation = 0  # only ever grows: an index's place in an older one is void
        self._known: set[str] = set()
        self._chunks: list[Vocabulary] = []
        self._answers: dict[StemKey, tuple[int, set[str]]] = {}

    def add(self, vocabulary: Vocabulary) -> tuple[int, int]:
        """Take in an index's tokens: its ``(generation, chunks)`` to pass to ``matching``."""
        new = [token for token in vocabulary.tokens if token not in self._known]
        if new and len(self._known) + len(new) > MAX_SEEN:
            self._known, self._chunks, self._answers = set(), [], {}
            new = vocabulary.tokens
        if new:
            if len(self._chunks) >= MAX_CHUNKS:
                done = len(self._chunks)
                self._chunks = [Vocabulary(self._known)]
                self._answers = {key: (1, found) for key, (upto, found)
                                 in self._answers.items() if upto == done}
            # A wholly new vocabulary is its own chunk: the first agreement costs no copy.
            self._chunks.append(vocabulary if len(new) == len(vocabulary.tokens)
                                else Vocabulary(new))
            self._known.update(new)
            self._generation += 1
        return self._generation, len(self._chunks)

    def matching(self, key: StemKey, generation: int, chunks: int) -> set[str] | None:
        """The seen tokens the stem matches, or None if ``generation`` has passed."""
        if generation != self._generation:
            return None
        upto, found = self._answers.get(key) or (0, set())
        if upto < chunks:
            for chunk in self._chunks[upto:chunks]:
                found |= chunk.matching(*key)
            self._answers[key] = (chunks, found)
        return found


SEEN = SeenTokens()


class TermIndex:
    """Finds rule terms in a fixed list of token sequences (one per block)."""

    def __init__(self, sequences: Sequence[Sequence[str]],
                 within: TermIndex | None = None) -> None:
        """``within``: a larger index whose vocabulary holds this one's (a block's
        sentences inside the whole agreement). Whether a token matches a stem
        does not depend on the other tokens, so the larger index's matches, cut
        to this vocabulary, are this index's: the fuzzy search over the
        vocabulary is done once per stem for the agreement, not once per block
        (and, through ``SEEN``, once per token for the process).
        """
        self.sequences = sequences
        # The sequences laid end to end: a token's occurrences are positions in
        # ``_flat``, one int each rather than a (sequence, position) tuple (the
        # 200-page benchmark has 60,762 words: 21 ms to index as tuples, 6 ms so).
        # ``_seq_of`` and ``_starts`` turn a position back into sequence and offset.
        self._flat = list(chain.from_iterable(sequences))
        self._seq_of = list(chain.from_iterable(repeat(seq_index, len(seq))
                                                for seq_index, seq in enumerate(sequences)))
        self._starts = list(accumulate(map(len, sequences), initial=0))
        postings: dict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(self._flat):
            postings[token].append(position)
        self.postings = postings
        self._stem_cache: dict[StemKey, frozenset[str]] = {}
        self._term_cache: dict[str, list[Hit]] = {}
        self._by_sequence: dict[str, dict[int, list[Hit]]] = {}
        self._within = within if within is not None and all(
            token in within.postings for token in postings) else None
        self._words: Vocabulary | None = None
        self._seen = (-1, 0)  # this index's place in ``SEEN``: (generation, chunks)
        self._token_set: frozenset[str] | None = None

    @property
    def words(self) -> Vocabulary:
        """The distinct tokens, sorted (made when first asked)."""
        if self._words is None:
            self._words = Vocabulary(self.postings)
        return self._words

    @property
    def vocabulary(self) -> list[str]:
        return self.words.tokens

    def stem_matches(self, stem: str, infix: bool = False,
                     variants: frozenset[str] = frozenset()) -> frozenset[str]:
        """All vocabulary tokens that ``stem`` (or one of its OCR spellings) matches."""
        key = (stem, infix, variants)
        cached = self._stem_cache.get(key)
        if cached is not None:
            return cached
        source = self._within
        if source is None:
            found = SEEN.matching(key, *self._seen)
            if found is None:
                self._seen = SEEN.add(self.words)
                found = SEEN.matching(key, *self._seen)
        else:
            found = source.stem_matches(stem, infix, variants)
        if self._token_set is None:
            self._token_set = frozenset(self.postings)
        result = self._token_set.intersection(found)  # walks the smaller of the two
        self._stem_cache[key] = result
        return result

    def _find_with_gaps(self, term: Term) -> list[Hit]:
        """Phrases in order, each starting at most MAX_GAP words after the previous."""
        spans = [(hit.seq, hit.start, hit.end) for hit in self.find(term.segments[0])]
        for segment in term.segments[1:]:
            starts: dict[int, list[tuple[int, int]]] = {}
            for hit in self.find(segment):
                starts.setdefault(hit.seq, []).append((hit.start, hit.end))
            spans = [
                (seq, first, end)
                for seq, first, previous_end in spans
                for start, end in starts.get(seq, ())
                if previous_end <= start <= previous_end + MAX_GAP
            ]
        return [Hit(term.text, seq, start, end) for seq, start, end in spans]

    def find_in(self, term: Term, seq: int) -> list[Hit]:
        """The occurrences of ``term`` in sequence ``seq`` alone."""
        grouped = self._by_sequence.get(term.text)
        if grouped is None:
            grouped = {}
            for hit in self.find(term):
                grouped.setdefault(hit.seq, []).append(hit)
            self._by_sequence[term.text] = grouped
        return grouped.get(seq, [])

    def _phrase_hits(self, text: str, matches: list[frozenset[str]]) -> list[Hit]:
        """Where consecutive tokens match each stem's set of tokens in turn, in text order.

        Found as positions in the sequences laid end to end, whose order is
        text order: sorting those ints, then making the hits, is cheaper than
        sorting the hits by sequence and start.
        """
        width = len(matches)
        flat, seq_of, starts, postings = self._flat, self._seq_of, self._starts, self.postings
        if width == 1:  # one word: every occurrence of a matching token is a hit
            found = [postings[token] for token in matches[0]]
            positions = found[0] if len(found) == 1 else sorted(chain.from_iterable(found))
        else:
            # Walk the occurrences of the rarest stem and check the others
            # around it: a phrase is as frequent as its rarest word.
            counts = [sum(len(postings[t]) for t in found) for found in matches]
            anchor = counts.index(min(counts))
            # The other stems, by their distance from the anchor's token.
            others = [(k - anchor, matches[k]) for k in range(width) if k != anchor]
            positions = []
            for token in matches[anchor]:
                for position in postings[token]:
                    start = position - anchor
                    seq = seq_of[position]
                    if start < starts[seq] or start + width > starts[seq + 1]:
                        continue  # the phrase would run over the sequence's ends
                    for offset, allowed in others:
                        if flat[position + offset] not in allowed:
                            break
                    else:
                        positions.append(start)
            positions.sort()
        hits: list[Hit] = []
        make = tuple.__new__  # a Hit without the named tuple's Python-level __new__: 2x faster
        for position in positions:
            seq = seq_of[position]
            start = position - starts[seq]
            hits.append(make(Hit, (text, seq, start, start + width)))
        return hits

    def find(self, term: Term) -> list[Hit]:
        """Every occurrence of ``term``: consecutive tokens matching its stems."""
        cached = self._term_cache.get(term.text)
        if cached is not None:
            return cached
        hits: list[Hit] = []
        if term.segments:
            hits = self._find_with_gaps(term)
            hits.sort(key=_IN_TEXT_ORDER)
        elif term.stems:
            matches = [self.stem_matches(stem, term.infix and k == 0, variants)
                       for k, (stem, variants)
                       in enumerate(zip(term.stems, term.variants, strict=True))]
            hits = self._phrase_hits(term.text, matches)  # in text order already
        self._term_cache[term.text] = hits
        return hits



_VOWELS = set("aeiouy")
_OCR_GLYPHS = set("g&4d|c")


def plausible_variant(stem: str, text: str) -> bool:
    """Whether every edit from ``stem`` to ``text`` is one OCR or nynorsk makes.

    OCR misreads ø, å and æ (folded to o, a, ae) as g, e, o, a, d, & or 4, and
    j as i; nynorsk drops a j or an n ('teneste', 'utskriving') and changes
    vowels. Any other edit ('lærling' → 'læring') makes a different word.
    """
    for tag, src, dst in Levenshtein.editops(stem, text):
        if tag == "replace":
            a, b = stem[src], text[dst]
            if not ((a in _VOWELS and (b in _VOWELS or b in _OCR_GLYPHS)) or (a, b) == ("j", "i")):
                return False
        elif tag == "delete":
            if stem[src] not in "jne":
                return False
        elif text[dst] not in _VOWELS and text[dst] not in "nr":
            return False
    return True
