"""Language data (matching.language, rules/language.yaml): loaded, extended by a
pack, and used by the matcher instead of words in the code."""

from __future__ import annotations

import pickle
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from samlint.matching.language import Language, merged
from samlint.matching.normalise import contains_any
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import LawText, default_language
from samlint.rules import builtin_language_data


def test_the_builtin_language_compiles_and_round_trips_through_pickle() -> None:
    language = default_language()
    assert "partene" in language.filler
    assert language.numbered_document.search("se delavtale 5")
    back = pickle.loads(pickle.dumps(language))
    assert back == language and back.filler == language.filler


def test_an_extension_adds_to_lists_and_patterns_and_replaces_words() -> None:
    base = builtin_language_data()
    data = merged(merged(base, {}), {
        "filler_words": "tja",
        "documents": {"numbered": ["protokoll"], "deferral": r"\bifolge\b"},
        "words": {"and": "samt"},
    })
    language = Language(data)
    assert "tja" in language.filler and "partene" in language.filler
    assert language.numbered_document.search("protokoll 3")
    assert language.numbered_document.search("delavtale 3")
    assert language.deferral.search("ifolge planen") and language.deferral.search("se planen")
    assert language.join(["a", "b", "c"]) == "a, b samt c"
    assert language.join(["a", "b"], language.or_word) == "a eller b"


def test_patterns_written_over_several_lines_are_joined_without_spaces() -> None:
    language = default_language()
    assert " " not in language.deferral.pattern.replace(r"\s", "")[:40]
    assert re.compile(language.external.pattern)


def test_a_document_noun_of_a_pack_makes_its_references_dangling() -> None:
    language = Language(merged(builtin_language_data(), {
        "documents": {"numbered": ["protokoll"], "numbered_cues": ["protokoll"]}}))
    builtin = ReferenceResolver([])
    extended = ReferenceResolver([], language)
    assert builtin.unresolved_reference("Se protokoll 7.") == ""
    assert extended.unresolved_reference("Se protokoll 7.") == "«protokoll 7»"


def test_filler_words_decide_what_restates_the_law() -> None:
    law = "samarbeid om jordmortjenester"
    sentence = tuple("partene skal ha samarbeid om jordmortjenester jf loven".split())
    assert LawText(law).restates(sentence)
    fewer = Language(merged(builtin_language_data(), {}))
    fewer.filler = frozenset()  # no filler at all: every word is the parties' own
    assert not LawText(law, fewer).restates(sentence)


def test_contains_any_is_a_substring_test() -> None:
    assert contains_any("delavtalen", ("avtal", "zzz"))
    assert not contains_any("vedlegg", ("avtal",))
    assert not contains_any("", ("a",))


def test_a_reference_after_letters_that_fold_longer_is_quoted_whole() -> None:
    """«æ» folds to «ae»: the quoted name must not lose its first letter («elavtale 6»)."""
    from samlint.matching.normalise import fold
    from samlint.matching.references import sentence_fragment

    for sentence in ("Særlige vilkår for læretid følger av delavtale 6.",
                     "Nærare reglar står i delavtale 6."):
        folded = fold(sentence)
        start = folded.index("delavtale 6")
        assert sentence_fragment(sentence, start, start + len("delavtale 6")) == "«delavtale 6»"


# Pieces of terms: bokmål spellings the variants change, and letters they leave alone.
_PIECES = [*(pair.partition(">")[0].strip().rstrip("$")
             for pair in builtin_language_data()["term_variants"]), "a", "e", "k", "n", " ", "-"]


def _variants_one_by_one(language: Language, terms: tuple[str, ...]) -> tuple[str, ...]:
    """``with_variants`` as a plain loop over every variant and term (no shortcut)."""
    out = list(terms)
    seen = set(out)
    for term in terms:
        spellings = [term.lower()]
        for pattern, nynorsk in language.term_variants:
            spellings += [pattern.sub(nynorsk, text) for text in spellings if pattern.search(text)]
        for text in spellings[1:]:
            if text not in seen:
                seen.add(text)
                out.append(text)
    return tuple(out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join),
                min_size=1, max_size=6).map(tuple))
def test_nynorsk_spellings_are_the_same_as_trying_every_variant_on_every_term(
        terms: tuple[str, ...]) -> None:
    """Terms that no variant changes are skipped at once; the spellings stay the same."""
    language = default_language()
    assert language.with_variants(terms) == _variants_one_by_one(language, terms)


def test_every_builtin_term_gets_the_same_nynorsk_spellings_as_by_trying_every_variant() -> None:
    from samlint.rules import builtin_rule_files, load_rule_files

    language = default_language()
    for rule in load_rule_files(builtin_rule_files()):
        terms = tuple(dict.fromkeys(t for t in rule.terms + rule.headings))
        assert language.with_variants(terms) == _variants_one_by_one(language, terms)


def test_a_sentence_that_tells_what_the_law_says_is_restated_law() -> None:
    from samlint.matching.guidance import is_guidance, may_hold_guidance
    from samlint.matching.normalise import fold

    language = default_language()
    told = ["Etter loven har kommunen ansvaret for legevakt hele døgnet.",
            "I henhold til lova skal helseføretaket rettleie kommunen.",
            "Loven krever at avtalen omfatter samarbeid om barn og unge.",
            "Lova krev at partane har ein plan for beredskap."]
    for sentence in told:
        assert is_guidance(sentence, fold(sentence), language), sentence
        block = "Kommunen har fire senger. " + sentence  # not the block's first sentence
        assert may_hold_guidance(fold(block), block.lower(), language), block
    agreed = "Kommunen varsler fylkeslegen etter loven innen en uke."
    assert not is_guidance(agreed, fold(agreed), language)
