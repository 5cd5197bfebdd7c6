"""Run a check: read the files of each agreement, then judge them together.

Reading and judging are kept apart from the command line so the same run can be
driven from tests or other tools, and so a file that cannot be read costs only
that file, never the rest of the run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samlint.config import AgreementSet, collect_agreements, display_path
from samlint.documents import Document, DocumentError, read_document
from samlint.matching import check_agreement
from samlint.results import AgreementResult, FileError
from samlint.rules import Rule

ErrorHook = Callable[[FileError], None]


def check_agreement_set(
    agreement: AgreementSet,
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
) -> AgreementResult:
    """Judge one agreement set over every file that could be read.

    If no file at all could be read, ``rules`` is left empty instead of
    reporting every rule as missing: a verdict of "missing" would claim the
    agreement lacks the content, when in fact samlint never saw it. The errors
    say why, and the exit status is 2 either way.

    ``on_error`` is told about each unreadable file as soon as it is met, so
    the user sees problems while a long run is still going.
    """
    documents: list[Document] = []
    errors: list[FileError] = []
    for path in agreement.files:
        document, error = _read(path, debug=debug)
        if document is not None:
            documents.append(document)
        if error is not None:
            errors.append(error)
            if on_error is not None:
                on_error(error)
    results = check_agreement(documents, rules) if documents else []
    files = [display_path(p) for p in agreement.files]
    return AgreementResult(agreement.display, files, results, errors)


def check_paths(
    paths: list[Path],
    rules: list[Rule],
    *,
    debug: bool = False,
    on_error: ErrorHook | None = None,
) -> list[AgreementResult]:
    """Check every PATH argument, in the order given.

    A path that does not exist (or a folder with nothing readable) still gets
    an agreement entry with no files, no rules and one error, so JSON readers
    see every argument accounted for and the summary's error count matches.
    """
    results: list[AgreementResult] = []
    for path in paths:
        agreements, problems = collect_agreements([path])
        for problem in problems:
            if on_error is not None:
                on_error(problem)
            results.append(AgreementResult(problem.file, [], [], [problem]))
        results.extend(
            check_agreement_set(a, rules, debug=debug, on_error=on_error) for a in agreements
        )
    return results


def _read(path: Path, *, debug: bool) -> tuple[Document | None, FileError | None]:
    """Read one file, turning any failure into a FileError.

    A bug in a reader for one odd file must not hide the verdicts for the
    other agreements, so unexpected exceptions become a file error too, unless
    the user asked for the traceback with --debug.
    """
    display = display_path(path)
    try:
        return read_document(path, display), None
    except DocumentError as exc:
        return None, FileError(display, exc.code, exc.message)
    except Exception as exc:
        if debug:
            raise
        message = (
            f"uventet feil under lesing: {type(exc).__name__}: {' '.join(str(exc).split())} "
            "(kjør med --debug for detaljer)"
        )
        return None, FileError(display, "internal", message)
