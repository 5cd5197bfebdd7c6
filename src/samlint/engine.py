"""Run a check: read the files of each agreement, then judge them together.

Reading and judging are kept apart from the command line so the same run can be
driven from tests or other tools, and so a file that cannot be read costs only
that file, never the rest of the run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import samlint.documents
from samlint import runner
from samlint.cache import Cache, file_digest, rules_fingerprint
from samlint.cache import default_directory as default_cache_directory
from samlint.config import (
    AgreementSet,
    Config,
    display_path,
    load_project_config,
    resolve_agreements,
)
from samlint.documents import Document, DocumentError
from samlint.documents.model import MAX_READ_MEMORY
from samlint.matching import check_agreement
from samlint.results import AgreementResult, FileError, RuleResult
from samlint.rules import Rule, default_rule_files, load_rule_files, resolve_rule_file

ErrorHook = Callable[[FileError], None]
ProgressHook = Callable[[AgreementResult, int], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a run is carried out; none of it may change a verdict.

    ``jobs``: worker processes (1 = in this process). ``cache``: where
    extracted text and verdicts are kept between runs (None = no cache).
    ``rules_fingerprint``: identifies the rule files, for the verdict cache.
    ``timeout``: seconds one file may take to read, and one agreement to
    judge, before the process doing it is killed (None = no limit); see
    ``samlint.runner``.
    """

    debug: bool = False
    jobs: int = 1
    cache: Cache | None = None
    rules_fingerprint: str = ""
    as_of: date | None = None  # the day date rules measure against (None: today)
    timeout: float | None = 120.0


class RuleSelectionError(Exception):
    """No usable rule files for the run: one line for the user, exit 2."""


def rule_files(extra: list[Path], *, use_defaults: bool) -> list[Path]:
    """The rule files of a run, in load order.

    A user naming the built-in file again with --rules gets it once, not a
    duplicate-id error about a file they did not think they had loaded twice.
    """
    files: list[Path] = []
    if use_defaults:
        files = default_rule_files()
        if not files:
            raise RuleSelectionError(
                "fant ikke den innebygde regelpakken hol-6-2.yaml – installasjonen er ufullstendig"
            )
    known = {p.resolve() for p in files}
    for path in map(resolve_rule_file, extra):
        if path.resolve() not in known:
            known.add(path.resolve())
            files.append(path)
    if not files:
        raise RuleSelectionError(
            "ingen regler er valgt – bruk --rules FIL eller dropp --no-default-rules"
        )
    return files


def default_jobs() -> int:
    return runner.cores()


def run_options(files: list[Path], *, debug: bool = False, jobs: int | None = None,
                use_cache: bool = True, timeout: float | None = 120.0,
                as_of: date | None = None) -> RunOptions:
    """The options of a command-line run: every core, the user's cache unless switched off."""
    return RunOptions(debug=debug, jobs=jobs or default_jobs(),
                      cache=Cache(default_cache_directory()) if use_cache else None,
                      rules_fingerprint=rules_fingerprint(files), timeout=timeout,
                      as_of=as_of)


def load_rules(extra: list[Path], *, use_defaults: bool,
               config_file: Path | None = None) -> list[Rule]:
    """The built-in pack (unless switched off), the config's rule files, then --rules.

    The config's ids are not checked here: «samlint rules» is how a user finds
    the right id for a config that names a wrong one.
    """
    config = load_project_config(config_file)
    return load_rule_files(rule_files([*config.rules, *extra], use_defaults=use_defaults))


def check_agreement_set(
    agreement: AgreementSet,
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
    options: RunOptions | None = None,
) -> AgreementResult:
    """Judge one agreement set over every file that could be read.

    If no file at all could be read, ``rules`` is left empty instead of
    reporting every rule as missing: a verdict of "missing" would claim the
    agreement lacks the content, when in fact samlint never saw it. The errors
    say why, and the exit status is 2 either way.

    ``on_error`` is told about each unreadable file as soon as it is met, so
    the user sees problems while a long run is still going.
    """
    result, _pages = _check_set(agreement, rules, options or RunOptions(debug=debug))
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
    """Check agreements here, or many of them in a pool, yielding in input order."""
    check = functools.partial(_check_set, rules=rules, options=options)
    if options.jobs <= 1 or len(agreements) <= 1:
        yield from map(check, agreements)
    else:
        yield from runner.in_order(check, agreements, options.jobs)


def _check_set(agreement: AgreementSet, rules: list[Rule],
               options: RunOptions) -> tuple[AgreementResult, int]:
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
        document, error = _read(path, options, digests.get(path))
        if document is not None:
            documents.append(document)
        if error is not None:
            errors.append(error)
    results: list[RuleResult] = []
    if documents:
        judged = _judge(agreement.display, documents, rules, options)
        if isinstance(judged, FileError):
            errors.append(judged)
        else:
            results = judged
    result = AgreementResult(agreement.display, files, results, errors)
    if cache is not None and verdict_key and not errors:
        cache.store_verdicts(verdict_key, result)
    return result, sum(d.page_count or 0 for d in documents)


def _read(path: Path, options: RunOptions,
          digest: str | None = None) -> tuple[Document | None, FileError | None]:
    """Read one file in a child process (``samlint.runner``); any failure becomes a FileError.

    A bug in a reader for one odd file must not hide the verdicts for the
    other agreements, so unexpected exceptions become a file error too, unless
    the user asked for the traceback with --debug.
    """
    display = display_path(path)
    cache = options.cache
    key = cache.document_key(digest, path.suffix) if cache is not None and digest else ""
    if key:
        cached = cache.load_document(key, path, display)  # type: ignore[union-attr]
        if cached is not None:
            return cached, None
    try:
        document = runner.call(samlint.documents.read_document, (path, display),
                               seconds=options.timeout, memory_limit=MAX_READ_MEMORY)
    except DocumentError as exc:
        return None, FileError(display, exc.code, exc.message)
    except runner.ChildTimeout as exc:
        return None, FileError(display, "timeout", (
            f"lesingen tok mer enn {_seconds(exc)} sekunder og ble stoppet – filen kan være "
            "skadet eller laget for å henge programmet"))
    except runner.ChildCrash as exc:
        return None, FileError(display, "corrupt", (
            "lesingen stoppet uventet – filen er trolig skadet eller laget for å krasje "
            f"programmet eller bruke opp minnet; hent en ny kopi av filen (teknisk: {exc.how})"))
    except Exception as exc:
        if options.debug:
            raise
        message = (
            f"uventet feil under lesing: {type(exc).__name__}: {' '.join(str(exc).split())} "
            "(kjør med --debug for detaljer)"
        )
        return None, FileError(display, "internal", message)
    if key:
        cache.store_document(key, document)  # type: ignore[union-attr]
    return document, None


def _judge(display: str, documents: list[Document], rules: list[Rule],
           options: RunOptions) -> list[RuleResult] | FileError:
    """Judge the agreement in a child process, under the same limits as reading a file.

    A text near the extraction limit, written to be slow to match, would
    otherwise keep the run busy for minutes; stopped, it is one error line
    for the agreement (exit 2), and the other agreements are still judged.
    An error in the matcher itself is raised here as it was raised there.
    """
    try:
        return runner.call(check_agreement, (documents, rules, options.as_of),
                           seconds=options.timeout, memory_limit=MAX_READ_MEMORY)
    except runner.ChildTimeout as exc:
        return FileError(display, "timeout", (
            f"vurderingen av avtalen tok mer enn {_seconds(exc)} sekunder og ble stoppet – "
            "teksten er uvanlig lang eller laget for å henge programmet; del avtalen opp, "
            "eller gi mer tid med --timeout"))
    except (runner.ChildCrash, MemoryError) as exc:
        how = exc.how if isinstance(exc, runner.ChildCrash) else "MemoryError"
        return FileError(display, "too-large", (
            "vurderingen av avtalen stoppet fordi den brukte for mye minne – teksten er "
            f"uvanlig lang eller laget for å bruke opp minnet (teknisk: {how})"))


def _seconds(exc: runner.ChildTimeout) -> str:
    """The limit as a Norwegian number: 0,5 rather than 0.5."""
    return f"{exc.seconds:g}".replace(".", ",")
