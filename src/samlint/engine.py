"""Run a check: read the files of each agreement, then judge them together.

Reading and judging are kept apart from the command line so the same run can be
driven from tests or other tools, and so a file that cannot be read costs only
that file, never the rest of the run. Both happen in child processes under the
time limit and memory cap (``samlint.runner``): the files are untrusted, and
so is how long their text takes to judge.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import samlint.documents
import samlint.matching
from samlint import runner
from samlint.cache import Cache, file_digest, rules_fingerprint
from samlint.cache import default_directory as default_cache_directory
from samlint.config import Config, load_project_config
from samlint.discover import AgreementSet, display_path, resolve_agreements
from samlint.documents import Document, DocumentError
from samlint.documents.model import MAX_READ_MEMORY
from samlint.documents.own_output import LeftOut
from samlint.matching import check_agreement
from samlint.results import AgreementResult, FileError, Notice, RuleResult
from samlint.rules import Rule, default_rule_files, load_rule_files, resolve_rule_file

ErrorHook = Callable[[FileError], None]
ProgressHook = Callable[[AgreementResult, int], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a run is carried out; none of it may change a verdict.

    ``jobs``: worker processes (1 = in this process). ``cache``: where
    extracted text and verdicts are kept between runs (None = no cache).
    ``rules_fingerprint``: identifies the rule files, for the verdict cache.
    ``timeout``: seconds one file may take to read, one page to OCR, and one
    agreement to judge, before the process doing it is killed (None = no
    limit); see ``samlint.runner``. ``ocr``: recognise the text of PDF pages without a
    text layer (``--no-ocr`` turns it off; such pages are then named in a
    notice).
    """

    debug: bool = False
    jobs: int = 1
    cache: Cache | None = None
    rules_fingerprint: str = ""
    as_of: date | None = None  # the day date rules measure against (None: today)
    timeout: float | None = 120.0
    ocr: bool = True


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
                as_of: date | None = None, ocr: bool = True) -> RunOptions:
    """The options of a command-line run: every core, the user's cache unless switched off."""
    return RunOptions(debug=debug, jobs=jobs or default_jobs(),
                      cache=Cache(default_cache_directory()) if use_cache else None,
                      rules_fingerprint=rules_fingerprint(files), timeout=timeout,
                      as_of=as_of, ocr=ocr)


def run_rules(files: list[Path], *, use_cache: bool = True) -> list[Rule]:
    """The rule files of a run, parsed; from the user's cache unless it is switched off
    (``rule_cache``: a warm check then never reads YAML)."""
    if not use_cache:
        return load_rule_files(files)
    from samlint.rule_cache import cached_rules

    return cached_rules(files, Cache(default_cache_directory()))


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
    [(results, _pages)] = _check_batch([agreement], rules, options or RunOptions(debug=debug))
    result = results[0]  # a set split by its parties: its first agreement (check_paths has all)
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
    the results, and so every report, are identical to a serial run. A
    discovered folder whose files name different kommuner gives one result
    per kommune (``samlint.agreement_sets``). With a
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
            found, pages = next(checked)
            found[0].notices.extend(_left_out_notice(path) for path in entry.left_out)
            found[0].notices.extend(entry.notices)  # what the folder's links did
            found[0].errors.extend(entry.errors)
        else:
            found, pages = [AgreementResult(entry.file, [], [], [entry])], 0
        for result in found:  # a discovered set split by its parties gives several
            if on_error is not None:
                for error in result.errors:
                    on_error(error)
            results.append(result)
        if on_progress is not None:  # once per entry: the progress bar counts entries
            on_progress(found[0], pages)
    return results


def _left_out_notice(path: Path) -> Notice:
    """A README, CHANGELOG or licence beside the agreement files: not read as part of the
    agreement, and said so, so that nobody believes its text was checked."""
    return Notice(display_path(path), LEFT_OUT_CODE, LEFT_OUT_MESSAGE)


LEFT_OUT_CODE = "not-an-agreement"
LEFT_OUT_MESSAGE = ("regnes ikke som en del av avtalen (README, endringslogg eller lisens) og "
                    "er ikke lest; gi filen et annet navn eller angi avtalesettet i "
                    ".samlint.yaml hvis den hører til avtalen")


Checked = tuple[list[AgreementResult], int]  # a set's agreements (several once split), pages
BATCH = 8  # agreements per child process: at national scale, one process per set cost more
# than reading the set (tens of milliseconds each to start and warm up)


def _run(agreements: list[AgreementSet], rules: list[Rule],
         options: RunOptions) -> Iterator[Checked]:
    """Check agreements in batches, here or (several batches) in a pool, yielding in input order.

    A batch is checked in one child process; batches are small enough that
    the workers share the work evenly.
    """
    size = max(1, min(BATCH, -(-len(agreements) // (4 * max(1, options.jobs)))))
    batches = [agreements[start:start + size] for start in range(0, len(agreements), size)]
    check = functools.partial(_check_batch, rules=rules, options=options,
                              shared=len(batches) > 1)
    if options.jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield from check(batch)
    else:
        for checked in runner.in_order(check, batches, options.jobs):
            yield from checked


def _check_batch(batch: list[AgreementSet], rules: list[Rule],
                 options: RunOptions, shared: bool = False) -> list[Checked]:
    """The verdicts for some agreement sets: from the cache when their bytes are unchanged,
    else read and judged in a child process (and then cached). ``shared``: this process
    starts children for other batches too (``_load_for``)."""
    cache = options.cache
    done: dict[int, Checked] = {}
    keys: dict[int, str] = {}
    digests: dict[Path, str] = {}
    for index, agreement in enumerate(batch):
        if cache is None:
            break
        try:
            found = {path: file_digest(path) for path in agreement.files}
        except OSError:
            continue
        digests.update(found)
        keys[index] = cache.verdict_key(
            [(display_path(path), found[path]) for path in agreement.files],
            f"{options.rules_fingerprint}@{options.as_of or date.today()}"
            + ("" if options.ocr else "@no-ocr"), agreement.display)
        cached = cache.load_verdicts(keys[index])
        if cached is not None:
            done[index] = ([cached], 0)
    todo = [index for index in range(len(batch)) if index not in done]
    if todo:
        checked = _read_and_judge_in_child([batch[i] for i in todo], rules, options, digests,
                                           shared)
        for index, (results, pages) in zip(todo, checked, strict=True):
            done[index] = (results, pages)
            if (cache is not None and index in keys and len(results) == 1
                    and not results[0].errors and not _ocr_missed(results[0].notices, options)):
                cache.store_verdicts(keys[index], results[0])
    return [done[index] for index in range(len(batch))]


Step = tuple[int, int]  # (agreement, file); the file index len(files) stands for the judging


def _read_and_judge_in_child(agreements: list[AgreementSet], rules: list[Rule],
                             options: RunOptions, digests: dict[Path, str],
                             shared: bool = False) -> list[Checked]:
    """Read and judge the agreements in one child process (``samlint.runner``).

    Each file, and each agreement's judging, is one step with the full time
    limit. When a step hangs or crashes the child, it gets its error and a
    new child does the batch again without it (so the other files' errors and
    verdicts are still reported); at most one more child per failing step.
    """
    _load_for(agreements, rules if shared else None)
    steps = [(a, f) for a, agreement in enumerate(agreements)
             for f in range(len(agreement.files) + 1)]
    failed: dict[Step, FileError] = {}
    while True:
        try:
            return runner.call(_read_and_judge, (agreements, rules, options, digests, failed),
                               seconds=options.timeout, memory_limit=MAX_READ_MEMORY)
        except (runner.ChildTimeout, runner.ChildCrash) as exc:
            which, file = steps[exc.steps]
            agreement = agreements[which]
            failed[which, file] = (
                _judging_error(agreement.display, exc) if file == len(agreement.files)
                else _reading_error(display_path(agreement.files[file]), exc))


_LOADED: set[str] = set()  # what this process has loaded for its children: suffixes, "matcher"


def _load_for(agreements: list[AgreementSet], rules: list[Rule] | None) -> None:
    """Load here, once per process, what the agreements' child needs: readers and matcher,
    and with ``rules``, their cues compiled.

    Each child is a copy of this process: what this process has loaded, every
    child has; what it has not, every child loads again (PDFium and the
    matcher's modules take 30-60 ms), at national scale thousands of times.
    The cues are compiled here only for a process that starts several children;
    one child compiles only the cues it uses (20-40 ms less for one agreement).
    """
    for suffix in {path.suffix.lower() for a in agreements for path in a.files} - _LOADED:
        samlint.documents.load_reader(suffix)
        _LOADED.add(suffix)
    if "matcher" not in _LOADED:
        from samlint import agreement_sets  # noqa: F401  (the child splits a set by its parties)
        from samlint.matching import judge  # noqa: F401  (and judges it; 5-10 ms to import)

        _LOADED.add("matcher")
    if rules is not None and "cues" not in _LOADED:
        samlint.matching.prepare_rules(rules)
        _LOADED.add("cues")


def _read_and_judge(agreements: list[AgreementSet], rules: list[Rule], options: RunOptions,
                    digests: dict[Path, str], failed: dict[Step, FileError]
                    ) -> list[Checked]:
    """In the child: for each agreement, each file read (a step each), then judged (a step).

    Steps in ``failed`` hung or crashed an earlier child: their errors stand in.
    """
    from samlint import agreement_sets  # loaded before the child started (``_load_for``)

    checked = []
    for which, agreement in enumerate(agreements):
        documents: list[Document] = []
        errors: list[FileError] = []
        left_out: list[Notice] = []
        for index, path in enumerate(agreement.files):
            read, problem = (([], failed[which, index]) if (which, index) in failed
                             else _read_file(path, options, digests.get(path)))
            runner.step()
            documents.extend(read)
            for item in [problem] if isinstance(problem, Problem) else problem or []:
                (left_out if isinstance(item, Notice) else errors).append(item)
        judging = (which, len(agreement.files))
        if judging in failed:
            errors.append(failed[judging])

        def judge(part: list[Document], display: str = agreement.display,
                  judging: Step = judging, errors: list[FileError] = errors
                  ) -> list[RuleResult]:
            if judging in failed or not part:
                return []
            try:
                return check_agreement(part, rules, options.as_of)
            except MemoryError:  # over the memory cap; the error says which agreement
                errors.append(_judging_error(display, MemoryError()))
                return []

        # A discovered folder may hold several kommuners' agreements: one result each.
        judged = agreement_sets.judge_set(
            agreement.display, [display_path(p) for p in agreement.files], documents, errors,
            judge, declared=agreement.name is not None, left_out=left_out)
        runner.step()
        checked.append((judged, sum(d.page_count or 0 for d in documents)))
    return checked


Problem = FileError | Notice  # a file not read (an error), or left out (a notice)


def _read_file(path: Path, options: RunOptions, digest: str | None
               ) -> tuple[list[Document], list[Problem] | Problem | None]:
    """One file of a set: its document, or a zip bundle's documents (``documents.bundle``)."""
    if path.suffix.lower() == samlint.documents.BUNDLE_SUFFIX:  # the reader only for a bundle
        from samlint.documents import bundle

        with _ocr_settings(options):
            return bundle.read_bundle(path, display_path(path), options.debug)
    document, error = _read(path, options, digest)
    return [document] if document is not None else [], error


def _ocr_settings(options: RunOptions, path: Path | None = None) -> Any:
    """The run's OCR options around a read (``documents.ocr``); for a file whose reader never
    uses OCR, nothing (a DOCX then does not load the OCR module)."""
    if path is not None and path.suffix.lower() not in samlint.documents.OCR_SUFFIXES:
        return contextlib.nullcontext()
    from samlint.documents import ocr

    return ocr.settings(enabled=options.ocr, jobs=options.jobs)


def _read(path: Path, options: RunOptions,
          digest: str | None = None) -> tuple[Document | None, Problem | None]:
    """Read one file (from the cache when its bytes were read before); failures become FileErrors,
    and a file that is no part of the agreement (samlint's own report) a notice.

    A bug in a reader for one odd file must not hide the verdicts for the
    other agreements, so unexpected exceptions become a file error too, unless
    the user asked for the traceback with --debug.
    """
    display = display_path(path)
    cache = options.cache
    key = (cache.document_key(digest, path.suffix, ocr=options.ocr)
           if cache is not None and digest else "")
    if key:
        cached = cache.load_document(key, path, display)  # type: ignore[union-attr]
        if cached is not None:
            return cached, None
    try:
        with _ocr_settings(options, path):
            document = samlint.documents.read_document(path, display)
    except LeftOut as exc:
        return None, Notice(display, exc.code, exc.message)
    except DocumentError as exc:
        return None, FileError(display, exc.code, exc.message)
    except Exception as exc:
        if options.debug:
            raise
        message = (
            f"uventet feil under lesing: {type(exc).__name__}: {' '.join(str(exc).split())} "
            "(kjør med --debug for detaljer)"
        )
        return None, FileError(display, "internal", message)
    if key and not _ocr_missed(document.notices, options):
        cache.store_document(key, document)  # type: ignore[union-attr]
    return document, None


def _ocr_missed(notices: Sequence[Notice], options: RunOptions) -> bool:
    """Whether pages went unread although OCR was on (Tesseract missing, or it failed).

    Such a reading is not cached: once Tesseract is installed, the next run
    must read those pages, not serve the notice again.
    """
    return options.ocr and any(n.code in {"no-text-layer", "ocr-failed"} for n in notices)


def _reading_error(display: str, exc: runner.ChildTimeout | runner.ChildCrash) -> FileError:
    from samlint.documents.ocr import OCR_STEP, slow_page

    if isinstance(exc, runner.ChildTimeout) and exc.doing == OCR_STEP:  # the limit is per page
        return FileError(display, "timeout", slow_page(exc.seconds))  # as the notice says it
    if isinstance(exc, runner.ChildTimeout):
        return FileError(display, "timeout", (
            f"lesingen tok mer enn {_seconds(exc)} sekunder og ble stoppet – filen kan være "
            "skadet eller laget for å henge programmet"))
    return FileError(display, "corrupt", (
        "lesingen stoppet uventet – filen er trolig skadet eller laget for å krasje "
        f"programmet eller bruke opp minnet; hent en ny kopi av filen (teknisk: {exc.how})"))


def _judging_error(display: str, exc: BaseException) -> FileError:
    """Judging stopped: a text written to be slow to match would otherwise run for minutes."""
    if isinstance(exc, runner.ChildTimeout):
        return FileError(display, "timeout", (
            f"vurderingen av avtalen tok mer enn {_seconds(exc)} sekunder og ble stoppet – "
            "teksten er uvanlig lang eller laget for å henge programmet; del avtalen opp, "
            "eller gi mer tid med --timeout"), judging=True)
    how = exc.how if isinstance(exc, runner.ChildCrash) else type(exc).__name__
    return FileError(display, "too-large", (
        "vurderingen av avtalen stoppet fordi den brukte for mye minne – teksten er "
        f"uvanlig lang eller laget for å bruke opp minnet (teknisk: {how})"), judging=True)


def _seconds(exc: runner.ChildTimeout) -> str:
    """The limit as a Norwegian number: 0,5 rather than 0.5."""
    return f"{exc.seconds:g}".replace(".", ",")
