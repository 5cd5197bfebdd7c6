"""Normalising and term matching: the layer that makes bokmål, nynorsk and OCR text equal.

Verdicts must not depend on whether a text writes ø, o or an OCR 'g', or
'tjenester' or 'tenester'; and they must not be bought by matching a different
word that happens to look alike. These tests pin both sides of that.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samlint.matching import normalise
from samlint.matching.normalise import fold, sentences, tokens, words
from samlint.matching.terms import (
    MIN_FUZZY,
    Hit,
    Term,
    TermIndex,
    ocr_variants,
    parse_term,
    plausible_variant,
)


def spans(term: str, texts: list[str]) -> list[tuple[int, int, int]]:
    """(block, start, end) of every hit of ``term`` in blocks made from ``texts``."""
    index = TermIndex([tokens(text) for text in texts])
    return [(hit.seq, hit.start, hit.end) for hit in index.find(parse_term(term))]


def matches(term: str, text: str) -> bool:
    """Whether ``term`` occurs anywhere in the one block ``text``."""
    return bool(spans(term, [text]))


# ----------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ærlig Øvre Åsen", "aerlig ovre asen"),
        ("DØGNOPPHOLD", "dognopphold"),
        ("kvalitetsforbedring på tvers", "kvalitetsforbedring pa tvers"),
        ("Ærøskøbing", "aeroskobing"),
    ],
)
def test_fold_lowercases_and_folds_norwegian_letters(text: str, expected: str) -> None:
    """æ/ø/å must fold to ASCII so 'døgn' in one file equals 'dogn' in an OCR file."""
    assert fold(text) == expected


def test_fold_applies_compatibility_normalisation() -> None:
    """Ligatures from PDF text layers ('ﬁ') must read as the letters they stand for."""
    assert fold("ﬁnansiering") == "finansiering"


def test_fold_removes_soft_hyphens() -> None:
    """A soft hyphen inside a word must not split it into two tokens."""
    assert fold("samhand\u00adling") == "samhandling"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("|nnleggelse i sykehus", "innleggelse i sykehus"),
        ("Lokale |KT-løsninger", "lokale ikt-losninger"),
        ("(|ndividuell plan)", "(individuell plan)"),
    ],
)
def test_fold_reads_pipe_at_word_start_as_i(text: str, expected: str) -> None:
    """OCR reads a capital I at a word start as '|'; the word must still be found."""
    assert fold(text) == expected


def test_fold_keeps_pipe_inside_a_word() -> None:
    """Only a word-initial '|' is an OCR I; 'ja|nei' is a real separator."""
    assert fold("ja|nei") == "ja|nei"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("det er viktig & sikre gode overganger", "det er viktig a sikre gode overganger"),
        ("partene ønsker 4 bidra", "partene onsker a bidra"),
    ],
)
def test_fold_reads_ampersand_and_four_as_infinitive_marker(text: str, expected: str) -> None:
    """OCR reads the infinitive marker 'å' as '&' or '4' between words."""
    assert fold(text) == expected


def test_fold_keeps_ampersand_inside_a_word() -> None:
    """'R&D' is not an infinitive marker: only a free-standing '&' is."""
    assert fold("R&D") == "r&d"


# --------------------------------------------------------------------- tokens


def test_tokens_are_folded_words() -> None:
    """Tokens are what terms are matched against, so they must already be folded."""
    assert tokens("Kommunens Døgnplasser") == ["kommunens", "dognplasser"]


def test_tokens_split_hyphenated_compounds_and_drop_punctuation() -> None:
    """'IKT-løsninger' must give the token 'ikt' so the short term 'ikt' can match."""
    assert tokens("Helse- og omsorgstjenester, IKT-løsninger (e-helse).") == [
        "helse", "og", "omsorgstjenester", "ikt", "losninger", "e", "helse",
    ]


def test_tokens_keep_numbers() -> None:
    """Numbers in references ('delavtale 5', '§ 3-5') are tokens of their own."""
    assert tokens("§ 3-5 tredje ledd") == ["3", "5", "tredje", "ledd"]


# ------------------------------------------------------------------ sentences


def test_sentences_split_at_sentence_ends() -> None:
    """Counting sentences is how intent (one) is told from substance (two or more)."""
    assert sentences("Kommunen varsles. Sykehuset svarer! Hvem betaler? Helseforetaket.") == [
        "Kommunen varsles.", "Sykehuset svarer!", "Hvem betaler?", "Helseforetaket.",
    ]


def test_sentences_do_not_split_after_jf() -> None:
    """'jf. Helsedirektoratets …' is one sentence, not an extra one that inflates substance."""
    text = "Rutinen gjelder jf. Helsedirektoratets anbefalinger. Den evalueres årlig."
    assert sentences(text) == [
        "Rutinen gjelder jf. Helsedirektoratets anbefalinger.", "Den evalueres årlig.",
    ]


def test_sentences_do_not_split_after_nr() -> None:
    """'nr. 5' is a number, not a sentence end."""
    assert sentences("Dette følger av § 6-2 nr. 5 i loven. Neste punkt gjelder IKT.") == [
        "Dette følger av § 6-2 nr. 5 i loven.", "Neste punkt gjelder IKT.",
    ]


def test_sentences_do_not_split_after_f_eks() -> None:
    """'f.eks. Dips' continues the sentence."""
    assert sentences("Partene bruker f.eks. Dips og Gerica. Dette avtales årlig.") == [
        "Partene bruker f.eks. Dips og Gerica.", "Dette avtales årlig.",
    ]


def test_sentences_do_not_split_inside_dates() -> None:
    """'1. 3. 2025' is a date; the split comes after the year."""
    assert sentences("Avtalen gjelder fra 1. 3. 2025. Den revideres hvert år.") == [
        "Avtalen gjelder fra 1. 3. 2025.", "Den revideres hvert år.",
    ]


def test_sentences_drop_empty_parts() -> None:
    """Whitespace-only input has no sentences (an empty section is heading only)."""
    assert sentences("   \n  ") == []


# ------------------------------------------------------------ parse_term / OCR


def test_parse_term_folds_phrase_into_stems() -> None:
    """A rule term is a phrase of folded stems, one per word."""
    term = parse_term("døgnopphold for øyeblikkelig hjelp")
    assert term.stems == ("dognopphold", "for", "oyeblikkelig", "hjelp")
    assert term.infix is False
    assert len(term.variants) == len(term.stems)


def test_parse_term_star_marks_infix() -> None:
    """'*beredskap' may match inside a compound; the star is not part of the stem."""
    term = parse_term("*beredskap")
    assert term == Term("*beredskap", ("beredskap",), True, (frozenset({"beredskap"}),))


def test_parse_term_splits_hyphenated_words_like_tokens() -> None:
    """A term must split exactly as text does, or 'IKT-løsning' could never match."""
    term = parse_term("IKT-løsning")
    assert term.stems == ("ikt", "losning")
    assert term.stems == tuple(tokens("IKT-løsning"))


def test_parse_term_variants_hold_ocr_readings_of_o_slash() -> None:
    """OCR reads ø as o, g or e; each reading must be a variant of the stem."""
    term = parse_term("døgnopphold")
    assert {"dognopphold", "dggnopphold", "degnopphold"} <= term.variants[0]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("gjør", {"gjor", "gjgr", "gjer"}),
        ("år", {"ar", "dr"}),
        ("lære", {"laere", "lare", "leere", "lere"}),
        ("plan", {"plan"}),
    ],
)
def test_ocr_variants(word: str, expected: set[str]) -> None:
    """Each æ/ø/å has a fixed set of OCR readings; other letters are only folded."""
    assert ocr_variants(word) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"abøåæéäz", "\U0001f600"]), max_size=12))
def test_ocr_variants_are_the_letter_by_letter_product(word: str) -> None:
    """The product taken a run of letters at a time is the one taken a letter at a time,
    cut at the same 32 spellings."""
    from samlint.matching.terms import _CHAR_FOLD, _MAX_VARIANTS, _OCR_READINGS

    spellings = [""]
    for char in word:
        readings = _OCR_READINGS.get(char) or (char.translate(_CHAR_FOLD),)
        spellings = [s + r for s in spellings for r in readings][:_MAX_VARIANTS]
    assert ocr_variants(word) == {s for s in spellings if s}


def test_ocr_variants_are_capped() -> None:
    """A word full of ø must not blow up into thousands of spellings."""
    variants = ocr_variants("øøøøøøøø")
    assert 0 < len(variants) <= 32
    assert "oooooooo" in variants


# -------------------------------------------------------------- TermIndex.find


def test_find_matches_stem_as_word_prefix() -> None:
    """'utskriv' must find 'utskrivningsklare' and 'utskrivelse': terms are stems."""
    assert spans("utskriv", ["Utskrivningsklare pasienter", "ved utskrivelse"]) == [
        (0, 0, 1), (1, 1, 2),
    ]


def test_find_does_not_match_inside_a_word_without_star() -> None:
    """A plain stem must match at a word start only: 'beredskap' is not in 'helseberedskap'."""
    assert not matches("beredskap", "helseberedskap")


def test_find_star_term_matches_inside_compounds() -> None:
    """'*beredskap' must find both the compound and the plain word."""
    assert spans("*beredskap", ["Regional helseberedskap", "Beredskapsplanen"]) == [
        (0, 1, 2), (1, 0, 1),
    ]


def test_find_multi_word_terms_need_consecutive_words() -> None:
    """'individuell plan' is a phrase: other words between, or reversed order, is not it."""
    texts = [
        "Pasienten får individuell plan",
        "individuell og koordinert plan",
        "plan individuell",
    ]
    assert spans("individuell plan", texts) == [(0, 2, 4)]


def test_find_does_not_join_words_across_blocks() -> None:
    """A phrase split over two blocks (a heading and a paragraph) is not a phrase."""
    assert spans("individuell plan", ["Kommunen lager individuell", "plan for pasienten"]) == []


def test_find_returns_hits_in_reading_order() -> None:
    """Evidence is shown in reading order, so hits must be sorted by block and position."""
    index = TermIndex([tokens("jordmor og jordmor"), tokens("jordmødre")])
    hits = index.find(parse_term("jordmor"))
    assert [(h.seq, h.start) for h in hits] == [(0, 0), (0, 2)]
    assert all(isinstance(h, Hit) and h.term == "jordmor" for h in hits)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("tjenest", "kommunale tenester"),
        ("omsorgstjenest", "helse- og omsorgstenester"),
        ("utskrivning", "utskrivingsklare pasientar"),
        ("koordinerende", "koordinerande eining"),
        ("forebygging", "førebygging"),
    ],
)
def test_find_matches_nynorsk_forms(term: str, text: str) -> None:
    """Nynorsk drops a j or n and changes vowels; the bokmål stem must still match."""
    assert matches(term, text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("døgnopphold", "kommunalt dggnopphold"),
        ("døgnopphold", "kommunalt degnopphold"),
        ("øyeblikkelig hjelp", "gyeblikkelig hjelp"),
        ("øyeblikkelig hjelp", "eyeblikkelig hjelp"),
        ("gjør", "hvem gjgr hva"),
        ("lærlinger", "larlinger"),
    ],
)
def test_find_matches_ocr_forms(term: str, text: str) -> None:
    """Scanned agreements read ø as g or e and æ as a; the term must still be found."""
    assert matches(term, text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("lærling", "læring og mestring"),
        ("hospiter", "kospitering"),
        ("ikt", "ikke"),
        ("kad", "kan"),
        ("behandling", "behandming"),
        ("jordmor", "jordbor"),
    ],
)
def test_find_does_not_match_a_different_word(term: str, text: str) -> None:
    """Fuzziness is for OCR and nynorsk only: a different word must not match."""
    assert not matches(term, text)


def test_short_stems_are_not_matched_fuzzily() -> None:
    """Below MIN_FUZZY letters one edit makes another word, so only exact prefixes count."""
    assert len("kad") < MIN_FUZZY
    index = TermIndex([tokens("kan kat kade")])
    assert index.stem_matches("kad") == frozenset({"kade"})


def test_two_edits_only_for_long_stems() -> None:
    """A seven-letter stem allows one edit, so 'tenaster' (two) is not 'tjenest'."""
    assert matches("tjenest", "tenester")
    assert not matches("tjenest", "tenaster")
    assert matches("omsorgstjenest", "omsorgstenaster")


# ---------------------------------------------------------- plausible_variant


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("tjenest", "tenest"),
        ("utskrivning", "utskriving"),
        ("oyeblikkelig", "gyeblikkelig"),
        ("dognopphold", "dggnopphold"),
        ("koordinerende", "koordinerande"),
        ("tjenest", "tienest"),
        ("samarbeid", "samarbeid"),
    ],
)
def test_plausible_variant_accepts_ocr_and_nynorsk_edits(stem: str, text: str) -> None:
    """Vowel changes, OCR glyphs for vowels, dropped j/n/e, and j→i are spelling, not words."""
    assert plausible_variant(stem, text)


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("laerling", "laering"),
        ("behandling", "behandming"),
        ("samarbeid", "samarbeids"),
        ("hospiter", "hospitel"),
    ],
)
def test_plausible_variant_rejects_other_edits(stem: str, text: str) -> None:
    """Dropping an l, or changing or adding a consonant, makes a different word."""
    assert not plausible_variant(stem, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"abcz09 AZæøåé-–§.,\t\n|\u00ad\U0001f600",
                                         chr(0xD800)]), max_size=40) | st.text(max_size=40))
def test_words_are_the_runs_of_letters_a_to_z_and_digits(text: str) -> None:
    """The byte translation splits exactly where the regex of the runs would."""
    assert words(text) == re.findall(r"[a-z0-9]+", text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*" \t\n\u00a0&4aøB.|", "\u00ad", "\ufb01"]),
               max_size=30))
def test_folding_reads_an_ocr_aa_exactly_where_a_space_stands_before_it(text: str) -> None:
    """«&» or «4» between spaces before a word is an OCR'd «å»; the pattern that finds it
    looks back for the space after the character, and finds the same ones."""
    looked_back_first = re.compile(r"(?<=\s)[&4](?=\s+[a-zæøå])")
    assert normalise._OCR_AA.sub("a", text) == looked_back_first.sub("a", text)


def _sentences_merged_always(text: str) -> list[str]:
    """``sentences`` without its shortcut for a text of one part."""
    merged: list[list[str]] = []
    for part in normalise._SENTENCE_SPLIT.split(text.strip()):
        if merged and normalise._ends_short(merged[-1][-1]):
            merged[-1].append(part)
        else:
            merged.append([part])
    return [s for s in (" ".join(pieces).strip() for pieces in merged) if s]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*" \t\n.!?«(Aa1", "jf.", "nr.", "Se "]), max_size=20)
       .map("".join))
def test_a_block_of_one_sentence_is_split_as_any_other(text: str) -> None:
    assert sentences(text) == _sentences_merged_always(text)
