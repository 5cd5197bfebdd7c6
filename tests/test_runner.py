"""The per-file time limit: ``samlint.runner`` and how the engine and CLI use it.

A hostile PDF can hang PDFium inside one C call, where no Python signal
handler runs; the only cure is a child process that can be killed. These
tests hang the reader on purpose, in Python and in C (a catastrophic regular
expression: CPython's regex engine never checks for signals), and check
that the run ends on time with one plain line, that the child and anything
it started are gone, and that answers and errors come back unchanged.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from samlint import engine
from samlint.documents import Document, DocumentError, read_document
from samlint.documents import text as text_reader
from samlint.engine import RunOptions, check_paths
from samlint.rules import load_rule_files
from samlint.runner import (
    ChildCrash,
    ChildTimeout,
    RemoteError,
    RemoteTraceback,
    call,
    in_order,
    step,
)

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
EXAMPLES = REPO / "examples"
TIMEOUT_MESSAGE = re.compile(
    r"lesingen tok mer enn 0,5 sekunder og ble stoppet – filen kan være skadet eller laget for "
    r"å henge programmet"
)


# ----------------------------------------------------------- helpers run in the child


def _add(a: int, b: int, c: int = 0) -> int:
    return a + b + c


def _raise_document_error() -> None:
    raise DocumentError("encrypted", "PDF-en er passordbeskyttet")


def _raise_value_error() -> None:
    raise ValueError("noe gikk galt i leseren")


class _Unpicklable(Exception):
    def __init__(self, handle: object) -> None:
        super().__init__("kan ikke sendes")
        self.handle = handle


def _raise_unpicklable() -> None:
    raise _Unpicklable(lambda: None)


def _return_unpicklable() -> object:
    return lambda: None


def _sleep_forever(pid_file: Path) -> None:
    pid_file.write_text(str(os.getpid()))
    while True:
        time.sleep(1)


def _hang_in_c() -> None:
    """Catastrophic backtracking: minutes inside _sre, which never looks at signals."""
    re.match(r"(a+)+$", "a" * 64 + "!")


def _spawn_grandchild_and_hang(pid_file: Path) -> None:
    """Like a long PDF read: the child starts a worker of its own, then both hang."""
    pid = os.fork()
    if pid == 0:
        while True:
            time.sleep(1)
    pid_file.write_text(str(pid))
    while True:
        time.sleep(1)


def _segfault() -> None:
    import faulthandler

    faulthandler.disable()  # pytest turns it on; its dump here would only be noise
    os.kill(os.getpid(), signal.SIGSEGV)


def _exit_quietly() -> None:
    os._exit(3)


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _wait_dead(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.02)
    return False


# ------------------------------------------------------------------------------ call


def test_result_comes_back() -> None:
    assert call(_add, (1, 2, 4), seconds=10) == 7


def test_document_error_comes_back_with_its_code_and_message() -> None:
    with pytest.raises(DocumentError) as caught:
        call(_raise_document_error, (), seconds=10)
    assert caught.value.code == "encrypted"
    assert caught.value.message == "PDF-en er passordbeskyttet"


def test_unexpected_error_keeps_its_type_and_the_child_traceback() -> None:
    with pytest.raises(ValueError, match="noe gikk galt i leseren") as caught:
        call(_raise_value_error, (), seconds=10)
    cause = caught.value.__cause__
    assert isinstance(cause, RemoteTraceback)
    assert "_raise_value_error" in str(cause)  # where it happened, for --debug


def test_unpicklable_error_and_result_become_remote_errors() -> None:
    with pytest.raises(RemoteError, match="_Unpicklable: kan ikke sendes"):
        call(_raise_unpicklable, (), seconds=10)
    with pytest.raises(RemoteError):
        call(_return_unpicklable, (), seconds=10)


def test_timeout_is_a_timeout_error_and_kills_the_child(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    started = time.monotonic()
    with pytest.raises(ChildTimeout) as caught:
        call(_sleep_forever, (pid_file,), seconds=0.5)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.seconds == 0.5
    assert time.monotonic() - started < 5
    assert not _alive(int(pid_file.read_text()))


def test_a_hang_inside_c_code_is_stopped() -> None:
    """What signal.alarm cannot do: the handler would wait for the regex to finish."""
    started = time.monotonic()
    with pytest.raises(ChildTimeout):
        call(_hang_in_c, (), seconds=0.5)
    assert time.monotonic() - started < 5


def test_timeout_also_kills_workers_the_child_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(ChildTimeout):
        call(_spawn_grandchild_and_hang, (pid_file,), seconds=1.0)
    assert _wait_dead(int(pid_file.read_text()))


def test_a_crash_in_the_child_is_reported_not_shared() -> None:
    with pytest.raises(ChildCrash, match="SIGSEGV") as caught:
        call(_segfault, (), seconds=10)
    assert caught.value.how == "SIGSEGV"
    with pytest.raises(ChildCrash, match="exit status 3"):
        call(_exit_quietly, (), seconds=10)


def test_no_limit_still_runs_isolated() -> None:
    assert call(os.getpid, (), seconds=None) != os.getpid()


@pytest.mark.parametrize("seconds", [0, -1.0])
def test_a_limit_must_be_positive(seconds: float) -> None:
    with pytest.raises(ValueError):
        call(_add, (1, 2), seconds=seconds)


def test_buffered_output_of_the_parent_is_not_written_twice() -> None:
    """A forked child inherits unflushed stdout; it must never flush it again."""
    script = textwrap.dedent("""
        import sys
        from samlint.runner import call
        sys.stdout.write("en gang")
        for _ in range(3):
            call(len, ("abc",), seconds=10)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60)
    assert result.stdout == "en gang"


def test_overhead_is_a_few_milliseconds_per_file() -> None:
    """Measured over the example PDF with its reader already imported, in a fresh
    interpreter the size of a samlint run (this test process is far larger after
    hundreds of tests, and a fork's cost grows with the process it copies).

    Fork plus pipe costs about 5 ms on a laptop and 6–9 ms on a small CI VM;
    the bound is generous so a loaded runner does not fail the suite.
    """
    script = textwrap.dedent(f"""
        import statistics, time
        from pathlib import Path
        from samlint.documents import read_document
        from samlint.runner import call

        path = Path({str(EXAMPLES / "mangelfull.pdf")!r})
        read_document(path, "x")  # warm: imports and caches
        direct, boxed = [], []
        for _ in range(15):
            start = time.perf_counter()
            read_document(path, "x")
            direct.append(time.perf_counter() - start)
            start = time.perf_counter()
            call(read_document, (path, "x"), seconds=30)
            boxed.append(time.perf_counter() - start)
        print(statistics.median(boxed) - statistics.median(direct))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert run.returncode == 0, run.stderr
    overhead = float(run.stdout)
    assert overhead < 0.05, f"child-process overhead {overhead * 1000:.1f} ms per file"


def test_a_read_in_the_child_equals_a_direct_read(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    import pdfcraft

    pdf = tmp_path / "lang.pdf"
    pdf.write_bytes(pdfcraft.simple([[f"{n}. Punkt nummer {n}", f"Tekst på side {n}."]
                                     for n in range(1, 61)]))
    direct = read_document(pdf, "lang.pdf")
    boxed = call(read_document, (pdf, "lang.pdf"), seconds=60)
    assert isinstance(boxed, Document)
    assert boxed.blocks == direct.blocks
    assert boxed.page_count == direct.page_count == 60


# ---------------------------------------------------------------------------- engine


def _agreement(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with a good text file and one that will hang."""
    folder = tmp_path / "avtale"
    folder.mkdir()
    good = folder / "a-hovedavtale.md"
    good.write_text("# Samarbeidsavtale\n\nKommunen og helseforetaket samarbeider.\n",
                    encoding="utf-8")
    hanging = folder / "b-henger.txt"
    hanging.write_text("Denne filen henger leseren.\n", encoding="utf-8")
    return folder, hanging


def test_run_options_default_limit_is_generous() -> None:
    assert RunOptions().timeout == 120.0


def test_engine_reports_a_hanging_file_and_checks_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rules: Path
) -> None:
    folder, hanging = _agreement(tmp_path)
    original = text_reader.read_text

    def hang_on_one(path: Path, display: str) -> Document:
        if path.name == hanging.name:
            _hang_in_c()
        return original(path, display)

    monkeypatch.setattr(text_reader, "read_text", hang_on_one)
    started = time.monotonic()
    [result] = check_paths([folder], load_rule_files([mini_rules]),
                           options=RunOptions(timeout=0.5))
    assert time.monotonic() - started < 10
    [error] = result.errors
    assert error.file.endswith("b-henger.txt")
    assert error.code == "timeout"
    assert TIMEOUT_MESSAGE.fullmatch(error.message)
    assert result.rules  # the other file was still judged


def test_engine_reports_a_crashing_reader_as_one_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rules: Path
) -> None:
    folder, _hanging = _agreement(tmp_path)
    monkeypatch.setattr(text_reader, "read_text", lambda path, display: _segfault())
    [result] = check_paths([folder], load_rule_files([mini_rules]), options=RunOptions())
    assert {e.code for e in result.errors} == {"corrupt"}
    assert all("stoppet uventet" in e.message for e in result.errors)


def test_cache_hits_do_not_start_a_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         mini_rules: Path) -> None:
    from samlint.cache import Cache

    folder, _hanging = _agreement(tmp_path)
    options = RunOptions(cache=Cache(tmp_path / "cache"), rules_fingerprint="x")
    rules = load_rule_files([mini_rules])
    first = check_paths([folder], rules, options=options)
    calls: list[object] = []
    monkeypatch.setattr(engine.runner, "call", lambda *args, **kwargs: calls.append(args))
    assert check_paths([folder], rules, options=options) == first
    assert calls == []


# ------------------------------------------------------------------------- the CLI


def _run_patched_cli(patch: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``samlint`` as a real process, with one reader function replaced first."""
    script = textwrap.dedent(f"""
        import re, sys, time
        import samlint.documents.text as text_reader
        {patch}
        from samlint.cli import app
        sys.argv[0] = "samlint"
        app()
    """)
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=60)


def test_cli_timeout_option_stops_a_reader_hanging_in_c(tmp_path: Path) -> None:
    _folder, hanging = _agreement(tmp_path)
    patch = 'text_reader.read_text = lambda p, d: re.match(r"(a+)+$", "a" * 64 + "!")'
    started = time.monotonic()
    result = _run_patched_cli(patch, "check", str(hanging), "--no-cache", "--timeout", "0.5",
                              cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("samlint: avtale/b-henger.txt: ")
    assert TIMEOUT_MESSAGE.search(line)


def test_cli_timeout_must_be_positive(tmp_path: Path) -> None:
    _folder, hanging = _agreement(tmp_path)
    result = _run_patched_cli("", "check", str(hanging), "--timeout", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------- the process tree


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A killed run (a cancelled CI job) leaves no reader spinning behind it."""
    script = textwrap.dedent("""
        import os, time
        from samlint.runner import call

        def report_and_sleep():
            print(os.getpid(), flush=True)
            time.sleep(60)

        call(report_and_sleep, (), seconds=None)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)}, cwd=tmp_path)
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    assert _alive(child_pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    assert _wait_dead(child_pid, 10)


def test_a_child_over_its_memory_cap_fails_alone() -> None:
    with pytest.raises(MemoryError):
        call(bytearray, (512 * 1024**2,), seconds=30, memory_limit=256 * 1024**2)
    assert len(bytearray(512 * 1024**2)) == 512 * 1024**2  # this process is not capped


# ------------------------------------------------------------------------ in_order


def _square_slowly(n: int) -> tuple[int, int]:
    time.sleep(0.05 * (n % 3))  # finish out of order
    return n * n, os.getpid()


def test_a_pool_gives_results_in_input_order_from_other_processes() -> None:
    answers = list(in_order(_square_slowly, list(range(12)), 2))
    assert [square for square, _pid in answers] == [n * n for n in range(12)]
    assert os.getpid() not in {pid for _square, pid in answers}


class _PickledNever:
    """A function that refuses to be pickled, as rules with compiled cues are costly to be."""

    def __call__(self, n: int) -> tuple[int, int]:
        return _square_slowly(n)

    def __reduce__(self) -> tuple[object, ...]:
        raise AssertionError("in_order pickled its function")


def test_a_pool_gives_each_worker_the_function_once_not_with_every_item() -> None:
    """Forked workers inherit the function as it is (the rules, their cues compiled);
    pickled with each batch, it was built again for every batch."""
    answers = list(in_order(_PickledNever(), list(range(6)), 2))
    assert [square for square, _pid in answers] == [n * n for n in range(6)]
    assert os.getpid() not in {pid for _square, pid in answers}


def test_one_worker_runs_here() -> None:
    assert [pid for _square, pid in in_order(_square_slowly, [1, 2], 1)] == [os.getpid()] * 2


# ---------------------------------------------------------------------------- steps


def _slow_steps(count: int, seconds: float) -> str:
    for _ in range(count):
        time.sleep(seconds)
        step()
    return "ferdig"


def _steps_then(count: int, then: str) -> None:
    for _ in range(count):
        step()
    if then == "hang":
        time.sleep(30)
    _segfault()


def test_each_step_gets_the_whole_limit() -> None:
    """One child reads every file of an agreement, each under the per-file limit."""
    assert call(_slow_steps, (4, 0.3), seconds=0.8) == "ferdig"  # 1.2 s in all


def test_a_timeout_and_a_crash_tell_how_many_steps_were_done() -> None:
    with pytest.raises(ChildTimeout) as hung:
        call(_steps_then, (2, "hang"), seconds=0.5)
    assert hung.value.steps == 2
    with pytest.raises(ChildCrash) as crashed:
        call(_steps_then, (3, "crash"), seconds=10)
    assert crashed.value.steps == 3


def test_a_step_outside_a_child_does_nothing() -> None:
    step()
    assert _slow_steps(2, 0) == "ferdig"
