"""The head start on reading: the console script's guess, and how the engine uses it."""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from workdir import run_samlint, write

from samlint import engine, readahead
from samlint.cli import app
from samlint.documents import read_document
from samlint.results import FileError
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
TEXT = "# Samarbeidsavtale\n\nPartene samarbeider om utskrivningsklare pasienter.\n"


@pytest.fixture(autouse=True)
def _no_read_ahead_left() -> Iterator[None]:
    yield
    readahead.finish(grace=0)


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    return write(tmp_path / "avtale.md", TEXT)


# ------------------------------------------------------------------ the guess


def test_one_agreement_file_is_read_ahead_with_the_run_s_workers(agreement: Path) -> None:
    assert readahead.guess(["check", str(agreement)], cores=2) == readahead.ReadAhead(
        agreement, 2, True)
    for jobs in (["-j", "1"], ["-j1"], ["--jobs", "1"], ["--jobs=1"]):
        plan = readahead.guess(["check", *jobs, str(agreement), "--no-cache"], cores=2)
        assert plan == readahead.ReadAhead(agreement, 1, False), jobs


@pytest.mark.parametrize("argv", [
    [],
    ["rules"],
    ["explain", "{file}"],
    ["check"],
    ["check", "{file}", "{file}"],  # several paths: workers or sets, no single head start
    ["check", "{file}", "--help"],
    ["check", "{folder}"],
    ["check", "{folder}/finnes-ikke.pdf"],
    ["check", "{folder}/notater.odt"],
    ["check", "{file}", "--jobs", "mange"],
    ["check", "{file}", "--jobs", "0"],
])
def test_no_head_start_when_the_arguments_do_not_name_one_agreement_file(
        argv: list[str], agreement: Path) -> None:
    write(agreement.parent / "notater.odt", "x")
    words = [w.format(file=agreement, folder=agreement.parent) for w in argv]
    assert readahead.guess(words, cores=2) is None


def test_the_values_of_options_are_not_taken_for_paths(agreement: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "baseline.txt", "x")
    plan = readahead.guess(["check", "--baseline", str(other), "--output", str(other),
                            str(agreement)], cores=1)
    assert plan is not None and plan.path == agreement
    assert readahead.guess(["check", "--", str(agreement)], cores=1) is not None


def test_the_guess_knows_every_option_of_check_that_takes_a_value() -> None:
    """The guess is written without importing the CLI; this keeps the two in step."""
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    options = [param for param in command.params if param.param_type_name == "option"]
    taking_values = {name for param in options if not param.is_flag for name in param.opts}
    flags = {name for param in options if param.is_flag for name in param.opts}
    assert taking_values == readahead.VALUE_OPTIONS
    assert "--no-cache" in flags


# ------------------------------------------------------------------ the engine


def test_the_document_read_ahead_is_the_one_the_reader_gives(agreement: Path,
                                                             tmp_path: Path) -> None:
    os.environ["SAMLINT_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        readahead.start(["check", str(agreement), "--no-cache"])
        assert readahead.covers(agreement)
        document, error = engine._read(agreement, load_rule_files(default_rule_files()),
                                       debug=False)
    finally:
        del os.environ["SAMLINT_CACHE_DIR"]
    assert error is None and document is not None
    assert not readahead.covers(agreement)  # taken: once only
    expected = read_document(agreement, document.display)
    assert (document.blocks, document.page_count) == (expected.blocks, expected.page_count)
    assert document.display == "avtale.md" or document.display.endswith("/avtale.md")
    assert not (tmp_path / "cache").exists()  # --no-cache: the child wrote nothing


def test_a_file_changed_since_the_head_start_is_read_again(agreement: Path) -> None:
    readahead.start(["check", str(agreement)])
    write(agreement, TEXT + "\nPartene samarbeider også om jordmortjenester.\n")
    assert readahead.take(agreement) is None
    document, error = engine._read(agreement, load_rule_files(default_rule_files()),
                                   debug=False)
    assert error is None and document is not None
    assert "jordmortjenester" in document.blocks[-1].text


def _hang(plan: readahead.ReadAhead) -> None:
    time.sleep(60)


def _die(plan: readahead.ReadAhead) -> None:
    os._exit(3)


def test_a_head_start_that_hangs_is_stopped_by_the_run_s_time_limit(
        agreement: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readahead, "_read", _hang)
    readahead.start(["check", str(agreement)])
    started = time.monotonic()
    document, error = engine._read(agreement, [], debug=False, timeout=0.5)
    assert time.monotonic() - started < 10
    assert document is None and isinstance(error, FileError) and error.code == "timeout"


def _segfault(plan: readahead.ReadAhead) -> None:
    faulthandler.disable()  # pytest's handler would print a fatal-error report into the log
    os.kill(os.getpid(), signal.SIGSEGV)


@pytest.mark.parametrize(("crash", "how"), [(_die, "exit status 3"), (_segfault, "SIGSEGV")])
def test_a_head_start_that_crashes_is_reported_as_the_reader_s_crash(
        crash: object, how: str, agreement: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readahead, "_read", crash)
    readahead.start(["check", str(agreement)])
    document, error = engine._read(agreement, [], debug=False)
    assert document is None and isinstance(error, FileError) and error.code == "corrupt"
    assert how in error.message


def test_a_head_start_never_asked_for_is_killed_at_the_end_without_waiting(
        agreement: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readahead, "_read", _hang)
    readahead.start(["check", str(agreement)])
    call = readahead._PENDING.call  # type: ignore[union-attr]
    started = time.monotonic()
    readahead.finish(grace=30)
    assert time.monotonic() - started < 10
    assert call._receiver.closed  # cancelled: its process group killed and reaped


# ------------------------------------------------------------------ the console script


def test_the_console_script_s_cold_and_warm_runs_agree(tmp_path: Path) -> None:
    """Cold: the head start reads the PDF and writes the cache after answering;
    warm: the head start finds the cache and the run never asks it."""
    cache = tmp_path / "cache"
    target = EXAMPLES / "mangelfull.pdf"
    cold = run_samlint("check", target, "--format", "json", cwd=tmp_path, cache=cache)
    entries = sorted(cache.rglob("*.json"))
    warm = run_samlint("check", target, "--format", "json", cwd=tmp_path, cache=cache)
    serial = run_samlint("check", target, "--format", "json", "--no-cache", "-j", "1",
                         cwd=tmp_path, cache=tmp_path / "other")
    assert cold.returncode == warm.returncode == serial.returncode == 1, cold.stderr
    assert cold.stdout == warm.stdout == serial.stdout
    assert len(entries) == 2  # the document, written by the head start, and the verdicts
    assert not list(cache.rglob(".tmp-*"))


def test_a_broken_file_read_ahead_gets_the_usual_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "avtale.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    run = run_samlint("check", broken, cwd=tmp_path, cache=tmp_path / "cache")
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "avtale.pdf" in lines[0] and "Traceback" not in run.stderr


def test_the_run_takes_the_document_read_ahead_and_never_asks_its_reader(
        tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from samlint import engine, readahead\n"
        f"argv = ['check', {str(EXAMPLES / 'mangelfull.pdf')!r}, '--no-cache']\n"
        "readahead.start(argv)\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('the reader was asked')\n"
        "engine._READER.call = refuse\n"
        "from samlint.cli import app\n"
        "try:\n    app(argv)\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
                         timeout=120)
    assert run.stdout.strip().splitlines()[-1] == "exit 1", run.stderr
    assert "mangler" in run.stdout.lower() or "missing" in run.stdout.lower()


def test_a_forked_worker_leaves_the_head_start_to_the_process_that_started_it(
        agreement: Path) -> None:
    from samlint.sandbox import call_with_timeout

    readahead.start(["check", str(agreement)])
    seen_in_child = call_with_timeout(
        lambda: (readahead.covers(agreement), readahead.take(agreement) is None), (), 30)
    assert seen_in_child == (False, True)
    assert readahead.covers(agreement)  # still here for this process
