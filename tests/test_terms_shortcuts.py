"""The term index's shortcuts give the answers of a plain scan of the sequences.

Phrases are found by filtering the occurrences of their rarest word, and a
term's hits in one sequence are read from its hits grouped once; both are
checked here against walking every sequence word by word.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from samlint.matching.terms import Hit, TermIndex

WORDS = ["a", "b", "c", "d"]
sequences = st.lists(st.lists(st.sampled_from(WORDS), max_size=8), max_size=6)
allowed = st.lists(st.frozensets(st.sampled_from(WORDS), min_size=1), min_size=1, max_size=4)


def _plain(text: str, seqs: list[list[str]], matches: list[frozenset[str]]) -> list[Hit]:
    width = len(matches)
    return [Hit(text, seq, start, start + width)
            for seq, words in enumerate(seqs)
            for start in range(len(words) - width + 1)
            if all(words[start + k] in matches[k] for k in range(width))]


@settings(max_examples=400, deadline=None, database=None)
@given(sequences, allowed)
def test_phrase_hits_equal_a_scan_of_every_sequence(seqs: list[list[str]],
                                                    matches: list[frozenset[str]]) -> None:
    index = TermIndex(seqs)
    usable = [frozenset(token for token in found if token in index.postings)
              for found in matches]  # stem_matches only names tokens of the vocabulary
    assert index._phrase_hits("t", usable) == _plain("t", seqs, usable)


@settings(max_examples=200, deadline=None, database=None)
@given(sequences, st.sampled_from(["a", "b c", "a … d", "c d a"]))
def test_hits_in_one_sequence_are_the_sequences_share_of_all_hits(
        seqs: list[list[str]], text: str) -> None:
    from samlint.matching.terms import parse_term

    index = TermIndex(seqs)
    term = parse_term(text)
    every = index.find(term)
    for seq in range(len(seqs) + 1):
        assert index.find_in(term, seq) == [hit for hit in every if hit.seq == seq]


STEM_WORDS = ["helse", "helsetjeneste", "helsetenester", "heise", "samarbeid", "samarbeld",
              "avtale", "avtaler", "awtale", "kommune", "kommunen", "plan", "beredskapsplan"]
STEMS = [("helsetjenest", False), ("samarbeid", False), ("avtal", False), ("plan", True),
         ("kommun", False), ("helse", False)]


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.lists(st.sampled_from(STEM_WORDS), min_size=1, max_size=6), min_size=1,
                max_size=14),
       st.integers(min_value=1, max_value=4), st.integers(min_value=4, max_value=40),
       st.lists(st.integers(min_value=0, max_value=len(STEMS) - 1), min_size=1, max_size=60))
def test_stem_matches_remembered_across_indexes_equal_each_index_asked_alone(
        vocabularies: list[list[str]], chunks: int, seen: int, asked: list[int]) -> None:
    """The process-wide answers (``SEEN``), through chunk merges, resets and indexes asked
    again after newer ones, give every index exactly the matches of its own tokens."""
    from unittest import mock

    from samlint.matching import terms

    with mock.patch.object(terms, "SEEN", terms.SeenTokens()), \
            mock.patch.object(terms, "MAX_CHUNKS", chunks), \
            mock.patch.object(terms, "MAX_SEEN", seen):
        indexes = []
        questions = itertools.cycle(asked)
        for tokens in vocabularies:
            indexes.append(TermIndex([tokens]))
            for index in indexes[-3:]:  # the newest, and two older ones asked again
                # Some stems, not all: a stem's answer then lags behind the chunks.
                for stem, infix in {STEMS[next(questions)] for _ in range(3)}:
                    alone = terms.Vocabulary(set(index.postings)).matching(stem, infix)
                    assert index.stem_matches(stem, infix) == alone, (stem, index.postings)


def test_a_stem_not_asked_before_chunks_are_merged_is_asked_again_of_the_merged_tokens(
) -> None:
    from unittest import mock

    from samlint.matching import terms

    with mock.patch.object(terms, "SEEN", terms.SeenTokens()), \
            mock.patch.object(terms, "MAX_CHUNKS", 2):
        assert TermIndex([["avtale"]]).stem_matches("avtal") == {"avtale"}
        TermIndex([["avtaler"]]).stem_matches("plan")  # "avtal" is not asked: it lags
        TermIndex([["helse"]]).stem_matches("plan")  # a third chunk: the two are merged
        assert TermIndex([["avtaler", "helse"]]).stem_matches("avtal") == {"avtaler"}
