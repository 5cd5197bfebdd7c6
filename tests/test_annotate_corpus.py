"""Every finding of ``samlint check`` on a corpus case appears in its review copies.

The copies are read back (Word comments, PDF annotations, HTML notes); a
weak finding must be in the copy of the file its evidence is in, a missing one
in the main agreement's copy, and nothing is commented that check did not find.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from review_copies import notes_of, squeeze

from samlint.annotate import CopyOptions, annotate
from samlint.annotate.notes import is_shown
from samlint.engine import check_paths, load_rules
from samlint.results import Status

# The corpus lives beside the repository (../shared), as in CI and test_corpus_and_seeds.
CASES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cases"


@pytest.mark.skipif(not CASES.is_dir(), reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()) if CASES.is_dir() else [])
def test_every_finding_of_check_is_in_the_review_copies(case: str, tmp_path: Path) -> None:
    path = CASES / case
    [result] = check_paths([path], load_rules([], use_defaults=True))
    problems: list[str] = []
    status = annotate([path], CopyOptions(tmp_path), on_problem=problems.append)
    assert (status, problems) == (0, [])
    copies = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(copies) == len(result.files), "one copy per file of the agreement"
    notes = {copy: notes_of(copy) for copy in copies}
    noted = Counter(note.rule_id for found in notes.values() for note in found if note.rule_id)
    expected = Counter(rule.rule_id for rule in result.rules if is_shown(rule, info=False))
    assert noted == expected
    weak = {rule.rule_id: rule.evidence[0] for rule in result.rules
            if rule.status is Status.WEAK and is_shown(rule, info=False)}
    for copy, found in notes.items():
        for note in found:
            if note.rule_id not in weak or copy.suffix == ".html":
                continue
            evidence = weak[note.rule_id]
            assert copy.stem.startswith(Path(evidence.file).stem), "in its evidence's file"
            if copy.suffix == ".pdf":
                assert note.highlight != evidence.ocr and note.page == evidence.page
                if evidence.ocr:  # no characters to box: a note at the top of its page
                    continue
            # on the paragraph (Word) or over the lines (PDF) the evidence names
            assert squeeze(note.anchored).startswith(squeeze(evidence.excerpt)[:40]), note
