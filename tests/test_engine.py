"""The engine's limits on judging: an agreement is judged under the same time
limit and memory cap as a file is read (``engine._judge`` in a child process).

Reading had a limit before judging did; a text near the 50 MB extraction
limit whose paragraphs are dense with the rules' own words kept the matcher
busy for minutes. These tests hang the matcher on purpose and feed it such a
text, and check that the run ends on time with one plain line and exit 2.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samlint import engine
from samlint.documents import Document
from samlint.documents.model import MAX_TEXT_CHARS
from samlint.engine import RunOptions, check_paths
from samlint.rules import Rule, default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
JUDGING_TIMEOUT = re.compile(
    r"vurderingen av avtalen tok mer enn (\d+(,\d+)?) sekunder og ble stoppet – teksten er "
    r"uvanlig lang eller laget for å henge programmet; del avtalen opp, eller gi mer tid med "
    r"--timeout")


def _hang_in_c(_documents: list[Document], _rules: list[Rule], *_args: object) -> None:
    """Catastrophic backtracking: minutes inside _sre, which never looks at signals."""
    re.match(r"(a+)+$", "a" * 64 + "!")


def test_a_matcher_that_hangs_is_stopped_and_named_for_the_agreement(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rules: Path) -> None:
    monkeypatch.setattr(engine, "check_agreement", _hang_in_c)
    folder = tmp_path / "avtale"
    folder.mkdir()
    (folder / "a-hovedavtale.md").write_text(
        "# Samarbeidsavtale\n\nKommunen og helseforetaket samarbeider.\n", encoding="utf-8")
    (folder / "b-tom.txt").write_bytes(b"")
    other = EXAMPLES / "mangelfull.docx"
    started = time.monotonic()
    result, after = check_paths([folder, other], load_rule_files([mini_rules]),
                                options=RunOptions(timeout=0.5))
    assert time.monotonic() - started < 10
    # The empty file's error, found by the child that was then killed, is still there.
    empty, judging = result.errors
    assert (empty.file, empty.code) == (str(folder / "b-tom.txt"), "empty")
    assert (judging.file, judging.code) == (str(folder), "timeout")
    match = JUDGING_TIMEOUT.fullmatch(judging.message)
    assert match and match.group(1) == "0,5"
    assert result.rules == []  # never "missing" for what was never judged
    assert [e.code for e in after.errors] == ["timeout"]  # the run went on to the next


def test_a_judging_timeout_is_counted_and_worded_as_judging_not_as_an_unread_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rules: Path) -> None:
    """Its files were read: «fil kunne ikke leses» would send the user after the wrong file."""
    from samlint.reporting import summarize
    from samlint.reporting.formats import RENDERERS

    monkeypatch.setattr(engine, "check_agreement", _hang_in_c)
    agreement = tmp_path / "avtale.md"
    agreement.write_text("# Samarbeidsavtale\n\nKommunen og helseforetaket samarbeider.\n",
                         encoding="utf-8")
    rules = load_rule_files([mini_rules])
    results = check_paths([agreement, tmp_path / "borte.pdf"], rules,
                          options=RunOptions(timeout=0.5))
    [judging], [unread] = results[0].errors, results[1].errors
    assert judging.judging and not unread.judging

    summary = summarize(results)
    assert (summary.errors, summary.unjudged) == (1, 1)
    text = RENDERERS["text"](results, rules)
    assert text.splitlines()[-1].endswith(
        "1 fil kunne ikke leses, 1 avtale kunne ikke vurderes")
    assert "filene er lest, men avtalen ble ikke vurdert – se feilen under" in text
    assert "ingen filer kunne leses" in text  # said of the missing file only
    report = json.loads(RENDERERS["json"](results, rules))
    assert (report["summary"]["errors"], report["summary"]["unjudged"]) == (1, 1)
    assert report["agreements"][0]["errors"][0]["judging"] is True
    assert "judging" not in report["agreements"][1]["errors"][0]
    for name in ("html", "markdown"):
        output = RENDERERS[name](results, rules)
        assert "1 avtale kunne ikke vurderes" in output, name
        assert "Filene er lest, men avtalen ble ikke vurdert" in output, name
    assert "avtalen kunne ikke vurderes" in RENDERERS["github"](results, rules)
    assert "Avtalen kunne ikke vurderes: vurderingen" in RENDERERS["gitlab"](results, rules)


def test_an_error_in_the_matcher_is_raised_as_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rules: Path) -> None:
    """A bug in the matcher is not a file problem: the CLI reports it (or --debug shows it)."""
    def broken(*_args: object) -> None:
        raise KeyError("regel")

    monkeypatch.setattr(engine, "check_agreement", broken)
    agreement = tmp_path / "avtale.md"
    agreement.write_text("# Samarbeidsavtale\n", encoding="utf-8")
    with pytest.raises(KeyError, match="regel"):
        check_paths([agreement], load_rule_files([mini_rules]))


def test_judging_is_identical_in_the_child_and_here() -> None:
    from samlint.documents import read_document
    from samlint.matching import check_agreement

    rules = load_rule_files(default_rule_files())
    [result] = check_paths([EXAMPLES / "mangelfull.pdf"], rules)
    here = check_agreement([read_document(EXAMPLES / "mangelfull.pdf", "mangelfull.pdf")], rules)
    assert [(r.rule_id, r.status, r.message, r.weak_kind) for r in result.rules] == [
        (r.rule_id, r.status, r.message, r.weak_kind) for r in here]


def _hostile_text(chars: int) -> str:
    """Numbered sections of 400 words each, drawn from real agreements: every
    paragraph is dense with the rules' terms, the matcher's most expensive input."""
    seeds = sorted((REPO.parent / "shared" / "seeds").glob("0*.txt"))
    assert seeds, "../shared/seeds is missing (CI checks out ../shared beside the repository)"
    words = " ".join(p.read_text(encoding="utf-8") for p in seeds).split()
    rng = random.Random(14)
    unit = "".join(f"{n}. {' '.join(rng.choices(words, k=4))}\n\n"
                   f"{' '.join(rng.choices(words, k=400))}\n\n" for n in range(1, 400))
    return unit * (chars // len(unit))


def test_a_hostile_text_near_the_extraction_limit_is_stopped_within_the_limit(
        tmp_path: Path) -> None:
    """45 MB that read in seconds but would take minutes to judge."""
    agreement = tmp_path / "avtale.txt"
    agreement.write_text(_hostile_text(int(MAX_TEXT_CHARS * 0.9)), encoding="utf-8")
    assert agreement.stat().st_size > 40 * 1024**2
    limit = 15
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "samlint", "check", agreement.name, "--no-cache",
         "--timeout", str(limit)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=4 * limit + 60,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    took = time.monotonic() - started
    # Reading gets one limit and judging another: at most two, plus start-up.
    assert took < 2 * limit + 20, f"{took:.0f} s"
    assert "Traceback" not in run.stderr
    if run.returncode == 2:
        [line] = [line for line in run.stderr.splitlines() if line.strip()]
        assert line.startswith("samlint: avtale.txt: "), line
        assert JUDGING_TIMEOUT.search(line) or "lesingen tok mer enn 15 sekunder" in line \
            or "minne" in line, line
    else:  # judged within the limit on a fast machine: a full report
        assert run.returncode in (0, 1) and "hol-6-2-nr1" in run.stdout, run.stderr
