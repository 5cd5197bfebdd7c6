"""Long blocks: a page flattened onto one line is many paragraphs, not one.

A text export or a web transcript can put a whole page of an agreement on
one line, headings and all. Judged as one block, its sentences about
admission would lend substance to discharge, preparedness and everything
else its terms touch. So a block of many sentences is read sentence by
sentence: a sentence is about a rule when it uses one of the rule's terms,
or follows such a sentence closely with no other point's topic named in
between (the next inline heading ends the run).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from samlint.documents.model import BlockKind
from samlint.matching.corpus import Corpus
from samlint.matching.terms import Hit, Term, TermIndex, parse_term
from samlint.rules import Rule

LONG_BLOCK = 4  # sentences; a block this long is judged sentence by sentence
WINDOW_AFTER = 2  # sentences after a term that still speak of it
DENSE_WINDOW = 3  # consecutive sentences that must hold a rule's terms between them


def sentence_hits(corpus: Corpus) -> SentenceHits:
    """The run's ``SentenceHits``, made on first use and kept with the corpus."""
    found = corpus.extras.get("sentence_hits")
    if found is None:
        found = corpus.extras["sentence_hits"] = SentenceHits(corpus)
    return found


class SentenceView:
    """The sentences of one block as a term index, answered from the agreement's index.

    ``starts``: where each sentence's words start among the block's, and
    their total at the end. A hit that runs over a sentence end is no hit
    in either sentence, as a phrase is only found within a sequence.
    """

    __slots__ = ("_index", "_seq", "_starts")

    def __init__(self, index: TermIndex, seq: int, starts: list[int]) -> None:
        self._index, self._seq, self._starts = index, seq, starts

    def find(self, term: Term) -> list[Hit]:
        """Every occurrence of ``term`` in the block, by sentence, in text order."""
        starts = self._starts
        out: list[Hit] = []
        for hit in self._index.find_in(term, self._seq):
            sentence = bisect_right(starts, hit.start) - 1
            offset = starts[sentence]
            if hit.end <= starts[sentence + 1]:
                out.append(Hit(hit.term, sentence, hit.start - offset, hit.end - offset))
        return out


class SentenceHits:
    """Per block of many sentences: which terms each sentence holds, found once per run."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._indexes: dict[int, TermIndex | SentenceView] = {}
        self._found: dict[tuple[int, str], list[set[str]]] = {}
        self._present: dict[tuple[str, ...], dict[int, tuple[str, ...]]] = {}

    def is_long(self, seq: int) -> bool:
        """A block of many sentences; a table row is a unit of its own, however long."""
        return (self.corpus.blocks[seq].kind != BlockKind.TABLE_ROW
                and self.corpus.sentence_count(seq) >= LONG_BLOCK)

    def index(self, seq: int) -> TermIndex | SentenceView:
        """Block ``seq``'s sentences as a term index (one sequence per sentence).

        The sentences' words are nearly always the block's words cut into
        runs; then the block's hits in the agreement's index, cut at the
        sentence ends, are the sentences' hits, and no index is built.
        """
        index = self._indexes.get(seq)
        if index is None:
            sentences = self.corpus.sentences(seq)
            starts = list(accumulate((len(sentence.words) for sentence in sentences),
                                     initial=0))
            block_words = self.corpus.index.sequences[seq]
            if len(block_words) == starts[-1] and list(block_words) == [
                    word for sentence in sentences for word in sentence.words]:
                index = SentenceView(self.corpus.index, seq, starts)
            else:  # folding a sentence alone changed its words ("4 dager" opening it)
                index = TermIndex([sentence.words for sentence in sentences],
                                  within=self.corpus.index)
            self._indexes[seq] = index
        return index

    def opens(self, seq: int, terms: set[str] | tuple[str, ...], within: int) -> bool:
        """Whether a sentence of block ``seq`` uses one of ``terms`` in its first words."""
        index = self.index(seq)
        sentences = self.corpus.sentences(seq)
        for term in terms:
            for hit in index.find(parse_term(term.lstrip("="))):
                before = sentences[hit.seq].words[:hit.start]
                if sum(1 for word in before if not word.isdigit()) < within:
                    return True  # numbering ("3 3.6") does not count as words
        return False

    def terms(self, seq: int, key: str, terms: tuple[str, ...],
              exclude: tuple[str, ...] = ()) -> list[set[str]]:
        """For each sentence of block ``seq``, which ``terms`` it uses (``key`` names the set)."""
        found = self._found.get((seq, key))
        if found is not None:
            return found
        index = self.index(seq)
        if isinstance(index, SentenceView):  # hits cut from the block's: only the terms
            # the block holds can be in its sentences (a rule has up to a hundred terms)
            terms, exclude = self.present(terms, seq), self.present(exclude, seq)
        excluded: dict[int, list[tuple[int, int]]] = {}
        for phrase in exclude:
            for hit in index.find(parse_term(phrase)):
                excluded.setdefault(hit.seq, []).append((hit.start, hit.end))
        found = [set() for _ in self.corpus.sentences(seq)]
        for text in terms:
            for hit in index.find(parse_term(text.lstrip("="))):
                spans = excluded.get(hit.seq, ())
                if not any(start < hit.end and hit.start < end for start, end in spans):
                    found[hit.seq].add(text)
        self._found[(seq, key)] = found
        return found

    def present(self, terms: tuple[str, ...], seq: int) -> tuple[str, ...]:
        """Those of ``terms`` that occur in block ``seq`` (in the agreement's index, where
        every term was looked for once already), in their order."""
        found = self._present.get(terms)
        if found is None:
            blocks: dict[int, list[str]] = {}
            for text in terms:
                for hit in self.corpus.index.find(parse_term(text.lstrip("="))):
                    here = blocks.setdefault(hit.seq, [])
                    if not here or here[-1] != text:  # a term's hits come in text order
                        here.append(text)
            found = self._present[terms] = {seq: tuple(named) for seq, named in blocks.items()}
        return found.get(seq, ())

    def own_terms(self, seq: int, rule: Rule) -> list[set[str]]:
        """For each sentence of block ``seq``, which of the rule's own terms it uses."""
        return self.terms(seq, rule.id, rule.terms + rule.headings, rule.exclude)

    def about(self, seq: int, rule: Rule, boundaries: tuple[str, ...],
              on_topic: bool = False) -> list[int]:
        """The sentences of a long block that speak of the rule (see the module docstring).

        ``boundaries`` are the heading terms of the pack's other rules: a
        sentence that names another point ends the run of the one before.
        ``on_topic``: a heading above names the rule, so the block starts on
        its topic and stays there until another point is named.
        """
        own = self.own_terms(seq, rule)
        other = self.terms(seq, f"others:{rule.pack}:{rule.id}", boundaries)
        keep: list[int] = []
        since = 0 if on_topic else WINDOW_AFTER + 1
        for position, terms in enumerate(own):
            if terms:
                since = 0
            elif other[position]:
                since = WINDOW_AFTER + 1
                on_topic = False
            elif not on_topic:
                since += 1
            if since <= WINDOW_AFTER:
                keep.append(position)
        return keep

    def dense(self, seq: int, rule: Rule, needed: int) -> bool:
        """Whether some run of ``DENSE_WINDOW`` sentences holds ``needed`` distinct terms."""
        own = self.own_terms(seq, rule)
        for start in range(max(1, len(own) - DENSE_WINDOW + 1)):
            window: set[str] = set()
            for terms in own[start:start + DENSE_WINDOW]:
                window |= terms
            if len(window) >= needed:
                return True
        return False
