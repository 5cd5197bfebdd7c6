"""``samlint diff OLD NEW``: the comparison itself, then end to end through ``python -m samlint``.

A reviewer gets a new version of an agreement every year and wants to know
what got better, what got worse, and what text came and went; a CI job wants
exit 1 only when a requirement got worse. Both versions are copied into a
temporary folder first, as a user's two versions would lie side by side.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import own_agreement
import pytest
from conftest import make_rule
from workdir import run_samlint

from samlint.diff import compare
from samlint.reporting.diff_report import render_json, render_markdown, render_text
from samlint.results import AgreementResult, Evidence, RuleResult, Status

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
HOL_IDS = [f"hol-6-2-nr{n}" for n in range(1, 14)] + ["hol-6-2-ledd2"]
CHANGES = {"better", "worse", "same", "changed"}
WORDS = {"better": "bedre", "worse": "verre", "same": "uendret", "changed": "endret tekst"}



def rows(stdout: str) -> dict[str, str]:
    """Rule id → the change word of its line in the text report."""
    found = {}
    for line in stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in HOL_IDS:
            found[parts[0]] = line.split("→", 1)[1].split(None, 1)[1].strip()
    return found


def version(path: str, *rules: tuple[str, Status, list[str]]) -> AgreementResult:
    """One version's results: each rule's status and the excerpts of its evidence."""
    return AgreementResult(path, [f"{path}/a.txt"], [
        make_rule(rule_id, status, evidence=[
            Evidence(f"{path}/a.txt", line, excerpt) for line, excerpt in enumerate(texts, 1)])
        for rule_id, status, texts in rules])


def test_compare_pairs_rules_by_id_and_evidence_by_its_text() -> None:
    old = version("v1", ("r-kept", Status.COVERED, ["Kommunen  varsler\nsykehuset."]),
                  ("r-fixed", Status.MISSING, []),
                  ("r-dropped", Status.WEAK, ["Partene vil samarbeide."]),
                  ("r-reworded", Status.COVERED, ["Gammel tekst."]))
    new = version("v2", ("r-new", Status.WEAK, ["Ny regel."]),
                  ("r-reworded", Status.COVERED, ["Ny tekst."]),
                  ("r-fixed", Status.COVERED, ["Kommunen varsler sykehuset."]),
                  ("r-kept", Status.COVERED, ["Kommunen varsler sykehuset."]))

    diff = compare(old, new)

    # The new version's order, then rules only the old version had.
    assert [(c.rule_id, c.direction) for c in diff.changes] == [
        ("r-new", "better"), ("r-reworded", "changed"), ("r-fixed", "better"),
        ("r-kept", "same"),  # same text, other line and spacing: not new text
        ("r-dropped", "worse"),
    ]
    reworded = diff.changes[1]
    assert [e.excerpt for e in reworded.appeared] == ["Ny tekst."]
    assert [e.excerpt for e in reworded.disappeared] == ["Gammel tekst."]
    assert diff.worse
    assert diff.counts() == {"better": 2, "worse": 1, "changed": 1, "same": 1}


def test_every_diff_format_reports_the_same_totals() -> None:
    diff = compare(version("v1", ("r", Status.WEAK, ["a"])),
                   version("v2", ("r", Status.MISSING, [])))

    assert json.loads(render_json(diff))["summary"] == {
        "better": 0, "worse": 1, "changed": 0, "same": 0}
    assert render_text(diff).splitlines()[-1] == "1 verre, 0 bedre, 0 med endret tekst, 0 uendret"
    assert "1 verre, 0 bedre, 0 med endret tekst, 0 uendret." in render_markdown(diff)
    assert "| r Tittel for r | svak | mangler | verre | − «a» |" in render_markdown(diff)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module: the example PDFs are read in several runs."""
    return tmp_path_factory.mktemp("samlint-cache")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Last year's deficient agreement and this year's complete set, side by side."""
    folder = tmp_path_factory.mktemp("versions")
    shutil.copy(EXAMPLES / "mangelfull.docx", folder / "avtale-2023.docx")
    shutil.copytree(EXAMPLES / "komplett", folder / "avtale-2024")
    return folder


@pytest.fixture(scope="module")
def forward_json(versions: Path, cache: Path) -> dict[str, Any]:
    run = run_samlint("diff", "avtale-2023.docx", "avtale-2024", "--format", "json",
                      cwd=versions, cache=cache)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_improved_version_exits_0_and_says_better(versions: Path, cache: Path) -> None:
    run = run_samlint("diff", "avtale-2023.docx", "avtale-2024", cwd=versions, cache=cache)
    assert run.returncode == 0, run.stderr
    changes = rows(run.stdout)
    assert list(changes) == HOL_IDS
    assert changes["hol-6-2-nr4"] == "bedre"  # missing → covered
    assert changes["hol-6-2-nr8"] == "bedre"  # weak → covered
    assert "verre" not in changes.values()
    assert run.stdout.rstrip().endswith("0 uendret")
    assert "0 verre" in run.stdout.splitlines()[-1]


def test_worse_version_exits_1_and_says_worse(versions: Path, cache: Path) -> None:
    run = run_samlint("diff", "avtale-2024", "avtale-2023.docx", cwd=versions, cache=cache)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    changes = rows(run.stdout)
    assert changes["hol-6-2-nr4"] == "verre"
    assert changes["hol-6-2-nr12"] == "verre"
    assert "bedre" not in changes.values()


def test_same_file_twice_is_unchanged(versions: Path, cache: Path) -> None:
    run = run_samlint("diff", "avtale-2023.docx", "avtale-2023.docx", cwd=versions, cache=cache)
    assert run.returncode == 0, run.stderr
    changes = rows(run.stdout)
    assert list(changes) == HOL_IDS
    assert set(changes.values()) == {"uendret"}
    assert "+ " not in run.stdout and "− " not in run.stdout


def test_json_structure(forward_json: dict[str, Any]) -> None:
    document = forward_json
    assert document["schema_version"] == 1
    assert document["tool"]["name"] == "samlint"
    assert document["old"]["path"] == "avtale-2023.docx"
    assert document["new"]["path"] == "avtale-2024"
    assert len(document["new"]["files"]) == 7
    assert document["errors"] == []
    assert [rule["id"] for rule in document["rules"]] == HOL_IDS
    # Last year's deficient agreement against this year's complete set: every
    # gap is closed, and the requirements covered in both are covered by new text.
    missing = {"hol-6-2-nr4", "hol-6-2-nr12", "hol-6-2-nr13"}
    weak = {"hol-6-2-nr7", "hol-6-2-nr8", "hol-6-2-nr9", "hol-6-2-nr10", "hol-6-2-ledd2"}
    expected = {rule_id: ("missing", "covered", "better") if rule_id in missing
                else ("weak", "covered", "better") if rule_id in weak
                else ("covered", "covered", "changed") for rule_id in HOL_IDS}
    assert {rule["id"]: (rule["before"]["status"], rule["after"]["status"], rule["change"])
            for rule in document["rules"]} == expected
    evidence_keys = {"file", "page", "line", "heading", "excerpt"}
    for rule in document["rules"]:
        assert isinstance(rule["title"], str) and rule["title"]
        assert rule["appeared"], rule["id"]  # the new set's text is all new
        for side in ("before", "after"):
            assert set(rule[side]) == {"status", "weak_kind", "message"}
        for key in ("appeared", "disappeared"):
            assert isinstance(rule[key], list)
            for item in rule[key]:
                assert set(item) == evidence_keys
                assert isinstance(item["line"], int) and item["excerpt"]
    by_id = {rule["id"]: rule for rule in document["rules"]}
    nr4 = by_id["hol-6-2-nr4"]
    assert (nr4["before"]["status"], nr4["after"]["status"], nr4["change"]) == (
        "missing", "covered", "better")
    assert nr4["appeared"] and nr4["disappeared"] == []
    assert all(e["file"].startswith("avtale-2024/") for e in nr4["appeared"])
    counts = {change: sum(r["change"] == change for r in document["rules"]) for change in CHANGES}
    assert document["summary"] == counts


def test_markdown_has_a_table_of_the_changes(versions: Path, cache: Path) -> None:
    run = run_samlint("diff", "avtale-2023.docx", "avtale-2024", "--format", "markdown",
                      cwd=versions, cache=cache)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("### samlint diff: `avtale-2023.docx` → `avtale-2024`")
    header = lines.index("| Krav | Før | Etter | Endring | Tekst som kom til / forsvant |")
    assert lines[header + 1] == "|---|---|---|---|---|"
    table = [line for line in lines[header + 2:] if line.startswith("| ")]
    nr4 = next(line for line in table if line.startswith("| hol-6-2-nr4 "))
    assert [cell.strip() for cell in nr4.split(" | ")[1:4]] == ["mangler", "dekket", "bedre"]
    assert all(line.count(" | ") == 4 for line in table)  # no unescaped | in a cell


def test_missing_old_path_is_one_line_and_exit_2(versions: Path, cache: Path) -> None:
    run = run_samlint("diff", "finnes-ikke.docx", "avtale-2024", cwd=versions, cache=cache)
    assert run.returncode == 2
    errors = run.stderr.splitlines()
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith("samlint: finnes-ikke.docx: ")
    assert "Traceback" not in run.stderr


def test_moved_text_is_unchanged_not_new(tmp_path: Path, cache: Path) -> None:
    """A blank paragraph at the top moves every line; no evidence is new text."""
    text = own_agreement.text()
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v1" / "avtale.txt").write_text(text, encoding="utf-8")
    (tmp_path / "v2" / "avtale.txt").write_text("\n\n" + text, encoding="utf-8")
    run = run_samlint("diff", "v1/avtale.txt", "v2/avtale.txt", "--format", "json",
                      cwd=tmp_path, cache=cache)
    assert run.returncode == 0, run.stderr
    rules = json.loads(run.stdout)["rules"]
    assert [rule["change"] for rule in rules] == ["same"] * len(HOL_IDS)
    assert all(rule["appeared"] == rule["disappeared"] == [] for rule in rules)
    # The control: the lines did move, so "same" is not from identical line numbers.
    check = run_samlint("check", "v1/avtale.txt", "v2/avtale.txt", "--format", "json",
                        cwd=tmp_path, cache=cache)
    first = [a["rules"][0]["evidence"][0]["line"] for a in json.loads(check.stdout)["agreements"]]
    assert first[1] == first[0] + 2
    text_run = run_samlint("diff", "v1/avtale.txt", "v2/avtale.txt", cwd=tmp_path, cache=cache)
    assert set(rows(text_run.stdout).values()) == {WORDS["same"]}


def test_diff_excerpts_end_on_a_word_and_say_they_were_cut() -> None:
    """A cut excerpt ends with "…" at a word boundary; rows and summary use one word."""
    long = "Partene skal samarbeide om utskrivning og varsling " * 6
    before = AgreementResult("a", ["a/x.txt"], [RuleResult(
        "r1", "Tittel", Status.COVERED, None, "", [Evidence("a/x.txt", 1, long)])])
    after = AgreementResult("b", ["b/y.txt"], [RuleResult(
        "r1", "Tittel", Status.COVERED, None, "", [Evidence("b/y.txt", 2, "Ny " + long)])])

    text = render_text(compare(before, after))

    assert "endret tekst" in text.splitlines()[1]
    assert text.splitlines()[-1].endswith("1 med endret tekst, 0 uendret")
    for line in text.splitlines()[2:4]:
        assert line.endswith("…»")
        assert line[: -2].rsplit(" ", 1)[-1] in long.split()
    assert "ny tekst" not in text
