"""The per-file time limit: ``samlint.sandbox`` and how the engine and CLI use it.

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
import statistics
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
from samlint.sandbox import (
    RemoteError,
    RemoteTraceback,
    SandboxCrash,
    SandboxTimeout,
    call_with_timeout,
)

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
EXAMPLES = REPO / "examples"
TIMEOUT_MESSAGE = re.compile(
    r"lesingen tok mer enn 0,5 sekunder og ble stoppet – filen kan være skadet eller laget for "
    r"å henge programmet"
)


# ----------------------------------------------------------- helpers run in the child


def _add(a: int, b: int, *, c: int = 0) -> int:
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


# ------------------------------------------------------------------ call_with_timeout


def test_result_comes_back() -> None:
    assert call_with_timeout(_add, (1, 2), 10, kwargs={"c": 4}) == 7


def test_document_error_comes_back_with_its_code_and_message() -> None:
    with pytest.raises(DocumentError) as caught:
        call_with_timeout(_raise_document_error, (), 10)
    assert caught.value.code == "encrypted"
    assert caught.value.message == "PDF-en er passordbeskyttet"


def test_unexpected_error_keeps_its_type_and_the_child_traceback() -> None:
    with pytest.raises(ValueError, match="noe gikk galt i leseren") as caught:
        call_with_timeout(_raise_value_error, (), 10)
    cause = caught.value.__cause__
    assert isinstance(cause, RemoteTraceback)
    assert "_raise_value_error" in str(cause)  # where it happened, for --debug


def test_unpicklable_error_and_result_become_remote_errors() -> None:
    with pytest.raises(RemoteError, match="_Unpicklable: kan ikke sendes"):
        call_with_timeout(_raise_unpicklable, (), 10)
    with pytest.raises(RemoteError):
        call_with_timeout(_return_unpicklable, (), 10)


def test_timeout_is_a_timeout_error_and_kills_the_child(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    started = time.monotonic()
    with pytest.raises(SandboxTimeout) as caught:
        call_with_timeout(_sleep_forever, (pid_file,), 0.5)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.seconds == 0.5
    assert time.monotonic() - started < 5
    assert not _alive(int(pid_file.read_text()))


def test_a_hang_inside_c_code_is_stopped() -> None:
    """What signal.alarm cannot do: the handler would wait for the regex to finish."""
    started = time.monotonic()
    with pytest.raises(SandboxTimeout):
        call_with_timeout(_hang_in_c, (), 0.5)
    assert time.monotonic() - started < 5


def test_timeout_also_kills_workers_the_child_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(SandboxTimeout):
        call_with_timeout(_spawn_grandchild_and_hang, (pid_file,), 1.0)
    assert _wait_dead(int(pid_file.read_text()))


def test_a_crash_in_the_child_is_reported_not_shared() -> None:
    with pytest.raises(SandboxCrash, match="SIGSEGV") as caught:
        call_with_timeout(_segfault, (), 10)
    assert caught.value.exitcode == -signal.SIGSEGV
    with pytest.raises(SandboxCrash, match="exit status 3"):
        call_with_timeout(_exit_quietly, (), 10)


def test_no_limit_still_runs_isolated() -> None:
    assert call_with_timeout(os.getpid, (), None) != os.getpid()


@pytest.mark.parametrize("seconds", [0, -1.0])
def test_a_limit_must_be_positive(seconds: float) -> None:
    with pytest.raises(ValueError):
        call_with_timeout(_add, (1, 2), seconds)


def test_buffered_output_of_the_parent_is_not_written_twice() -> None:
    """A forked child inherits unflushed stdout; it must never flush it again."""
    script = textwrap.dedent("""
        import sys
        from samlint.sandbox import call_with_timeout
        sys.stdout.write("en gang")
        for _ in range(3):
            call_with_timeout(len, ("abc",), 10)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60)
    assert result.stdout == "en gang"


def test_overhead_is_a_few_milliseconds_per_file() -> None:
    """Measured over the example PDF with its reader already imported.

    Fork plus pipe costs about 2 ms on a laptop and 6–9 ms on a small CI VM;
    the bound is generous so a loaded runner does not fail the suite.
    """
    path = EXAMPLES / "mangelfull.pdf"
    read_document(path, "x")  # warm: imports and caches
    direct, boxed = [], []
    for _ in range(15):
        start = time.perf_counter()
        read_document(path, "x")
        direct.append(time.perf_counter() - start)
        start = time.perf_counter()
        call_with_timeout(read_document, (path, "x"), 30)
        boxed.append(time.perf_counter() - start)
    overhead = statistics.median(boxed) - statistics.median(direct)
    assert overhead < 0.05, f"sandbox overhead {overhead * 1000:.1f} ms per file"


def test_sandboxed_read_equals_direct_read_also_with_page_workers(tmp_path: Path) -> None:
    """Workers are passed through: a long PDF's page workers run inside the child."""
    sys.path.insert(0, str(Path(__file__).parent))
    import pdfcraft

    pdf = tmp_path / "lang.pdf"
    pdf.write_bytes(pdfcraft.simple([[f"{n}. Punkt nummer {n}", f"Tekst på side {n}."]
                                     for n in range(1, 61)]))
    direct = read_document(pdf, "lang.pdf", workers=1)
    boxed = call_with_timeout(read_document, (pdf, "lang.pdf"), 60, kwargs={"workers": 2})
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
    monkeypatch.setattr(engine._READER, "call",
                        lambda *args, **kwargs: calls.append(args))
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


# ------------------------------------------------------------- the long-lived reader


def test_sandbox_reuses_one_child_and_replaces_it_after_a_timeout() -> None:
    """Forking per file cost most of a national-scale run; one child serves many
    calls, and a call that hangs costs only that child."""
    from samlint.sandbox import Sandbox

    sandbox = Sandbox()
    try:
        assert sandbox.call(_add, (1, 2), 10, kwargs={"c": 4}) == 7
        first = sandbox._process.pid
        assert sandbox.call(_add, (2, 2), 10, kwargs={"c": 1}) == 5
        assert sandbox._process.pid == first
        with pytest.raises(SandboxTimeout):
            sandbox.call(time.sleep, (30,), 0.5)
        assert sandbox._process is None
        assert sandbox.call(_add, (1, 1), 10, kwargs={"c": 1}) == 3
        assert sandbox._process.pid != first
    finally:
        sandbox.close()


def test_work_done_while_waiting_overlaps_the_call(tmp_path: Path) -> None:
    """The caller prepares its next step while the child works, not after it:
    the child here can only finish once the caller's waiting work has run."""
    from samlint.sandbox import Sandbox

    go = tmp_path / "go"
    sandbox = Sandbox()
    try:
        answer = sandbox.call(_wait_for, (go, 20.0), 30, while_waiting=go.touch)
        assert answer == "saw it"
    finally:
        sandbox.close()


def _wait_for(path: Path, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return "never came"
        time.sleep(0.01)
    return "saw it"


def test_an_error_while_waiting_is_raised_and_the_child_replaced() -> None:
    """The answer to the abandoned call must never be read as the next call's."""
    from samlint.sandbox import Sandbox

    def fails() -> None:
        raise RuntimeError("prepare failed")

    sandbox = Sandbox()
    try:
        with pytest.raises(RuntimeError, match="prepare failed"):
            sandbox.call(_add, (1, 2), 10, while_waiting=fails)
        assert sandbox._process is None
        assert sandbox.call(_add, (5, 5), 10) == 10
    finally:
        sandbox.close()


def test_child_call_runs_beside_the_caller_and_cancels_cleanly(tmp_path: Path) -> None:
    from samlint.sandbox import ChildCall

    call = ChildCall(_add, (2, 3), kwargs={"c": 1})
    assert call.result(10) == 6
    call.cancel()  # harmless after the answer
    pid_file = tmp_path / "pid"
    hanging = ChildCall(_sleep_forever, (pid_file,))
    deadline = time.monotonic() + 10
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    hanging.cancel()
    assert _wait_dead(int(pid_file.read_text()))


def _answer_then_write(path: Path, go: Path) -> str:
    from samlint.sandbox import after_answer

    def write() -> None:
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        path.write_text("written after the answer")

    after_answer(write)
    return "answered"


def test_work_after_the_answer_is_finished_before_a_normal_stop(tmp_path: Path) -> None:
    """The reader caches a document after sending it; stopping the reader at the
    end of a run must not cut that write short (only a timeout or crash may)."""
    from samlint.sandbox import Sandbox

    target, go = tmp_path / "after", tmp_path / "go"
    sandbox = Sandbox()
    assert sandbox.call(_answer_then_write, (target, go), 10) == "answered"
    assert not target.exists()  # the answer came first; the write waits for "go"
    go.touch()
    sandbox.finish(grace=30)
    assert target.read_text() == "written after the answer"
    assert sandbox._process is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_with_its_parent_without_importing_ctypes_itself(tmp_path: Path) -> None:
    """A killed run leaves no child behind; the child finds prctl already loaded."""
    script = textwrap.dedent("""
        import os, signal, sys, time
        from samlint.sandbox import ChildCall

        def report_and_sleep():
            print(os.getpid(), "ctypes" in sys.modules, flush=True)
            time.sleep(60)

        ChildCall(lambda: None).result()  # the parent has loaded prctl now
        for name in [m for m in sys.modules if m.split(".")[0] in ("ctypes", "_ctypes")]:
            del sys.modules[name]  # so a child importing ctypes again would show
        ChildCall(report_and_sleep)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)}, cwd=tmp_path)
    assert parent.stdout is not None
    child_pid, imported = parent.stdout.readline().split()
    assert imported == "False"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child_pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{child_pid}").exists()


def test_turns_are_each_taken_once_by_a_parent_and_its_children() -> None:
    from samlint.sandbox import ChildCall, Turns, can_fork

    if not can_fork():
        pytest.skip("turns are shared with forked children")
    turns = Turns(3000)

    def take_all() -> list[int]:
        taken = []
        while (number := turns.take()) is not None:
            taken.append(number)
        return taken

    try:
        children = [ChildCall(take_all) for _ in range(2)]
        mine = take_all()
        theirs = [number for child in children for number in child.result(60)]
    finally:
        turns.close()
    assert sorted(mine + theirs) == list(range(3000))


def test_turns_count_from_zero_and_have_a_limit() -> None:
    from samlint.sandbox import Turns

    turns = Turns(2)
    assert [turns.take(), turns.take(), turns.take()] == [0, 1, None]
    turns.close()
    none = Turns(0)
    assert none.take() is None
    none.close()
    with pytest.raises(ValueError):
        Turns(Turns.LIMIT + 1)


def test_a_swap_passes_one_value_each_way_however_large() -> None:
    from samlint.sandbox import ChildCall, Swap, can_fork

    if not can_fork():
        pytest.skip("a swap is with a forked child")
    swap = Swap()
    large = {"tekst": "x" * 300_000}  # several times a pipe's buffer, both ways

    def partner() -> int:
        swap.in_child()
        swap.send(large)
        return len(swap.receive()["svar"])

    try:
        child = ChildCall(partner)
        swap.in_parent()
        assert swap.receive() == large
        swap.send({"svar": "y" * 200_000})
        assert child.result(60) == 200_000
    finally:
        swap.close()


def test_a_swap_with_a_child_that_died_gives_none() -> None:
    from samlint.sandbox import ChildCall, Swap, can_fork

    if not can_fork():
        pytest.skip("a swap is with a forked child")
    swap = Swap()

    def dies() -> None:
        swap.in_child()
        os._exit(3)

    try:
        child = ChildCall(dies)
        swap.in_parent()
        assert swap.receive() is None
        swap.send({"tekst": "x" * 300_000})  # to nobody: no error, nothing hangs
        child.cancel()
    finally:
        swap.close()
