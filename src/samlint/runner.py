"""Where untrusted work runs: a child process per call, a process pool for many agreements.

Why a child process, not a thread or an alarm: a hostile PDF can make PDFium
loop inside one C call, and a pathological text can keep the matcher busy
for minutes. Python runs signal handlers only between bytecodes and a thread
cannot be stopped, but a process can always be killed, and whatever the file
did to its memory (or a crash in C code) dies with it. So files are read and
agreements judged by ``call``, each ``step`` under a time limit, within an
address-space cap (``RLIMIT_AS``: a one-megabyte PDF can inflate to
gigabytes). The child leads its own process group, so a timeout kills it with
anything it started; on Linux it also dies with its parent. ``fork`` where
the platform has it: the child is a copy of this process with everything
imported, so a call costs milliseconds, and test doubles patched in here are
seen there. Each call gets a private temporary folder (``TMPDIR`` in the
child; ``samlint.scratch``). ``in_order`` runs many agreements in a pool.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T, R = TypeVar("T"), TypeVar("R")

class ChildTimeout(TimeoutError):
    """No answer within the limit; the child and its group were killed. ``steps``: the steps
    it finished (``step``); ``doing``: what the step that hung last said it did (``busy``)."""

    def __init__(self, seconds: float, steps: int = 0, doing: str = "") -> None:
        super().__init__(f"no answer within {seconds:g} seconds; the child process was killed")
        self.seconds, self.steps, self.doing = seconds, steps, doing


class ChildCrash(RuntimeError):
    """The child ended without an answer (a crash in C code, the OOM killer); ``steps`` as above."""

    def __init__(self, exitcode: int | None, steps: int = 0) -> None:
        self.steps = steps
        names = {-number.value: number.name for number in signal.Signals}
        self.how = names.get(exitcode or 0, f"exit status {exitcode}")
        super().__init__(f"the child process ended without an answer ({self.how})")


class RemoteError(Exception):
    """An exception from the child that could not come back as itself: its type name and text."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name, self.message = type_name, message

    def __reduce__(self) -> tuple[type[RemoteError], tuple[str, str]]:
        return (type(self), (self.type_name, self.message))


class RemoteTraceback(Exception):
    """The child's traceback, chained as the cause of its re-raised error (shown by --debug)."""


def context() -> Any:
    """``fork`` where the platform has it (imported here: 15-20 ms a warm check never needs)."""
    import multiprocessing
    return multiprocessing.get_context("fork" if hasattr(os, "fork") else None)


def cores() -> int:
    """The cores this process may use (a CI container often gets fewer than the machine)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


_STEP, _BUSY = b"step", b"busy:"
_SENDER: Any = None  # in a child: where ``step`` reports to
_LIMIT: float | None = None  # in a child: the seconds each step may take


def in_child() -> bool:
    """Whether this process is a child of ``call`` (and so the leader of its own process group)."""
    return _SENDER is not None


def time_limit() -> float | None:
    """In a child of ``call``, the seconds a step may take (what it starts stops a bit before)."""
    return _LIMIT


def step() -> None:
    """In a child of ``call``: one piece of the work is done, and the next gets the full limit
    (so one child reads every file of an agreement and judges it, each under its own limit)."""
    _send(_STEP)


def busy(doing: str) -> None:
    """In a child of ``call``: the step makes progress at ``doing`` (an OCR'd page is done),
    so its limit starts again and a timeout names ``doing``: OCR is limited per page."""
    _send(_BUSY + doing.encode())


def _send(message: bytes) -> None:
    if _SENDER is not None:  # a no-op outside a child
        with contextlib.suppress(OSError):
            _SENDER.send_bytes(message)


def call(function: Callable[..., T], args: Sequence[Any] = (), *, seconds: float | None,
         memory_limit: int | None = None) -> T:
    """``function(*args)`` in a child process; each step of it killed after ``seconds``.

    Returns what it returned and raises what it raised (same type, the
    child's traceback as cause); ``ChildTimeout`` when no step ended or
    answer came in time (None: no limit), ``ChildCrash`` when the child
    died without an answer.
    """
    if seconds is not None and not seconds > 0:
        raise ValueError(f"the time limit must be positive, not {seconds!r}")
    for stream in (sys.stdout, sys.stderr):  # or the child writes our buffered output again
        with contextlib.suppress(Exception):
            stream.flush()
    from samlint import scratch as folders  # only a call that starts a child needs it

    receiver, sender = context().Pipe(duplex=False)
    scratch = folders.make()  # private (0700), removed below
    process = context().Process(target=_child, name="samlint-child", args=(
        sender, function, tuple(args), memory_limit, seconds, scratch))
    try:
        process.start()
        sender.close()
        with contextlib.suppress(OSError, AttributeError):
            os.setpgid(process.pid, process.pid)  # also done by the child: whichever runs first
        steps, doing = 0, ""
        while True:
            if not receiver.poll(seconds):
                raise ChildTimeout(seconds or 0.0, steps, doing)
            try:
                data = receiver.recv_bytes()
            except (EOFError, OSError):
                process.join()
                raise ChildCrash(process.exitcode, steps) from None
            if data.startswith(_BUSY):
                doing = data[len(_BUSY):].decode()
            elif data == _STEP:
                steps, doing = steps + 1, ""
            else:
                break
        ok, value, child_traceback = pickle.loads(data)
    finally:
        _stop(process)
        receiver.close()
        folders.remove(scratch)
    if ok:
        return value  # type: ignore[no-any-return]
    raise value from RemoteTraceback(child_traceback)


def _child(sender: Any, function: Callable[..., Any], args: tuple[Any, ...],
           memory_limit: int | None, seconds: float | None, scratch: str) -> None:
    """The child: own process group, capped memory, one call, one answer ``(ok, value, tb)``,
    temporary files (its programs' too, through TMPDIR) in the parent's ``scratch``."""
    global _SENDER, _LIMIT
    import tempfile
    _SENDER, _LIMIT = sender, seconds
    tempfile.tempdir = os.environ["TMPDIR"] = scratch
    with contextlib.suppress(OSError, AttributeError):
        os.setpgid(0, 0)
    _die_with_parent()
    if memory_limit is not None:
        _limit_memory(memory_limit)
    try:
        answer: tuple[bool, Any, str] = (True, function(*args), "")
    except BaseException as exc:  # everything goes back to the parent
        answer = (False, _portable(exc), traceback.format_exc())
    try:
        data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # a result that cannot travel
        data = pickle.dumps((False, RemoteError(type(exc).__name__, str(exc)), ""))
    with contextlib.suppress(OSError):  # the parent may have given up already
        sender.send_bytes(data)
    sender.close()


def _stop(process: Any) -> None:
    """Kill the child's process group (it may have started workers) and reap it."""
    if process.pid is None:  # never started
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)  # an unreaped child keeps its group id ours
    except (OSError, AttributeError):
        with contextlib.suppress(OSError):
            process.kill()
    process.join()
    with contextlib.suppress(Exception):
        process.close()


def _die_with_parent() -> None:
    """On Linux, have this process killed when its parent dies (a cancelled CI job)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes
            ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _limit_memory(limit: int) -> None:
    """Cap this process's address space; never above the hard limit it already has."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RemoteError naming it."""
    with contextlib.suppress(Exception):
        if type(pickle.loads(pickle.dumps(exc))) is type(exc):
            return exc
    return RemoteError(type(exc).__name__, " ".join(str(exc).split()))


def in_order(function: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """``function`` over ``items`` in a pool of ``workers`` processes, in input order."""
    workers = min(workers, len(items))
    if workers <= 1:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # only a run of many agreements needs it

    # Each worker gets the function once, as it starts (a forked one inherits it, the rules'
    # compiled cues too): pickled with every batch, it cost 155 M instructions a batch.
    with ProcessPoolExecutor(max_workers=workers, mp_context=context(),
                             initializer=_install, initargs=(function,)) as pool:
        yield from pool.map(_installed, items, chunksize=1)


_INSTALLED: list[Callable[[Any], Any]] = []  # in a pool worker: the function of ``in_order``


def _install(function: Callable[[Any], Any]) -> None:
    _INSTALLED.append(function)


def _installed(item: Any) -> Any:
    return _INSTALLED[-1](item)
