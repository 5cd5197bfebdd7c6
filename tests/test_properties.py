"""Property-based tests (hypothesis): the matcher never raises, and verdicts are stable.

Agreements arrive as OCR output, copy-paste from web pages and exports from
odd tools, so the normaliser and the matcher must take *any* Unicode –
lone surrogates, control characters, bidirectional marks, a 100,000-letter
"word" – without raising. And a verdict must not move when a scanned copy
garbles some letters, nor when the files of a set are listed in another
order.

Runtime is kept to a few seconds per property (``max_examples`` below), and
the hypothesis database is off so a test run writes nothing into the
repository.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Sequence
from pathlib import Path

import own_agreement
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samlint.documents import Block, BlockKind, Document, DocumentError, read_document
from samlint.matching import check_agreement
from samlint.matching.normalise import fold, sentences, tokens
from samlint.results import RuleResult
from samlint.rules import Rule, default_rule_files, load_rule_files

# SAMLINT_PROPERTY_SCALE=20 runs twenty times as many examples (a long search, by hand).
SCALE = max(1, int(os.environ.get("SAMLINT_PROPERTY_SCALE", "1")))
QUICK = settings(max_examples=300 * SCALE, deadline=None, database=None)
SLOW = settings(max_examples=50 * SCALE, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    files = default_rule_files()
    if not files:
        pytest.skip("rules/hol-6-2.yaml does not exist yet")
    return load_rule_files(files)


# ------------------------------------------------------------------ hostile text

# Characters that break naive text code: bidi controls, zero-width and soft
# hyphens, PDFium's U+FFFE, BOM, NUL and other C0/C1 controls, line and
# paragraph separators, combining marks, and the letters the folder rewrites.
NASTY = ("\u200f\u200e\u202e\u202d\u2066\u2069\u200b\u200c\u200d\u00ad\ufffe\ufeff\ufffd"
         "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029\u0301\u0308\u030a"
         "æøåÆØÅ|&4-–—.!?:;«»()\t\r\n ")

any_character = st.characters(exclude_categories=())  # surrogates included
nasty_character = st.sampled_from(NASTY)
huge_word = st.builds(lambda letter, count: letter * count,
                      st.sampled_from("aæIø|x-"), st.integers(1_000, 100_000))
hostile_text = st.lists(
    st.one_of(st.text(any_character, max_size=40), st.text(nasty_character, max_size=20),
              huge_word, st.sampled_from(["Se delavtale 5.", "§ 6-2 nr. 4", "IKT-løsninger",
                                          "I|nnleggelse", "utskriv-\nningsklar"])),
    max_size=8,
).map("".join)


@QUICK
@given(hostile_text)
def test_fold_never_raises_and_is_lower_case(text: str) -> None:
    folded = fold(text)
    assert folded == folded.lower() or not folded.isascii()


@QUICK
@given(hostile_text)
def test_tokens_never_raise_and_are_ascii_words(text: str) -> None:
    assert all(re.fullmatch(r"[a-z0-9]+", token) for token in tokens(text))


@QUICK
@given(hostile_text)
def test_sentences_never_raise_and_are_trimmed(text: str) -> None:
    assert all(s and s == s.strip() for s in sentences(text))


block_kind = st.sampled_from(list(BlockKind))


@st.composite
def documents(draw: st.DrawFn) -> list[Document]:
    """One to three documents of arbitrary blocks, built directly (no reader in between)."""
    out = []
    for number in range(draw(st.integers(1, 3))):
        texts = draw(st.lists(hostile_text, min_size=0, max_size=6))
        blocks = []
        for line, text in enumerate(texts, 1):
            kind = draw(block_kind)
            blocks.append(Block(text=text, kind=kind, line=line,
                                page=draw(st.none() | st.integers(1, 5)),
                                level=draw(st.integers(1, 4)) if kind is BlockKind.HEADING else 0))
        out.append(Document(path=Path(f"dok{number}.txt"), display=f"dok{number}.txt",
                            blocks=blocks, furniture=draw(st.lists(hostile_text, max_size=2))))
    return out


@SLOW
@given(documents())
def test_check_agreement_never_raises_on_arbitrary_blocks(rules: list[Rule],
                                                          docs: list[Document]) -> None:
    results = check_agreement(docs, rules)
    assert [r.rule_id for r in results] == [rule.id for rule in rules]


@SLOW
@given(hostile_text, st.sampled_from([".txt", ".md"]),
       st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_text_files_with_arbitrary_text_read_or_fail_cleanly_and_never_break_matching(
    tmp_path_factory: pytest.TempPathFactory, rules: list[Rule], text: str, suffix: str,
    encoding: str,
) -> None:
    """Written as a file (lone surrogates passed through as bytes), read, then judged."""
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    path = tmp_path_factory.mktemp("tekst") / f"avtale{suffix}"
    path.write_bytes(text.encode(encoding, errors))
    try:
        document = read_document(path, path.name)
    except DocumentError as exc:
        assert exc.code in {"empty", "corrupt"}, exc.message
        return
    assert len(check_agreement([document], rules)) == len(rules)


# ------------------------------------------------------------------- OCR noise

# How OCR misreads the Norwegian letters (see matching/normalise.py): each is
# replaced, with probability P_LETTER, by one of these readings.
OCR_READINGS = {"æ": ("ae", "a", "ee"), "ø": ("o", "e", "g"), "å": ("a", "aa"),
                "Æ": ("AE", "A", "EE"), "Ø": ("O", "E", "G"), "Å": ("A", "AA")}
P_LETTER = 0.5
P_PIPE = 0.1  # 'I' at the start of a word read as '|'
P_HYPHEN = 0.15  # a word of 10+ letters broken over two lines with a hyphen
LONG_WORD = re.compile(r"\b[^\W\d_]{10,}\b")


def ocr_noise(text: str, rng: random.Random) -> str:
    """The noise model of a scanned agreement's text layer (probabilities above)."""
    letters = [rng.choice(OCR_READINGS[c]) if c in OCR_READINGS and rng.random() < P_LETTER
               else c for c in text]
    text = "".join(letters)
    text = re.sub(r"(?<!\w)I", lambda m: "|" if rng.random() < P_PIPE else "I", text)

    def hyphenate(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= P_HYPHEN:
            return word
        cut = rng.randint(3, len(word) - 3)
        return f"{word[:cut]}-\n{word[cut:]}"

    return LONG_WORD.sub(hyphenate, text)


def verdicts(results: Sequence[RuleResult]) -> list[tuple[str, str, str | None]]:
    return [(r.rule_id, r.status.value, r.weak_kind) for r in results]


def judge_text(directory: Path, name: str, text: str, rules: list[Rule]) -> list[RuleResult]:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return check_agreement([read_document(path, name)], rules)


@pytest.fixture(scope="module")
def clean_verdicts(tmp_path_factory: pytest.TempPathFactory,
                   rules: list[Rule]) -> list[tuple[str, str, str | None]]:
    clean = verdicts(judge_text(tmp_path_factory.mktemp("ren"), "avtale.txt",
                                own_agreement.text(), rules))
    assert all(status == "covered" for _id, status, _kind in clean), clean  # the premise
    return clean


@SLOW
@given(st.integers(0, len(own_agreement.SECTIONS) - 1), st.randoms(use_true_random=False))
def test_ocr_noise_in_a_covered_section_does_not_change_any_verdict(
    tmp_path_factory: pytest.TempPathFactory, rules: list[Rule],
    clean_verdicts: list[tuple[str, str, str | None]], index: int, rng: random.Random,
) -> None:
    """Noise of realistic density in one section: æ/ø/å misread with p = 0.5 each, 'I' at a
    word start read as '|' with p = 0.1, and each word of 10+ letters hyphenated across a
    line end with p = 0.15. Heading and body of the section are both garbled."""
    sections = list(own_agreement.SECTIONS)
    rule_id, heading, body = sections[index]
    noisy = (rule_id, ocr_noise(heading, rng), ocr_noise(body, rng))
    sections[index] = noisy
    results = judge_text(tmp_path_factory.mktemp("stoy"), "skannet.txt",
                         own_agreement.text(sections), rules)
    assert verdicts(results) == clean_verdicts, noisy


def test_the_noise_model_really_garbles() -> None:
    """Guard against a vacuous property: the model changes text at the stated rates."""
    rng = random.Random(7)
    body = " ".join(body for _id, _heading, body in own_agreement.SECTIONS)
    noisy = ocr_noise(body, rng)
    letters = sum(body.count(c) for c in OCR_READINGS)
    kept = sum(noisy.count(c) for c in OCR_READINGS)
    assert 0.35 < 1 - kept / letters < 0.65
    assert "-\n" in noisy


# ----------------------------------------------------------------- file order


@st.composite
def agreement_sets(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[int]]:
    """3–5 files: the sections dealt out among them, some turned weak, plus a permutation.

    Weak variants give the order something to get wrong: a rule that is
    covered in one file and only a heading, a declaration of intent or a
    dangling reference in another must be judged by the best, wherever it is.
    """
    count = draw(st.integers(3, 5))
    sections = own_agreement.SECTIONS
    owner = draw(st.lists(st.integers(0, count - 1), min_size=len(sections),
                          max_size=len(sections)))
    for index in range(count):  # every file gets at least one section
        owner[index] = index
    files: list[list[tuple[str, str, str]]] = [[] for _ in range(count)]
    for section, file in zip(sections, owner, strict=True):
        files[file].append(section)
    weak = draw(st.lists(st.tuples(st.integers(0, len(sections) - 1), st.integers(0, count - 1),
                                   st.sampled_from(["heading", "intent", "reference"])),
                         max_size=4))
    for section_index, file, kind in weak:
        rule_id, heading, _body = sections[section_index]
        body = {"heading": "",
                "intent": "Partene skal samarbeide godt om dette.",
                "reference": "Dette er nærmere beskrevet i delavtale 17."}[kind]
        files[file].append((rule_id, heading, body))
    texts = [(f"delavtale-{n + 1}.txt",
              own_agreement.text(file, title=f"Delavtale {n + 1} til samarbeidsavtalen"))
             for n, file in enumerate(files)]
    order = draw(st.permutations(list(range(count))))
    return texts, order


@SLOW
@given(agreement_sets())
def test_verdicts_do_not_depend_on_file_order(
    tmp_path_factory: pytest.TempPathFactory, rules: list[Rule],
    case: tuple[list[tuple[str, str]], list[int]],
) -> None:
    texts, order = case
    directory = tmp_path_factory.mktemp("sett")
    docs = []
    for name, text in texts:
        (directory / name).write_text(text, encoding="utf-8")
        docs.append(read_document(directory / name, name))
    given_order = check_agreement(docs, rules)
    permuted = check_agreement([docs[i] for i in order], rules)
    assert verdicts(permuted) == verdicts(given_order)
    assert [r.message for r in permuted] == [r.message for r in given_order]
    assert [r.evidence for r in permuted] == [r.evidence for r in given_order]  # even ties
