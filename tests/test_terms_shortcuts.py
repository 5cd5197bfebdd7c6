"""The term index's shortcuts give the answers of a plain scan of the sequences.

Phrases are found by filtering the occurrences of their rarest word, and a
term's hits in one sequence are read from its hits grouped once; both are
checked here against walking every sequence word by word.
"""

from __future__ import annotations

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
