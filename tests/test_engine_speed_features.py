"""Parallel runs, the cache and lazy imports: none of them may change a verdict."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from samlint.cache import Cache, rules_fingerprint
from samlint.documents import read_document
from samlint.engine import RunOptions, check_paths
from samlint.reporting.json_report import render_json
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS_CASES = REPO.parent / "shared" / "corpus" / "cases"
sys.path.insert(0, str(REPO / "benchmarks"))
from pdfgen import write_pdf  # noqa: E402

sys.path.pop(0)

RULES = load_rule_files(default_rule_files())
FINGERPRINT = rules_fingerprint(default_rule_files())


def agreements() -> list[Path]:
    paths = [EXAMPLES / "komplett", EXAMPLES / "mangelfull.pdf", EXAMPLES / "mangelfull.docx"]
    if CORPUS_CASES.is_dir():
        paths += sorted(CORPUS_CASES.iterdir())
    return paths


def report(paths: list[Path], options: RunOptions) -> str:
    return render_json(check_paths(paths, RULES, options=options))


def test_parallel_run_is_identical_to_serial() -> None:
    paths = agreements()
    serial = report(paths, RunOptions(jobs=1))
    parallel = report(paths, RunOptions(jobs=2))
    assert parallel == serial
    assert [a["path"] for a in json.loads(parallel)["agreements"]] == [
        a["path"] for a in json.loads(serial)["agreements"]]


def test_cached_run_is_identical_and_does_not_read_again(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [EXAMPLES / "komplett", EXAMPLES / "mangelfull.pdf"]
    options = RunOptions(cache=Cache(tmp_path / "cache"), rules_fingerprint=FINGERPRINT)
    uncached = report(paths, RunOptions())
    first = report(paths, options)

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a warm cache must not read the documents again")

    monkeypatch.setattr("samlint.documents.read_document", no_reading)
    second = report(paths, options)
    assert first == uncached
    assert second == uncached


def test_changed_rules_miss_the_verdict_cache_but_reuse_extracted_text(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    path = [EXAMPLES / "mangelfull.docx"]
    report(path, RunOptions(cache=cache, rules_fingerprint="one"))
    entries = len(list((tmp_path / "cache").rglob("*.json")))
    report(path, RunOptions(cache=cache, rules_fingerprint="two"))
    # one more verdict entry; the document entry is shared
    assert len(list((tmp_path / "cache").rglob("*.json"))) == entries + 1


def test_cache_directory_is_private(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    report([EXAMPLES / "mangelfull.docx"], RunOptions(cache=Cache(directory)))
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_corrupt_cache_entry_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    options = RunOptions(cache=Cache(directory), rules_fingerprint=FINGERPRINT)
    expected = report([EXAMPLES / "mangelfull.pdf"], options)
    entries = list(directory.rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not json{")
    assert report([EXAMPLES / "mangelfull.pdf"], options) == expected
    assert all(json.loads(e.read_text(encoding="utf-8"))["schema"] == 1 for e in entries)


def _run_cli(args: list[str], cwd: Path,
             env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **env_extra}
    return subprocess.run([sys.executable, "-m", "samlint", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_no_cache_writes_nothing_and_cli_output_matches(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = str(EXAMPLES / "mangelfull.pdf")
    env = {"SAMLINT_CACHE_DIR": str(cache)}
    cold = _run_cli(["check", target, "--format", "json"], tmp_path, env)
    warm = _run_cli(["check", target, "--format", "json"], tmp_path, env)
    off = _run_cli(["check", target, "--format", "json", "--no-cache", "-j", "1"], tmp_path,
                   {"SAMLINT_CACHE_DIR": str(tmp_path / "unused")})
    assert cold.returncode == warm.returncode == off.returncode == 1
    assert cold.stdout == warm.stdout == off.stdout
    assert not (tmp_path / "unused").exists()
    assert cold.stderr == ""  # no progress bar or log when stderr is not a terminal


def _last_line_printed(code: str, cwd: Path | None = None) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet) and return its last line."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd,
                         env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("command", [["--version"], ["rules"], ["explain", "hol-6-2-nr4"]])
def test_commands_that_read_no_documents_import_no_parser(command: list[str]) -> None:
    code = (
        "import sys\n"
        "from samlint.cli import app\n"
        f"try:\n    app({command!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pypdfium2', 'pdfplumber', 'docx', 'lxml', 'rapidfuzz'}"
        " or m == 'samlint.documents.pdfium'))\n"
    )
    assert _last_line_printed(code) == "[]"


def test_reading_a_docx_never_imports_a_pdf_library(tmp_path: Path) -> None:
    """Read here, not in the engine's child, so this process shows what reading loads."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from samlint.documents import read_document\n"
        f"read_document(Path({str(EXAMPLES / 'mangelfull.docx')!r}), 'x')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pypdfium2', 'pdfplumber'}"
        " or m == 'samlint.documents.pdfium'),"
        " 'libpdfium' in Path('/proc/self/maps').read_text())\n"
    )
    assert _last_line_printed(code, cwd=tmp_path) == "[] False"


def test_cues_are_compiled_beforehand_only_for_several_children(tmp_path: Path) -> None:
    """One agreement's child compiles the cues it uses; a run of several batches compiles
    them all once in the parent, for every child (each is a copy of it); a run whose
    verdicts all come from the cache compiles none."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from samlint.cache import Cache, rules_fingerprint\n"
        "from samlint.engine import RunOptions, check_paths\n"
        "from samlint.rules import default_rule_files, load_rule_files\n"
        "rules = load_rule_files(default_rule_files())\n"
        "cues = rules[0].language.sentence_cues.values()\n"
        "cache, *paths = sys.argv[1:]\n"
        "options = RunOptions(jobs=1) if cache == '-' else RunOptions(\n"
        "    jobs=1, cache=Cache(Path(cache)),\n"
        "    rules_fingerprint=rules_fingerprint(default_rule_files()))\n"
        "results = check_paths([Path(p) for p in paths], rules, options=options)\n"
        "assert all(r.rules and not r.errors for r in results)\n"
        "print(sum(len(c._compiled) for c in cues), sum(len(c._texts) for c in cues))\n"
    )
    one = [str(EXAMPLES / "mangelfull.pdf")]
    several = [*one, str(EXAMPLES / "mangelfull.docx")]
    cache = str(tmp_path / "cache")
    outputs = []
    for paths in (["-", *one], ["-", *several], [cache, *several], [cache, *several]):
        run = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True,
                             text=True, cwd=tmp_path, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        assert run.returncode == 0, run.stderr
        outputs.append([int(n) for n in run.stdout.split()])
    [(compiled_one, total), (compiled_several, total_again), _filling, (compiled_warm, _)] = (
        outputs)
    assert total == total_again > 0
    assert compiled_one == 0
    assert compiled_several == total
    assert compiled_warm == 0


def test_one_long_pdf_with_jobs_gives_the_in_process_verdicts(tmp_path: Path) -> None:
    """Read and judged in child processes, with -j 2: the same report as in-process."""
    pdf = tmp_path / "lang.pdf"
    write_pdf(pdf, 60, seed=5)
    run = _run_cli(["check", str(pdf), "--no-cache", "-j", "2", "--format", "json"], tmp_path, {})
    assert run.stderr == ""
    [agreement] = json.loads(run.stdout)["agreements"]
    assert agreement["errors"] == [] and len(agreement["rules"]) == 14
    from samlint.matching import check_agreement

    here = check_agreement([read_document(pdf, str(pdf))], RULES)
    assert [(r["id"], r["status"], r["message"]) for r in agreement["rules"]] == [
        (r.rule_id, r.status.value, r.message) for r in here]
    missing = any(r["status"] == "missing" for r in agreement["rules"])
    assert run.returncode == (1 if missing else 0)


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``samlint check … | head -c 10``: a reader of the output that stops early
    must not produce a traceback or 'Exception ignored' noise (``cli.run``)."""
    script = (f'PYTHONPATH="{REPO / "src"}" "{sys.executable}" -m samlint check '
              f'"{EXAMPLES / "komplett"}" "{EXAMPLES / "mangelfull.pdf"}" --no-cache | head -c 10')
    run = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert len(run.stdout) == 10
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


def test_the_console_script_exits_with_the_run_s_status(tmp_path: Path) -> None:
    from samlint import cli

    assert callable(cli.run)
    missing = _run_cli(["check", str(tmp_path / "finnes-ikke.pdf")], tmp_path, {})
    covered = _run_cli(["check", str(EXAMPLES / "komplett"), "--no-cache"], tmp_path, {})
    version = _run_cli(["--version"], tmp_path, {})
    assert (missing.returncode, covered.returncode, version.returncode) == (2, 0, 0)
    assert version.stdout.startswith("samlint ")
    assert "finnes-ikke.pdf" in missing.stderr


def test_a_cold_run_leaves_complete_cache_entries_and_no_temporary_files(
        tmp_path: Path) -> None:
    """Both entries are whole when the command has returned (each is written to a
    temporary file and renamed), and nothing half-written is left behind."""
    cache = tmp_path / "cache"
    run = _run_cli(["check", str(EXAMPLES / "mangelfull.pdf")], tmp_path,
                   {"SAMLINT_CACHE_DIR": str(cache)})
    assert run.returncode == 1, run.stderr
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3  # the extracted document, the verdicts and the parsed rules
    for entry in entries:
        assert json.loads(entry.read_text(encoding="utf-8"))["schema"] == 1
    assert not [p for p in cache.rglob(".tmp-*")]


def test_a_report_to_a_pipe_is_written_without_rich(tmp_path: Path) -> None:
    """Off a terminal the text report is plain (see ``reporting.text``), so a
    hook's run never imports rich; the report itself is checked against rich
    in test_reporting."""
    code = (
        "import sys\n"
        "from samlint.cli import app\n"
        f"try:\n    app(['check', '--no-cache', {str(EXAMPLES / 'mangelfull.docx')!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    assert _last_line_printed(code, cwd=tmp_path) == "[]"


