"""Cue prefilters (``matching.cues``): the literals are right, and a Cue answers as its regex.

A wrong literal would make a cue miss text its regex matches: a sentence of
intent graded as substance, page furniture read as agreement text. So the
answers are compared with the plain alternation on the built-in language
data, on sentences made from the cues' own words.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samlint.matching.cues import (
    Cue,
    Literals,
    anchored_literals,
    compiled_from,
    cues,
    required_literals,
    word_runs,
)
from samlint.matching.pattern_literals import trie_pattern
from samlint.matching.restatement import default_language


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\btranskrip\w*\b", {"transkrip"}),
    (r"@[\w-]+\.(?:no|com)\b", {".no", ".com"}),
    (r"\be-?post\s*:", {"e-post", "epost"}),
    (r"\bsid[ae]\b", {"sida", "side"}),
    (r"\d", set("0123456789")),
    (r"\b\w+(?:loven|lova)\b", {"loven", "lova"}),
    (r"(?:ab)+c", {"ab"}),
    (r"\.{4,}\s*\d+\s*$", {"...."}),
    (r"\bskal\s+(?:ikke\s+)?gjøre", {"gjøre"}),
    (r"^\W*(?:for|pa\s+vegne\s+av)\s+\w+", {"for", "vegne"}),
])
def test_required_literals(pattern: str, expected: set[str]) -> None:
    assert required_literals(pattern) == frozenset(expected)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bi\s+ar\b", {"\x02ar\x03"}),  # a whole word: passes "i år", not "arbeid"
    (r"\bper\s+ar\b", {"\x02per\x03"}),  # the longer of the two
    (r"\bfor\w*", {"\x02for"}),  # a word's start
    (r"\w+loven\b", {"loven\x03"}),  # a word's end: still looked for anywhere in a word
    (r"\btranskrip", {"\x02transkrip"}),
    (r"\be-?post\s*:", {"\x02e-post", "\x02epost"}),
    (r"^\W*(?:forrige|neste)\W*$", {"forrige", "neste"}),  # \W* may be empty: no boundary
    (r"\bskal\s+(?:ikke\s+)?gjøre", {"gjøre"}),  # the longer literal, boundaries or not
])
def test_anchored_literals_say_where_in_a_word_they_stand(pattern: str,
                                                         expected: set[str]) -> None:
    assert anchored_literals(pattern) == frozenset(expected)


def test_a_text_without_words_is_scanned_for_the_literals_that_span_words() -> None:
    """The first text asked may hold no word at all (a dot leader): the scan is made
    before it is read, not with the first word."""
    assert Cue([r"\.{4,}\s*\d*\s*$"]).search("........") is not None
    scanner = Literals()
    dots = scanner.register(frozenset({"...."}))
    assert scanner.passing("....") == {dots}
    later = scanner.register(frozenset({"**"}))
    assert scanner.passing("** ....") == {dots, later}


def test_a_whole_word_or_a_word_start_passes_only_there() -> None:
    scanner = Literals()
    whole = scanner.register(frozenset({"\x02ar\x03"}))
    start = scanner.register(frozenset({"\x02for"}))
    assert scanner.passing("per ar") == {whole}
    assert scanner.passing("arbeid og samarbeid") == frozenset()
    assert scanner.passing("forvaltning") == {start}
    assert scanner.passing("forvaltning hvert ar") == {whole, start}
    assert scanner.passing("helseforetak") == frozenset()


@pytest.mark.parametrize("pattern", [r"\w+", r"a|\w+", r"(?i)kommune", r"(?:abc)?", r"x*",
                                     r"[^a]"])
def test_no_literals_when_a_match_needs_no_fixed_text(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_a_malformed_pattern_is_an_error_as_in_re() -> None:
    with pytest.raises(re.error):
        Cue([r"(?:unclosed"])


def test_literals_finds_overlapping_and_nested_strings() -> None:
    scanner = Literals()
    first = scanner.register(frozenset({"dokument"}))
    second = scanner.register(frozenset({"dokumentet", "post"}))
    third = scanner.register(frozenset({"ment"}))
    assert scanner.passing("dokumentet") == {first, second, third}
    assert scanner.passing("et dokument") == {first, third}
    assert scanner.passing("e-post") == {second}
    assert scanner.passing("ingenting") == frozenset()


def test_literals_are_read_word_by_word_and_across_words() -> None:
    """A one-word literal is found inside any word, a word seen before is not scanned
    again, and a literal with other characters is found across words."""
    scanner = Literals()
    inside = scanner.register(frozenset({"ar"}))
    across = scanner.register(frozenset({"e-post", "tlf."}))
    assert scanner.passing("hvert år i sikte") == frozenset()  # fold() makes «år» «ar»
    assert scanner.passing("hvert ar") == {inside}
    assert scanner.passing("ring tlf. 5 eller send e-post") == {across}
    assert scanner.passing("postkassa tlf") == frozenset()
    assert scanner.passing("sparer e-posten") == {inside, across}
    assert "sparer" in scanner._words and "e" in scanner._words  # remembered per word


def test_search_runs_only_alternatives_whose_literals_occur() -> None:
    cue = Cue([r"\bside\s+\d+", r"\blogo\b", r"\d{4}"])
    assert cue.search("se side 4 av 9").group(0) == "side 4"
    assert cue.search("firmalogo") is None
    assert cue.search("i 2024, se side 3").group(0) == "2024"  # the leftmost, as re does
    assert cue.findall("side 1 og side 2") == ["side 1", "side 2"]
    assert cue.match("logo her") is not None and cue.fullmatch("logo") is not None
    assert list(cue.finditer("ingen")) == []


LANGUAGE = default_language()
WORDS = sorted({word for cue in LANGUAGE.sentence_cues.values()
                for word in re.findall(r"[a-z]{2,}", cue.pattern)})
FILLER = ["og", "kommunen", "skal", "1.", "2", "|", ":", "-", "«", ".", "@", "www.", "side",
          "av", "3", "helseforetaket", "partene", "(", ")", "[", "]", "…"]
sentence_texts = st.lists(st.sampled_from(WORDS + FILLER), min_size=1, max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(sentence_texts)
def test_every_sentence_cue_answers_as_its_alternation(text: str) -> None:
    for cue in LANGUAGE.sentence_cues.values():
        plain = cue.joined
        found, expected = cue.search(text), plain.search(text)
        assert (found is None) == (expected is None), (cue.pattern[:60], text)
        if found is not None:
            assert found.span() == expected.span(), (cue.pattern[:60], text)
        assert cue.findall(text) == plain.findall(text)
        for mine, theirs in ((cue.match(text), plain.match(text)),
                             (cue.fullmatch(text), plain.fullmatch(text))):
            assert (mine and mine.span()) == (theirs and theirs.span()), (cue.pattern[:60], text)


@pytest.mark.parametrize("text", [r"\bside\s+(?P<n>\d+)", r"(?i)logo|(a)(?:b)\1", r"(?s).",
                                  r"(?x) a b # c", r"[^\W\d_]{2,}$"])
def test_a_cue_compiled_from_its_parse_is_the_pattern_re_compiles(text: str) -> None:
    """Each alternative is read once, for its literals, and compiled from that reading:
    the pattern is equal to re's own (text, flags and code), groups and all."""
    from re import _parser

    made = compiled_from(text, _parser.parse(text))
    assert made == re.compile(text)
    assert (made.groups, made.groupindex) == (re.compile(text).groups,
                                               re.compile(text).groupindex)
    for cue in LANGUAGE.sentence_cues.values():
        for number, alternative in cue._texts.items():
            assert cue._pattern(number) == re.compile(alternative)


def _trie_text(literals: list[str]) -> str:
    """The scan's regex as text: the longest of ``literals`` at a position."""
    root: dict[str, dict] = {}
    for literal in literals:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*"abcø_9"]), min_size=1, max_size=6),
                min_size=1, max_size=12))
def test_a_scan_built_as_re_s_tree_is_the_pattern_re_compiles(literals: list[str]) -> None:
    """The scans are built as the parse of their text, not read from it: the same
    pattern (text, flags and code) as re.compile of that text."""
    literals = sorted(set(literals))
    text = _trie_text(literals)
    assert trie_pattern(literals, ahead=True) == re.compile(f"(?=({text}))")
    assert trie_pattern(literals, ahead=False) == re.compile(f"({text})")


def test_the_language_data_s_scans_are_the_patterns_re_compiles() -> None:
    scanner = next(iter(LANGUAGE.sentence_cues.values()))._scanner
    scanner.compile()
    for scan, ahead in ((scanner._scan, True), (scanner._start_scan, False)):
        text = _trie_text(sorted(scanner._served if ahead else scanner._starts))
        assert scan == re.compile(f"(?=({text}))" if ahead else f"({text})")


def test_cues_made_together_share_one_scan() -> None:
    made = cues({"a": [r"\bkontakt\s+oss\b"], "b": [r"\boss\b", r"\d"]})
    assert made["a"].search("kontakt oss i dag")
    assert made["b"].search("kontakt oss i dag").group(0) == "oss"
    assert made["b"].search("rom 12").group(0) == "1"
    assert made["a"].search("rom 12") is None


def test_preparing_the_rules_compiles_their_cues_before_children_are_forked() -> None:
    from samlint.matching import prepare_rules
    from samlint.rules import default_rule_files, load_rule_files

    rules = load_rule_files(default_rule_files())
    prepare_rules(rules)
    for cue in rules[0].language.sentence_cues.values():
        assert len(cue._compiled) == len(cue._texts)  # each alternative, once, here
        assert cue._scanner._scan is not None


def test_a_sentence_is_classified_only_when_asked() -> None:
    from samlint.matching.analysis import analyse
    from samlint.matching.references import ReferenceResolver
    from samlint.matching.sentences import SentenceClass

    resolver = ReferenceResolver([], LANGUAGE)
    first, second = analyse("Formålet er godt samarbeid. Kommunen sender epikrise innen to "
                            "dager.", resolver)
    assert first._kind is None and second._kind is None
    assert first.kind == SentenceClass.INTENT
    assert second._kind is None and second.procedural and second.kind == SentenceClass.SUBSTANCE


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"abZ09_ -.,\t\x0b\x1c\x1f|«»–é", "\U0001f600"]),
               max_size=40) | st.text(max_size=40))
def test_word_runs_are_the_regex_s_runs_of_word_characters(text: str) -> None:
    """ASCII texts are split by a byte translation: the same runs as ``\\w+`` finds."""
    assert word_runs(text) == re.findall(r"\w+", text)


def test_a_python_whose_re_internals_were_not_tested_compiles_the_text_as_usual(
        monkeypatch) -> None:
    import re

    from samlint.matching import pattern_literals

    text = r"\b(?:revideres|oppdateres)\s+(\w+)"
    monkeypatch.setattr(pattern_literals, "OWN_COMPILE", False)
    assert pattern_literals.compiled_from(text, None) == re.compile(text)
    found = pattern_literals.trie_pattern(["avtale", "avtalen", "plan"], ahead=True)
    assert found == re.compile(found.pattern)
    assert found.findall("planavtalen") == ["plan", "avtalen"]
