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


def test_parallel_page_extraction_equals_serial(tmp_path: Path) -> None:
    pdf = tmp_path / "lang.pdf"
    write_pdf(pdf, 60, seed=3)
    serial = read_document(pdf, "lang.pdf", workers=1)
    parallel = read_document(pdf, "lang.pdf", workers=2)
    assert parallel.blocks == serial.blocks
    assert parallel.furniture == serial.furniture
    assert serial.page_count == 60
    assert all(b.page is not None and 1 <= b.page <= 60 for b in serial.blocks)


def test_where_no_process_can_be_copied_a_long_pdf_is_read_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Page helpers get the open document by being copies of the reader; a
    helper started any other way would get a handle that means nothing."""
    from samlint.documents import pdf as pdf_reader

    pdf = tmp_path / "lang.pdf"
    write_pdf(pdf, 60, seed=3)
    serial = read_document(pdf, "lang.pdf", workers=1)
    monkeypatch.setattr(pdf_reader, "can_fork", lambda: False)
    monkeypatch.setattr(pdf_reader, "ChildCall",
                        lambda *args, **kwargs: pytest.fail("a page helper was started"))
    assert read_document(pdf, "lang.pdf", workers=2).blocks == serial.blocks


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


def test_checking_a_docx_never_imports_a_pdf_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from samlint.engine import RunOptions, check_paths\n"
        "from samlint.rules import default_rule_files, load_rule_files\n"
        f"check_paths([Path({str(EXAMPLES / 'mangelfull.docx')!r})],"
        " load_rule_files(default_rule_files()), options=RunOptions(jobs=1))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pypdfium2', 'pdfplumber'}"
        " or m == 'samlint.documents.pdfium'),"
        " 'libpdfium' in Path('/proc/self/maps').read_text())\n"
    )
    assert _last_line_printed(code, cwd=tmp_path) == "[] False"


def test_long_pdf_is_read_with_page_workers_inside_the_reader_process(tmp_path: Path) -> None:
    """The reader runs in a child process; a long PDF starts page workers from there."""
    pdf = tmp_path / "lang.pdf"
    write_pdf(pdf, 60, seed=5)
    run = _run_cli(["check", str(pdf), "--no-cache", "-j", "2", "--format", "json"], tmp_path, {})
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    [agreement] = json.loads(run.stdout)["agreements"]
    assert agreement["errors"] == [] and len(agreement["rules"]) == 14


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``samlint check … | head -1``: the console script ends without interpreter
    clean-up (``cli.run``); a reader that stops early must not produce a traceback
    or 'Exception ignored' noise, and the reader process must not outlive it."""
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
    """The reader writes the document's cache entry after handing the document
    over, and the process ends at once after the report: the write must still
    be complete when the command has returned."""
    cache = tmp_path / "cache"
    run = _run_cli(["check", str(EXAMPLES / "mangelfull.pdf")], tmp_path,
                   {"SAMLINT_CACHE_DIR": str(cache)})
    assert run.returncode == 1, run.stderr
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2  # the extracted document and the verdicts
    for entry in entries:
        assert json.loads(entry.read_text(encoding="utf-8"))["schema"] == 1
    assert not [p for p in cache.rglob(".tmp-*")]


def _modules_in_reader() -> list[str]:
    """The parsers loaded in this process; 'pdfium' is PDFium itself, bound by samlint."""
    loaded = {m.split(".")[0] for m in sys.modules} & {"pypdfium2", "docx", "rapidfuzz"}
    pdfium = sys.modules.get("samlint.documents.pdfium")
    if pdfium is not None and pdfium._LIBRARY is not None:
        loaded.add("pdfium")
    return sorted(loaded)


@pytest.mark.parametrize(("files", "expected"), [
    (["avtale.pdf"], ["pdfium", "rapidfuzz"]),
    (["avtale.docx"], []),  # the DOCX reader is our own, on lxml
    (["avtale.txt", "delavtale.md"], []),
])
def test_the_reader_started_early_imports_only_what_the_named_files_need(
        files: list[str], expected: list[str]) -> None:
    """Run in a fresh interpreter: the reader is forked from it, and must not
    inherit parsers the test process happens to have imported."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from samlint import engine\n"
        "from test_engine_speed_features import _modules_in_reader\n"
        f"engine.start_reader([Path(name) for name in {files!r}])\n"
        "print(engine._READER.call(_modules_in_reader, (), 30))\n"
        "engine.stop_reader()\n"
    )
    assert _last_line_printed(code) == repr(expected)


def test_a_reader_that_was_never_called_is_stopped_without_waiting() -> None:
    """A warm run starts the reader early and then finds everything in the
    cache; ending the run must not wait for the reader's imports."""
    import time

    from samlint.sandbox import Sandbox

    sandbox = Sandbox()
    sandbox.start(lambda: time.sleep(30))
    started = time.monotonic()
    sandbox.finish(grace=20)
    assert time.monotonic() - started < 10
    assert sandbox._process is None


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


def test_checking_one_long_pdf_never_imports_multiprocessing(tmp_path: Path) -> None:
    """The head start, the page workers and the judging partner are forked by
    the sandbox itself: multiprocessing costs 25 ms to import, before the
    head start's fork and again in the run's own process. (A run of many
    agreements still uses its pool.)"""
    long_pdf = tmp_path / "lang.pdf"
    write_pdf(long_pdf, 110, seed=5)  # enough blocks for a judging partner too
    code = (
        "import os, sys\n"
        "from samlint import entry\n"
        f"sys.argv = ['samlint', 'check', '--no-cache', '--exit-zero', '-j', '2',"
        f" {str(long_pdf)!r}]\n"
        "real_exit, main = os._exit, os.getpid()\n"
        "def report(status):\n"
        "    if os.getpid() == main:\n"
        "        sys.stdout.flush()\n"
        "        print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'multiprocessing', 'concurrent'}), flush=True)\n"
        "    real_exit(status)\n"
        "os._exit = report\n"
        "entry.run()\n"
    )
    assert _last_line_printed(code, cwd=tmp_path) == "[]"
