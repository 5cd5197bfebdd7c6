"""Run one call in a child process that can be killed: the per-file time limit.

Why a process, not a thread or an alarm: a hostile PDF can make PDFium loop
inside a single C call. Python runs signal handlers only between bytecodes,
so ``signal.alarm`` never gets to interrupt it, and a thread cannot be stopped
at all. A child process can always be killed, and whatever the file did to
the child's memory (or a crash in C code) dies with it.

Why ``fork`` where the platform has it: the child starts as a copy of this
process with every module already imported, so a call costs a few
milliseconds rather than the hundreds a fresh interpreter (``spawn``) needs.
Elsewhere the platform's default start method is used; it works, only slower
(the function and its arguments must then be picklable).

The answer travels back through a pipe: the return value, or the exception
the call raised (re-raised here with the same type and attributes, and the
child's traceback chained as its cause so ``--debug`` still shows where it
went wrong).

A memory limit can be set for the child (address space, ``RLIMIT_AS``): a
PDF of one megabyte can inflate to gigabytes, and it is better that the
reader of that one file fails than that the machine starts swapping or the
out-of-memory killer picks some other process.

The child is made the leader of its own process group, so a timeout kills it
together with any workers it started (a long PDF is read by several
processes); on Linux it also dies with its parent, so a samlint that is
itself killed (a CI job cancelled) leaves no reader spinning behind it.

Where the platform can fork, the children and their pipes are made here
with ``os.fork`` and ``os.pipe`` (``_Forked``, ``_Pipe``), not with
``multiprocessing``: importing that costs 25 ms, in the run's own process
and before the head start's fork (``samlint.readahead``), which is the
critical path of a cold check. Elsewhere ``multiprocessing`` starts them.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import io
import os
import pickle
import signal
import sys
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class SandboxTimeout(TimeoutError):
    """The call did not answer within the limit; the child has been killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} seconds; the child process was killed")
        self.seconds = seconds


class SandboxCrash(RuntimeError):
    """The child ended without an answer: killed by a signal (a crash in C code,
    the out-of-memory killer) or exited on its own."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        if exitcode is not None and exitcode < 0:
            try:
                self.how = signal.Signals(-exitcode).name
            except ValueError:
                self.how = f"signal {-exitcode}"
            why = f"killed by {self.how}"
        else:
            self.how = f"exit status {exitcode}"
            why = self.how
        super().__init__(f"the child process ended without an answer ({why})")


class RemoteTraceback(Exception):
    """The child's traceback as text, chained as ``__cause__`` of the re-raised error."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


class RemoteError(Exception):
    """An exception from the child that could not be sent back as itself.

    Keeps its type name and message so the one-line report still says what
    happened.
    """

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message

    def __reduce__(self) -> tuple[type[RemoteError], tuple[str, str]]:
        return (type(self), (self.type_name, self.message))


def can_fork() -> bool:
    """Whether children can start as copies of this process (not on Windows)."""
    return hasattr(os, "fork")


def _context() -> Any:
    """Where the platform cannot fork: ``multiprocessing``'s default way to start children."""
    import multiprocessing

    return multiprocessing.get_context()


def available_cores() -> int:
    """The cores this process may run on (a CI container often gets fewer than the machine)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies; a no-op elsewhere.

    Also used as the initializer of the PDF page workers, which are
    grandchildren of the run and would otherwise outlive a killed reader.
    """
    prctl = _prctl()
    if prctl is not None:
        with contextlib.suppress(Exception):
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@functools.cache
def _prctl() -> Any:
    """libc's ``prctl``, or None off Linux or where it cannot be loaded.

    Loaded by the parent before it forks (``_start``), and a fork inherits
    it: a child that had to import ctypes itself would spend 2-3 ms of its
    start on it, and the matcher's child is on the critical path of a long
    agreement's check.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            return ctypes.CDLL(None, use_errno=True).prctl
    return None


def call_with_timeout(
    function: Callable[..., T],
    args: Sequence[Any] = (),
    seconds: float | None = None,
    *,
    kwargs: Mapping[str, Any] | None = None,
    memory_limit: int | None = None,
) -> T:
    """``function(*args, **kwargs)`` in a child process, killed after ``seconds``.

    Returns what the function returned; raises what it raised (same type,
    same attributes); raises ``SandboxTimeout`` (a ``TimeoutError``) when no
    answer came in time and ``SandboxCrash`` when the child died without
    one. ``seconds`` None means no limit (the call is still isolated).
    ``memory_limit`` caps the child's address space in bytes where the
    platform allows it; going over shows as ``MemoryError`` or a crash.
    """
    if seconds is not None and not seconds > 0:
        raise ValueError(f"the time limit must be positive, not {seconds!r}")
    return ChildCall(function, args, kwargs=kwargs, memory_limit=memory_limit).result(seconds)


class Turns:
    """The numbers 0 to ``count`` - 1, each taken by exactly one process.

    Shared by this process and the children forked after it, for splitting
    pieces of work whose costs differ a lot and are not known beforehand:
    whichever process is free takes the next piece, so neither waits long
    for the other at the end. The numbers sit in a pipe, two bytes each;
    a read that small from a pipe is atomic, so no lock is needed.
    """

    LIMIT = 16_384  # written at once, the numbers must fit in a pipe's 64 kB buffer

    def __init__(self, count: int) -> None:
        if not 0 <= count <= self.LIMIT:
            raise ValueError(f"{count} turns; at most {self.LIMIT}")
        self._reader, writer = os.pipe()
        try:
            os.write(writer, b"".join(number.to_bytes(2, "little") for number in range(count)))
        finally:
            os.close(writer)

    def take(self) -> int | None:
        """The next number, or None when all are taken."""
        taken = os.read(self._reader, 2)
        return int.from_bytes(taken, "little") if taken else None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._reader)


class Swap:
    """One value each way between this process and a child forked after the swap was made.

    Both call ``send`` and ``receive`` once; the parent receives first and
    the child sends first, so neither can block on a full pipe while the
    other does too. ``receive`` gives None when the other side ended
    without sending: each side closes the other's end once forked
    (``in_parent`` right after starting the child, ``in_child`` first
    thing in it), so the connection closes when a process dies.
    """

    def __init__(self) -> None:
        self._parent_end, self._child_end = _new_pipe(duplex=True)
        self._mine: _Pipe | Connection = self._parent_end

    def in_parent(self) -> None:
        self._child_end.close()

    def in_child(self) -> None:
        self._parent_end.close()
        self._mine = self._child_end

    def send(self, value: Any) -> None:
        """Send ``value``; nothing happens if the other side has ended (it shows there)."""
        with contextlib.suppress(OSError):  # BrokenPipeError and the like
            self._mine.send(value)

    def receive(self) -> Any:
        try:
            return self._mine.recv()
        except (EOFError, OSError):
            return None

    def close(self) -> None:
        self._parent_end.close()
        self._child_end.close()


class ChildCall:
    """``function(*args, **kwargs)`` started in a forked child; ``result`` collects it.

    Split from ``call_with_timeout`` so the caller can work while the child
    does: a long PDF is read half here and half in a child started first.
    """

    def __init__(self, function: Callable[..., T], args: Sequence[Any] = (), *,
                 kwargs: Mapping[str, Any] | None = None,
                 memory_limit: int | None = None) -> None:
        self._receiver, sender = _new_pipe(duplex=False)
        self._process = _new_process(
            _child_main, (sender, function, tuple(args), dict(kwargs or {}), memory_limit))
        try:
            _start(self._process)
        except BaseException:
            self._receiver.close()
            raise
        finally:
            sender.close()

    def result(self, seconds: float | None = None, *, let_finish: bool = False) -> Any:
        """The call's return value, or its exception raised here; the child is gone after.

        ``SandboxTimeout`` when no answer came within ``seconds`` (None: wait
        as long as it takes), ``SandboxCrash`` when the child died without one.
        With ``let_finish`` a child that answered is left to do its work after
        answering (``after_answer``); ``finish`` then waits for it.
        """
        answered = False
        try:
            if not self._receiver.poll(seconds):
                raise SandboxTimeout(seconds if seconds is not None else 0.0)
            try:
                data = self._receiver.recv_bytes()
            except (EOFError, OSError):
                self._process.join()
                raise SandboxCrash(self._process.exitcode) from None
            answered = True
            try:
                ok, value, child_traceback = pickle.loads(data)
            except Exception as exc:  # checked in the child, so only a value of an odd type
                raise RemoteError(type(exc).__name__, " ".join(str(exc).split())) from None
        finally:
            if not (answered and let_finish):
                self.cancel()
        if ok:
            return value
        raise value from RemoteTraceback(child_traceback)

    def finish(self, grace: float = 5.0) -> None:
        """Wait up to ``grace`` seconds for the child to end on its own, then kill it."""
        if not self._receiver.closed:
            self._process.join(grace)
        self.cancel()

    def cancel(self) -> None:
        """Kill the child if it still runs; harmless when it has already answered."""
        if self._receiver.closed:
            return
        _stop(self._process)
        self._receiver.close()


def _start(process: Any) -> None:
    """Start a child as the leader of its own process group."""
    # Frozen objects are invisible to the collector, so the child's garbage
    # collections do not touch (and copy) every page it shares with us.
    # Unfrozen again at once: here they must stay collectable.
    _prctl()
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    # Also set here, not only in the child: whichever runs first wins the
    # race, so a kill can never miss a group that does not exist yet.
    with contextlib.suppress(OSError, AttributeError):
        os.setpgid(process.pid, process.pid)


def _stop(process: Any) -> None:
    """Kill the child's whole process group (it may have started workers) and reap it.

    Harmless when the child has already exited: until it is reaped its pid,
    and so its group id, cannot be reused by another process.
    """
    if process.pid is None:  # never started
        return
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            with contextlib.suppress(OSError):
                process.kill()
    else:
        with contextlib.suppress(OSError):
            process.kill()
    process.join()
    with contextlib.suppress(Exception):
        process.close()


def _child_main(connection: _Pipe | Connection, function: Callable[..., Any],
                args: tuple[Any, ...], kwargs: dict[str, Any], memory_limit: int | None) -> None:
    """Run the call and send ``(ok, value, traceback)``; never return normally.

    ``os._exit`` skips interpreter shutdown: no atexit handlers, no flushing
    of stdio buffers copied from the parent, no waiting for threads that
    were running in the parent when it forked (one of them may have held a
    lock that would never be released here).
    """
    try:
        with contextlib.suppress(OSError, AttributeError):
            os.setpgid(0, 0)
        die_with_parent()
        if memory_limit is not None:
            _limit_memory(memory_limit)
        _answer(connection, function, args, kwargs)
        connection.close()
    finally:
        os._exit(0)


_AFTER_ANSWER: list[Callable[[], object]] = []


def after_answer(callback: Callable[[], object]) -> None:
    """Run ``callback`` in this child once its answer is on its way to the parent.

    For work the caller need not wait for, such as writing the extracted
    text to the cache: the parent judges the document meanwhile. Failures
    are ignored (such work must be optional). A child that is stopped
    normally finishes this work first (``Sandbox.close``); one killed for a
    timeout or crash does not.
    """
    _AFTER_ANSWER.append(callback)


def _answer(connection: _Pipe | Connection, function: Callable[..., Any], args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> None:
    """Run one call in the child and send ``(ok, value, traceback)`` to the parent."""
    _AFTER_ANSWER.clear()
    try:
        payload: tuple[bool, Any, str] = (True, function(*args, **kwargs), "")
    except BaseException as exc:  # everything goes back to the parent
        _AFTER_ANSWER.clear()
        payload = (False, _portable(exc), _traceback_text(exc))
    try:
        connection.send(payload)
    except Exception as exc:  # the return value itself could not be pickled
        _AFTER_ANSWER.clear()
        problem = RemoteError(type(exc).__name__, " ".join(str(exc).split()))
        connection.send((False, problem, _traceback_text(exc)))
    while _AFTER_ANSWER:
        with contextlib.suppress(Exception):
            _AFTER_ANSWER.pop(0)()


def _traceback_text(exc: BaseException) -> str:
    import traceback  # only a call that failed needs it

    return "".join(traceback.format_exception(exc))


def _limit_memory(limit: int) -> None:
    """Cap this process's address space; never above the hard limit it already has."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RemoteError describing it."""
    try:
        clone = pickle.loads(pickle.dumps(exc))
    except Exception:
        clone = None
    if isinstance(clone, BaseException) and type(clone) is type(exc):
        return exc
    return RemoteError(type(exc).__name__, " ".join(str(exc).split()))


class Sandbox:
    """A long-lived child process that runs calls one at a time.

    ``call_with_timeout`` forks for every call, which costs tens of
    milliseconds: at national scale (thousands of small files) that was
    most of the run. This child is forked once and serves calls over a
    pipe; it is killed and replaced when a call times out, crashes it, or
    fails in an unexpected way, and after ``RECYCLE_AFTER`` calls so no
    file can leave state behind for long. A pool worker that inherits a
    Sandbox starts its own child (the owner is the process id).
    """

    RECYCLE_AFTER = 200

    def __init__(self, memory_limit: int | None = None) -> None:
        self.memory_limit = memory_limit
        self._process: _Forked | None = None
        self._connection: _Pipe | None = None
        self._owner = 0
        self._calls = 0
        self._finalized_in = 0  # the process whose exit stops our child gracefully

    def call(self, function: Callable[..., T], args: Sequence[Any] = (),
             seconds: float | None = None, *, kwargs: Mapping[str, Any] | None = None,
             while_waiting: Callable[[], object] | None = None) -> T:
        """Run the call in the child; ``while_waiting`` runs here meanwhile.

        That is where the caller prepares what it needs next (imports the
        matcher while the first file is read), so two cores work at once.
        Its time counts against ``seconds``; its errors are raised here.
        """
        if not can_fork() or not _picklable(function):
            # A function that cannot travel over the pipe (a closure, a test's
            # stand-in) is run in a child of its own, which inherits it by fork.
            if while_waiting is not None:
                while_waiting()
            return call_with_timeout(function, args, seconds, kwargs=kwargs,
                                     memory_limit=self.memory_limit)
        if seconds is not None and not seconds > 0:
            raise ValueError(f"the time limit must be positive, not {seconds!r}")
        connection = self._ready()
        connection.send((function, tuple(args), dict(kwargs or {})))
        self._calls += 1
        if while_waiting is not None:
            try:
                while_waiting()
            except BaseException:
                self.close()  # the answer would be read as the next call's
                raise
        if not connection.poll(seconds):
            self.close()
            raise SandboxTimeout(seconds if seconds is not None else 0.0)
        try:
            ok, value, child_traceback = pickle.loads(connection.recv_bytes())
        except (EOFError, OSError):
            exitcode = None
            if self._process is not None:
                self._process.join(timeout=5)
                exitcode = self._process.exitcode
            self.close()
            raise SandboxCrash(exitcode) from None
        if self._calls >= self.RECYCLE_AFTER:
            self.finish()
        if ok:
            return value  # type: ignore[no-any-return]
        if not isinstance(value, Exception) or type(value).__module__.startswith("builtins"):
            self.close()  # not a reader's own error: start clean next time
        raise value from RemoteTraceback(child_traceback)

    def start(self, preload: Callable[[], object] | None = None) -> None:
        """Start the child now; it runs ``preload`` (imports) while this process goes on.

        A no-op where calls run in one-off children (no fork) or when the
        child already runs. The first call waits for the preload to finish,
        and its failure is ignored: the call itself then fails properly.
        """
        if can_fork():
            self._ready(preload)

    def _ready(self, preload: Callable[[], object] | None = None) -> _Pipe:
        if (self._connection is None or self._owner != os.getpid()
                or self._process is None or not self._process.is_alive()):
            if self._owner == os.getpid():
                self.close()
            ours, theirs = _new_pipe(duplex=True)
            process = _Forked(_serve, (theirs, self.memory_limit, ours, preload))
            _start(process)
            theirs.close()
            if self._finalized_in != os.getpid():
                _finish_at_exit(self)
                self._finalized_in = os.getpid()
            self._process, self._connection = process, ours
            self._owner, self._calls = os.getpid(), 0
        return self._connection

    def finish(self, grace: float = 5.0) -> None:
        """Stop the child after the work it does after answering (``after_answer``).

        Closing the pipe ends its loop; it is killed only if it has not ended
        within ``grace`` seconds. The next call starts a new child.
        """
        if self._owner == os.getpid() and self._process is not None and self._calls:
            if self._connection is not None:
                with contextlib.suppress(OSError):
                    self._connection.close()
            self._process.join(grace)
        self.close()  # a child that was never called has nothing to finish

    def close(self) -> None:
        """Kill the child (and any workers it started); the next call starts a new one."""
        if self._owner == os.getpid() and self._process is not None:
            _stop(self._process)
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()
        self._process = self._connection = None


def _picklable(function: Callable[..., Any]) -> bool:
    try:
        pickle.dumps(function)
    except Exception:
        return False
    return True


def _serve(connection: _Pipe, memory_limit: int | None,
           parent_end: _Pipe | None = None,
           preload: Callable[[], object] | None = None) -> None:
    """The child's loop: run each call, send ``(ok, value, traceback)``, until the pipe closes.

    ``parent_end`` is the parent's end of the pipe, which a forked child holds
    a copy of; it is closed first, or the pipe would never close when the
    parent closes its end.
    """
    if parent_end is not None:
        with contextlib.suppress(OSError):
            parent_end.close()
    try:
        with contextlib.suppress(OSError, AttributeError):
            os.setpgid(0, 0)
        die_with_parent()
        if memory_limit is not None:
            _limit_memory(memory_limit)
        if preload is not None:
            with contextlib.suppress(Exception):
                preload()
        while True:
            try:
                function, args, kwargs = connection.recv()
            except (EOFError, OSError):
                break
            _answer(connection, function, args, kwargs)
    finally:
        os._exit(0)


# ------------------------------------------------------- children and their pipes


def _new_pipe(*, duplex: bool) -> tuple[Any, Any]:
    """Two connected ends; with ``duplex`` False the first only reads and the second only writes."""
    if not can_fork():
        return _context().Pipe(duplex=duplex)
    if not duplex:
        reading, writing = os.pipe()
        return _Pipe(reading, None), _Pipe(None, writing)
    first_reads, second_writes = os.pipe()
    second_reads, first_writes = os.pipe()
    return _Pipe(first_reads, first_writes), _Pipe(second_reads, second_writes)


def _new_process(target: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """A child, not yet started, that will run ``target(*args)``."""
    if can_fork():
        return _Forked(target, args)
    return _context().Process(target=target, args=args, name="samlint-sandbox")


class _Pipe:
    """One end of a pipe (or of two, both ways) that carries whole values.

    Each value goes as its pickle after an 8-byte length, so the receiver
    knows when it has all of it; an end whose other side has closed (its
    process died) gives ``EOFError`` on receiving, ``OSError`` on sending.
    The members are those of ``multiprocessing.connection.Connection`` that
    this module uses, so either can serve.
    """

    __slots__ = ("_file", "_reading", "_writing")

    def __init__(self, reading: int | None, writing: int | None) -> None:
        self._reading = reading
        self._writing = writing
        self._file = io.FileIO(reading, "rb", closefd=False) if reading is not None else None

    @property
    def closed(self) -> bool:
        return self._reading is None and self._writing is None

    def send(self, value: Any) -> None:
        self.send_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def send_bytes(self, data: bytes) -> None:
        if self._writing is None:
            raise OSError("this end of the pipe does not write")
        for part in (len(data).to_bytes(8, "little"), data):
            view = memoryview(part)
            while view:
                view = view[os.write(self._writing, view):]

    def recv(self) -> Any:
        return pickle.loads(self.recv_bytes())

    def recv_bytes(self) -> bytearray:
        return self._read_exactly(int.from_bytes(self._read_exactly(8), "little"))

    def poll(self, seconds: float | None = 0.0) -> bool:
        """Whether something can be received (or the other side closed) within ``seconds``."""
        if self._reading is None:
            raise OSError("this end of the pipe does not read")
        return _readable(self._reading, seconds)

    def close(self) -> None:
        for descriptor in (self._reading, self._writing):
            if descriptor is not None:
                with contextlib.suppress(OSError):
                    os.close(descriptor)
        self._reading = self._writing = self._file = None

    def _read_exactly(self, size: int) -> bytearray:
        if self._file is None:
            raise OSError("this end of the pipe does not read")
        buffer = bytearray(size)
        view = memoryview(buffer)
        done = 0
        while done < size:
            got = self._file.readinto(view[done:])
            if not got:
                raise EOFError("the other end of the pipe closed")
            done += got
        return buffer


def _readable(descriptor: int, seconds: float | None) -> bool:
    """Whether ``descriptor`` can be read (or is at its end) within ``seconds`` (None: ever)."""
    import select

    if hasattr(select, "poll"):  # select.select fails on descriptors above 1023
        poller = select.poll()
        poller.register(descriptor, select.POLLIN)
        wait = None if seconds is None else max(0, int(seconds * 1000) + (seconds > 0))
        return bool(poller.poll(wait))
    return bool(select.select([descriptor], [], [], seconds)[0])


class _Forked:
    """A child forked from this process to run ``target(*args)``, which ends it with ``os._exit``.

    The members of ``multiprocessing.Process`` that this module uses. The
    child holds the writing end of a pipe it never closes, so its end can
    be waited for with a time limit (``join``) by waiting for that pipe.
    """

    def __init__(self, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._target = target
        self._args = args
        self.pid: int | None = None
        self.exitcode: int | None = None
        self._ended = False
        self._sentinel: int | None = None

    def start(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # what is buffered is written once, here
            with contextlib.suppress(Exception):
                stream.flush()
        sentinel, held = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(sentinel)
                self._target(*self._args)
            finally:
                os._exit(1)  # the target ends the child itself; getting here is a failure
        os.close(held)
        self.pid, self._sentinel = pid, sentinel

    def is_alive(self) -> bool:
        return self.pid is not None and not self._reap(os.WNOHANG)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the child to end, at most ``timeout`` seconds (None: as long as it takes)."""
        if self.pid is None or self._ended:
            return
        if (timeout is not None and self._sentinel is not None
                and not _readable(self._sentinel, timeout)):
            return
        self._reap(0)

    def kill(self) -> None:
        if self.pid is not None and not self._ended:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        if self._sentinel is not None:
            with contextlib.suppress(OSError):
                os.close(self._sentinel)
            self._sentinel = None

    def _reap(self, flags: int) -> bool:
        """Whether the child has ended, collecting its exit status if it has."""
        if not self._ended and self.pid is not None:
            try:
                pid, status = os.waitpid(self.pid, flags)
            except ChildProcessError:  # collected elsewhere: ended, status unknown
                self._ended = True
            else:
                if pid:
                    self._ended = True
                    self.exitcode = os.waitstatus_to_exitcode(status)
        return self._ended


def _finish_at_exit(sandbox: Sandbox) -> None:
    """Let ``sandbox``'s child finish its work after answering when this process exits.

    A process that exits normally runs ``atexit``; a ``multiprocessing``
    worker (a pool of agreements) ends with ``os._exit`` after running
    multiprocessing's finalizers instead, so there the finalizer is used.
    ``finish`` is harmless twice and in a forked copy of this process.
    """
    atexit.register(_call_if_alive, weakref.WeakMethod(sandbox.finish))
    util = sys.modules.get("multiprocessing.util")
    if util is not None:
        util.Finalize(sandbox, sandbox.finish, exitpriority=10)


def _call_if_alive(method: weakref.WeakMethod) -> None:  # type: ignore[type-arg]
    bound = method()
    if bound is not None:
        bound()
