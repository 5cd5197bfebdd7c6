"""Grading (matching.grading): one vocabulary of weak kinds, as spec/verdicts.md."""

from __future__ import annotations

import re
from pathlib import Path

from samlint.matching.analysis import analyse
from samlint.matching.grading import COVERED, RANK, WeakKind, sentence_grade
from samlint.matching.references import ReferenceResolver
from samlint.matching.restatement import LawText
from samlint.rules import builtin_rule_files, load_rule_files

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "verdicts.md"


def test_the_weak_kinds_are_the_spec_s() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z0-9-]+)` \| (?:veileder|kapittel-6)", spec, re.M))
    assert named == {"recommended-topics", "stale"}
    assert {kind.value for kind in WeakKind} == {
        "heading", "intent", "restated-law", "dangling-reference", "ledd2-partial", *named}
    assert "ledd2-partial" in spec or "hol-6-2-ledd2" in spec


def test_grades_rank_weakest_first_and_covered_above_all() -> None:
    order = sorted(RANK, key=RANK.__getitem__)
    assert order == [WeakKind.HEADING, WeakKind.INTENT, WeakKind.RESTATED_LAW,
                     WeakKind.DANGLING_REFERENCE, COVERED]


def test_sentences_are_graded_in_the_same_vocabulary() -> None:
    rule = next(r for r in load_rule_files(builtin_rule_files()) if r.id == "hol-6-2-nr8")
    law = LawText(rule.law)
    resolver = ReferenceResolver([])

    def grade(text: str) -> str | None:
        [sentence] = analyse(text, resolver)
        return sentence_grade(sentence, rule, law)

    assert grade("Se egen retningslinje for jordmortjenester fra helseforetaket.") == \
        WeakKind.DANGLING_REFERENCE
    assert grade("Samarbeidsavtalen bør beskrive jordmortjenester.") == WeakKind.RESTATED_LAW
    # verdicts.md's own example of a declaration of intent
    assert grade("Partene skal samarbeide om jordmortjenester.") == WeakKind.INTENT
    assert grade("Partene skal ha samarbeid om jordmortjenester, jf. loven.") == \
        WeakKind.RESTATED_LAW
    assert grade("Jordmor fra sykehuset har kontordag på helsestasjonen hver tirsdag.") \
        == COVERED
    assert grade("Partene vil samarbeide.") == WeakKind.INTENT
