"""Run a check: read the files of each agreement, then judge them together.

Reading and judging are kept apart from the command line so the same run can be
driven from tests or other tools, and so a file that cannot be read costs only
that file, never the rest of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from samlint import readahead
from samlint.cache import Cache, file_digest
from samlint.config import Config
from samlint.discover import AgreementSet, display_path, resolve_agreements
from samlint.documents import (
    SUPPORTED_SUFFIXES,
    Document,
    DocumentError,
    preload_reader,
)
from samlint.documents.model import MAX_READ_MEMORY
from samlint.matching import check_agreement
from samlint.results import AgreementResult, FileError
from samlint.rules import Rule
from samlint.sandbox import (
    Sandbox,
    SandboxCrash,
    SandboxTimeout,
    available_cores,
    can_fork,
)

ErrorHook = Callable[[FileError], None]
# One reader process per samlint process (and per pool worker), reused across files.
_READER = Sandbox(memory_limit=MAX_READ_MEMORY)
ProgressHook = Callable[[AgreementResult, int], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a run is carried out; none of it may change a verdict.

    ``jobs``: worker processes (1 = in this process). ``cache``: where
    extracted text and verdicts are kept between runs (None = no cache).
    ``rules_fingerprint``: identifies the rule files, for the verdict cache.
    ``timeout``: seconds one file may take to read before its reader is
    killed (None = no limit); see ``samlint.sandbox``.
    """

    debug: bool = False
    jobs: int = 1
    cache: Cache | None = None
    rules_fingerprint: str = ""
    as_of: date | None = None  # the day date rules measure against (None: today)
    timeout: float | None = 120.0


def default_jobs() -> int:
    return available_cores()


def check_agreement_set(
    agreement: AgreementSet,
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
    options: RunOptions | None = None,
    page_workers: int = 1,
) -> AgreementResult:
    """Judge one agreement set over every file that could be read.

    If no file at all could be read, ``rules`` is left empty instead of
    reporting every rule as missing: a verdict of "missing" would claim the
    agreement lacks the content, when in fact samlint never saw it. The errors
    say why, and the exit status is 2 either way.

    ``on_error`` is told about each unreadable file as soon as it is met, so
    the user sees problems while a long run is still going.
    """
    result, _pages = _check_set(agreement, rules, options or RunOptions(debug=debug),
                                page_workers)
    if on_error is not None:
        for error in result.errors:
            on_error(error)
    return result


def check_paths(
    paths: list[Path],
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
    options: RunOptions | None = None,
    on_progress: ProgressHook | None = None,
    config: Config | None = None,
) -> list[AgreementResult]:
    """Check every PATH argument; results come back in the order given.

    A path that does not exist (or a folder with nothing readable) still gets
    an agreement entry with no files, no rules and one error, so JSON readers
    see every argument accounted for and the summary's error count matches.
    With ``options.jobs`` > 1 the agreements are checked in worker processes;
    the results, and so every report, are identical to a serial run. With a
    ``config`` that declares agreement sets, a file of a set stands for the
    whole set (see ``resolve_agreements``).
    """
    return check_agreements(resolve_agreements(paths, config), rules, debug=debug,
                            on_error=on_error, options=options, on_progress=on_progress)


def check_agreements(
    entries: Sequence[AgreementSet | FileError],
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
    options: RunOptions | None = None,
    on_progress: ProgressHook | None = None,
) -> list[AgreementResult]:
    """Check agreements already resolved from the PATH arguments, in their order.

    Split from ``check_paths`` so the caller can resolve the agreements first
    and know them (for the progress total, waivers and the baseline).
    """
    options = options or RunOptions(debug=debug)
    pending = [entry for entry in entries if isinstance(entry, AgreementSet)]
    checked = iter(_run(pending, rules, options))
    results: list[AgreementResult] = []
    for entry in entries:
        if isinstance(entry, AgreementSet):
            result, pages = next(checked)
        else:
            result, pages = AgreementResult(entry.file, [], [], [entry]), 0
        if on_error is not None:
            for error in result.errors:
                on_error(error)
        if on_progress is not None:
            on_progress(result, pages)
        results.append(result)
    return results


def _run(agreements: list[AgreementSet], rules: list[Rule],
         options: RunOptions) -> Iterator[tuple[AgreementResult, int]]:
    """Check agreements serially or in a pool, yielding in input order as they finish.

    One agreement alone gets the workers for its pages instead (a 1,000-page
    PDF is read in parallel); many agreements get one worker each.
    """
    jobs = max(1, options.jobs)
    if jobs == 1 or len(agreements) <= 1:
        page_workers = jobs if len(agreements) == 1 else 1
        for agreement in agreements:
            yield _check_set(agreement, rules, options, page_workers)
        return
    # Only a run of many agreements needs them (multiprocessing alone costs 25 ms to import).
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    context = get_context("fork") if can_fork() else None
    with ProcessPoolExecutor(max_workers=min(jobs, len(agreements)), mp_context=context,
                             initializer=_init_worker, initargs=(rules, options)) as pool:
        yield from pool.map(_worker_check, agreements, chunksize=1)


_WORKER: tuple[list[Rule], RunOptions] | None = None


def _init_worker(rules: list[Rule], options: RunOptions) -> None:
    global _WORKER
    _WORKER = (rules, options)


def _worker_check(agreement: AgreementSet) -> tuple[AgreementResult, int]:
    assert _WORKER is not None
    rules, options = _WORKER
    return _check_set(agreement, rules, options, 1)


def _check_set(agreement: AgreementSet, rules: list[Rule], options: RunOptions,
               page_workers: int) -> tuple[AgreementResult, int]:
    """The verdicts for one agreement set, from the cache when its bytes are unchanged."""
    files = [display_path(p) for p in agreement.files]
    cache = options.cache
    digests: dict[Path, str] = {}
    verdict_key = ""
    if cache is not None:
        try:
            digests = {path: file_digest(path) for path in agreement.files}
        except OSError:
            digests = {}
        if len(digests) == len(agreement.files):
            verdict_key = cache.verdict_key(
                [(name, digests[path]) for name, path in zip(files, agreement.files, strict=True)],
                f"{options.rules_fingerprint}@{options.as_of or date.today()}",
                agreement.display)
            cached = cache.load_verdicts(verdict_key)
            if cached is not None:
                return cached, 0
    documents: list[Document] = []
    errors: list[FileError] = []
    for path in agreement.files:
        document, error = _read(path, rules, debug=options.debug, cache=cache,
                                digest=digests.get(path), page_workers=page_workers,
                                timeout=options.timeout)
        if document is not None:
            documents.append(document)
        if error is not None:
            errors.append(error)
    results = (check_agreement(documents, rules, options.as_of) if documents
               else [])
    result = AgreementResult(agreement.display, files, results, errors)
    if cache is not None and verdict_key and not errors:
        cache.store_verdicts(verdict_key, result)
    return result, sum(d.page_count or 0 for d in documents)


def start_reader(paths: Sequence[Path]) -> None:
    """Start this process's reader now, importing the parsers the named files need.

    Called before the configuration and rules are loaded, so the reader's
    imports (PDFium alone takes 0.03-0.06 s) are done by the time the first
    file is sent to it. Only file types named on the command line are
    preloaded: a run on DOCX files never loads PDFium.
    """
    suffixes = sorted({path.suffix.lower() for path in paths
                       if path.suffix.lower() in SUPPORTED_SUFFIXES
                       and not readahead.covers(path)})
    if suffixes:
        _READER.start(lambda: [preload_reader(Path(f"file{suffix}")) for suffix in suffixes])


def stop_reader() -> None:
    """Stop this process's reader child once it has written what it caches
    (before the process ends without clean-up)."""
    _READER.finish()


def _prepare_here(path: Path, rules: list[Rule], *, parser: bool = True) -> None:
    """What this process needs next, made ready while the reader reads.

    The parser for the file type, so that a reader started later (a new
    one after a timeout, or after ``Sandbox.RECYCLE_AFTER`` files) inherits
    it instead of importing it again; the matcher, which judges the file
    once it is read; and the rules' terms, parsed. Each is done once per
    process; later calls find it done at once.
    """
    if parser:
        preload_reader(path)
    from samlint.matching import prepare_rules

    prepare_rules(rules)


def _read_ahead(path: Path, display: str, rules: list[Rule],
                timeout: float | None) -> Document | None:
    """The document the console script started reading before the CLI was loaded
    (``samlint.readahead``), or None when this file was not read ahead.

    Errors are raised as the reader's would be: the child read the file the
    same way, under the same memory and time limits.
    """
    reading = readahead.take(path)
    if reading is None:
        return None
    _prepare_here(path, rules, parser=False)  # the child has its parser; this process needs none
    document: Document | None = reading.result(timeout, let_finish=True)
    if document is not None:
        document.display = display
    return document


def _read(path: Path, rules: list[Rule], *, debug: bool, cache: Cache | None = None,
          digest: str | None = None, page_workers: int = 1,
          timeout: float | None = 120.0) -> tuple[Document | None, FileError | None]:
    """Read one file, turning any failure into a FileError.

    A bug in a reader for one odd file must not hide the verdicts for the
    other agreements, so unexpected exceptions become a file error too, unless
    the user asked for the traceback with --debug. The reader runs in a child
    process that is killed after ``timeout`` seconds, because a hostile PDF can
    hang PDFium where no Python code runs (``samlint.sandbox``); the page
    workers of a long PDF are started inside that child and die with it.
    """
    display = display_path(path)
    key = cache.document_key(digest, path.suffix) if cache is not None and digest else ""
    if key:
        cached = cache.load_document(key, path, display)  # type: ignore[union-attr]
        if cached is not None:
            return cached, None
    try:
        document = _read_ahead(path, display, rules, timeout)
        if document is None:
            document = _READER.call(readahead.read_and_cache,
                                    (path, display, page_workers, cache if key else None, key),
                                    timeout, while_waiting=lambda: _prepare_here(path, rules))
        return document, None
    except DocumentError as exc:
        return None, FileError(display, exc.code, exc.message)
    except SandboxTimeout as exc:
        seconds = f"{exc.seconds:g}".replace(".", ",")
        return None, FileError(display, "timeout", (
            f"lesingen tok mer enn {seconds} sekunder og ble stoppet – filen kan være skadet "
            "eller laget for å henge programmet"))
    except SandboxCrash as exc:
        return None, FileError(display, "corrupt", (
            "lesingen stoppet uventet – filen er trolig skadet eller laget for å krasje "
            f"programmet eller bruke opp minnet; hent en ny kopi av filen (teknisk: {exc.how})"))
    except Exception as exc:
        if debug:
            raise
        message = (
            f"uventet feil under lesing: {type(exc).__name__}: {' '.join(str(exc).split())} "
            "(kjør med --debug for detaljer)"
        )
        return None, FileError(display, "internal", message)
