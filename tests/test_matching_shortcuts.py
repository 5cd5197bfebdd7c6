"""The matcher's shortcuts give the answers of the slow paths they stand in for.

Speed comes from deciding things once per block instead of once per
sentence, and from narrowing searches (fuzzy matching only among tokens with
the stem's first letter; the parts of a joint measure looked up in the
agreement's index instead of a fresh index per sentence). Each shortcut is
checked here against the plain computation, on the labelled corpus, the
seeds and generated text, so a shortcut can never change a verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samlint.documents import Block, BlockKind, Document, DocumentError, read_document
from samlint.matching import normalise
from samlint.matching.analysis import analyse
from samlint.matching.corpus import is_bare_mention, prepare
from samlint.matching.guidance import is_guidance, may_hold_guidance
from samlint.matching.normalise import fold, sentences, tokens
from samlint.matching.parts_rules import block_parts, sentence_spans
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import LawText, has_content_words, is_content_word
from samlint.matching.terms import TermIndex, parse_term
from samlint.rules import default_rule_files, load_rule_files

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _shared_blocks() -> list[Block]:
    paths = sorted(p for folder in (SHARED / "corpus" / "cases", SHARED / "seeds")
                   if folder.is_dir() for p in folder.rglob("*") if p.is_file()
                   and p.suffix.lower() in (".pdf", ".docx", ".txt"))
    blocks: list[Block] = []
    for path in paths:
        try:
            blocks.extend(read_document(path, path.name).blocks)
        except DocumentError:
            continue
    return blocks


@pytest.fixture(scope="module")
def shared_blocks() -> list[Block]:
    blocks = _shared_blocks()
    if not blocks:
        pytest.skip("../shared is not beside the repository")
    return blocks


SENTENCE_PIECES = [
    "Samarbeidsavtalen bør beskrive ansvar og oppgaver.",
    "Avtalen omfatter alle pasienter.",
    "Kommuner og helseforetak skal samarbeide.",
    "Se delavtale 4 og vedlegg 2.", "Det anbefales felles rutiner.",
    "Partene følger egen rutine for varsling i helseforetaket.",
    "Kommunen har 4 senger.", "4 kommuner deltar.",
    "jf. lov om kommunale helse- og omsorgstjenester",
    "Kilde: Lovdata.", "§ 6-2 første ledd nr. 3", "Helseforetaket tilrår tiltaket.",
    "Partene må avklare hvem som har arbeidsgiveransvar.", "[Kommentar: sjekk dette.]",
    "Tilsette i teamet er tilsett i kommunen, som også finansierer stillingane.",
    "Kommunen.", "Ø", "bgr", "|nnleggelse skjer etter henvisning.",
    "Etter loven har kommunen ansvaret for helsetjenestene.",
]
text_from_pieces = st.lists(st.sampled_from(SENTENCE_PIECES), min_size=1, max_size=6).map(" ".join)


def _resolver() -> ReferenceResolver:
    document = Document(path=Path("delavtale-2.txt"), display="delavtale-2.txt",
                        blocks=[Block("Delavtale 2", BlockKind.HEADING, 1, 1)], page_count=1)
    return ReferenceResolver([document])


def _assert_block_shortcuts_hold(text: str, resolver: ReferenceResolver) -> None:
    folded = fold(text)
    parts = sentences(text)
    if any(is_guidance(part) for part in parts):
        assert may_hold_guidance(folded, text.lower()), text
    if any(resolver.unresolved_reference(part) or resolver.resolved_reference(part)
           for part in parts):
        assert resolver.may_refer(folded), text
    fast = analyse(text, resolver, folded)
    slow = analyse(text, resolver, None)
    assert fast == slow


def test_block_level_cue_tests_never_skip_a_guidance_or_reference_sentence(
        shared_blocks: list[Block]) -> None:
    resolver = _resolver()
    for block in shared_blocks:
        _assert_block_shortcuts_hold(block.text, resolver)


@settings(max_examples=300, deadline=None, database=None)
@given(text_from_pieces)
def test_block_level_cue_tests_hold_on_generated_text(text: str) -> None:
    _assert_block_shortcuts_hold(text, _resolver())


def test_fuzzy_matching_by_first_letter_finds_what_a_full_scan_finds(
        shared_blocks: list[Block]) -> None:
    index = TermIndex([tokens(block.text) for block in shared_blocks])
    stems = {stem for rule in load_rule_files(default_rule_files())
             for text in rule.terms + rule.headings
             for stem in parse_term(text.lstrip("=")).stems if len(stem) >= 6}
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from samlint.matching.terms import MIN_FUZZY_2, plausible_variant

    for stem in sorted(stems):
        limit = 2 if len(stem) >= MIN_FUZZY_2 else 1
        full = set()
        for length in (len(stem) - 1, len(stem), len(stem) + 1):
            prefixes = [t[:length] if len(t) >= length else "" for t in index.vocabulary]
            for _c, _s, i in process.extract(stem, prefixes, scorer=Levenshtein.distance,
                                             score_cutoff=limit, limit=None):
                token = index.vocabulary[i]
                if token[:1] == stem[:1] and plausible_variant(stem, token[:length]):
                    full.add(token)
        assert index.words._fuzzy_prefix(stem) == full, stem



def test_stem_matches_equal_a_scan_of_every_spelling_plus_the_fuzzy_search(
        shared_blocks: list[Block]) -> None:
    """The exact prefix search skips the stem itself when the fuzzy search runs."""
    from samlint.matching.terms import MIN_FUZZY

    index = TermIndex([tokens(block.text) for block in shared_blocks])
    terms = {parse_term(text.lstrip("=")) for rule in load_rule_files(default_rule_files())
             for text in rule.terms + rule.headings + rule.exclude}
    for term in sorted(terms, key=lambda term: term.text):
        for stem, variants in zip(term.stems, term.variants, strict=True):
            spellings = variants | {stem}
            plain = {token for token in index.vocabulary
                     if any(token.startswith(spelling) for spelling in spellings)}
            if len(stem) >= MIN_FUZZY:
                plain |= index.words._fuzzy_prefix(stem)
            assert index.stem_matches(stem, False, variants) == plain, stem

def test_parts_found_through_the_agreement_index_equal_a_per_sentence_index(
        shared_blocks: list[Block]) -> None:
    rules = [rule for rule in load_rule_files(default_rule_files()) if rule.parts]
    assert rules, "the built-in pack has a rule with parts (second paragraph)"
    document = Document(path=Path("alle.txt"), display="alle.txt", blocks=shared_blocks,
                        page_count=1)
    corpus = prepare([document])
    for rule in rules:
        law = LawText(rule.law)
        for seq, block in enumerate(corpus.blocks):
            expected: set[str] = set()
            if seq not in corpus.guidance:
                expected = _parts_the_slow_way(corpus, rule, seq, law)
            assert block_parts(corpus, rule, seq, law) == expected, block.text


def _parts_the_slow_way(corpus, rule, seq, law) -> set[str]:  # type: ignore[no-untyped-def]
    if is_bare_mention(corpus.blocks[seq], corpus.language.abbreviations):
        return set()
    found: set[str] = set()
    for sentence in corpus.sentences(seq):
        if sentence.guidance or sentence.reference or law.restates(sentence.words):
            continue
        local = TermIndex([sentence.words])
        for part in rule.parts:
            if any(local.find(parse_term(t)) for t in part.terms):
                found.add(part.id)
    return found


def test_a_rule_is_asked_only_of_sections_its_hits_reach_and_misses_none(
        shared_blocks: list[Block]) -> None:
    """``Corpus.sections_holding`` stands in for asking ``section_focus`` of every
    section: every section it leaves out must be one that gives None, for
    every rule of every pack, and the rest keep their reading order."""
    from samlint.matching.hits import pack_topics, rule_hits
    from samlint.matching.topic_rules import section_focus
    from samlint.rules import builtin_rule_files

    rules = [rule for rule in load_rule_files(builtin_rule_files())
             if rule.kind in ("topic", "parts")]
    document = Document(path=Path("alle.txt"), display="alle.txt", blocks=shared_blocks,
                        page_count=1)
    corpus = prepare([document])
    hits = {rule.id: rule_hits(corpus, rule) for rule in rules}
    packs = pack_topics(rules, hits)
    order = {id(section): position for position, section in enumerate(corpus.sections)}
    for rule in rules:
        asked = corpus.sections_holding({*hits[rule.id].heading, *hits[rule.id].body})
        assert [order[id(s)] for s in asked] == sorted(order[id(s)] for s in asked)
        asked_ids = {id(section) for section in asked}
        for section in corpus.sections:
            if id(section) not in asked_ids:
                assert section_focus(corpus, section, hits[rule.id], rule,
                                     packs[rule.pack]) is None, (rule.id, section.anchor)


def test_a_section_graded_from_its_weightiest_blocks_gets_the_full_reading(
        shared_blocks: list[Block], monkeypatch: pytest.MonkeyPatch) -> None:
    """``grade_section`` stops reading a covered section once its two weightiest
    substantive blocks are found; every finding, for every rule of every pack,
    must be the one a full reading of the section gives."""
    from samlint.matching import grading
    from samlint.matching.hits import pack_topics, rule_hits
    from samlint.matching.topic_rules import section_focus
    from samlint.rules import builtin_rule_files

    rules = [rule for rule in load_rule_files(builtin_rule_files())
             if rule.kind in ("topic", "parts")]
    documents = [Document(path=Path(f"del-{n}.txt"), display=f"del-{n}.txt",
                          blocks=shared_blocks[start:start + 400], page_count=1)
                 for n, start in enumerate(range(0, len(shared_blocks), 400))]
    graded: list[tuple[str, int, str, list[int], str]] = []
    shortcuts = 0

    def findings(skip: bool) -> list[tuple[str, int, str, list[int], str]]:
        nonlocal shortcuts
        found = []
        for document in documents:
            corpus = prepare([document])
            hits = {rule.id: rule_hits(corpus, rule) for rule in rules}
            packs = pack_topics(rules, hits)
            for rule in rules:
                law = LawText(rule.law)
                for position, section in enumerate(corpus.sections):
                    focus = section_focus(corpus, section, hits[rule.id], rule,
                                          packs[rule.pack])
                    if focus is None:
                        continue
                    if not skip and grading.covered_by_the_weightiest(
                            corpus, focus, rule, law, hits[rule.id]) is not None:
                        shortcuts += 1
                    graded = grading.grade_section(corpus, section, focus, rule, law,
                                                   hits[rule.id])
                    found.append((rule.id, position, graded.grade, graded.seqs,
                                  graded.detail))
        return found

    graded = findings(skip=False)
    monkeypatch.setattr(grading, "covered_by_the_weightiest", lambda *args: None)
    assert graded == findings(skip=True)
    assert shortcuts > 20  # the shortcut was taken, not just never tried


def test_sentence_spans_line_up_with_block_tokens() -> None:
    text = "Kommunen har fire senger. Helseforetaket varsler innen 24 timer."
    parts = analyse(text, _resolver())
    spans = sentence_spans(tokens(text), parts)
    assert spans == [(0, 4), (4, 9)]


def test_sentence_spans_give_up_when_folding_differs_at_a_sentence_start() -> None:
    # In the block "4" after a space reads as the infinitive marker "å"; a
    # sentence that starts with it keeps the digit. The spans cannot be
    # trusted, and the caller falls back to matching sentence by sentence.
    text = "Det er avtalt. 4 kommuner deltar."
    parts = analyse(text, _resolver())
    assert sentence_spans(tokens(text), parts) == [(-1, -1)] * len(parts)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["og", "i", "kommunen", "skal", "partene", "at", "ø",
                                 "tenester", "pasient", "jf", "legevakt", "to"]), max_size=8),
       st.integers(min_value=0, max_value=4))
def test_counting_content_words_until_enough_agrees_with_listing_them(
        words: list[str], count: int) -> None:
    listed = [word for word in words if is_content_word(word)]
    assert has_content_words(words, count) == (len(listed) >= count)


def _sentences_searching_whole_parts(text: str) -> list[str]:
    """``normalise.sentences`` as it was, its end-of-part tests run on the whole part."""
    parts = normalise._SENTENCE_SPLIT.split(text.strip())
    merged: list[str] = []
    for part in parts:
        if merged and (normalise._ABBREVIATION.search(merged[-1])
                       or normalise._ORDINAL_END.search(merged[-1])):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [x for x in (y.strip() for y in merged) if x]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["Dette gjelder jf.", "pkt.", "Avtalen", "gjelder fra 1.",
                                 "januar.", "Se f.eks.", "Bl.a.", "dette. Neste", "x1.",
                                 "nr.", "Fastlegen", "12.", "Ja.", "(nr.", "NR."]),
                min_size=1, max_size=8).map(" ".join))
def test_sentence_ends_looked_for_near_the_end_split_as_a_whole_search(text: str) -> None:
    assert sentences(text) == _sentences_searching_whole_parts(text)


def test_sentence_splitting_over_the_shared_texts_is_unchanged(
        shared_blocks: list[Block]) -> None:
    for block in shared_blocks:
        assert sentences(block.text) == _sentences_searching_whole_parts(block.text)


def _rule_terms() -> list[str]:
    rules = load_rule_files(default_rule_files())
    return sorted({text.lstrip("=") for rule in rules
                   for text in (*rule.terms, *rule.headings, *rule.exclude,
                                *(term for element in rule.elements for term in element.terms))})


def _assert_sentence_hits_hold(document: Document, terms: list[str]) -> int:
    """Each block's sentence hits, as taken from the agreement's index, against an index
    of the block's sentences; returns how many blocks were answered from the index."""
    from samlint.matching.long_blocks import SentenceView, sentence_hits

    corpus = prepare([document])
    hits = sentence_hits(corpus)
    viewed = 0
    for seq in range(len(corpus.blocks)):
        sentences = corpus.sentences(seq)
        if len(sentences) < 2:
            continue
        index = hits.index(seq)
        viewed += isinstance(index, SentenceView)
        plain = TermIndex([sentence.words for sentence in sentences], within=corpus.index)
        for text in terms:
            term = parse_term(text)
            assert index.find(term) == plain.find(term), (corpus.blocks[seq].text[:80], text)
    return viewed


def test_sentence_hits_from_the_agreement_index_are_a_sentence_index_s(
        shared_blocks: list[Block]) -> None:
    document = Document(Path("delt.txt"), "delt.txt", shared_blocks)
    assert _assert_sentence_hits_hold(document, _rule_terms()) > 100


def test_sentence_hits_fall_back_when_a_sentence_folds_differently_alone() -> None:
    # "4" opening a sentence is read as OCR's "å" inside the block, not alone.
    text = ("Kommunen varsler helseforetaket om innleggelse. 4 dager etter utskrivning "
            "sender kommunen epikrise og individuell plan til fastlegen.")
    document = Document(Path("a.txt"), "a.txt", [Block(text, BlockKind.PARAGRAPH, 1)])
    assert _assert_sentence_hits_hold(document, _rule_terms()) == 0


def _assert_block_answers_hold(document: Document, terms: list[str]) -> int:
    """What the corpus answers of a block without analysing it (its sentence count, whether
    it can refer to a document or hold a list of laws, which terms it holds) against the
    analysis; returns how many blocks the cheap tests spared an analysis of."""
    from samlint.matching.long_blocks import SentenceView, sentence_hits

    cheap = prepare([document])
    analysed = prepare([document])
    hits = sentence_hits(analysed)
    spared = 0
    for seq in range(len(cheap.blocks)):
        count = cheap.sentence_count(seq)  # asked before any analysis of the block
        refers, law_list = cheap.may_refer(seq), cheap.may_hold_law_list(seq)
        sentences = analysed.sentences(seq)
        assert count == len(sentences), cheap.blocks[seq].text[:80]
        if any(sentence.reference or sentence.pointer for sentence in sentences):
            assert refers, cheap.blocks[seq].text[:80]
        if any(sentence.may_be_law_list() for sentence in sentences):
            assert law_list, cheap.blocks[seq].text[:80]
        spared += not (refers and law_list)
        if isinstance(hits.index(seq), SentenceView):
            held = hits.present(tuple(terms), seq)
            for text in terms:
                if text not in held:
                    assert not hits.index(seq).find(parse_term(text)), (seq, text)
    return spared


def test_block_answers_without_analysis_agree_with_the_analysis(
        shared_blocks: list[Block]) -> None:
    document = Document(Path("delt.txt"), "delt.txt", shared_blocks)
    assert _assert_block_answers_hold(document, _rule_terms()) > 100


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(text_from_pieces, min_size=1, max_size=5))
def test_block_answers_without_analysis_hold_on_generated_text(texts: list[str]) -> None:
    document = Document(Path("a.txt"), "a.txt",
                        [Block(text, BlockKind.PARAGRAPH, line) for line, text
                         in enumerate(texts, start=1)])
    _assert_block_answers_hold(document, _rule_terms())


GENRE_CASES = Path(__file__).resolve().parent / "genre_corpus" / "cases"
BLIND_CASES = Path(__file__).resolve().parent / "blind_corpus" / "cases"


def _case_documents() -> list[list[Document]]:
    """Every labelled case of the shared, genre and blind corpora, its files read."""
    cases: list[list[Document]] = []
    for folder in (SHARED / "corpus" / "cases", GENRE_CASES, BLIND_CASES):
        if not folder.is_dir():
            continue
        for case in sorted(folder.iterdir()):
            files = sorted(p for p in case.rglob("*") if p.is_file()) if case.is_dir() else [case]
            documents = []
            for path in files:
                try:
                    documents.append(read_document(path, path.name))
                except DocumentError:
                    continue
            if documents:
                cases.append(documents)
    return cases


def _graded(corpus, rule, hits, others):  # type: ignore[no-untyped-def]
    from samlint.matching.topic_rules import graded_places

    return graded_places(corpus, rule, hits, others, LawText(rule.law, corpus.language))


def test_the_places_a_verdict_needs_give_the_verdict_of_all_places() -> None:
    """``evidence.decisive`` stops grading once nothing later can change the verdict:
    the verdict and evidence of the places it takes are those of every place, for
    every topic rule of every pack on every labelled case; and ``GradedPlaces``
    gives every place, in order, however its passes interleave."""
    from samlint.matching.evidence import decisive, from_graded
    from samlint.matching.grading import GradedPlaces
    from samlint.matching.hits import pack_topics, rule_hits
    from samlint.rules import builtin_rule_files

    rules = [rule for rule in load_rule_files(builtin_rule_files()) if rule.kind == "topic"]
    cases = _case_documents()
    assert len(cases) >= 90, "the genre and blind corpora are beside the tests"
    shortened = 0
    for documents in cases:
        corpus = prepare(documents)
        hits = {rule.id: rule_hits(corpus, rule) for rule in rules}
        packs = pack_topics(rules, hits)
        for rule in rules:
            every = list(_graded(corpus, rule, hits[rule.id], packs[rule.pack]))
            taken = decisive(every)
            assert from_graded(corpus, rule, taken) == from_graded(corpus, rule, every)
            shortened += len(taken) < len(every)
            lazy = GradedPlaces(_graded(corpus, rule, hits[rule.id], packs[rule.pack]))
            first = decisive(lazy)
            assert [p.seqs for p in first] == [p.seqs for p in taken]
            assert [(p.grade, p.seqs, p.strength) for p in lazy] == [
                (p.grade, p.seqs, p.strength) for p in every]
            assert [p.seqs for p in lazy] == [p.seqs for p in every]  # a second full pass
    assert shortened, "some verdict was settled before its last place"


def _thirty_sections(heading: str, paragraph, rule_suffix: str):  # type: ignore[no-untyped-def]
    """A document of thirty sections under ``heading``, each with ``paragraph(number)``;
    prepared, with its rule hits, the pack's topics and the topic rule whose id ends in
    ``rule_suffix``."""
    from samlint.matching.hits import pack_topics, rule_hits

    blocks: list[Block] = []
    for number in range(1, 31):
        blocks.append(Block(f"{number} {heading}", BlockKind.HEADING, 1, 3 * number))
        blocks.append(Block(paragraph(number), BlockKind.PARAGRAPH, 1, 3 * number + 1))
    document = Document(path=Path("lang.txt"), display="lang.txt", blocks=blocks, page_count=1)
    rules = [rule for rule in load_rule_files(default_rule_files()) if rule.kind == "topic"]
    corpus = prepare([document])
    hits = {rule.id: rule_hits(corpus, rule) for rule in rules}
    packs = pack_topics(rules, hits)
    [rule] = [rule for rule in rules if rule.id.endswith(rule_suffix)]
    return corpus, rule, hits[rule.id], packs[rule.pack]


def _counted(places, graded: list[object]):  # type: ignore[no-untyped-def]
    """``places``, each put in ``graded`` as it is graded."""
    for place in places:
        graded.append(place)
        yield place


def test_a_topic_treated_in_many_sections_is_graded_only_until_its_verdict_is_settled(
        ) -> None:
    """Thirty concrete sections under the point's own heading: the verdict needs two."""
    from samlint.matching.evidence import decisive
    from samlint.matching.grading import COVERED, GradedPlaces

    corpus, rule, hits, others = _thirty_sections(
        "Innleggelse i sykehus",
        lambda number: "Fastlegen vurderer behovet for innleggelse og sender elektronisk "
        "henvisning. Ved akutt innleggelse ringer legen vakthavende lege, og hjemmetjenesten "
        f"sender innleggelsesrapport innen {number + 1} timer.", "nr3")
    graded: list[object] = []
    places = GradedPlaces(_counted(_graded(corpus, rule, hits, others), graded))
    taken = decisive(places)
    assert [place.grade for place in taken] == [COVERED, COVERED]
    assert len(graded) == 2
    assert len(list(places)) == len(graded) >= 30  # asked for all, all are graded


def test_an_element_no_block_names_does_not_make_every_place_be_read() -> None:
    """Point 11 over thirty concrete sections on preparedness that never name the
    acute-care chain: the verdict (the chain absent) is known once preparedness is
    covered, and the elements read no further than that."""
    from samlint.matching.elements import lacking_element
    from samlint.matching.grading import GradedPlaces, WeakKind

    corpus, rule, hits, others = _thirty_sections(
        "Beredskap",
        lambda number: "Partene samordner beredskapsplanene sine og gjennomfører en felles "
        f"beredskapsøvelse hvert år i uke {number + 10}. Kommunen varsler helseforetaket "
        "straks ved en hendelse som krever beredskap.", "nr11")
    graded: list[object] = []
    law = LawText(rule.law, corpus.language)
    lacking = lacking_element(corpus, rule, hits, others,
                              GradedPlaces(_counted(_graded(corpus, rule, hits, others), graded)),
                              law)
    assert lacking is not None
    assert (lacking.element.id, lacking.grade, lacking.seq) == ("akuttkjede", WeakKind.HEADING, -1)
    assert len(graded) == 1
    every = list(_graded(corpus, rule, hits, others))
    assert len(every) >= 30
    again = lacking_element(corpus, rule, hits, others, every, law)
    assert again == lacking


def test_only_short_lines_need_trying_as_the_title_of_a_list_of_links(
        shared_blocks: list[Block]) -> None:
    """``link_lists`` tries the cue only on lines of fewer than ``LINK_WORDS`` words:
    no longer line of the corpora, the seeds or the genre cases is such a title."""
    from samlint.matching.corpus import LINK_WORDS
    from samlint.matching.restatement import default_language

    cue = default_language().sentence_cues["link_list"]
    texts = [block.text for block in shared_blocks]
    texts += [block.text for documents in _case_documents() for document in documents
              for block in document.blocks]
    titles = ["Relaterte dokumenter", "Like dokument", "Se også"]
    assert all(cue.search(fold(title)) for title in titles)
    texts += [f"{title} {' '.join(['ord'] * LINK_WORDS)}" for title in titles]
    long_lines = [fold(text) for text in texts if fold(text).count(" ") >= LINK_WORDS]
    assert len(long_lines) > 1000
    assert not [text for text in long_lines if cue.search(text)]
